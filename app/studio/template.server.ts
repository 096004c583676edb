/**
 * The starting point for a new scenario (the template): the trainer's own opening (his first line and the
 * officer's first options, from the wizard) followed by a short example conversation showing each
 * kind of node (options, a branch on a variable, a written reply, all three outcomes), for the
 * trainer to rewrite. His next line follows each first option's MI code (replyTo), and a first option
 * left without feedback gets the example feedback for its code. It checks clean, warnings included,
 * whatever first options are given, as long as one of them is MI-consistent (the wizard asks for that).
 */
import { Scalar, stringify } from "yaml";
import { MI_CODE_INFO, type MiCode, type TalkType } from "~/domain/mi-codes";
import type { Diagnostic, Scenario } from "~/domain/scenario";
import { freeId, idFromWords } from "~/domain/scenario/editor/form-model";
import {
  EXAMPLE_ENDINGS,
  EXAMPLE_FEEDBACK,
  EXAMPLE_TEXT as EXAMPLE,
  exampleTextIn,
  TEMPLATE_PLACEHOLDERS,
} from "~/domain/scenario/example-text";

export const isPlaceholder = (text: string | undefined) =>
  Object.values(TEMPLATE_PLACEHOLDERS).some((placeholder) => text?.trim() === placeholder);

/** The template's placeholder text, as findings the editor's forms show beside each field that still holds it. */
export function placeholderFindings(scenario: Scenario | null): Diagnostic[] {
  if (!scenario) return [];
  return exampleTextIn(scenario)
    .filter((e) => e.nodeId === undefined)
    .map((e) => ({ code: "example-text", severity: "error", message: e.message, line: 1, column: 1, path: e.path }));
}

export interface FirstOption {
  say: string;
  mi: MiCode;
  feedback?: string;
}

export interface WizardAnswers {
  id: string;
  title: string;
  module: string;
  personaName: string;
  background: string;
  /** How he talks (optional). */
  voice?: string;
  summary: string;
  opening: string;
  openingTalk: TalkType;
  options: FirstOption[];
}

// Values go through the YAML library so quotes, colons or "#" in a text cannot break the file, and
// an id such as 0 or yes stays text (quoted) rather than becoming a number or a true.
const text = (value: string) => stringify(value, { lineWidth: 0, defaultStringType: Scalar.QUOTE_DOUBLE }).trimEnd();
const id = (value: string) => stringify(value, { lineWidth: 0 }).trimEnd();

/**
 * What he says next after a first option, by its MI code (MI-REFERENCE.md): an MI-consistent move lets
 * change talk appear; a closed question or information he did not ask for gets little (a flat line of
 * sustain talk); advice he agreed to hear, a neutral line; persuading or confronting, discord.
 */
type Reply = "change" | "flat" | "neutral" | "discord";
function replyTo(mi: MiCode): Reply {
  const code = MI_CODE_INFO[mi];
  if (code.isMiNonAdherent) return "discord";
  if (code.isMiConsistentOption) return "change";
  return mi === "persuade_with_permission" ? "neutral" : "flat";
}

interface Option {
  id: string;
  say: string;
  mi: MiCode;
  feedback: string;
  rapport?: number;
  goto: string;
}

/** A node of options, as the scenario file's lines. */
function choiceNode(nodeId: string, prisoner: string, talk: TalkType, choices: Option[]): string {
  return [
    `  ${nodeId}:`,
    `    prisoner: ${text(prisoner)}`,
    `    talk: ${talk}`,
    `    choices:`,
    ...choices.flatMap((c) => [
      `      - id: ${id(c.id)}`,
      `        say: ${text(c.say)}`,
      `        mi: ${c.mi}`,
      `        feedback: ${text(c.feedback)}`,
      ...(c.rapport ? [`        effects: { rapport: ${c.rapport} }`] : []),
      `        goto: ${c.goto}`,
    ]),
  ].join("\n");
}

/** The wizard's answers as a scenario file. */
export function wizardScenario(a: WizardAnswers, ids = optionIds(a.options)): string {
  // One line should not answer three kinds of move (the checker's shared-reply warning), so the
  // third and fourth MI-consistent codes get a change-talk line of their own.
  const changeCodes = [...new Set(a.options.filter((o) => replyTo(o.mi) === "change").map((o) => o.mi))];
  const target = (o: FirstOption) =>
    ({
      change: changeCodes.indexOf(o.mi) < 2 ? "middle" : "wants-home",
      flat: "flat",
      neutral: "unsure",
      discord: "end-disengaged",
    })[replyTo(o.mi)];
  const opening = choiceNode(
    "opening",
    a.opening,
    a.openingTalk,
    a.options.map((o, i) => ({
      ...o,
      id: ids[i],
      feedback: o.feedback ?? EXAMPLE_FEEDBACK[o.mi],
      rapport: replyTo(o.mi) === "change" ? 1 : 0,
      goto: target(o),
    })),
  );
  const middle = choiceNode("middle", EXAMPLE.middle, "change", [
    {
      id: "reflect-kids",
      say: EXAMPLE.reflectKids,
      mi: "complex_reflection",
      feedback: EXAMPLE.reflectKidsFeedback,
      rapport: 1,
      goto: "in-your-words",
    },
    {
      id: "your-words",
      say: EXAMPLE.yourWords,
      mi: "open_question",
      feedback: EXAMPLE.yourWordsFeedback,
      goto: "in-your-words",
    },
    {
      id: "do-it-for-her",
      say: EXAMPLE.doItForHer,
      mi: "persuade",
      feedback: EXAMPLE.doItForHerFeedback,
      goto: "end-disengaged",
    },
  ]);
  // The nodes after "middle", each written only when a first option leads there.
  const more = {
    "wants-home": choiceNode("wants-home", EXAMPLE.wantsHome, "change", [
      {
        id: "being-home",
        say: EXAMPLE.beingHome,
        mi: "open_question",
        feedback: EXAMPLE.beingHomeFeedback,
        goto: "in-your-words",
      },
      {
        id: "get-your-name-down",
        say: EXAMPLE.getYourNameDown,
        mi: "persuade",
        feedback: EXAMPLE.getYourNameDownFeedback,
        goto: "end-disengaged",
      },
    ]),
    flat: choiceNode("flat", EXAMPLE.flat, "sustain", [
      {
        id: "heard-it-all",
        say: EXAMPLE.heardItAll,
        mi: "complex_reflection",
        feedback: EXAMPLE.heardItAllFeedback,
        rapport: 1,
        goto: "in-your-words",
      },
      {
        id: "thats-a-no",
        say: EXAMPLE.thatsANo,
        mi: "closed_question",
        feedback: EXAMPLE.thatsANoFeedback,
        goto: "end-undecided",
      },
    ]),
    unsure: choiceNode("unsure", EXAMPLE.unsure, "neutral", [
      {
        id: "what-would-help",
        say: EXAMPLE.whatWouldHelp,
        mi: "open_question",
        feedback: EXAMPLE.whatWouldHelpFeedback,
        goto: "in-your-words",
      },
      {
        id: "think-about-it",
        say: EXAMPLE.thinkAboutIt,
        mi: "persuade",
        feedback: EXAMPLE.thinkAboutItFeedback,
        goto: "end-disengaged",
      },
    ]),
  };
  const after = Object.entries(more).filter(([nodeId]) => a.options.some((o) => target(o) === nodeId));
  // Every way to "middle" brings rapport 1, so at the written reply its reflection (+1) reaches 2 and
  // its open question does not: both branches can happen whatever the first options.
  return `id: ${id(a.id)}
title: ${text(a.title)}
module: ${id(a.module)}
summary: ${text(a.summary)}
persona:
  name: ${text(a.personaName)}
  background: ${text(a.background)}${a.voice ? `\n  voice: ${text(a.voice)}` : ""}
start: opening
variables:
  rapport: 0
nodes:
${[opening, middle, ...after.map(([, node]) => node)].join("\n")}
  in-your-words:
    prisoner: ${text(EXAMPLE.inYourWords)}
    talk: change
    write:
      prompt: ${text(EXAMPLE.inYourWordsPrompt)}
      feedback: ${text(EXAMPLE.inYourWordsFeedback)}
      goto:
        - { if: "rapport >= 2", node: end-engaged }
        - { node: end-undecided }
  end-engaged:
    prisoner: ${text(EXAMPLE.engaged)}
    talk: change
    ending: { outcome: engaged, label: "He agrees to hear about the course" }
  end-undecided:
    prisoner: ${text(EXAMPLE_ENDINGS.undecided)}
    talk: neutral
    ending: { outcome: undecided, label: "He says he will think about it" }
  end-disengaged:
    prisoner: ${text(EXAMPLE_ENDINGS.disengaged)}
    talk: discord
    ending: { outcome: disengaged, label: "He walks off" }
`;
}

/** Option ids from the first words of what the officer says ("You can't see the point" -> you-cant-see). */
export function optionIds(options: readonly FirstOption[]): string[] {
  const taken: string[] = [];
  for (const [i, o] of options.entries()) {
    taken.push(freeId(idFromWords(o.say) || `option-${i + 1}`, taken));
  }
  return taken;
}
