// One officer's record for a manager: module statuses and every attempt with its indicators and,
// for a finished assessment, whether it passed the module's thresholds (as the officer sees it).
// Each look is written to the audit log (who looked at whom, when).
import { formatDate } from "~/domain/dates.server";
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { recordAudit } from "~db/queries/audit.server";
import { getOfficer, listAttempts } from "~db/queries/reports.server";
import { recordedOfOfficer } from "~db/queries/observations.server";
import { observationRecords } from "~/domain/observation/records";
import { observationView } from "~/coaching/view";
import { assessmentResult } from "~/domain/assessment-result";
import { attemptMarks, programmeProgress } from "~/domain/competency";
import { describeIndicators, indicatorsOf } from "~/domain/indicators";
import { toAttemptRecord } from "~/domain/reporting/records";
import { getCurriculum } from "~/curriculum/curriculum.server";
import { notFound, type CurrentUser } from "~/auth/guard.server";

export async function officerRecord(
  db: Kysely<Database>,
  viewer: CurrentUser,
  establishmentId: number,
  officerId: number,
  now = new Date(),
) {
  const officer = await getOfficer(db, officerId);
  // Another prison's officer, or someone who is not an officer, is simply not found.
  if (!officer || officer.role !== "officer" || officer.establishment_id !== establishmentId) notFound();
  const [curriculum, rows, observed] = await Promise.all([
    getCurriculum(db),
    listAttempts(db, { establishmentId, officerId }),
    recordedOfOfficer(db, officerId),
  ]);
  const records = rows.map(toAttemptRecord);
  const modules = new Map(curriculum.map((m) => [m.id, m]));
  const progress = programmeProgress(
    curriculum.map((m) => m.rules),
    records,
    now,
    observationRecords(observed),
  );
  await recordAudit(db, {
    actorUserId: viewer.id,
    action: "record.viewed",
    subjectUserId: officer.id,
    establishmentId,
    details: { attempts: rows.length, observations: observed.length },
  });
  const titles = new Map(curriculum.flatMap((m) => m.scenarios.map((s) => [s.id, s.title] as const)));
  return {
    officer: { id: officer.id, name: officer.display_name, wing: officer.unit_name, active: officer.active },
    observations: observed.map(observationView),
    modules: curriculum.map((m, i) => ({
      id: m.id,
      title: m.title,
      status: progress.modules[i].status,
      refresherDueAt: progress.modules[i].refresherDueAt ? formatDate(progress.modules[i].refresherDueAt) : null,
    })),
    attempts: rows.map((r, i) => {
      const result = assessmentResult(records[i], attemptMarks(modules.get(r.module_id)?.rules, records[i]));
      return {
        id: r.id,
        scenario: titles.get(r.scenario_id) ?? r.scenario_id,
        module: modules.get(r.module_id)?.title ?? r.module_id,
        mode: r.mode,
        status: r.status,
        started: formatDate(r.started_at),
        finished: r.finished_at && formatDate(r.finished_at),
        outcome: r.outcome,
        assessment: result && { passed: result.passed, missed: result.missed.map((m) => m.short) },
        indicators:
          r.status === "finished"
            ? describeIndicators(indicatorsOf(records[i].counts)).map((l) => ({
                name: l.name,
                value: l.value,
                level: l.level,
                fair: l.fair,
              }))
            : null,
      };
    }),
  };
}
