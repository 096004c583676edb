// Studio helpers for tests: a scenario as the earlier template left it (its placeholder text in the
// summary, background and voice), and the same made publishable with the scenario's own words (the
// wizard's example conversation rewritten too).
import { EXAMPLE_FEEDBACK, EXAMPLE_TEXT, TEMPLATE_PLACEHOLDERS } from "../../app/domain/scenario/example-text";
import { wizardScenario } from "../../app/studio/template.server";
import { exampleAnswers } from "./wizard-answers";

/** A scenario file still holding the template's placeholder text, as drafts made from it do. */
export function templateDraft(fields: { id: string; title: string; module: string; personaName?: string }): string {
  return wizardScenario({
    ...exampleAnswers(fields),
    summary: TEMPLATE_PLACEHOLDERS.summary,
    background: TEMPLATE_PLACEHOLDERS.background,
    voice: TEMPLATE_PLACEHOLDERS.voice,
  });
}

/** A wizard's or template's draft made publishable: placeholders and the example conversation in the trainer's own words. */
export function ownWords(yaml: string): string {
  return rewriteExamples(yaml)
    .replace(JSON.stringify(TEMPLATE_PLACEHOLDERS.summary), '"Lee wants to be out for his daughter\'s birthday."')
    .replace(JSON.stringify(TEMPLATE_PLACEHOLDERS.background), '"34, four years for burglary, wing cleaner."')
    .replace(JSON.stringify(TEMPLATE_PLACEHOLDERS.voice), '"Short answers; warms up when his kids come up."');
}

/** A scenario file with the template's placeholder text put back in its summary, background and voice. */
export function withPlaceholders(yaml: string): string {
  return yaml
    .replace(/^summary: .*$/m, `summary: ${JSON.stringify(TEMPLATE_PLACEHOLDERS.summary)}`)
    .replace(/^ {2}background: .*$/m, `  background: ${JSON.stringify(TEMPLATE_PLACEHOLDERS.background)}`)
    .replace(/^ {2}voice: .*$/m, `  voice: ${JSON.stringify(TEMPLATE_PLACEHOLDERS.voice)}`);
}

/** The wizard's example conversation rewritten, line by line, as a trainer does before publishing ("… (rewritten)"). */
export function rewriteExamples(yaml: string): string {
  return [...Object.values(EXAMPLE_TEXT), ...Object.values(EXAMPLE_FEEDBACK)].reduce(
    (out, example) => out.replaceAll(JSON.stringify(example), JSON.stringify(`${example} (rewritten)`)),
    yaml,
  );
}
