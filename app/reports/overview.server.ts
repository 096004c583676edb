// The overview report: officers in post, uptake per module (started, and where each officer
// stands), completion and competency per module and for the whole programme, refresher due
// counts, progress to the target and programme engagement.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { getTarget, listEngagementFigures } from "~db/queries/reports.server";
import { summarise } from "~/domain/reporting/aggregate";
import { uptakeByModule } from "~/domain/reporting/uptake";
import { lastMonths, monthOf, nextMonth } from "~/domain/dates.server";
import { PROGRESS_ORDER } from "~/domain/vocabulary";
import { project, refusalPercent, targetDate } from "~/domain/reporting/projection";
import { isSmallGroup } from "~/domain/reporting/suppression";
import { monthlyTrajectory, prisonProgress, type MonthPoint } from "~/reports/progress.server";
import { duesForPrison } from "~/assignments/assignments.server";
import { standingOf } from "~/domain/assignments";

/** The statuses uptake counts, in the order officers move through them. */
const UPTAKE_STATUSES = PROGRESS_ORDER.filter((s) => s !== "not_started");

export async function overviewReport(db: Kysely<Database>, establishmentId: number, now = new Date()) {
  const [p, target, figures] = await Promise.all([
    prisonProgress(db, establishmentId, { now }),
    getTarget(db, establishmentId),
    listEngagementFigures(db, establishmentId),
  ]);
  const summary = summarise(
    p.rules.map((r) => r.id),
    p.officers.map((o) => o.progress),
  );
  const trajectory = monthlyTrajectory(p, now);
  const dues = await duesForPrison(db, establishmentId, p.officers, p.rules, now);
  const standings = [...dues.values()].map(standingOf);
  const projection = target
    ? project(
        trajectory.map((t) => ({ at: t.at, competent: t.competent })),
        summary.officers,
        { percent: target.target_percent, date: target.target_date },
        now,
      )
    : null;
  const moduleIds = p.rules.map((r) => r.id);
  return {
    modules: p.curriculum.map((m) => ({ id: m.id, title: m.title })),
    summary,
    uptake: uptakeByModule(
      moduleIds,
      p.officers.map((o) => o.progress),
      UPTAKE_STATUSES,
    ),
    target: target ? { percent: target.target_percent, date: target.target_date } : null,
    projection: projection && { ...projection, projectedDate: projection.projectedDate?.toISOString() ?? null },
    targetChart:
      target && projection
        ? targetChart(
            trajectory,
            projection.needed,
            projection.perMonth,
            projection.projectedDate,
            targetDate({ percent: target.target_percent, date: target.target_date }),
            now,
          )
        : null,
    engagement: engagementBesideCoverage(trajectory, figures, now),
    // Officers with training assigned: on track in all of it, or overdue in something.
    assignments: {
      assigned: standings.length,
      onTrack: standings.filter((s) => s === "on_track").length,
      overdue: standings.filter((s) => s === "overdue").length,
    },
  };
}

export type Overview = Awaited<ReturnType<typeof overviewReport>>;

/**
 * The target chart's months: the last 12, then on to the target date (and the projected date,
 * if within three years). Actual counts for past months; the target line runs straight from the
 * first month's count to the number needed at the target date; the projection carries the
 * current pace on from now.
 */
function targetChart(
  trajectory: MonthPoint[],
  needed: number,
  perMonth: number,
  projected: Date | null,
  due: Date,
  now: Date,
) {
  const endMonth = [
    monthOf(due),
    projected && projected.getTime() - now.getTime() < 3 * 365 * 86400000 ? monthOf(projected) : null,
  ]
    .filter((m): m is string => m !== null)
    .reduce((a, b) => (a > b ? a : b), monthOf(now));
  const months = [...trajectory.map((t) => t.month)];
  while (months.at(-1)! < endMonth) months.push(nextMonth(months.at(-1)!));
  const dueIndex = months.indexOf(monthOf(due));
  const nowIndex = trajectory.length - 1;
  const first = trajectory[0]?.competent ?? 0;
  const current = trajectory.at(-1)?.competent ?? 0;
  return {
    months,
    actual: months.map((_, i) => (i < trajectory.length ? trajectory[i].competent : null)),
    target: months.map((_, i) =>
      dueIndex < 0 ? null : i <= dueIndex ? first + ((needed - first) * i) / Math.max(1, dueIndex) : null,
    ),
    // The current pace carried forward from now, stopping once it reaches the number needed.
    projection: months.map((_, i) => {
      if (i < nowIndex) return null;
      const v = current + Math.max(0, perMonth) * (i - nowIndex);
      const previous = current + Math.max(0, perMonth) * (i - 1 - nowIndex);
      return i > nowIndex && previous >= needed ? null : Math.min(v, Math.max(needed, current));
    }),
    dueIndex,
    needed,
  };
}

/** Refusal rate beside training coverage, month by month over the last 12 months. */
function engagementBesideCoverage(
  trajectory: MonthPoint[],
  figures: { month: string; eligible: number; not_engaging: number }[],
  now: Date,
) {
  const byMonth = new Map(figures.map((f) => [f.month, f]));
  const points = new Map(trajectory.map((t) => [t.month, t]));
  return lastMonths(now, 12).map((month) => {
    const f = byMonth.get(month);
    const t = points.get(month);
    const shown = t && !isSmallGroup(t.officers);
    return {
      month,
      eligible: f?.eligible ?? null,
      notEngaging: f?.not_engaging ?? null,
      refusalPercent: f ? refusalPercent(f.eligible, f.not_engaging) : null,
      completedPercent: shown ? (100 * t.completed) / t.officers : null,
      competentPercent: shown ? (100 * t.competent) / t.officers : null,
    };
  });
}
