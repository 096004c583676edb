// The observation sheet's forms. Saving progress takes whatever is filled in so far; recording
// needs the length of the conversation and all four ratings. Every bad value is a field error.
// Server-only, so zod never reaches the browser.
import { z } from "zod";
import {
  BEHAVIOUR_INFO,
  MAX_COUNT,
  MAX_MINUTES,
  MIN_MINUTES,
  OBSERVED_BEHAVIOURS,
  type ObservedBehaviour,
} from "~/domain/observation/behaviours";
import { GLOBAL_INFO, type GlobalRating } from "~/domain/observation/globals";
import { longText, optionalId, wholeNumber, pageVersion } from "~/utils/forms";
import { NOTE_MAX, REFLECTION_MAX } from "~/coaching/limits";

/** A tally: blank is 0 (a behaviour not seen), otherwise a whole number from 0 to 200. */
function tally(b: ObservedBehaviour) {
  const message = `The count for ${BEHAVIOUR_INFO[b].label.toLowerCase()} must be a whole number from 0 to ${MAX_COUNT}`;
  return z
    .string()
    .default("")
    .transform((v) => v.trim())
    .pipe(z.string().regex(/^\d{0,6}$/, message))
    .transform((v) => (v === "" ? 0 : Number(v)))
    .pipe(z.number().max(MAX_COUNT, message));
}

function rating(r: GlobalRating, required: boolean) {
  const message = `Choose a rating from 1 to 5 for ${GLOBAL_INFO[r].name.toLowerCase()}`;
  const value = z.enum(["1", "2", "3", "4", "5"], { error: message }).transform(Number);
  return required
    ? value
    : z
        .string()
        .default("")
        .pipe(z.union([z.literal("").transform(() => null), value], { error: message }));
}

const TOO_SHORT = `A conversation under ${MIN_MINUTES} minutes is too short to rate: the global ratings need a whole conversation. Keep the draft to add to it, or discard it`;
const TOO_LONG = `Enter no more than ${MAX_MINUTES} minutes: if the conversation went on longer, tally and rate its first ${MAX_MINUTES} minutes and enter ${MAX_MINUTES}`;

function minutes(required: boolean) {
  const number = z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, "Enter the length of the conversation as a whole number of minutes")
    .transform(Number)
    .pipe(z.number().max(MAX_MINUTES, TOO_LONG));
  if (required)
    return z
      .string({ error: "Enter how many minutes the conversation lasted" })
      .trim()
      .min(1, "Enter how many minutes the conversation lasted")
      .pipe(number)
      .pipe(z.number().min(MIN_MINUTES, TOO_SHORT));
  return z
    .string()
    .default("")
    .transform((v) => v.trim())
    .pipe(z.union([z.literal("").transform(() => null), number]));
}

function sheet(recording: boolean) {
  return z.object({
    rowVersion: pageVersion({ min: 1 }),
    minutes: minutes(recording),
    ...(Object.fromEntries(OBSERVED_BEHAVIOURS.map((b) => [b, tally(b)])) as Record<
      ObservedBehaviour,
      ReturnType<typeof tally>
    >),
    cultivatingChangeTalk: rating("cultivatingChangeTalk", recording),
    softeningSustainTalk: rating("softeningSustainTalk", recording),
    partnership: rating("partnership", recording),
    empathy: rating("empathy", recording),
    strengths: longText("strengths", { max: NOTE_MAX }),
    nextStep: longText("the next step", { max: NOTE_MAX }),
  });
}

/** Save progress: what is there so far. */
export const DraftForm = sheet(false);
/** Record the observation: complete. */
export const RecordForm = sheet(true);
export type Sheet = z.output<typeof DraftForm>;

export const StartForm = z.object({
  officerId: optionalId().refine((v) => v !== null, "Choose the officer you are observing"),
});

export const ReflectionForm = z.object({
  reflection: longText("your reflection", { max: REFLECTION_MAX, min: 1 }),
  // The observation's version the form was made from: a save from an older window is refused.
  rowVersion: pageVersion({ min: 1 }),
});

export const CalibrationForm = z.object({
  partnerId: optionalId().refine((v) => v !== null, "Choose the other coach's observation"),
});

/** A manager withdrawing a request to observe an officer. */
export const WithdrawForm = z.object({ requestId: wholeNumber("the request") });
