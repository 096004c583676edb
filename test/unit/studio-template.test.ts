/**
 * A new scenario starts clean: the template and anything the wizard builds check with no error
 * and no warning, whatever the trainer typed, as long as the wizard's own rules are met.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MI_CODE_INFO, MI_CODES, TALK_TYPES, type MiCode, type TalkType } from "~/domain/mi-codes";
import { checkScenario } from "~/domain/scenario";
import { readScenarioForm } from "~/domain/scenario/editor/read-form";
import {
  EXAMPLE_ENDINGS,
  EXAMPLE_FEEDBACK,
  exampleTextIn,
  TEMPLATE_PLACEHOLDERS,
} from "~/domain/scenario/example-text";
import { optionIds, wizardScenario, type WizardAnswers } from "~/studio/template.server";
import { parseWizard, idFromTitle } from "~/studio/wizard.server";
import { textArb } from "../support/scenario-arbitrary";
import { exampleAnswers } from "../support/wizard-answers";

const MODULES = ["listening-on-the-landing"];

/** The text at a dotted field path ("nodes.middle.choices.0.say"). */
const fieldText = (value: unknown, field: string) =>
  field.split(".").reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], value);
const check = (yaml: string) => checkScenario(yaml, { moduleIds: MODULES });

describe("the template", () => {
  it("checks with no error and no warning, whatever the title and name", () => {
    for (const title of ["Plain title", 'He said: "no" # twice', "yes", "- dash", "Ünïcödé ✓"]) {
      const yaml = wizardScenario(
        exampleAnswers({ id: "new-one", title, module: MODULES[0], personaName: "O'Neil: #1" }),
      );
      const result = check(yaml);
      expect(result.diagnostics).toEqual([]);
      expect(result.scenario?.title).toBe(title);
      expect(result.scenario?.persona.name).toBe("O'Neil: #1");
    }
  });

  it("cannot be published until every text of its example conversation is the trainer's own", () => {
    const base = exampleAnswers({ id: "new-one", title: "T", module: MODULES[0] });
    // Between them, every node the template can write: three MI-consistent codes ("wants-home"), then a
    // closed question and information ("flat") and advice with permission ("unsure"), two without feedback.
    const answerSets: WizardAnswers[] = [
      { ...base, options: [...base.options, { say: "You stuck at the kitchens job.", mi: "affirm" }] },
      {
        ...base,
        options: [
          base.options[0],
          { say: "Have you read the leaflet?", mi: "closed_question" },
          { say: "The group meets twice a week.", mi: "giving_information", feedback: "Facts, given neutrally." },
          { say: "Since you asked, I'd see the programmes team.", mi: "persuade_with_permission" },
        ],
      },
    ];
    const nodes = new Set<string>();
    for (const answers of answerSets) {
      const scenario = check(wizardScenario(answers)).scenario!;
      Object.keys(scenario.nodes).forEach((id) => nodes.add(id));
      const trainers = new Set<string>([answers.opening, ...answers.options.flatMap((o) => [o.say, o.feedback ?? ""])]);
      const written: string[] = [];
      for (const [id, node] of Object.entries(scenario.nodes)) {
        const at = (path: (string | number)[], text: string | undefined) => {
          if (text !== undefined && !trainers.has(text)) written.push(["nodes", id, ...path].join("."));
        };
        at(["prisoner"], node.prisoner);
        node.choices?.forEach((c, i) => (at(["choices", i, "say"], c.say), at(["choices", i, "feedback"], c.feedback)));
        at(["write", "prompt"], node.write?.prompt);
        at(["write", "feedback"], node.write?.feedback);
      }
      const endings = new Set<unknown>(Object.values(EXAMPLE_ENDINGS));
      const allowed = written.filter((field) => endings.has(fieldText(scenario, field)));
      const refused = exampleTextIn(scenario).map((e) => e.path.join("."));
      expect(refused.sort()).toEqual(written.filter((f) => !allowed.includes(f)).sort());
      expect(allowed.sort()).toEqual(["nodes.end-disengaged.prisoner", "nodes.end-undecided.prisoner"]);
      // A first option left without feedback has the example's: refused too.
      answers.options.forEach((o, i) => {
        if (!o.feedback) expect(refused).toContain(`nodes.opening.choices.${i}.feedback`);
      });
    }
    expect([...nodes].sort()).toEqual(
      [
        ...["opening", "middle", "wants-home", "flat", "unsure", "in-your-words"],
        ...["end-engaged", "end-undecided", "end-disengaged"],
      ].sort(),
    );
  });

  it("opens in the forms with nothing left to the YAML view", () => {
    const read = readScenarioForm(wizardScenario(exampleAnswers({ id: "new-one", title: "T", module: MODULES[0] })));
    expect(read.ok && read.form.yamlOnly).toEqual([]);
  });
});

const consistent = MI_CODES.filter((c) => MI_CODE_INFO[c].isMiConsistentOption);
const optionArb = fc.record(
  { say: textArb, mi: fc.constantFrom(...MI_CODES), feedback: textArb },
  { requiredKeys: ["say", "mi"] },
);
const answersArb: fc.Arbitrary<WizardAnswers> = fc.record({
  id: fc.constant("from-the-wizard"),
  title: textArb,
  module: fc.constant(MODULES[0]),
  personaName: textArb,
  background: textArb,
  summary: textArb,
  opening: textArb,
  openingTalk: fc.constantFrom(...TALK_TYPES),
  options: fc
    .tuple(
      fc.record({ say: textArb, mi: fc.constantFrom(...consistent) }),
      fc.array(optionArb, { minLength: 1, maxLength: 3 }),
      fc.nat(),
    )
    .map(([good, others, at]) => {
      const all = [...others];
      all.splice(at % (all.length + 1), 0, good);
      return all;
    })
    .filter(
      (options) => new Set(options.map((o) => o.say.trim().toLowerCase().replace(/\s+/g, " "))).size === options.length,
    ),
});

// What he says next after each kind of first option (MI-REFERENCE.md): MI-consistent moves let change talk
// appear, a closed question or information he did not ask for gets a flat sustain-talk line, advice he
// agreed to hear a neutral one, and persuading or confronting discord.
const NEXT_TALK: Record<MiCode, TalkType> = {
  open_question: "change",
  simple_reflection: "change",
  complex_reflection: "change",
  affirm: "change",
  seeking_collaboration: "change",
  emphasizing_autonomy: "change",
  closed_question: "sustain",
  giving_information: "sustain",
  persuade_with_permission: "neutral",
  persuade: "discord",
  confront: "discord",
};

describe("the wizard's scenario", () => {
  it("checks with no error and no warning for any answers the wizard accepts, each option with feedback", () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const result = check(wizardScenario(answers));
        expect(result.diagnostics).toEqual([]);
        const scenario = result.scenario!;
        const opening = scenario.nodes.opening;
        expect(opening.prisoner).toBe(answers.opening);
        // Feedback is optional in the wizard: an option left without has the example's for its MI code.
        expect(opening.choices!.map((c) => [c.say, c.mi, c.feedback])).toEqual(
          answers.options.map((o) => [o.say, o.mi, o.feedback ?? EXAMPLE_FEEDBACK[o.mi]]),
        );
        // His next line is the kind of talk that move tends to draw.
        expect(opening.choices!.map((c) => [c.mi, scenario.nodes[c.goto as string].talk])).toEqual(
          answers.options.map((o) => [o.mi, NEXT_TALK[o.mi]]),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("leads each first option to the line its MI code tends to draw, and names options from their words", () => {
    const yaml = wizardScenario({
      id: "w",
      title: "T",
      module: MODULES[0],
      personaName: "Lee",
      background: "B",
      summary: "S",
      opening: "I'm not doing any course.",
      openingTalk: "sustain",
      options: [
        { say: "You're not doing any course.", mi: "simple_reflection" },
        { say: "You'd be mad not to.", mi: "persuade" },
        { say: "You're not doing any course!", mi: "giving_information" },
        { say: "Have you read the leaflet?", mi: "closed_question" },
      ],
    });
    const { nodes } = check(yaml).scenario!;
    expect(nodes.opening.choices!.map((c) => [c.id, c.goto, c.effects])).toEqual([
      ["youre-not-doing", "middle", { rapport: 1 }],
      ["youd-be-mad", "end-disengaged", undefined],
      ["youre-not-doing-2", "flat", undefined],
      ["have-you-read", "flat", undefined],
    ]);
    expect([nodes.middle.talk, nodes.flat.talk, nodes["end-disengaged"].talk]).toEqual([
      "change",
      "sustain",
      "discord",
    ]);
    expect(optionIds([{ say: "?!", mi: "affirm" }])).toEqual(["option-1"]);
  });

  it("gives every MI code example feedback naming the move, then why it helps or not", () => {
    for (const code of MI_CODES) {
      const [move, why] = EXAMPLE_FEEDBACK[code].split(": ");
      expect(move.toLowerCase(), code).toContain(MI_CODE_INFO[code].label.toLowerCase());
      expect(why, code).toMatch(/\w.*\.$/);
    }
    expect(new Set(Object.values(EXAMPLE_FEEDBACK)).size).toBe(MI_CODES.length);
  });
});

function form(values: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

const ABOUT = {
  title: "  Not my kind of course ",
  module: MODULES[0],
  personaName: "Lee",
  background: "31, two years in. Works in the kitchens.",
  summary: "Lee says the course is not for men like him.",
  opening: "Them courses are for nonces.",
  openingTalk: "discord",
};

describe("the wizard's form", () => {
  it("accepts two or more options, skipping blank rows", () => {
    const result = parseWizard(
      form({
        ...ABOUT,
        "options.0.say": "You don't want to be seen as that kind of man.",
        "options.0.mi": "complex_reflection",
        "options.0.feedback": "A complex reflection of his values.",
        "options.2.say": "That's not true.",
        "options.2.mi": "confront",
      }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.answers).toEqual({
      ...ABOUT,
      title: "Not my kind of course",
      options: [
        {
          say: "You don't want to be seen as that kind of man.",
          mi: "complex_reflection",
          feedback: "A complex reflection of his values.",
        },
        { say: "That's not true.", mi: "confront" },
      ],
    });
    // The option left without feedback gets the example's, which publishing refuses.
    const made = wizardScenario({ ...result.answers, id: "not-my-kind" });
    expect(check(made).diagnostics).toEqual([]);
    expect(check(made).scenario!.nodes.opening.choices![1].feedback).toBe(EXAMPLE_FEEDBACK.confront);
  });

  it("refuses what would not check clean, with the message at the field", () => {
    const refused = (values: Record<string, string>) => {
      const result = parseWizard(form(values));
      if (result.ok) throw new Error("expected a refusal");
      return result.errors;
    };
    expect(refused({ ...ABOUT, "options.0.say": "Fair enough.", "options.0.mi": "affirm" })).toEqual({
      "options.0.say": "Write at least 2 options for the officer",
    });
    expect(
      refused({
        ...ABOUT,
        "options.0.say": "Do the course.",
        "options.0.mi": "persuade",
        "options.1.say": "Have you read the leaflet?",
        "options.1.mi": "closed_question",
      }),
    ).toEqual({ "options.0.mi": expect.stringContaining("At least one option must be MI-consistent") });
    expect(
      refused({
        ...ABOUT,
        "options.0.say": "It's your call.",
        "options.0.mi": "emphasizing_autonomy",
        "options.1.say": "it's  YOUR call.",
        "options.1.mi": "affirm",
        "options.3.feedback": "Feedback with no option",
      }),
    ).toEqual({
      "options.1.say": "Option 2 says the same as option 1: make each option different",
      "options.3.say": "Enter what the officer says in option 4",
      "options.3.mi": "Choose the MI code of option 4",
    });
    expect(refused({ ...ABOUT, openingTalk: "angry", "options.0.mi": "reflect" })).toMatchObject({
      openingTalk: "Choose what kind of talk his first line is",
      "options.0.mi": "Choose an MI code from the list",
    });
    expect(refused({ ...ABOUT, title: "" })).toMatchObject({ title: "Enter a title" });
    // The earlier template's instructions to the writer, pasted back, are refused at each field.
    expect(
      refused({
        ...ABOUT,
        summary: TEMPLATE_PLACEHOLDERS.summary,
        background: ` ${TEMPLATE_PLACEHOLDERS.background}`,
        voice: TEMPLATE_PLACEHOLDERS.voice,
        "options.0.say": "You don't want to be seen as that kind of man.",
        "options.0.mi": "complex_reflection",
        "options.1.say": "That's not true.",
        "options.1.mi": "confront",
      }),
    ).toEqual({
      summary: expect.stringContaining("in your own words"),
      background: expect.stringContaining("in your own words"),
      voice: expect.stringContaining("in your own words"),
    });
  });
});

describe("the scenario id", () => {
  it("comes from the title and is never one already taken", () => {
    const taken = new Set(["theyll-use-it-against-me", "new"]);
    expect(idFromTitle("They'll use it against me", (id) => taken.has(id))).toBe("theyll-use-it-against-me-2");
    expect(idFromTitle("New", (id) => taken.has(id))).toBe("new-2");
    expect(idFromTitle("?!", () => false)).toBe("scenario");
    expect(idFromTitle("A".repeat(80), () => false)).toHaveLength(50);
  });
});
