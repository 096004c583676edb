/**
 * scenarios/modules.yaml: the modules in the order officers take them, and the cross-references
 * between modules and scenarios (every scenario in exactly one module, which it names itself).
 */
import { didYouMean, diagnostic, sortDiagnostics, type Diagnostic } from "./diagnostics";
import { parseYamlSource, type YamlLocator } from "./parse";
import { moduleSchema, modulesFileSchema, type Module, type Scenario } from "./schema";
import { zodIssuesToDiagnostics } from "./zod-issues";

export interface ModulesResult {
  modules: Module[];
  diagnostics: Diagnostic[];
}

/** Parse and schema-check modules.yaml alone (no cross-references). */
export function parseModules(
  text: string,
  options: { file?: string } = {},
): ModulesResult & { locator: YamlLocator | null } {
  const parsed = parseYamlSource(text, options);
  if (parsed.value === null || !parsed.locator)
    return { modules: [], diagnostics: parsed.diagnostics, locator: parsed.locator };
  const result = modulesFileSchema.safeParse(parsed.value);
  if (!result.success) {
    return {
      modules: [],
      diagnostics: [
        ...parsed.diagnostics,
        ...zodIssuesToDiagnostics(result.error.issues, parsed.value, parsed.locator, options.file),
      ],
      locator: parsed.locator,
    };
  }
  return { modules: result.data.modules, diagnostics: parsed.diagnostics, locator: parsed.locator };
}

/** A module that modules.yaml does not list (one added in Engage): the file's defaults for all it does not say. */
export function moduleWithDefaults(m: { id: string; title: string; summary: string }): Module {
  return { ...moduleSchema.parse({ id: "added", title: "Added", summary: "Added", scenarios: [] }), ...m };
}

export function checkModules(
  text: string,
  scenarios: Map<string, Scenario>,
  options: { file?: string } = {},
): ModulesResult {
  const { modules, diagnostics, locator } = parseModules(text, options);
  if (!locator || (modules.length === 0 && diagnostics.length > 0))
    return { modules, diagnostics: sortDiagnostics(diagnostics) };
  const { file } = options;
  const out = [...diagnostics];
  const at = (path: PropertyKey[], which: "key" | "value" = "value") => locator.find(path, which);

  const seenModules = new Set<string>();
  const listedIn = new Map<string, string>(); // scenario id -> first module listing it
  modules.forEach((mod, m) => {
    if (seenModules.has(mod.id))
      out.push(
        diagnostic(
          "duplicate-module",
          `There are two modules called '${mod.id}'. Rename or merge them.`,
          at(["modules", m, "id"]),
          { file, facts: { module: mod.id } },
        ),
      );
    seenModules.add(mod.id);
    mod.scenarios.forEach((id, s) => {
      const position = at(["modules", m, "scenarios", s]);
      const scenario = scenarios.get(id);
      if (!scenario) {
        out.push(
          diagnostic(
            "module-unknown-scenario",
            `Module '${mod.id}' lists '${id}', but there is no scenario '${id}.yaml'.${didYouMean(id, scenarios.keys())}`,
            position,
            { file, facts: { module: mod.id, scenario: id } },
          ),
        );
        return;
      }
      const first = listedIn.get(id);
      if (first !== undefined) {
        out.push(
          diagnostic(
            "scenario-in-two-modules",
            `Scenario '${id}' is listed by module '${first}' and by module '${mod.id}'. A scenario belongs to one module: remove it from one list.`,
            position,
            { file, facts: { module: mod.id, scenario: id, first } },
          ),
        );
        return;
      }
      listedIn.set(id, mod.id);
      if (scenario.module !== mod.id) {
        out.push(
          diagnostic(
            "module-mismatch",
            `Module '${mod.id}' lists scenario '${id}', but the scenario says 'module: ${scenario.module}'. Make them agree.`,
            position,
            { file, facts: { module: mod.id, scenario: id, claimed: scenario.module } },
          ),
        );
      }
    });
  });

  for (const [id, scenario] of scenarios) {
    if (listedIn.has(id)) continue;
    // Point at the module the scenario claims, where the missing entry belongs.
    const claimed = modules.findIndex((m) => m.id === scenario.module);
    const position = claimed >= 0 ? at(["modules", claimed, "scenarios"], "key") : at(["modules"], "key");
    const fix =
      claimed >= 0
        ? ` Add '${id}' to the scenarios of module '${scenario.module}'.`
        : " Add it to one module's scenarios.";
    out.push(
      diagnostic(
        "scenario-not-in-module",
        `Scenario '${id}' is not in any module, so officers will never see it.${fix}`,
        position,
        { file, facts: { scenario: id } },
      ),
    );
  }
  return { modules, diagnostics: sortDiagnostics(out) };
}
