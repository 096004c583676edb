// The skills report: each officer's latest finished assessment against the fair and good lines,
// for the prison and for each wing, and trainers' mean rating of written replies per wing.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { writtenReplyRatings } from "~db/queries/reports.server";
import type { AttemptRecord } from "~/domain/competency";
import type { BehaviourCounts } from "~/domain/indicators";
import { groupSkills } from "~/domain/reporting/skills";
import { byWing } from "~/domain/reporting/aggregate";
import { prisonProgress } from "~/reports/progress.server";

function latestAssessment(records: AttemptRecord[] | undefined): BehaviourCounts | null {
  let best: AttemptRecord | null = null;
  for (const a of records ?? []) {
    if (a.mode !== "assessment" || a.status !== "finished" || !a.finishedAt) continue;
    if (!best || a.finishedAt > best.finishedAt!) best = a;
  }
  return best?.counts ?? null;
}

export async function skillsReport(db: Kysely<Database>, establishmentId: number, now = new Date()) {
  const [p, ratings] = await Promise.all([
    prisonProgress(db, establishmentId, { now }),
    writtenReplyRatings(db, establishmentId),
  ]);
  const latest = p.officers.map((o) => ({
    wingId: o.wingId,
    wingName: o.wingName ?? "No wing",
    counts: latestAssessment(p.records.get(o.officerId)),
  }));
  const withAssessment = latest.filter((l): l is typeof l & { counts: BehaviourCounts } => l.counts !== null);
  const wings = new Map<number | null, string>();
  for (const o of p.officers) wings.set(o.wingId, o.wingName ?? "No wing");
  const groupOf = (wingId: number | null | undefined) => {
    const rated = ratings.filter((r) => wingId === undefined || r.unit_id === wingId);
    return {
      latest: withAssessment.filter((l) => wingId === undefined || l.wingId === wingId).map((l) => l.counts),
      ratings: rated.map((r) => r.rating),
      ratedOfficers: new Set(rated.map((r) => r.officer_id)).size,
    };
  };
  const wingList = [...wings.entries()].sort(byWing);
  const wingSkills = groupSkills(wingList.map(([wingId]) => groupOf(wingId)));
  return {
    prison: { officers: p.officers.length, ...groupSkills([groupOf(undefined)])[0] },
    wings: wingList.map(([wingId, wingName], i) => ({
      wingId,
      wingName,
      officers: p.officers.filter((o) => o.wingId === wingId).length,
      ...wingSkills[i],
    })),
  };
}
