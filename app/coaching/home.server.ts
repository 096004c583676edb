// A coach's page: drafts to carry on, observations they have recorded, what a manager asked them
// to observe, and the officers of their prison they have not observed yet.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { observationsByCoach, openRequests } from "~db/queries/observations.server";
import { listOfficers } from "~db/queries/reports.server";
import { formatDate, formatDateTime, startOfDay } from "~/domain/dates.server";
import type { Coach } from "~/coaching/observations.server";

export async function coachHome(db: Kysely<Database>, coach: Coach, today: string) {
  const [mine, officers, requests] = await Promise.all([
    observationsByCoach(db, coach.id),
    listOfficers(db, { establishmentId: coach.establishmentId }),
    openRequests(db, { establishmentId: coach.establishmentId, coachId: coach.id }),
  ]);
  const observed = new Set(mine.filter((o) => o.status === "recorded").map((o) => o.officer_id));
  const others = officers.filter((o) => o.id !== coach.id);
  return {
    drafts: mine
      .filter((o) => o.status === "draft")
      .map((o) => ({ id: o.id, officer: o.officer_name, savedAt: formatDateTime(o.updated_at) })),
    recorded: mine
      .filter((o) => o.status === "recorded")
      .map((o) => ({
        id: o.id,
        officer: o.officer_name,
        wing: o.officer_wing,
        date: formatDate(o.recorded_at!),
        minutes: o.minutes,
        calibrated: o.calibration_partner_id !== null,
      })),
    requests: requests.map((r) => ({
      id: r.id,
      officerId: r.officer_id,
      officer: r.officer_name,
      wing: r.officer_wing,
      dueOn: formatDate(startOfDay(r.due_on)),
      overdue: r.due_on < today,
    })),
    officers: others.map((o) => ({ id: o.id, name: o.display_name, wing: o.unit_name })),
    notYetObserved: others
      .filter((o) => !observed.has(o.id))
      .map((o) => ({ id: o.id, name: o.display_name, wing: o.unit_name })),
  };
}
