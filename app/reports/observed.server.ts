// Observed beside simulated practice: for the prison and each wing, how many officers a coach
// observed in the last 6 months, and whether their latest observation reaches the levels their
// latest assessment reached (the transfer gap). Group figures follow the small-number rule; each
// look is audited, since the page names officers.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { recordAudit } from "~db/queries/audit.server";
import { recordedOfPrisonOfficers } from "~db/queries/observations.server";
import type { CurrentUser } from "~/auth/guard.server";
import type { AttemptRecord } from "~/domain/competency";
import { addMonths } from "~/domain/dates.server";
import { indicatorsOf, type Indicators } from "~/domain/indicators";
import { observedIndicators } from "~/domain/observation/behaviours";
import { relationalGlobal, technicalGlobal } from "~/domain/observation/globals";
import { countsOf, ratingsOf } from "~/domain/observation/records";
import {
  groupTransfer,
  groupTransfers,
  OBSERVED_WINDOW_MONTHS,
  officerTransfer,
  type OfficerTransfer,
} from "~/domain/observation/transfer";
import { byWing } from "~/domain/reporting/aggregate";
import { prisonProgress } from "~/reports/progress.server";
import { formatDate } from "~/domain/dates.server";

function latestAssessment(records: AttemptRecord[] | undefined): AttemptRecord | null {
  let best: AttemptRecord | null = null;
  for (const a of records ?? []) {
    if (a.mode !== "assessment" || a.status !== "finished" || !a.finishedAt) continue;
    if (!best || a.finishedAt > best.finishedAt!) best = a;
  }
  return best;
}

const ratio = (i: Indicators) =>
  i.questions === 0
    ? i.reflections === 0
      ? "none"
      : "no questions"
    : `${(Math.round(i.reflectionToQuestion! * 10) / 10).toString()} : 1`;
const percent = (i: Indicators) =>
  i.percentComplexReflections === null ? "no reflections" : `${Math.round(i.percentComplexReflections)}%`;

export async function observedReport(
  db: Kysely<Database>,
  viewer: CurrentUser,
  establishmentId: number,
  now = new Date(),
) {
  const since = addMonths(now.toISOString(), -OBSERVED_WINDOW_MONTHS).toISOString();
  const [p, observed] = await Promise.all([
    prisonProgress(db, establishmentId, { now }),
    recordedOfPrisonOfficers(db, establishmentId, since),
  ]);
  // Rows come newest first: the first per officer is their latest.
  const latestObserved = new Map<number, (typeof observed)[number]>();
  for (const o of observed) if (!latestObserved.has(o.officer_id)) latestObserved.set(o.officer_id, o);
  const counts = new Map<number, number>();
  for (const o of observed) counts.set(o.officer_id, (counts.get(o.officer_id) ?? 0) + 1);

  const officers = p.officers.map((o) => {
    const seen = latestObserved.get(o.officerId);
    const ratings = seen ? ratingsOf(seen) : null;
    const assessment = latestAssessment(p.records.get(o.officerId));
    const assessed = assessment ? indicatorsOf(assessment.counts) : null;
    const wing = seen && ratings ? observedIndicators(countsOf(seen)) : null;
    const transfer: OfficerTransfer | null =
      seen && ratings && wing
        ? officerTransfer(
            { indicators: wing, technical: technicalGlobal(ratings), relational: relationalGlobal(ratings) },
            assessed,
          )
        : null;
    return {
      officerId: o.officerId,
      name: o.name,
      wingId: o.wingId,
      wingName: o.wingName ?? "No wing",
      observations: counts.get(o.officerId) ?? 0,
      lastObserved: seen?.recorded_at ? formatDate(seen.recorded_at) : null,
      transfer,
      figures: transfer
        ? {
            rq: { wing: ratio(wing!), assessment: assessed ? ratio(assessed) : null },
            cr: { wing: percent(wing!), assessment: assessed ? percent(assessed) : null },
            technical: technicalGlobal(ratings!).toFixed(1),
            relational: relationalGlobal(ratings!).toFixed(1),
          }
        : null,
    };
  });

  const wings = new Map<number | null, string>();
  for (const o of officers) wings.set(o.wingId, o.wingName);
  const wingList = [...wings.entries()].sort(byWing);
  const wingFigures = groupTransfers(
    wingList.map(([wingId]) => officers.filter((o) => o.wingId === wingId).map((o) => o.transfer)),
  );
  await recordAudit(db, {
    actorUserId: viewer.id,
    action: "observations.report_viewed",
    establishmentId,
    details: { officers: officers.length, observed: latestObserved.size },
  });
  return {
    since: formatDate(since),
    prison: groupTransfer(officers.map((o) => o.transfer)),
    wings: wingList.map(([, wingName], i) => ({ wingName, ...wingFigures[i] })),
    officers: officers.map(({ wingId: _wing, ...o }) => o),
  };
}
