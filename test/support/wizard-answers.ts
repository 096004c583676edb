// Wizard answers for tests: a scenario made the way a trainer makes one, with three first options.
import { randomUUID } from "node:crypto";
import type { WizardAnswers } from "~/studio/template.server";

export function exampleAnswers(fields: {
  id: string;
  title: string;
  module: string;
  personaName?: string;
}): WizardAnswers {
  return {
    personaName: "Lee",
    background: "31, two years into a four-year sentence. Works in the kitchens.",
    summary: "Lee says nothing he does in here makes a difference.",
    opening: "What's the point? Nothing I do in here makes any difference.",
    openingTalk: "sustain",
    options: [
      {
        say: "You can't see the point of it right now.",
        mi: "simple_reflection",
        feedback: "A simple reflection: you said back what he said, so he feels heard.",
      },
      {
        say: "What would make a difference for you?",
        mi: "open_question",
        feedback: "An open question: it invites him to talk about what matters to him.",
      },
      {
        say: "Carry on like that and you'll be here for years.",
        mi: "confront",
        feedback: "A warning: the righting reflex. He digs in.",
      },
    ],
    ...fields,
  };
}

/** The wizard's second step as a browser sends it: a scenario with two first options. */
export function wizardFields(fields: { title: string; module: string }): Record<string, string> {
  return {
    intent: "create",
    formKey: randomUUID(), // one form: send the same fields twice to send it again
    personaName: "Gareth",
    background: "Invented.",
    summary: "Gareth and the course.",
    opening: "Them courses aren't for me.",
    openingTalk: "sustain",
    "options.0.say": "You don't see yourself on one.",
    "options.0.mi": "complex_reflection",
    "options.1.say": "What have you heard about them?",
    "options.1.mi": "open_question",
    ...fields,
  };
}
