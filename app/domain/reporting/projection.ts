/**
 * Progress to a prison's target (a % of officers competent in every module by a date): the
 * number of officers that means, the pace so far (a least-squares line through the monthly
 * counts) and the date the target is reached at that pace.
 */
import { endOfDay } from "../dates.server";

export interface Target {
  percent: number;
  /** YYYY-MM-DD */
  date: string;
}

export interface TrajectoryPoint {
  /** the instant the count was taken (a month end, or now) */
  at: Date;
  competent: number;
}

export interface Projection {
  needed: number;
  competentNow: number;
  /** officers made competent per month at the current pace (may be 0 or negative) */
  perMonth: number;
  /** when the target is reached at the current pace; null when the pace never gets there */
  projectedDate: Date | null;
  reached: boolean;
  onCourse: boolean;
  /** officers short of the target at the target date at the current pace (0 when on course) */
  behindBy: number;
}

const MONTH_MS = (365.25 / 12) * 24 * 3600 * 1000;

/** Officers that make up `percent` of `officers`, rounded up: 80% of 11 officers is 9. */
export function officersNeeded(percent: number, officers: number): number {
  return Math.max(0, Math.ceil((percent * officers) / 100 - 1e-9));
}

/** Least-squares slope of competent officers per month; 0 for fewer than two points. */
export function pacePerMonth(points: TrajectoryPoint[]): number {
  if (points.length < 2) return 0;
  const xy = points.map((p) => ({ x: p.at.getTime() / MONTH_MS, y: p.competent }));
  const mx = xy.reduce((sum, { x }) => sum + x, 0) / xy.length;
  const my = xy.reduce((sum, { y }) => sum + y, 0) / xy.length;
  let num = 0;
  let den = 0;
  for (const { x, y } of xy) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export function targetDate(target: Target): Date {
  // The target counts for the whole of its (London) day.
  return new Date(endOfDay(target.date).getTime() - 1);
}

export function project(points: TrajectoryPoint[], officers: number, target: Target, now: Date): Projection {
  const needed = officersNeeded(target.percent, officers);
  const competentNow = points.at(-1)?.competent ?? 0;
  const perMonth = pacePerMonth(points);
  const due = targetDate(target);
  const reached = competentNow >= needed;
  let projectedDate: Date | null = reached ? now : null;
  if (!reached && perMonth > 0)
    projectedDate = new Date(now.getTime() + ((needed - competentNow) / perMonth) * MONTH_MS);
  const expectedAtDue = competentNow + Math.max(0, perMonth) * Math.max(0, (due.getTime() - now.getTime()) / MONTH_MS);
  const onCourse = reached || (projectedDate !== null && projectedDate <= due);
  const behindBy = onCourse ? 0 : Math.max(1, Math.ceil(needed - expectedAtDue - 1e-9));
  return { needed, competentNow, perMonth, projectedDate, reached, onCourse, behindBy };
}

/** The share of eligible men refusing or not engaging, as a percentage; null when none were eligible. */
export function refusalPercent(eligible: number, notEngaging: number): number | null {
  return eligible > 0 ? (100 * notEngaging) / eligible : null;
}
