/**
 * Text the studio writes for a trainer to replace: the new-scenario wizard's example conversation
 * (after the trainer's own opening) and the placeholders of the earlier template. A draft may hold
 * it (so a new scenario validates clean from its first save); publishing refuses it, because
 * officers would read it as it is. The check runs in checkScenario with `publishing`, so the CLI,
 * the server and the studio give the same verdict.
 */
import type { MiCode } from "../mi-codes";
import type { DataPath } from "./diagnostics";
import type { Scenario } from "./schema";

/** Instructions that stood in for the scenario's own words in the earlier template (drafts made from it may still hold them). */
export const TEMPLATE_PLACEHOLDERS = {
  summary: "Say in a sentence or two who he is and what the conversation is about.",
  background: "Age, sentence, job on the wing, family, and where he stands on the programme.",
  voice: "How he talks at ease, anxious, angry and guarded: his own words, and the ones he never uses.",
} as const;

/**
 * Every text of the wizard's example conversation (what he says, the officer's options, the written
 * reply's instruction, the feedback): the texts publishing refuses. The wizard's template
 * (studio/template.server.ts) writes its example from these and nothing else, so the two cannot drift.
 */
export const EXAMPLE_TEXT = {
  middle: "My kids, I suppose. I'd like to be out for my daughter's birthday.",
  reflectKids: "Being there for your daughter matters a lot to you.",
  reflectKidsFeedback: "A complex reflection: you named what matters to him, and he hears his own reason for change.",
  yourWords: "Tell me more about that.",
  yourWordsFeedback: "An open question: it keeps him talking about change.",
  doItForHer: "Then do the course. Do it for her.",
  doItForHerFeedback: "Persuading without permission: it turns his own reason into your argument, and he backs off.",
  unsure: "Maybe. I haven't really thought about what I want.",
  whatWouldHelp: "What would help you work out what you want?",
  whatWouldHelpFeedback: "An open question: it hands the thinking back to him.",
  thinkAboutIt: "Well, you should think about it.",
  thinkAboutItFeedback: "Persuading without permission: he hears a lecture and shuts down.",
  flat: "Yeah, I know. It's not for me, though.",
  heardItAll: "You've heard it all before, and none of it sounds like it's meant for you.",
  heardItAllFeedback:
    "A complex reflection: you said what his flat answer might mean, so he has something to agree with or put right.",
  thatsANo: "So is that a no, then?",
  thatsANoFeedback: "A closed question: it asks for a yes or a no, so he gives you little and the talk stops there.",
  wantsHome: "I want to be home, I know that much.",
  beingHome: "What would being home mean for you?",
  beingHomeFeedback: "An open question about his own reason: he tells you more of why change matters to him.",
  getYourNameDown: "Then the course is your way home. Get your name down.",
  getYourNameDownFeedback: "Persuading without permission: his reason becomes your instruction, and he pushes back.",
  inYourWords: "I just want them to see I've changed.",
  inYourWordsPrompt: "Write what you would say next.",
  inYourWordsFeedback: "A good reply reflects his wish to be seen differently by his children.",
  engaged: "Alright. I'll hear what they've got to say about the course.",
} as const;

/**
 * Example feedback for each of the trainer's first options left without any: why that kind of move
 * helps or not, in plain words (MI-REFERENCE.md). Publishing refuses it like the rest of the example.
 */
export const EXAMPLE_FEEDBACK: Record<MiCode, string> = {
  open_question: "An open question: it asks for his own words, so he can tell you what matters to him.",
  closed_question: "A closed question: it asks for a yes, a no or a fact, so he gives you little back.",
  simple_reflection: "A simple reflection: you said back what he said, so he feels heard and carries on.",
  complex_reflection: "A complex reflection: you added what he might mean, so he hears his own reasons and says more.",
  affirm: "An affirmation: you named a real strength of his, so he feels less judged and more able to change.",
  seeking_collaboration: "Seeking collaboration: you asked for his view, so he has a say in where the talk goes.",
  emphasizing_autonomy: "Emphasising autonomy: you made clear the choice is his, so he has nothing to push against.",
  giving_information:
    "Giving information he did not ask for: the facts are neutral, but he gives you little back. Ask what he knows first.",
  persuade_with_permission: "Advice with permission: he agreed to hear it, so he can weigh it without pushing back.",
  persuade: "Persuading without permission: the righting reflex. He hears a lecture and argues the other side.",
  confront: "Confronting: arguing or warning puts him on the defensive, and he shuts the conversation down.",
};

/**
 * The example's short ending lines: written by the wizard too, but common enough in real scenarios
 * that publishing allows them (as it does the endings' labels, which say what happened in a few words).
 */
export const EXAMPLE_ENDINGS = {
  undecided: "Maybe. I'll think about it.",
  disengaged: "Yeah, whatever, boss.",
} as const;

const EXAMPLES = new Set<string>([...Object.values(EXAMPLE_TEXT), ...Object.values(EXAMPLE_FEEDBACK)]);

export interface ExampleText {
  path: DataPath;
  nodeId?: string;
  message: string;
}

const same = (text: string | undefined, example: string) => text !== undefined && text.trim() === example;
const isExample = (text: string | undefined) => text !== undefined && EXAMPLES.has(text.trim());

/** Every field that still holds the wizard's example text or a template placeholder. */
export function exampleTextIn(scenario: Scenario): ExampleText[] {
  const found: ExampleText[] = [];
  const placeholder = (path: DataPath, words: string, text: string | undefined, example: string) => {
    if (same(text, example))
      found.push({
        path,
        message: `Write ${words} in your own words: this is the template's placeholder text, and it cannot be published.`,
      });
  };
  placeholder(["summary"], "the summary", scenario.summary, TEMPLATE_PLACEHOLDERS.summary);
  placeholder(
    ["persona", "background"],
    "his background",
    scenario.persona.background,
    TEMPLATE_PLACEHOLDERS.background,
  );
  placeholder(["persona", "voice"], "his voice", scenario.persona.voice, TEMPLATE_PLACEHOLDERS.voice);
  const example = (path: DataPath, nodeId: string, what: string) =>
    found.push({
      path,
      nodeId,
      message: `${what} is still the example from the new-scenario wizard. Write your own before publishing: officers would read it as it is.`,
    });
  for (const [id, node] of Object.entries(scenario.nodes)) {
    if (isExample(node.prisoner)) example(["nodes", id, "prisoner"], id, "What he says");
    node.choices?.forEach((choice, i) => {
      if (isExample(choice.say))
        example(["nodes", id, "choices", i, "say"], id, `What the officer says in option ${i + 1}`);
      if (isExample(choice.feedback))
        example(["nodes", id, "choices", i, "feedback"], id, `The feedback for option ${i + 1}`);
    });
    if (isExample(node.write?.prompt))
      example(["nodes", id, "write", "prompt"], id, "The instruction above the text box");
    if (isExample(node.write?.feedback)) example(["nodes", id, "write", "feedback"], id, "What a good reply does");
  }
  return found;
}
