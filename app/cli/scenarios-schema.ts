/**
 * npm run scenarios:schema
 * Writes scenarios/scenario.schema.json from the zod schema (the single source of truth), so
 * editors with a YAML language server autocomplete and check scenario files.
 * A unit test fails when the committed file is out of date: run this after changing schema.ts.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { scenarioJsonSchemaText } from "~/domain/scenario";
import { defaultScenariosDir } from "~/curriculum/scenario-library.server";

const target = path.join(defaultScenariosDir(), "scenario.schema.json");
writeFileSync(target, scenarioJsonSchemaText());
console.log(`Wrote ${path.relative(process.cwd(), target)}`);
