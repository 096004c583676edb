/**
 * The single zod schema for scenario files and modules.yaml. It validates at run time and is
 * turned into scenarios/scenario.schema.json (editor autocomplete), so descriptions here are
 * what trainers see when they hover a field: write them for trainers.
 */
import { z } from "zod";
import { MI_CODES, OUTCOMES, TALK_TYPES } from "../mi-codes";

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const VARIABLE_PATTERN = /^[a-z][a-z0-9_]*$/;
/** Marker message: the diagnostics mapper turns this into the `empty-text` code. */
export const EMPTY_TEXT = "EMPTY_TEXT";

const slug = (what: string) =>
  z
    .string()
    .regex(SLUG_PATTERN)
    .meta({ description: `${what}: lower-case letters, digits and single hyphens, e.g. parole-mistrust.` });
const text = (description: string) => z.string().regex(/\S/, EMPTY_TEXT).meta({ description });
const variableName = z
  .string()
  .regex(VARIABLE_PATTERN)
  .meta({ description: "A variable name: lower-case letters, digits and _, starting with a letter." });

const gotoEntrySchema = z
  .strictObject({
    if: z
      .string()
      .optional()
      .meta({ description: 'A condition such as "rapport >= 1". Leave it out on the last entry.' }),
    node: slug("The node to go to"),
  })
  .meta({ description: "One branch: go to `node` if the condition holds (checked top to bottom)." });

export const gotoSchema = z.union([slug("The node to go to"), z.array(gotoEntrySchema).min(1)]).meta({
  description:
    "Where the conversation goes next: a node id, or a list of { if, node } branches whose last entry has no `if`.",
});

const effectsSchema = z
  .record(variableName, z.int())
  .meta({ description: "Numbers added to variables when this choice is taken, e.g. { rapport: 1 }." });

export const choiceSchema = z
  .strictObject({
    id: slug("The choice id, unique within its node"),
    say: text("What the officer says."),
    mi: z.enum(MI_CODES).meta({ description: "The MITI 4.2.1 code of what the officer says." }),
    feedback: text("Coaching shown after the choice: name the behaviour and what it did.").optional(),
    effects: effectsSchema.optional(),
    goto: gotoSchema,
  })
  .meta({ description: "An option the officer can choose." });

const writeSchema = z
  .strictObject({
    prompt: text("The instruction shown above the text box."),
    feedback: text("A model answer, or what a good reply does; shown after the officer submits.").optional(),
    goto: gotoSchema,
  })
  .meta({ description: "The officer types their own reply instead of choosing one." });

const endingSchema = z
  .strictObject({
    outcome: z.enum(OUTCOMES).meta({ description: "engaged, undecided or disengaged." }),
    label: text("What happened, in plain words: 'He agrees to meet the programme team'."),
  })
  .meta({ description: "Makes this node an ending." });

export const nodeSchema = z
  .strictObject({
    prisoner: text("What the prisoner says at this point."),
    talk: z
      .enum(TALK_TYPES)
      .meta({ description: "The talk type of the prisoner's line: change, sustain, discord or neutral." }),
    choices: z
      .array(choiceSchema)
      .optional()
      .meta({ description: "The officer's options (3 or 4 is best, never more than 5)." }),
    write: writeSchema.optional(),
    ending: endingSchema.optional(),
  })
  .meta({ description: "One step of the conversation: exactly one of choices, write or ending." });

export const scenarioSchema = z
  .strictObject({
    id: slug("The scenario id, the same as the file name"),
    title: text("The title officers see."),
    module: slug("The id of the module in modules.yaml that lists this scenario"),
    summary: text("One or two sentences: who he is and what the conversation is about."),
    persona: z
      .strictObject({
        name: text("An invented first name."),
        background: text("Age, sentence, job on the wing, family, stance."),
        voice: text(
          "For writers, not shown to officers: how he talks (words he uses and avoids, sentence length) when at ease, anxious, angry and guarded.",
        ).optional(),
      })
      .meta({ description: "The prisoner the officer talks to." }),
    start: slug("The id of the first node"),
    variables: z
      .record(variableName, z.int())
      .optional()
      .meta({ description: "Optional whole-number counters and their starting values, e.g. { rapport: 0 }." }),
    nodes: z.record(slug("A node id"), nodeSchema).meta({ description: "The conversation's nodes, by id." }),
  })
  .meta({
    title: "Engage scenario",
    description: "A branching practice conversation between an officer and a prisoner.",
  });

export type Goto = z.output<typeof gotoSchema>;
export type GotoEntry = z.output<typeof gotoEntrySchema>;
export type Choice = z.output<typeof choiceSchema>;
export type WriteStep = z.output<typeof writeSchema>;
export type Ending = z.output<typeof endingSchema>;
export type ScenarioNode = z.output<typeof nodeSchema>;
export type Scenario = z.output<typeof scenarioSchema>;

// MITI "fair" levels and no MI-non-adherent choices; refresher after 6 months (skills fade).
const DEFAULT_THRESHOLDS = {
  min_reflection_to_question: 1,
  min_percent_complex_reflections: 40,
  max_mi_non_adherent: 0,
} as const;
const DEFAULT_REFRESHER_MONTHS = 6;

/** The ranges a module's competency settings may take, in modules.yaml and in the studio's form. */
export const MODULE_SETTING_LIMITS = {
  minReflectionToQuestion: { min: 0, max: 10 },
  minPercentComplexReflections: { min: 0, max: 100 },
  maxMiNonAdherent: { min: 0, max: 50 },
  refresherMonths: { min: 1, max: 60 },
} as const;
const L = MODULE_SETTING_LIMITS;

export const moduleSchema = z.strictObject({
  id: slug("The module id"),
  title: text("The module title officers see."),
  summary: text("What the module practises."),
  scenarios: z.array(slug("A scenario id")).meta({ description: "The module's scenarios, in order." }),
  thresholds: z
    .strictObject({
      min_reflection_to_question: z
        .number()
        .min(L.minReflectionToQuestion.min)
        .max(L.minReflectionToQuestion.max)
        .default(DEFAULT_THRESHOLDS.min_reflection_to_question),
      min_percent_complex_reflections: z
        .number()
        .min(L.minPercentComplexReflections.min)
        .max(L.minPercentComplexReflections.max)
        .default(DEFAULT_THRESHOLDS.min_percent_complex_reflections),
      max_mi_non_adherent: z
        .int()
        .min(L.maxMiNonAdherent.min)
        .max(L.maxMiNonAdherent.max)
        .default(DEFAULT_THRESHOLDS.max_mi_non_adherent),
    })
    .prefault({})
    .meta({ description: "What an assessment attempt must reach for competency." }),
  refresher_months: z.int().min(L.refresherMonths.min).max(L.refresherMonths.max).default(DEFAULT_REFRESHER_MONTHS),
  requires_observation: z.boolean().default(false).meta({
    description:
      "true: competency in this module also needs a coach's observation of the officer on the wing that meets these thresholds, with both global ratings at least fair.",
  }),
});

export const modulesFileSchema = z.strictObject({ modules: z.array(moduleSchema) });

export type Module = z.output<typeof moduleSchema>;
export type ModuleThresholds = Module["thresholds"];

/** Every field name in the format, for "Did you mean ...?" on unknown fields. */
export const KNOWN_FIELDS = [
  "id",
  "title",
  "module",
  "summary",
  "persona",
  "name",
  "background",
  "voice",
  "start",
  "variables",
  "nodes",
  "prisoner",
  "talk",
  "choices",
  "write",
  "ending",
  "say",
  "mi",
  "feedback",
  "effects",
  "goto",
  "if",
  "node",
  "prompt",
  "outcome",
  "label",
  "modules",
  "scenarios",
  "thresholds",
  "refresher_months",
  "requires_observation",
  "min_reflection_to_question",
  "min_percent_complex_reflections",
  "max_mi_non_adherent",
];

/** The JSON Schema for scenario files (draft-07: the widest editor support). */
function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { target: "draft-07", io: "input" }) as Record<string, unknown>;
  return { ...schema, $id: "https://engage.local/scenario.schema.json" };
}

export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
