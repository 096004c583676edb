/**
 * The trainer studio's work: checking YAML the way officers' versions are checked, drafts with
 * an optimistic lock, creating from the template, importing, and publishing immutable versions.
 * Routes call these and stay thin.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "~db/schema";
import { isUniqueViolation } from "~db/errors";
import { recordAudit } from "~db/queries/audit.server";
import {
  claimCreationKey,
  deleteDraft,
  deleteDraftRevisions,
  getDraft,
  getDraftRevision,
  insertDraft,
  insertDraftRevision,
  listDraftRevisions,
  listDrafts,
  releaseCreationKey,
  scenarioCreatedBy,
  updateDraft,
} from "~db/queries/scenario-drafts.server";
import {
  insertScenarioVersion,
  latestScenarioVersions,
  latestVersionOf,
  versionCounts,
} from "~db/queries/scenario-versions.server";
import { displayNames } from "~db/queries/users.server";
import { unfinishedAttemptsOf } from "~db/queries/studio-figures.server";
import { listMemberships } from "~db/queries/module-memberships.server";
import type { CurrentUser } from "~/auth/guard.server";
import { curriculumChanged, getCurriculum, getScenarioVersion, placeScenario } from "~/curriculum/curriculum.server";
import { sha256 } from "~/curriculum/scenario-library.server";
import {
  checkScenario,
  currentNodeId,
  hasErrors,
  MAX_FILE_BYTES,
  restoreConversation,
  sortDiagnostics,
  type CheckResult,
  type Diagnostic,
  type Scenario,
} from "~/domain/scenario";
import { checkParsed } from "~/domain/scenario/check";
import { exampleTextIn } from "~/domain/scenario/example-text";
import type { ParsedYaml } from "~/domain/scenario/parse";
import { checkRevision, conflictMessage, OUT_OF_DATE } from "./concurrency";
import { yamlSaveHow } from "./revision-words.server";

/** Words used by studio pages in the URL, so no scenario may take them as its id. */
const RESERVED_IDS = new Set(["new", "import", "reviews", "validate"]);

export async function moduleOptions(db: Kysely<Database>) {
  return (await getCurriculum(db, { withUnoffered: true })).map((m) => ({ id: m.id, title: m.title }));
}

/** checkScenario with the live module list, and the id held to the scenario being edited. */
/**
 * The validator's verdict on a draft's text. `parsed`, when given, is that text already read (it is
 * not read again); `publishing` asks for the verdict for publishing (example text refused).
 */
export async function checkStudioYaml(
  db: Kysely<Database>,
  yaml: string,
  scenarioId?: string,
  { parsed, publishing }: { parsed?: ParsedYaml | null; publishing?: boolean } = {},
): Promise<CheckResult> {
  const moduleIds = (await moduleOptions(db)).map((m) => m.id);
  const options = { moduleIds, publishing };
  return holdToId(parsed ? checkParsed(parsed, options) : checkScenario(yaml, options), yaml, scenarioId);
}

/** A scenario's id cannot change in the studio (a new id is a new scenario): say so at the id. */
export function holdToId(result: CheckResult, yaml: string, scenarioId?: string): CheckResult {
  if (!scenarioId || !result.scenario || result.scenario.id === scenarioId) return result;
  const line = yaml.split("\n").findIndex((l) => /^id\s*:/.test(l)) + 1 || 1;
  const diagnostics = sortDiagnostics([
    ...result.diagnostics,
    {
      code: "id-mismatch",
      severity: "error",
      message: `The scenario id must stay '${scenarioId}'. To make a new scenario, create one instead.`,
      line,
      column: 1,
      path: ["id"],
      facts: { keep: scenarioId },
    },
  ]);
  return { ...result, diagnostics, ok: false };
}

export interface StudioScenario {
  id: string;
  yaml: string;
  /** The draft revision the editor works from; without a draft, the one the published version closed. */
  revision: number;
  draft: Awaited<ReturnType<typeof getDraft>> | null;
  published: Awaited<ReturnType<typeof latestVersionOf>> | null;
}

/** The text a trainer works on: the draft if there is one, else the published version. */
export async function loadStudioScenario(db: Kysely<Database>, scenarioId: string): Promise<StudioScenario | null> {
  const [draft, published] = await Promise.all([getDraft(db, scenarioId), latestVersionOf(db, scenarioId)]);
  if (!draft && !published) return null;
  return {
    id: scenarioId,
    yaml: draft?.yaml ?? published!.yaml,
    revision: draft?.revision ?? published!.draft_revision,
    draft: draft ?? null,
    published: published ?? null,
  };
}

export async function listLibrary(db: Kysely<Database>) {
  const [versions, drafts, versionCount, modules, memberships] = await Promise.all([
    latestScenarioVersions(db),
    listDrafts(db),
    versionCounts(db),
    moduleOptions(db),
    listMemberships(db),
  ]);
  const authors = await displayNames(db, [
    ...new Set(versions.flatMap((v) => (v.created_by === null ? [] : [v.created_by]))),
  ]);
  // A scenario's last spell in a module says whether it is retired (spells are in order).
  const lastSpell = new Map(memberships.map((m) => [m.scenario_id, m]));
  const moduleTitle = new Map(modules.map((m) => [m.id, m.title]));
  const draftById = new Map(drafts.map((d) => [d.scenario_id, d]));
  const ids = [...new Set([...versions.map((v) => v.scenario_id), ...drafts.map((d) => d.scenario_id)])].sort();
  const published = new Map(versions.map((v) => [v.scenario_id, v]));
  const moduleIds = modules.map((m) => m.id);
  return ids.map((id) => {
    const draft = draftById.get(id);
    const version = published.get(id);
    const check = checkScenario(draft?.yaml ?? version!.yaml, { moduleIds });
    const moduleId = check.scenario?.module ?? version?.module_id ?? null;
    return {
      id,
      title: check.title ?? version?.title ?? id,
      module: moduleId ? (moduleTitle.get(moduleId) ?? moduleId) : null,
      hasDraft: Boolean(draft),
      retired: lastSpell.get(id)?.removed_at != null,
      publishedVersion: version ? (versionCount.get(id) ?? 1) : null,
      publishedAt: version?.created_at ?? null,
      changedAt: draft?.updated_at ?? version!.created_at,
      changedBy: draft
        ? draft.updated_by_name
        : version!.source === "library" && !version!.created_by
          ? "Built-in library"
          : (authors.get(version!.created_by ?? 0) ?? null),
      errors: check.diagnostics.filter((d) => d.severity === "error").length,
      warnings: check.diagnostics.filter((d) => d.severity === "warning").length,
      // The wizard's example words, which publishing refuses: a draft is not ready while any are left.
      examples: draft && check.scenario ? exampleTextIn(check.scenario).length : 0,
      stats: check.stats && { nodes: check.stats.nodes, endings: check.stats.endings.total, words: check.stats.words },
    };
  });
}

export type SaveResult = { ok: true; revision: number } | { ok: false; message: string };

/**
 * How a draft's text was made, kept with each revision: "form:" and the form's edits, "yaml:" and what the YAML
 * changed (revision-words.server.ts; "form" and "yaml" alone before they were kept), "wizard", "import", "restore:N".
 */
export type SaveHow = `form:${string}` | "yaml" | `yaml:${string}` | "wizard" | "import" | `restore:${number}`;

/**
 * Saves a new revision of the draft over revision `base`; a save from an older revision is refused. A save as
 * YAML (`how` "yaml") is kept with what it changed from the draft as it was.
 */
export async function saveDraft(
  db: Kysely<Database>,
  user: CurrentUser,
  scenarioId: string,
  yaml: string,
  base: number,
  how: SaveHow = "yaml",
): Promise<SaveResult> {
  const [stored, published] = await Promise.all([getDraft(db, scenarioId), latestVersionOf(db, scenarioId)]);
  const check = checkRevision(stored?.revision ?? published?.draft_revision ?? null, base);
  const refused = async (): Promise<SaveResult> => {
    if (!check.ok && check.ahead) return { ok: false, message: OUT_OF_DATE };
    const now = await getDraft(db, scenarioId);
    return { ok: false, message: conflictMessage(now?.updated_by_name ?? null, now?.updated_at ?? null, !now) };
  };
  if (!check.ok) return refused();
  const kept = how === "yaml" ? yamlSaveHow(stored?.yaml ?? published?.yaml ?? null, yaml) : how;
  // The write itself re-checks the revision, so two saves racing past the read still cannot both land.
  const saved = await db.transaction().execute(async (tx) => {
    const written = !stored
      ? await insertDraft(tx, { scenarioId, yaml, userId: user.id, revision: check.next })
      : await updateDraft(tx, { scenarioId, yaml, userId: user.id, base });
    if (written) await insertDraftRevision(tx, { scenarioId, revision: check.next, yaml, userId: user.id, how: kept });
    return written;
  });
  return saved ? { ok: true, revision: check.next } : refused();
}

/** The draft's saves, newest first: revision, when, who and how. */
export function draftHistory(db: Kysely<Database>, scenarioId: string) {
  return listDraftRevisions(db, scenarioId);
}

/** Brings back an earlier revision's text as a new revision (the lock still refuses a stale page). */
export async function restoreRevision(
  db: Kysely<Database>,
  user: CurrentUser,
  scenarioId: string,
  revision: number,
  base: number,
): Promise<SaveResult> {
  const earlier = await getDraftRevision(db, scenarioId, revision);
  if (!earlier) return { ok: false, message: `There is no revision ${revision} of this draft to restore.` };
  return saveDraft(db, user, scenarioId, earlier.yaml, base, `restore:${revision}`);
}

async function scenarioIdTaken(db: Kysely<Database>, scenarioId: string) {
  return (
    RESERVED_IDS.has(scenarioId) || Boolean((await getDraft(db, scenarioId)) ?? (await latestVersionOf(db, scenarioId)))
  );
}

/**
 * A new scenario's first draft (from the wizard): true when made; false when the id was taken in the meantime;
 * `sameForm` when the wizard's form (its one-time `formKey`) already made a scenario, which is then not made
 * again (a double click, a resend, two tabs), whatever id this submit would have used.
 */
export async function createDraft(
  db: Kysely<Database>,
  user: CurrentUser,
  scenarioId: string,
  yaml: string,
  formKey?: string,
): Promise<boolean | { sameForm: string | null }> {
  return db.transaction().execute(async (tx) => {
    // The key first: a second submit of the same form stops here, before it takes an id.
    if (formKey && !(await claimCreationKey(tx, { formKey, scenarioId, userId: user.id })))
      return { sameForm: await scenarioCreatedBy(tx, formKey) };
    if (!(await insertDraft(tx, { scenarioId, yaml, userId: user.id, revision: 1 }))) {
      if (formKey) await releaseCreationKey(tx, formKey);
      return false;
    }
    await insertDraftRevision(tx, { scenarioId, revision: 1, yaml, userId: user.id, how: "wizard" });
    // Later saves are kept as the draft's revisions (who, when, how); its creation is an event of its own.
    await recordAudit(tx, {
      actorUserId: user.id,
      action: "scenario.created",
      establishmentId: user.establishmentId,
      details: { scenarioId, hash: sha256(yaml) },
    });
    return true;
  });
}

/** Every scenario id in use (drafts and published), and the words the studio's addresses use. */
export async function takenScenarioIds(db: Kysely<Database>): Promise<Set<string>> {
  const [drafts, versions] = await Promise.all([
    db.selectFrom("scenario_drafts").select("scenario_id").execute(),
    db.selectFrom("scenario_versions").select("scenario_id").distinct().execute(),
  ]);
  return new Set([...RESERVED_IDS, ...drafts.map((d) => d.scenario_id), ...versions.map((v) => v.scenario_id)]);
}

export type ImportResult = { ok: true; scenarioId: string } | { ok: false; message: string; check?: CheckResult };

/** An uploaded file becomes a new draft, only when valid and its id is free. */
export async function importScenario(
  db: Kysely<Database>,
  user: CurrentUser,
  fileName: string,
  text: string,
): Promise<ImportResult> {
  if (Buffer.byteLength(text, "utf8") > MAX_FILE_BYTES)
    return { ok: false, message: "The file must be 256 KB or smaller" };
  const check = await checkStudioYaml(db, text);
  if (!check.scenario || hasErrors(check.diagnostics))
    return { ok: false, message: `${fileName} has errors, so nothing was imported`, check };
  const id = check.scenario.id;
  if (await scenarioIdTaken(db, id)) {
    return {
      ok: false,
      message: `There is already a scenario with the id ${id}. Change the id in the file, or edit the existing scenario instead.`,
    };
  }
  const inserted = await db.transaction().execute(async (tx) => {
    if (!(await insertDraft(tx, { scenarioId: id, yaml: text, userId: user.id, revision: 1 }))) return false;
    await insertDraftRevision(tx, { scenarioId: id, revision: 1, yaml: text, userId: user.id, how: "import" });
    await recordAudit(tx, {
      actorUserId: user.id,
      action: "scenario.imported",
      establishmentId: user.establishmentId,
      details: { scenarioId: id, file: fileName.slice(0, 200), hash: sha256(text) },
    });
    return true;
  });
  if (!inserted) return { ok: false, message: `There is already a scenario with the id ${id}.` };
  return { ok: true, scenarioId: id };
}

/** Unfinished attempts whose current node the new text no longer has (they finish on their own version). */
export async function strandedAttempts(db: Kysely<Database>, scenarioId: string, next: Scenario) {
  const byNode = new Map<string, number>();
  for (const a of await unfinishedAttemptsOf(db, scenarioId)) {
    const version = await getScenarioVersion(db, a.scenario_version_id);
    if (!version) continue;
    let node: string;
    try {
      node = currentNodeId(restoreConversation(version.machine, JSON.parse(a.snapshot)));
    } catch {
      continue; // a snapshot that no longer restores is the practice loop's to report, not the publish page's
    }
    if (!Object.hasOwn(next.nodes, node)) byNode.set(node, (byNode.get(node) ?? 0) + 1);
  }
  return [...byNode]
    .map(([nodeId, attempts]) => ({ nodeId, attempts }))
    .sort((a, b) => a.nodeId.localeCompare(b.nodeId));
}

export type PublishResult = { ok: true; versionId: number } | { ok: false; message: string };

/**
 * A new studio version, in the caller's transaction: the version, the scenario's place in its
 * module, the audit row, and a new library generation for the other instances.
 */
export async function addStudioVersion(
  tx: Transaction<Database>,
  user: CurrentUser,
  v: {
    scenario: Scenario;
    yaml: string;
    hash: string;
    changeNote: string;
    action: "scenario.published" | "scenario.rolled_back";
    details: Record<string, unknown>;
    /** the draft revision published (none for a rollback) */
    draftRevision?: number;
  },
) {
  const scenarioId = v.scenario.id;
  const versionId = await insertScenarioVersion(tx, {
    scenarioId,
    hash: v.hash,
    yaml: v.yaml,
    title: v.scenario.title,
    moduleId: v.scenario.module,
    source: "studio",
    changeNote: v.changeNote,
    createdBy: user.id,
    ...(v.draftRevision === undefined ? {} : { draftRevision: v.draftRevision }),
  });
  await placeScenario(tx, { scenarioId, moduleId: v.scenario.module, at: new Date().toISOString(), userId: user.id });
  await curriculumChanged(tx, user, v.action, { scenarioId, versionId, ...v.details });
  return versionId;
}

const inWords = (items: string[]) => items.join(", ").replace(/, ([^,]*)$/, " and $1");
const PLACEHOLDER_WORDS: Record<string, string> = {
  summary: "the summary",
  "persona.background": "his background",
  "persona.voice": "his voice",
};

/**
 * Why publishing refuses a draft that still holds text written for the trainer to replace (the
 * template's placeholders, the wizard's example conversation); null when it holds none.
 */
export function exampleRefusal(diagnostics: readonly Diagnostic[]): string | null {
  const found = diagnostics.filter((d) => d.code === "example-text");
  if (!found.length) return null;
  const placeholders = found.filter((d) => !d.nodeId).map((d) => PLACEHOLDER_WORDS[d.path?.join(".") ?? ""] ?? "");
  const nodes = [...new Set(found.flatMap((d) => (d.nodeId ? [d.nodeId] : [])))];
  const texts = found.length - placeholders.length;
  return [
    placeholders.length
      ? `Replace the template's placeholder text in ${inWords(placeholders)} before publishing: officers would read it as it is.`
      : "",
    nodes.length
      ? `The example conversation from the new-scenario wizard is still there (${texts === 1 ? "1 text" : `${texts} texts`} in ${nodes.length === 1 ? "node" : "nodes"} ${inWords(nodes)}). Write your own before publishing: officers would read it as it is.`
      : "",
  ]
    .filter(Boolean)
    .join(" ");
}

export async function publishDraft(
  db: Kysely<Database>,
  user: CurrentUser,
  scenarioId: string,
  revision: number,
  changeNote: string,
): Promise<PublishResult> {
  const draft = await getDraft(db, scenarioId);
  if (!draft) return { ok: false, message: "There is no draft to publish: it may have been published already" };
  if (draft.revision !== revision)
    return {
      ok: false,
      message: "The draft changed after you opened this page. Check the changes below again, then publish.",
    };
  const check = await checkStudioYaml(db, draft.yaml, scenarioId, { publishing: true });
  if (!check.scenario || hasErrors(check.diagnostics.filter((d) => d.code !== "example-text")))
    return { ok: false, message: "The draft has errors. Fix them in the editor before publishing." };
  const examples = exampleRefusal(check.diagnostics);
  if (examples) return { ok: false, message: examples };
  const scenario = check.scenario;
  const hash = sha256(draft.yaml);
  const publish = db.transaction().execute(async (tx): Promise<PublishResult> => {
    const latest = await latestVersionOf(tx, scenarioId);
    if (latest?.content_hash === hash)
      return { ok: false, message: "The draft is the same as the published version: there is nothing to publish" };
    if (!(await deleteDraft(tx, scenarioId, revision)))
      return { ok: false, message: "The draft changed while publishing. Check the changes again, then publish." };
    await deleteDraftRevisions(tx, scenarioId);
    const versionId = await addStudioVersion(tx, user, {
      scenario,
      yaml: draft.yaml,
      hash,
      changeNote,
      action: "scenario.published",
      details: { hash, changeNote: changeNote.slice(0, 500) },
      draftRevision: revision,
    });
    return { ok: true, versionId };
  });
  try {
    return await publish;
  } catch (error) {
    // Another version of this scenario was added at the same moment (another trainer, or an
    // instance importing the library): the unique index on the line of versions said no.
    if (!isUniqueViolation(error)) throw error;
    return {
      ok: false,
      message:
        "Another version of this scenario was published at the same moment. Check the changes again, then publish.",
    };
  }
}
