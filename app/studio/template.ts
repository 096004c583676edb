/**
 * The starting point for a new scenario: small, valid, and showing each kind of node (choices,
 * a branch on a variable, a written reply, all three outcomes), so trainers edit rather than type.
 */
import { stringify } from "yaml";
import type { Scenario } from "~/domain/scenario";

export interface TemplateFields {
  id: string;
  title: string;
  module: string;
  personaName: string;
}

/** Instructions to the writer that stand in for the scenario's own words; never published. */
export const TEMPLATE_PLACEHOLDERS = {
  summary: "Say in a sentence or two who he is and what the conversation is about.",
  background: "Age, sentence, job on the wing, family, and where he stands on the programme.",
  voice: "How he talks at ease, anxious, angry and guarded: his own words, and the ones he never uses.",
} as const;

/** The fields that still hold the template's placeholder text, in words ("the summary"). */
export function placeholdersIn(scenario: Scenario): string[] {
  const found: string[] = [];
  const same = (text: string | undefined, placeholder: string) => text?.trim() === placeholder;
  if (same(scenario.summary, TEMPLATE_PLACEHOLDERS.summary)) found.push("the summary");
  if (same(scenario.persona.background, TEMPLATE_PLACEHOLDERS.background)) found.push("his background");
  if (same(scenario.persona.voice, TEMPLATE_PLACEHOLDERS.voice)) found.push("his voice");
  return found;
}

// Values go through the YAML library so quotes, colons or "#" in a title cannot break the file.
const scalar = (value: string) => stringify(value, { lineWidth: 0 }).trimEnd();

export function scenarioTemplate(f: TemplateFields): string {
  return `id: ${f.id}
title: ${scalar(f.title)}
module: ${f.module}
summary: ${JSON.stringify(TEMPLATE_PLACEHOLDERS.summary)}
persona:
  name: ${scalar(f.personaName)}
  background: ${JSON.stringify(TEMPLATE_PLACEHOLDERS.background)}
  voice: ${JSON.stringify(TEMPLATE_PLACEHOLDERS.voice)}
start: opening
variables:
  rapport: 0
nodes:
  opening:
    prisoner: "What's the point? Nothing I do in here makes any difference."
    talk: sustain
    choices:
      - id: reflect-point
        say: "You can't see the point of it right now."
        mi: simple_reflection
        feedback: "A simple reflection: you said back what he said, so he feels heard."
        effects: { rapport: 1 }
        goto: middle
      - id: ask-difference
        say: "What would make a difference for you?"
        mi: open_question
        feedback: "An open question: it invites him to talk about what matters to him."
        effects: { rapport: 1 }
        goto: middle
      - id: warn
        say: "Carry on like that and you'll be here for years."
        mi: confront
        feedback: "A warning: the righting reflex. He digs in."
        goto: end-disengaged
  middle:
    prisoner: "My kids, I suppose. I'd like to be out for my daughter's birthday."
    talk: change
    choices:
      - id: reflect-kids
        say: "Being there for your daughter matters a lot to you."
        mi: complex_reflection
        feedback: "A complex reflection: you named what matters to him, and he hears his own reason for change."
        effects: { rapport: 1 }
        goto:
          - { if: "rapport >= 2", node: end-engaged }
          - { node: end-undecided }
      - id: your-words
        say: "Tell me more about that."
        mi: open_question
        feedback: "An open question: it keeps him talking about change."
        goto: in-your-words
  in-your-words:
    prisoner: "I just want them to see I've changed."
    talk: change
    write:
      prompt: "Write what you would say next."
      feedback: "A good reply reflects his wish to be seen differently by his children."
      goto: end-engaged
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
