/**
 * The words and tag colours Engage uses for where things stand: an officer's progress in a module
 * or scenario, an attempt, an assessment's result, a scenario in the studio. Every page and export
 * takes its status words from here, so the task list, My record, the reports and the CSVs agree.
 * A colour is never the only signal: each tag carries its words.
 */
import type { Status } from "./competency";
import type { Level } from "./indicators";

export type TagColour =
  "grey" | "green" | "turquoise" | "blue" | "light-blue" | "purple" | "pink" | "red" | "orange" | "yellow";

export interface Word {
  label: string;
  colour: TagColour;
}

/** An officer's status in a module or one of its scenarios, saying what is left. */
export const PROGRESS: Record<Status, Word> = {
  not_started: { label: "Not yet started", colour: "grey" },
  in_progress: { label: "In progress", colour: "light-blue" },
  practised: { label: "Practised – assessment next", colour: "blue" },
  assessed: { label: "Assessed – not yet passed", colour: "yellow" },
  observation_next: { label: "Passed – observation on the wing next", colour: "turquoise" },
  competent: { label: "Competent", colour: "green" },
  refresher_due: { label: "Refresher due", colour: "orange" },
};

/** Statuses in the order an officer moves through them (for filters, legends and sorting). */
export const PROGRESS_ORDER: Status[] = [
  "not_started",
  "in_progress",
  "practised",
  "assessed",
  "observation_next",
  "refresher_due",
  "competent",
];

export const progressLabel = (s: Status) => PROGRESS[s].label;

export type AttemptStatus = "in_progress" | "finished" | "abandoned";
export type AttemptMode = "practice" | "assessment";

export const ATTEMPT_STATUS: Record<AttemptStatus, Word> = {
  in_progress: { label: "In progress", colour: "light-blue" },
  finished: { label: "Finished", colour: "green" },
  abandoned: { label: "Abandoned", colour: "grey" },
};

export const MODE: Record<AttemptMode, Word> = {
  practice: { label: "Practice", colour: "blue" },
  assessment: { label: "Assessment", colour: "purple" },
};

/** A finished assessment against its module's levels. */
export const ASSESSMENT_RESULT = {
  passed: { label: "Passed", colour: "green" },
  not_passed: { label: "Not passed", colour: "red" },
} as const satisfies Record<string, Word>;

export type AssessmentResult = keyof typeof ASSESSMENT_RESULT;

/** A scenario in the studio: what officers get, what is being changed, and what was taken out. */
export const SCENARIO_STATE = {
  published: { label: "Published", colour: "green" },
  draft: { label: "Draft", colour: "blue" },
  retired: { label: "Retired", colour: "grey" },
} as const satisfies Record<string, Word>;

/** A practice indicator against the MITI 4.2.1 fair and good levels. */
export const INDICATOR_LEVEL: Record<Level, Word> = {
  good: { label: "At or above good", colour: "green" },
  fair: { label: "At or above fair", colour: "turquoise" },
  "below fair": { label: "Below fair", colour: "orange" },
  "not applicable": { label: "Not judged", colour: "grey" },
};
