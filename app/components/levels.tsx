// An indicator's level as a GOV.UK tag, the same on every page: the practice review, observations and reports.
import type { Level } from "~/domain/indicators";
import { Tag } from "~/components/page";
import { INDICATOR_LEVEL } from "~/domain/vocabulary";

/** A level in words with its colour: the colour is never the only signal. */
export function LevelTag({ level }: { level: Level }) {
  return <Tag colour={INDICATOR_LEVEL[level].colour}>{INDICATOR_LEVEL[level].label}</Tag>;
}

/**
 * An indicator's level tag. An indicator with fair and good levels always has one, "Not judged" when there
 * was nothing to judge (no reflections, say), so the officer, and a screen reader, is told so rather than
 * left with a gap; a count MITI sets no level for has none. Which is which comes with the line: its fair
 * level is null exactly when MITI_LEVELS has none (describeIndicators, on the server), so MITI's tables stay
 * out of the play page's JavaScript.
 */
export function IndicatorLevelTag({ line }: { line: { level: Level; fair: string | null } }) {
  return line.fair === null ? null : <LevelTag level={line.level} />;
}
