/**
 * The transfer gap: whether what an officer does in a simulated assessment shows up when a coach
 * watches them on the wing. Each officer's latest observation in the window is set against their
 * latest finished assessment, level against level (below fair, fair, good), so a ratio's long
 * tail cannot swamp a group. Group figures follow the small-number rule.
 */
import { percentComplexLevel, reflectionToQuestionLevel, type Indicators, type Level } from "../indicators";
import { share, type Share } from "../reporting/suppression";
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

/** A group's figures from each officer's transfer (null: not observed in the window). */
export function groupTransfer(officers: (OfficerTransfer | null)[]): GroupTransfer {
  const observed = officers.filter((o): o is OfficerTransfer => o !== null);
  const compared = observed.filter((o) => o.rq.assessment !== null);
  const count = (list: OfficerTransfer[], f: (o: OfficerTransfer) => boolean) =>
    share(list.filter(f).length, list.length);
  return {
    officers: officers.length,
    observed: share(observed.length, officers.length),
    compared: compared.length,
    rq: {
      assessment: count(compared, (o) => fairOrBetter(o.rq.assessment)),
      wing: count(compared, (o) => fairOrBetter(o.rq.wing)),
    },
    cr: {
      assessment: count(compared, (o) => fairOrBetter(o.cr.assessment)),
      wing: count(compared, (o) => fairOrBetter(o.cr.wing)),
    },
    technical: count(observed, (o) => fairOrBetter(o.technical)),
    relational: count(observed, (o) => fairOrBetter(o.relational)),
  };
}
