// The manager's home page summary: the overview's headline figures and uptake by module.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { formatDate } from "~/domain/dates.server";
import { describeShare, isSmallGroup, SUPPRESSED_TEXT } from "~/domain/reporting/suppression";
import { overviewReport } from "~/reports/overview.server";

export async function managerSummary(db: Kysely<Database>, establishmentId: number) {
  const o = await overviewReport(db, establishmentId);
  return {
    modules: o.modules,
    uptake: o.uptake,
    completed: describeShare(o.summary.programme.completed),
    competent: describeShare(o.summary.programme.competent),
    refresherDue: describeShare(o.summary.programme.refresherDue),
    target: targetText(o),
  };
}

function targetText(o: Awaited<ReturnType<typeof overviewReport>>): string {
  if (!o.target || !o.projection) return "No target set";
  const aim = `${o.target.percent}% competent by ${formatDate(o.target.date)}`;
  // Progress to the target is a count of officers: not shown for fewer than 5.
  if (isSmallGroup(o.summary.officers)) return `${aim}: ${SUPPRESSED_TEXT} officers in post`;
  // The shortfall is the projection's on the target date, not today's gap: the words say so.
  const { onCourse, behindBy } = o.projection;
  return `${aim}: ${onCourse ? "on course" : `at the current pace, ${behindBy} officer${behindBy === 1 ? "" : "s"} short on that date`}`;
}
