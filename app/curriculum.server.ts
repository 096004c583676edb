/**
 * The curriculum as officers meet it: modules in order (from scenarios/modules.yaml), each with
 * the newest published version of its scenarios, and compiled machines for any version.
 *
 * At start-up importLibrary() records each valid scenario file as a version (keyed by content
 * hash) when it differs from the last one imported; an invalid file is reported and the last
 * good version stays in use. modules.yaml is kept the same way (last good text in app_settings).
 */
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { getOrCreateSetting } from "~db/queries/app-settings.server";
import {
  getScenarioVersionRow,
  insertScenarioVersion,
  latestScenarioVersions,
  latestVersionOf,
} from "~db/queries/scenario-versions.server";
import {
  checkScenario,
  compileScenario,
  formatDiagnostic,
  parseModules,
  type Module,
  type Scenario,
  type ScenarioMachine,
} from "~/domain/scenario";
import type { ModuleRules } from "~/domain/competency";
import { loadScenarioLibrary, sha256 } from "~/scenario-library.server";
import { getDb } from "~/db.server";

const MODULES_SETTING = "modules_yaml";

export async function importLibrary(db: Kysely<Database>, log: (line: string) => void = console.log) {
  const library = loadScenarioLibrary();
  let imported = 0;
  for (const file of library.scenarios) {
    const scenario = file.result.scenario;
    if (!file.result.ok || !scenario) {
      for (const d of file.result.diagnostics.filter((d) => d.severity === "error"))
        log(`Engage: ${formatDiagnostic(d)}`);
      log(`Engage: ${file.path} has errors: officers keep playing its last good version, if there is one.`);
      continue;
    }
    const last = await latestVersionOf(db, scenario.id, "library");
    if (last?.content_hash === file.hash) continue;
    await insertScenarioVersion(db, {
      scenarioId: scenario.id,
      hash: file.hash,
      yaml: file.text,
      title: scenario.title,
      moduleId: scenario.module,
      source: "library",
      changeNote: last ? "Library file changed" : "Built-in library",
    });
    imported++;
  }
  const modulesOk = library.modules && !library.modules.diagnostics.some((d) => d.severity === "error");
  if (modulesOk) {
    await db
      .insertInto("app_settings")
      .values({ key: MODULES_SETTING, value: library.modules!.text })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: library.modules!.text }))
      .execute();
  } else {
    for (const d of library.modules?.diagnostics ?? [])
      if (d.severity === "error") log(`Engage: ${formatDiagnostic(d)}`);
    log("Engage: scenarios/modules.yaml has errors: keeping the last good module list.");
  }
  if (imported) log(`Engage: imported ${imported} new scenario version${imported === 1 ? "" : "s"} from scenarios/`);
  invalidateCurriculum();
}

export interface CurriculumScenario {
  id: string;
  title: string;
  summary: string;
  personaName: string;
  versionId: number;
}

export interface CurriculumModule {
  id: string;
  title: string;
  summary: string;
  rules: ModuleRules;
  scenarios: CurriculumScenario[];
}

let cached: Promise<CurriculumModule[]> | null = null;

/** Drops the cached curriculum; call after publishing a new version. */
export function invalidateCurriculum() {
  cached = null;
}

export function getCurriculum(): Promise<CurriculumModule[]> {
  cached ??= buildCurriculum().catch((e) => {
    cached = null;
    throw e;
  });
  return cached;
}

async function buildCurriculum(): Promise<CurriculumModule[]> {
  const db = await getDb();
  const text = await getOrCreateSetting(db, MODULES_SETTING, () => "modules: []\n");
  const modules: Module[] = parseModules(text).modules;
  const latest = await latestScenarioVersions(db);
  const byId = new Map(latest.map((v) => [v.scenario_id, v]));
  const listed = new Set(modules.flatMap((m) => m.scenarios));
  return Promise.all(
    modules.map(async (m) => {
      // Scenarios named in modules.yaml first, in its order; then any created in the studio
      // for this module, oldest first.
      const ids = [
        ...m.scenarios,
        ...latest.filter((v) => v.module_id === m.id && !listed.has(v.scenario_id)).map((v) => v.scenario_id),
      ];
      const scenarios: CurriculumScenario[] = [];
      for (const id of ids) {
        const row = byId.get(id);
        if (!row) continue;
        const version = await getScenarioVersion(row.id);
        if (!version) continue;
        scenarios.push({
          id,
          title: version.scenario.title,
          summary: version.scenario.summary,
          personaName: version.scenario.persona.name,
          versionId: row.id,
        });
      }
      return {
        id: m.id,
        title: m.title,
        summary: m.summary,
        rules: {
          id: m.id,
          scenarioIds: scenarios.map((s) => s.id),
          thresholds: {
            minReflectionToQuestion: m.thresholds.min_reflection_to_question,
            minPercentComplexReflections: m.thresholds.min_percent_complex_reflections,
            maxMiNonAdherent: m.thresholds.max_mi_non_adherent,
          },
          refresherMonths: m.refresher_months,
        },
        scenarios,
      };
    }),
  );
}

export interface LoadedVersion {
  id: number;
  scenarioId: string;
  hash: string;
  yaml: string;
  scenario: Scenario;
  machine: ScenarioMachine;
}

// Versions never change, so a compiled machine can be kept for the life of the process.
const versions = new Map<number, Promise<LoadedVersion | null>>();
const MAX_CACHED_VERSIONS = 500;

export function getScenarioVersion(id: number): Promise<LoadedVersion | null> {
  let hit = versions.get(id);
  if (!hit) {
    hit = loadVersion(id);
    if (versions.size >= MAX_CACHED_VERSIONS) versions.delete(versions.keys().next().value!);
    versions.set(id, hit);
  }
  return hit;
}

async function loadVersion(id: number): Promise<LoadedVersion | null> {
  const row = await getScenarioVersionRow(await getDb(), id);
  if (!row) return null;
  const { scenario } = checkScenario(row.yaml);
  if (!scenario) return null;
  return {
    id: row.id,
    scenarioId: row.scenario_id,
    hash: row.content_hash,
    yaml: row.yaml,
    scenario,
    machine: compileScenario(scenario),
  };
}

/** The newest version of one scenario, for starting an attempt. */
export async function newestVersionOf(scenarioId: string): Promise<LoadedVersion | null> {
  const row = await latestVersionOf(await getDb(), scenarioId);
  return row ? getScenarioVersion(row.id) : null;
}

export { sha256 };
