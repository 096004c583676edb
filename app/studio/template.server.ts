/**
 * The starting point for a new scenario (the template): the trainer's own opening (his first line and the
 * officer's first options, from the wizard) followed by a short example conversation showing each
 * kind of node (options, a branch on a variable, a written reply, all three outcomes), for the
 * trainer to rewrite. It checks clean, warnings included, whatever first options are given, as long
 * as one of them is MI-consistent (the wizard asks for that).
 */
import { Scalar, stringify } from "yaml";
import { MI_CODE_INFO, type MiCode, type TalkType } from "~/domain/mi-codes";
import { freeId } from "~/domain/scenario/editor/form-model";

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
  // MI-consistent option builds rapport. The written reply then branches one above the most
  // rapport an opening option gives, so both of its branches can happen whatever the options.
  const leadsOn = (o: FirstOption) => !MI_CODE_INFO[o.mi].isMiNonAdherent;
  const gain = (o: FirstOption) => (MI_CODE_INFO[o.mi].isMiConsistentOption ? 1 : 0);
  const threshold = Math.max(0, ...a.options.filter(leadsOn).map(gain)) + 1;
  const options = a.options
    .map((o, i) =>
      [
        `      - id: ${id(ids[i])}`,
        `        say: ${text(o.say)}`,
        `        mi: ${o.mi}`,
        ...(o.feedback ? [`        feedback: ${text(o.feedback)}`] : []),
        ...(leadsOn(o) && gain(o) ? [`        effects: { rapport: ${gain(o)} }`] : []),
        `        goto: ${leadsOn(o) ? "middle" : "end-disengaged"}`,
      ].join("\n"),
    )
    .join("\n");
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
    prisoner: "My kids, I suppose. I'd like to be out for my daughter's birthday."
    talk: change
    choices:
      - id: reflect-kids
        say: "Being there for your daughter matters a lot to you."
        mi: complex_reflection
        feedback: "A complex reflection: you named what matters to him, and he hears his own reason for change."
        effects: { rapport: 1 }
        goto: in-your-words
      - id: your-words
        say: "Tell me more about that."
        mi: open_question
        feedback: "An open question: it keeps him talking about change."
        goto: in-your-words
      - id: do-it-for-her
        say: "Then do the course. Do it for her."
        mi: persuade
        feedback: "Persuading without permission: it turns his own reason into your argument, and he backs off."
        goto: end-disengaged
  in-your-words:
    prisoner: "I just want them to see I've changed."
    talk: change
    write:
      prompt: "Write what you would say next."
      feedback: "A good reply reflects his wish to be seen differently by his children."
      goto:
        - { if: "rapport >= ${threshold}", node: end-engaged }
        - { node: end-undecided }
  end-engaged:
    prisoner: "Alright. I'll hear what they've got to say about the course."
    talk: change
    ending: { outcome: engaged, label: "He agrees to hear about the course" }
  end-undecided:
    prisoner: "Maybe. I'll think about it."
    talk: neutral
    ending: { outcome: undecided, label: "He says he will think about it" }
  end-disengaged:
    prisoner: "Yeah, whatever, boss."
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
