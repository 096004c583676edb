// A manager asks a coach to observe an officer by a date. The coach sees it on their page; it is
// done when they record an observation of that officer.
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "~db/schema";
import { isUniqueViolation } from "~db/errors";
import { recordAudit } from "~db/queries/audit.server";
import { cancelRequest, insertRequest, listCoaches, openRequests } from "~db/queries/observations.server";
import { listOfficers } from "~db/queries/reports.server";
import type { CurrentUser } from "~/auth/guard.server";
import { formatDate, readDayAhead, startOfDay } from "~/domain/dates.server";

import { optionalId, type FieldErrors } from "~/utils/forms";
import { parseFormWithDate } from "~/utils/query.server";

const RequestFields = z.object({
  coachId: optionalId().refine((v) => v !== null, "Choose the coach"),
  officerId: optionalId().refine((v) => v !== null, "Choose the officer to observe"),
});

/** Who is to observe whom, and by when: a date from today typed in the date input "due" (dueDay, dueMonth, dueYear). */
export function readRequestForm(formData: FormData, today: string) {
  return parseFormWithDate(RequestFields, formData, "due", (typed) =>
    readDayAhead(typed, "The date to observe by", { today, enter: "Enter the date to observe by" }),
  );
}

type Manager = CurrentUser & { establishmentId: number };

export async function requestsPage(db: Kysely<Database>, manager: Manager, today: string) {
  const [coaches, officers, open] = await Promise.all([
    listCoaches(db, manager.establishmentId),
    listOfficers(db, { establishmentId: manager.establishmentId }),
    openRequests(db, { establishmentId: manager.establishmentId }),
  ]);
  return {
    coaches: coaches.map((c) => ({ id: c.id, name: c.display_name })),
    officers: officers.map((o) => ({
      id: o.id,
      name: o.unit_name ? `${o.display_name}, ${o.unit_name}` : o.display_name,
    })),
    open: open.map((r) => ({
      id: r.id,
      coach: r.coach_name,
      officer: r.officer_name,
      dueOn: formatDate(startOfDay(r.due_on)),
      overdue: r.due_on < today,
    })),
  };
}

export async function requestObservation(
  db: Kysely<Database>,
  manager: Manager,
  input: { coachId: number; officerId: number; dueOn: string },
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const [coaches, officers] = await Promise.all([
    listCoaches(db, manager.establishmentId),
    listOfficers(db, { establishmentId: manager.establishmentId, officerId: input.officerId }),
  ]);
  const errors: FieldErrors = {};
  if (!coaches.some((c) => c.id === input.coachId)) errors.coachId = "Choose a coach of your prison from the list";
  if (officers.length === 0) errors.officerId = "Choose an officer of your prison from the list";
  else if (input.officerId === input.coachId)
    errors.officerId = "A coach cannot observe themselves: choose another officer";
  if (Object.keys(errors).length) return { ok: false, errors };
  try {
    await db.transaction().execute(async (trx) => {
      const id = await insertRequest(trx, {
        ...input,
        establishmentId: manager.establishmentId,
        requestedBy: manager.id,
      });
      await recordAudit(trx, {
        actorUserId: manager.id,
        action: "observation.requested",
        subjectUserId: input.officerId,
        establishmentId: manager.establishmentId,
        details: { requestId: id, coachId: input.coachId, dueOn: input.dueOn },
      });
    });
    return { ok: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { ok: false, errors: { officerId: "That coach has already been asked to observe this officer" } };
  }
}

export async function withdrawRequest(db: Kysely<Database>, manager: Manager, id: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await cancelRequest(trx, id, manager.establishmentId, manager.id))) return false;
    await recordAudit(trx, {
      actorUserId: manager.id,
      action: "observation.request_cancelled",
      establishmentId: manager.establishmentId,
      details: { requestId: id },
    });
    return true;
  });
}
