/**
 * The starting point for a new scenario (the template): the trainer's own opening (his first line and the
 * officer's first options, from the wizard) followed by a short example conversation showing each
 * kind of node (options, a branch on a variable, a written reply, all three outcomes), for the
 * trainer to rewrite. It checks clean, warnings included, whatever first options are given, as long
 * as one of them is MI-consistent (the wizard asks for that); a first option left without feedback
 * is flagged (choice-without-feedback), as it would be anywhere.
 */
import { Scalar, stringify } from "yaml";
import { MI_CODE_INFO, type MiCode, type TalkType } from "~/domain/mi-codes";
import type { Diagnostic, Scenario } from "~/domain/scenario";
import { freeId } from "~/domain/scenario/editor/form-model";
import {
  EXAMPLE_ENDINGS,
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

/** The wizard's answers as a scenario file. */
export function wizardScenario(a: WizardAnswers, ids = optionIds(a.options)): string {
  // Confronting or persuading ends the conversation (so no engaged ending follows it); an
  // MI-consistent option builds rapport. One line should not answer three kinds of move (the
  // checker's shared-reply warning), so options of a third or fourth MI code lead to a second
  // node of their own. The written reply then branches at the most rapport it can be reached
  // with, so both of its branches can happen whatever the options.
  const leadsOn = (o: FirstOption) => !MI_CODE_INFO[o.mi].isMiNonAdherent;
  const gain = (o: FirstOption) => (MI_CODE_INFO[o.mi].isMiConsistentOption ? 1 : 0);
  const codes = [...new Set(a.options.filter(leadsOn).map((o) => o.mi))];
  const target = (o: FirstOption) => (!leadsOn(o) ? "end-disengaged" : codes.indexOf(o.mi) < 2 ? "middle" : "unsure");
  const into = (node: string) => a.options.filter((o) => target(o) === node).map(gain);
  // At the written reply: from "middle" with or without its reflection's +1, from "unsure" as it came.
  const threshold = Math.max(...into("middle").map((g) => g + 1), ...into("unsure"));
  const options = a.options
    .map((o, i) =>
      [
        `      - id: ${id(ids[i])}`,
        `        say: ${text(o.say)}`,
        `        mi: ${o.mi}`,
        ...(o.feedback ? [`        feedback: ${text(o.feedback)}`] : []),
        ...(leadsOn(o) && gain(o) ? [`        effects: { rapport: ${gain(o)} }`] : []),
        `        goto: ${target(o)}`,
      ].join("\n"),
    )
    .join("\n");
  const unsure = into("unsure").length
    ? `
  unsure:
    prisoner: ${text(EXAMPLE.unsure)}
    talk: neutral
    choices:
      - id: what-would-help
        say: ${text(EXAMPLE.whatWouldHelp)}
        mi: open_question
        feedback: ${text(EXAMPLE.whatWouldHelpFeedback)}
        goto: in-your-words
      - id: think-about-it
        say: ${text(EXAMPLE.thinkAboutIt)}
        mi: persuade
        feedback: ${text(EXAMPLE.thinkAboutItFeedback)}
        goto: end-disengaged`
    : "";
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
  opening:
    prisoner: ${text(a.opening)}
    talk: ${a.openingTalk}
    choices:
${options}
  middle:
    prisoner: ${text(EXAMPLE.middle)}
    talk: change
    choices:
      - id: reflect-kids
        say: ${text(EXAMPLE.reflectKids)}
        mi: complex_reflection
        feedback: ${text(EXAMPLE.reflectKidsFeedback)}
        effects: { rapport: 1 }
        goto: in-your-words
      - id: your-words
        say: ${text(EXAMPLE.yourWords)}
        mi: open_question
        feedback: ${text(EXAMPLE.yourWordsFeedback)}
        goto: in-your-words
      - id: do-it-for-her
        say: ${text(EXAMPLE.doItForHer)}
        mi: persuade
        feedback: ${text(EXAMPLE.doItForHerFeedback)}
        goto: end-disengaged${unsure}
  in-your-words:
    prisoner: ${text(EXAMPLE.inYourWords)}
    talk: change
    write:
      prompt: ${text(EXAMPLE.inYourWordsPrompt)}
      feedback: ${text(EXAMPLE.inYourWordsFeedback)}
      goto:
        - { if: "rapport >= ${threshold}", node: end-engaged }
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
    const words = o.say
      .normalize("NFKD")
      .toLowerCase()
      .replace(/['’]/g, "")
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
      .slice(0, 3)
      .join("-");
    taken.push(freeId(words || `option-${i + 1}`, taken));
  }
  return taken;
}
