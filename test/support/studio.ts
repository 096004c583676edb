// Studio helpers for tests: a template made publishable by putting the scenario's own words where
// the template's placeholder text is.
import { TEMPLATE_PLACEHOLDERS } from "../../app/studio/template";

export function ownWords(yaml: string): string {
  return yaml
    .replace(JSON.stringify(TEMPLATE_PLACEHOLDERS.summary), '"Lee wants to be out for his daughter\'s birthday."')
    .replace(JSON.stringify(TEMPLATE_PLACEHOLDERS.background), '"34, four years for burglary, wing cleaner."')
    .replace(JSON.stringify(TEMPLATE_PLACEHOLDERS.voice), '"Short answers; warms up when his kids come up."');
}
