/**
 * The curriculum as officers meet it: modules in order (from scenarios/modules.yaml), each with
 * the newest published version of its scenarios, and compiled machines for any version.
 *
 * At start-up importLibrary() records each valid scenario file as a version (keyed by content
 * hash) when it differs from the last one imported; an invalid file is reported and the last
 * good version stays in use. modules.yaml is kept the same way (last good text in app_settings).
 *
 * Which scenarios are in a module, and since when, is kept in module_memberships: a scenario
 * joins its module when its first version is added, moves when a version names another module,
 * and leaves when a trainer retires it. modules.yaml gives the modules and their order; modules
 * added in Engage (module_details) follow them, and reach officers once a scenario has joined them.
 *
 * Each module's pass marks are kept with when they came into force (module_marks), so an
 * assessment can be judged by the marks of its day (competency.ts, policy 5). A row is written in
 * the transaction that changes the marks: a trainer's save, or an import of a modules.yaml whose
 * marks differ for a module that follows the file (the import is when they reach officers).
 *
 * Several instances may serve one database: every change to the curriculum (an import, a
 * publish) writes a new library generation in the same transaction, and each instance rebuilds
 * its cached curriculum when the generation it holds is no longer the stored one.
 */
import { randomUUID } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import { LRUCache } from "lru-cache";
import { getSetting, putSetting } from "~db/queries/app-settings.server";
import { recordAudit } from "~db/queries/audit.server";
import {
  addMembership,
  endMembership,
  hasAnyMembership,
  lastMembershipOf,
  listMemberships,
} from "~db/queries/module-memberships.server";
import {
  getScenarioVersionRow,
  insertScenarioVersion,
  latestScenarioVersions,
  latestVersionOf,
} from "~db/queries/scenario-versions.server";
import { isPostgres } from "~db/migrations/helpers";
import type { Database } from "~db/schema";
import { listModuleDetails } from "~db/queries/module-details.server";
import { listModuleSettings } from "~db/queries/module-settings.server";
import { addModuleMarks, lastMarksOf, listModuleMarks, type StoredMarks } from "~db/queries/module-marks.server";
import { sameThresholds, type MarksSpell, type ModuleRules, type ModuleSettings } from "~/domain/competency";
import {
  checkScenario,
  compileScenario,
  formatDiagnostic,
  moduleWithDefaults,
  parseModules,
  type Module,
  type Scenario,
  type ScenarioMachine,
} from "~/domain/scenario";
import { loadScenarioLibrary } from "~/curriculum/scenario-library.server";

const MODULES_SETTING = "modules_yaml";
/** The modules' order as a trainer set it in Engage: a JSON list of ids (modules not in it follow). */
export const MODULE_ORDER_SETTING = "module_order";
const GENERATION_SETTING = "library_generation";
// Any constant: the advisory lock that makes concurrent boots import the library one at a time.
const IMPORT_LOCK = 720_521;

type Db = Kysely<Database> | Transaction<Database>;

/** Marks the curriculum as changed for every instance; call in the transaction that changes it. */
export function bumpLibraryGeneration(db: Db) {
  return putSetting(db, GENERATION_SETTING, randomUUID());
}

/**
 * A trainer's change to the curriculum (a module, a scenario's place, a new version), in the
 * transaction that makes it: audited as theirs, and every instance told.
 */
export async function curriculumChanged(
  tx: Db,
  by: { id: number; establishmentId: number | null },
  action: string,
  details: Record<string, unknown>,
) {
  await recordAudit(tx, { actorUserId: by.id, action, establishmentId: by.establishmentId, details });
  await bumpLibraryGeneration(tx);
}

/**
 * Keeps a scenario's module in step with a version just added: the first version puts it in its
 * module (from the start, for the library as first installed), a version naming another module
 * moves it. A retired scenario stays retired: a new version does not bring it back.
 */
export async function placeScenario(
  db: Db,
  s: { scenarioId: string; moduleId: string; at: string; fromTheStart?: boolean; userId?: number | null },
) {
  const last = await lastMembershipOf(db, s.scenarioId);
  if (last && (last.removed_at !== null || last.module_id === s.moduleId)) return;
  if (last) await endMembership(db, { scenarioId: s.scenarioId, at: s.at, userId: s.userId });
  const at = !last && s.fromTheStart ? null : s.at;
  await addMembership(db, { moduleId: s.moduleId, scenarioId: s.scenarioId, at, userId: s.userId });
}

export async function importLibrary(db: Kysely<Database>, { dir, log }: { dir?: string; log: (line: string) => void }) {
  const library = loadScenarioLibrary(dir);
  const imported = await db.transaction().execute(async (trx) => {
    if (isPostgres(db)) await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
    // The first import is the curriculum as installed: its scenarios have been in their modules all along.
    const fromTheStart = !(await hasAnyMembership(trx));
    const at = new Date().toISOString();
    let count = 0;
    for (const file of library.scenarios) {
      const scenario = file.result.scenario;
      if (!file.result.ok || !scenario) {
        for (const d of file.result.diagnostics.filter((d) => d.severity === "error")) log(formatDiagnostic(d));
        log(`${file.path} has errors: officers keep playing its last good version, if there is one.`);
        continue;
      }
      const last = await latestVersionOf(trx, scenario.id, "library");
      if (last?.content_hash === file.hash) continue;
      await insertScenarioVersion(trx, {
        scenarioId: scenario.id,
        hash: file.hash,
        yaml: file.text,
        title: scenario.title,
        moduleId: scenario.module,
        source: "library",
        changeNote: last ? "Library file changed" : "Built-in library",
      });
      await placeScenario(trx, { scenarioId: scenario.id, moduleId: scenario.module, at, fromTheStart });
      count++;
    }
    const modules = library.modules;
    if (modules && !modules.diagnostics.some((d) => d.severity === "error")) {
      const before = await getSetting(trx, MODULES_SETTING);
      if (before !== modules.text) {
        await putSetting(trx, MODULES_SETTING, modules.text);
        if (before !== undefined) await libraryMarksChanged(trx, parseModules(before).modules, modules.modules, at);
        count++;
      }
    } else {
      for (const d of modules?.diagnostics ?? []) if (d.severity === "error") log(formatDiagnostic(d));
      log("scenarios/modules.yaml has errors: keeping the last good module list.");
    }
    if (count) await bumpLibraryGeneration(trx);
    return count;
  });
  if (imported) log(`imported ${imported} change${imported === 1 ? "" : "s"} from the scenario library`);
}

/** Records the new marks of each module that follows modules.yaml where the file changed them. */
async function libraryMarksChanged(db: Db, before: Module[], after: Module[], at: string) {
  const own = new Set((await listModuleSettings(db)).filter((r) => !r.follows_library).map((r) => r.module_id));
  const was = new Map(before.map((m) => [m.id, m.thresholds]));
  for (const m of after) if (!own.has(m.id)) await marksChanged(db, m.id, was.get(m.id) ?? null, m.thresholds, at);
}

/**
 * Records a module's marks changing at `at`, in the transaction that changes them. With none
 * recorded yet, the marks before are recorded first, as in force from the start: attempts from
 * before keep being judged by them (before is null for a new module: nothing earlier to keep).
 */
export async function marksChanged(
  db: Db,
  moduleId: string,
  before: StoredMarks | null,
  after: StoredMarks,
  at: string,
) {
  const last = await lastMarksOf(db, moduleId);
  const was = last ? marksOf(last) : before && marksOf(before);
  if (!was || sameThresholds(thresholdsFrom(was), thresholdsFrom(after))) return;
  if (!last) await addModuleMarks(db, { moduleId, marks: was, from: null });
  await addModuleMarks(db, { moduleId, marks: marksOf(after), from: at });
}

const marksOf = (m: StoredMarks): StoredMarks => ({
  min_reflection_to_question: m.min_reflection_to_question,
  min_percent_complex_reflections: m.min_percent_complex_reflections,
  max_mi_non_adherent: m.max_mi_non_adherent,
});

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
  /** what modules.yaml asks; rules carry these unless a trainer changed them in Engage */
  librarySettings: ModuleSettings;
  /** the settings' row_version (0: never changed in Engage), and who changed them last */
  settingsVersion: number;
  settingsChanged: { by: string | null; at: string } | null;
  /** the last save of the settings in Engage, even one that put them back to the library file's */
  settingsSaved: { by: string | null; at: string } | null;
  /** added in Engage rather than listed in modules.yaml */
  addedInEngage: boolean;
  /** the library file's title and summary (null for a module added in Engage) */
  libraryWords: { title: string; summary: string } | null;
  /** the title and summary's row_version (0: never changed in Engage), and who changed them last */
  detailsVersion: number;
  detailsChanged: { by: string | null; at: string } | null;
  /** the last save of the title and summary in Engage, even one that put back the library file's */
  detailsSaved: { by: string | null; at: string } | null;
  /** officers and reports see it: a module added in Engage does once a scenario has joined it */
  offered: boolean;
  /** the module's scenarios now, in order */
  scenarios: CurriculumScenario[];
}

interface Cache {
  generation: string | null;
  // Every module, and those officers see (kept apart once per build: a step asks for them).
  modules: Promise<{ all: CurriculumModule[]; offered: CurriculumModule[] }> | null;
  // Versions never change, so a compiled machine can be kept for the life of the process.
  versions: LRUCache<number, LoadedVersion>;
}

const caches = new WeakMap<Kysely<Database>, Cache>();

function cacheOf(db: Kysely<Database>): Cache {
  let cache = caches.get(db);
  if (!cache) {
    cache = {
      generation: null,
      modules: null,
      versions: new LRUCache<number, LoadedVersion>({
        max: 500,
        fetchMethod: async (id) => (await loadVersion(db, id)) ?? undefined,
      }),
    };
    caches.set(db, cache);
  }
  return cache;
}

/**
 * The modules officers take, in order. The studio asks for `{ withUnoffered: true }` to see modules
 * added in Engage that no scenario has joined yet, so a trainer can place scenarios in them.
 */
export async function getCurriculum(db: Kysely<Database>, { withUnoffered = false } = {}): Promise<CurriculumModule[]> {
  const generation = (await getSetting(db, GENERATION_SETTING)) ?? null;
  const cache = cacheOf(db);
  if (!cache.modules || cache.generation !== generation) {
    cache.generation = generation;
    const building = buildCurriculum(db).then((all) => ({ all, offered: all.filter((m) => m.offered) }));
    cache.modules = building;
    building.catch(() => {
      if (cache.modules === building) cache.modules = null;
    });
  }
  const modules = await cache.modules;
  return withUnoffered ? modules.all : modules.offered;
}

async function buildCurriculum(db: Kysely<Database>): Promise<CurriculumModule[]> {
  const text = (await getSetting(db, MODULES_SETTING)) ?? "modules: []\n";
  const library = parseModules(text).modules;
  const [latest, memberships, changed, details, order, marks] = await Promise.all([
    latestScenarioVersions(db),
    listMemberships(db),
    listModuleSettings(db),
    listModuleDetails(db),
    getSetting(db, MODULE_ORDER_SETTING),
    listModuleMarks(db),
  ]);
  const marksById = new Map<string, MarksSpell[]>();
  for (const row of marks)
    marksById.set(row.module_id, [
      ...(marksById.get(row.module_id) ?? []),
      { from: row.from_at, thresholds: thresholdsFrom(row) },
    ]);
  const byId = new Map(latest.map((v) => [v.scenario_id, v]));
  const changedById = new Map(changed.map((row) => [row.module_id, row]));
  const detailsById = new Map(details.filter((d) => d.removed_at === null).map((row) => [row.module_id, row]));
  const inLibrary = new Set(library.map((m) => m.id));
  const modules = inOrder(
    [
      ...library,
      ...details
        .filter((d) => !inLibrary.has(d.module_id) && d.removed_at === null)
        .map((d) => moduleWithDefaults({ id: d.module_id, title: d.title, summary: d.summary })),
    ],
    order,
  );
  return Promise.all(
    modules.map(async (m): Promise<CurriculumModule> => {
      const spells = memberships.filter((x) => x.module_id === m.id);
      const current = new Set(spells.filter((x) => x.removed_at === null).map((x) => x.scenario_id));
      // Scenarios named in modules.yaml first, in its order; then the others in the order they joined.
      const ids = [...new Set([...m.scenarios, ...spells.map((x) => x.scenario_id)])].filter((id) => current.has(id));
      const scenarios: CurriculumScenario[] = [];
      for (const id of ids) {
        const row = byId.get(id);
        if (!row) continue;
        const version = await getScenarioVersion(db, row.id);
        if (!version) continue;
        scenarios.push({
          id,
          title: version.scenario.title,
          summary: version.scenario.summary,
          personaName: version.scenario.persona.name,
          versionId: row.id,
        });
      }
      const playable = new Set(scenarios.map((s) => s.id));
      const row = changedById.get(m.id);
      const detailsRow = detailsById.get(m.id);
      const words = detailsRow && !detailsRow.follows_library ? detailsRow : undefined;
      const library = settingsFrom({
        ...m.thresholds,
        refresher_months: m.refresher_months,
        requires_observation: m.requires_observation,
      });
      return {
        id: m.id,
        title: words?.title ?? m.title,
        summary: words?.summary ?? m.summary,
        rules: {
          id: m.id,
          scenarioIds: scenarios.map((s) => s.id),
          membership: spells
            .filter((x) => x.removed_at !== null || playable.has(x.scenario_id))
            .map((x) => ({ scenarioId: x.scenario_id, addedAt: x.added_at, removedAt: x.removed_at })),
          ...(row && !row.follows_library ? settingsFrom(row) : library),
          ...(marksById.has(m.id) ? { marksHistory: marksById.get(m.id) } : {}),
        },
        librarySettings: library,
        settingsVersion: row?.row_version ?? 0,
        settingsChanged: row && !row.follows_library ? { by: row.changed_by_name, at: row.changed_at } : null,
        settingsSaved: row ? { by: row.changed_by_name, at: row.changed_at } : null,
        addedInEngage: !inLibrary.has(m.id),
        libraryWords: inLibrary.has(m.id) ? { title: m.title, summary: m.summary } : null,
        detailsVersion: detailsRow?.row_version ?? 0,
        detailsChanged: words ? { by: words.changed_by_name, at: words.changed_at } : null,
        detailsSaved: detailsRow ? { by: detailsRow.changed_by_name, at: detailsRow.changed_at } : null,
        offered: inLibrary.has(m.id) || spells.length > 0,
        scenarios,
      };
    }),
  );
}

/** Modules in the order a trainer set (a stored JSON list of ids); any it does not name keep their places after. */
function inOrder<T extends { id: string }>(modules: T[], stored: string | undefined): T[] {
  let ids: unknown = [];
  try {
    ids = JSON.parse(stored ?? "[]");
  } catch {
    // A value this code did not write: the natural order.
  }
  const rank = new Map(Array.isArray(ids) ? ids.map((id, i) => [id, i]) : []);
  const at = (m: T, i: number) => rank.get(m.id) ?? rank.size + i;
  return modules
    .map((m, i) => ({ m, r: at(m, i) }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.m);
}

/** A module's settings under their stored names (modules.yaml's and the module_settings table's are the same). */
interface StoredSettings {
  min_reflection_to_question: number;
  min_percent_complex_reflections: number;
  max_mi_non_adherent: number;
  refresher_months: number;
  requires_observation: boolean;
}

const thresholdsFrom = (s: StoredMarks) => ({
  minReflectionToQuestion: s.min_reflection_to_question,
  minPercentComplexReflections: s.min_percent_complex_reflections,
  maxMiNonAdherent: s.max_mi_non_adherent,
});

function settingsFrom(s: StoredSettings): ModuleSettings {
  return {
    thresholds: thresholdsFrom(s),
    refresherMonths: s.refresher_months,
    requiresObservation: s.requires_observation,
  };
}

/** The other way: settings under their stored names, for the module_settings table. */
export function storedSettings(s: ModuleSettings): StoredSettings {
  return {
    min_reflection_to_question: s.thresholds.minReflectionToQuestion,
    min_percent_complex_reflections: s.thresholds.minPercentComplexReflections,
    max_mi_non_adherent: s.thresholds.maxMiNonAdherent,
    refresher_months: s.refresherMonths,
    requires_observation: s.requiresObservation,
  };
}

export interface LoadedVersion {
  id: number;
  scenarioId: string;
  hash: string;
  yaml: string;
  scenario: Scenario;
  machine: ScenarioMachine;
}

export async function getScenarioVersion(db: Kysely<Database>, id: number): Promise<LoadedVersion | null> {
  return (await cacheOf(db).versions.fetch(id)) ?? null;
}

async function loadVersion(db: Kysely<Database>, id: number): Promise<LoadedVersion | null> {
  const row = await getScenarioVersionRow(db, id);
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
export async function newestVersionOf(db: Kysely<Database>, scenarioId: string): Promise<LoadedVersion | null> {
  const row = await latestVersionOf(db, scenarioId);
  return row ? getScenarioVersion(db, row.id) : null;
}
