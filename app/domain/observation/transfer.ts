/**
 * The transfer gap: whether what an officer does in a simulated assessment shows up when a coach
 * watches them on the wing. Each officer's latest observation in the window is set against their
 * latest finished assessment, level against level (below fair, fair, good), so a ratio's long
 * tail cannot swamp a group. Group figures follow the small-number rule.
 */
import { percentComplexLevel, reflectionToQuestionLevel, type Indicators, type Level } from "../indicators";
import { besideSmallGroups, share, type Share } from "../reporting/suppression";
import { globalLevel } from "./globals";

/** Observations count towards the transfer view for this many months, as refreshers do. */
export const OBSERVED_WINDOW_MONTHS = 6;

const RANK: Partial<Record<Level, number>> = { "below fair": 0, fair: 1, good: 2 };

export type Change = "higher on the wing" | "the same level" | "lower on the wing";

export interface LevelPair {
  wing: Level;
  assessment: Level | null;
  /** null when either side has no level to compare */
  change: Change | null;
}

function compare(wing: Level, assessment: Level | null): LevelPair {
  const w = RANK[wing];
  const a = assessment === null ? undefined : RANK[assessment];
  const change =
    w === undefined || a === undefined
      ? null
      : w > a
        ? "higher on the wing"
        : w < a
          ? "lower on the wing"
          : "the same level";
  return { wing, assessment, change };
}

export interface ObservedPractice {
  indicators: Indicators;
  technical: number;
  relational: number;
}

export interface OfficerTransfer {
  rq: LevelPair;
  cr: LevelPair;
  technical: Level;
  relational: Level;
}

/** One officer's observed practice against their latest assessment (null when never assessed). */
export function officerTransfer(observed: ObservedPractice, assessed: Indicators | null): OfficerTransfer {
  return {
    rq: compare(reflectionToQuestionLevel(observed.indicators), assessed && reflectionToQuestionLevel(assessed)),
    cr: compare(percentComplexLevel(observed.indicators), assessed && percentComplexLevel(assessed)),
    technical: globalLevel(observed.technical, "technicalGlobal"),
    relational: globalLevel(observed.relational, "relationalGlobal"),
  };
}

const fairOrBetter = (l: Level | null) => l === "fair" || l === "good";

export interface GroupTransfer {
  officers: number;
  /** officers observed in the window, of all officers */
  observed: Share;
  /** officers observed in the window who also have a finished assessment */
  compared: number;
  rq: { assessment: Share; wing: Share };
  cr: { assessment: Share; wing: Share };
  /** of the officers observed */
  technical: Share;
  relational: Share;
}

/** Which of a group's shares stand beside a small group of the same whole (besideSmallGroups). */
interface BesideSmall {
  officers: boolean;
  observed: boolean;
  compared: boolean;
}
const NOT_BESIDE: BesideSmall = { officers: false, observed: false, compared: false };

const observedOf = (officers: (OfficerTransfer | null)[]) => officers.filter((o): o is OfficerTransfer => o !== null);
const comparedOf = (observed: OfficerTransfer[]) => observed.filter((o) => o.rq.assessment !== null);

/** A group's figures from each officer's transfer (null: not observed in the window). */
export function groupTransfer(officers: (OfficerTransfer | null)[], beside = NOT_BESIDE): GroupTransfer {
  const observed = observedOf(officers);
  const compared = comparedOf(observed);
  const ofObserved = (f: (o: OfficerTransfer) => boolean) =>
    share(observed.filter(f).length, observed.length, beside.observed);
  const ofCompared = (f: (o: OfficerTransfer) => boolean) =>
    share(compared.filter(f).length, compared.length, beside.compared);
  return {
    officers: officers.length,
    observed: share(observed.length, officers.length, beside.officers),
    compared: compared.length,
    rq: {
      assessment: ofCompared((o) => fairOrBetter(o.rq.assessment)),
      wing: ofCompared((o) => fairOrBetter(o.rq.wing)),
    },
    cr: {
      assessment: ofCompared((o) => fairOrBetter(o.cr.assessment)),
      wing: ofCompared((o) => fairOrBetter(o.cr.wing)),
    },
    technical: ofObserved((o) => fairOrBetter(o.technical)),
    relational: ofObserved((o) => fairOrBetter(o.relational)),
  };
}

/**
 * The figures of each group of a whole (a prison's wings), each share hidden beside a lone small
 * group of its own kind: officers, officers observed, officers observed with an assessment.
 */
export function groupTransfers(groups: (OfficerTransfer | null)[][]): GroupTransfer[] {
  const observed = groups.map(observedOf);
  const officers = besideSmallGroups(groups.map((g) => g.length));
  const seen = besideSmallGroups(observed.map((o) => o.length));
  const compared = besideSmallGroups(observed.map((o) => comparedOf(o).length));
  return groups.map((g, i) =>
    groupTransfer(g, { officers: officers[i] === true, observed: seen[i] === true, compared: compared[i] === true }),
  );
}
