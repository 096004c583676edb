/**
 * The new-scenario wizard's form: what the trainer answers (title, module, the prisoner, his opening
 * line, the officer's first options) checked with one zod schema, so that what it builds checks
 * clean from its first save. Options come as up to four rows of fields; blank rows are skipped.
 */
import { z } from "zod";
import { MI_CODE_INFO, MI_CODES, TALK_TYPES, type MiCode } from "~/domain/mi-codes";
import { SLUG_PATTERN } from "~/domain/scenario/schema";
import { parseForm, text, type FieldErrors } from "~/utils/forms";
import { FEEDBACK_LIMIT, paragraph, TEXT_LIMIT } from "./node-form.server";
import { isPlaceholder, type FirstOption, type WizardAnswers } from "./template.server";
import { optionField, WIZARD_OPTION_ROWS } from "./wizard-fields";

const MIN_OPTIONS = 2;

// The earlier template's instructions to the writer, pasted back, are not his words.
const ownWords = (v: string | undefined) => !isPlaceholder(v);
const OWN_WORDS = "Write this in your own words: it is the template's instructions to the writer";
const optional = (label: string, max: number) => paragraph(label, { max, required: false });

const rows = Object.fromEntries(
  Array.from({ length: WIZARD_OPTION_ROWS }, (_, i): [string, z.ZodType<string>][] => [
    [optionField(i, "say"), optional(`What the officer says in option ${i + 1}`, TEXT_LIMIT)],
    [
      optionField(i, "mi"),
      z
        .string()
        .default("")
        .refine((v) => v === "" || (MI_CODES as readonly string[]).includes(v), "Choose an MI code from the list"),
    ],
    [optionField(i, "feedback"), optional(`The feedback for option ${i + 1}`, FEEDBACK_LIMIT)],
  ]).flat(),
);

const About = z.object({
  title: text("a title", { max: 120 }),
  // A list to choose from, so the words say "Choose" (the route checks it is one of the modules).
  module: z.string({ error: "Choose a module" }).trim().min(1, "Choose a module").max(100, "Choose a module"),
  personaName: text("the prisoner's first name", { max: 60 }),
  background: text("his background", { max: TEXT_LIMIT }).refine(ownWords, OWN_WORDS),
  summary: text("what the conversation is about", { max: TEXT_LIMIT }).refine(ownWords, OWN_WORDS),
  voice: optional("How he talks", TEXT_LIMIT).refine(ownWords, OWN_WORDS),
  opening: text("what he says first", { max: TEXT_LIMIT }),
  openingTalk: z.enum(TALK_TYPES, { error: "Choose what kind of talk his first line is" }),
});

const WizardForm = About.extend(rows).superRefine((data, ctx) => {
  const values: Record<string, string> = data;
  const filled: { i: number; say: string; mi: string }[] = [];
  for (let i = 0; i < WIZARD_OPTION_ROWS; i++) {
    const say = values[optionField(i, "say")];
    const mi = values[optionField(i, "mi")];
    if (!say && !mi && !values[optionField(i, "feedback")]) continue;
    if (!say)
      ctx.addIssue({
        code: "custom",
        path: [optionField(i, "say")],
        message: `Enter what the officer says in option ${i + 1}`,
      });
    if (!mi)
      ctx.addIssue({
        code: "custom",
        path: [optionField(i, "mi")],
        message: `Choose the MI code of option ${i + 1}`,
      });
    if (say && mi) filled.push({ i, say, mi });
  }
  if (filled.length < MIN_OPTIONS)
    ctx.addIssue({
      code: "custom",
      path: [optionField(0, "say")],
      message: `Write at least ${MIN_OPTIONS} options for the officer`,
    });
  const seen = new Map<string, number>();
  for (const o of filled) {
    const key = o.say.toLowerCase().replace(/\s+/g, " ");
    if (seen.has(key))
      ctx.addIssue({
        code: "custom",
        path: [optionField(o.i, "say")],
        message: `Option ${o.i + 1} says the same as option ${seen.get(key)! + 1}: make each option different`,
      });
    else seen.set(key, o.i);
  }
  if (filled.length && !filled.some((o) => MI_CODE_INFO[o.mi as MiCode].isMiConsistentOption))
    ctx.addIssue({
      code: "custom",
      path: [optionField(filled[0].i, "mi")],
      message:
        "At least one option must be MI-consistent (a reflection, affirmation, open question, seeking collaboration or emphasising autonomy), so officers have a good reply to practise",
    });
});

const AboutStep = About.pick({
  title: true,
  module: true,
  personaName: true,
  background: true,
  voice: true,
  summary: true,
});
// The form's one-time key (a UUID the new-scenario page gives): its first submit creates the scenario.
const FormKey = z.object({ formKey: z.uuid() });

/** The wizard form's one-time key, or null when missing or not one Engage gave. */
export function readFormKey(formData: FormData): string | null {
  const parsed = parseForm(FormKey, formData);
  return parsed.ok ? parsed.data.formKey : null;
}

export function parseAboutStep(formData: FormData) {
  return parseForm(AboutStep, formData);
}

export type WizardResult =
  | { ok: true; answers: Omit<WizardAnswers, "id">; values: Record<string, string> }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

export function parseWizard(formData: FormData): WizardResult {
  const parsed = parseForm(WizardForm, formData);
  if (!parsed.ok) return parsed;
  const values: Record<string, string> = parsed.data;
  const options: FirstOption[] = [];
  for (let i = 0; i < WIZARD_OPTION_ROWS; i++) {
    const say = values[optionField(i, "say")];
    const mi = values[optionField(i, "mi")];
    const feedback = values[optionField(i, "feedback")];
    if (say && mi) options.push({ say, mi: mi as MiCode, ...(feedback ? { feedback } : {}) });
  }
  const { title, module, personaName, background, voice, summary, opening, openingTalk } = parsed.data as z.output<
    typeof About
  >;
  const answers = {
    title,
    module,
    personaName,
    background,
    ...(voice ? { voice } : {}),
    summary,
    opening,
    openingTalk,
    options,
  };
  return { ok: true, answers, values: parsed.values };
}

/** A scenario's (or a module's) id from its title ("They'll use it against me" -> theyll-use-it-against-me), not yet taken. */
export function idFromTitle(title: string, taken: (id: string) => boolean, fallback = "scenario"): string {
  const base =
    title
      .normalize("NFKD")
      .toLowerCase()
      .replace(/['’]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 50)
      .replace(/-+$/, "") || fallback;
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (SLUG_PATTERN.test(id) && !taken(id)) return id;
  }
}
