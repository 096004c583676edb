/**
 * Taking a scenario out of its module, putting it back, and rolling it back to an earlier
 * version. Officers' attempts and records are never touched: a retired scenario's unfinished
 * attempts can still be finished, and every version stays. Each change is audited in the same
 * transaction and tells other instances the curriculum changed. A scenario never published (no
 * officer can have seen it) may instead be deleted with its draft's revisions.
 */
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { isUniqueViolation } from "~db/errors";
import { addMembership, endMembership, lastMembershipOf } from "~db/queries/module-memberships.server";
import { getScenarioVersionRow, latestVersionOf, listVersionsOf } from "~db/queries/scenario-versions.server";
import { deleteDraft, deleteDraftRevisions, getDraft } from "~db/queries/scenario-drafts.server";
import { draftDeletionOf, recordAudit } from "~db/queries/audit.server";
import type { CurrentUser } from "~/auth/guard.server";
import { curriculumChanged, getCurriculum } from "~/curriculum/curriculum.server";
import { checkScenario, hasErrors } from "~/domain/scenario";
import { addStudioVersion, checkStudioYaml, exampleRefusal } from "./studio.server";
import { formatDateTime } from "~/domain/dates.server";

export type ChangeResult = { ok: true } | { ok: false; message: string };

/**
 * Where the scenario stands: the module it is in, or, when retired, the module it would return
 * to (the one its published version names). Null before its first version.
 */
export async function placeOf(db: Kysely<Database>, scenarioId: string) {
  const [last, latest, curriculum] = await Promise.all([
    lastMembershipOf(db, scenarioId),
    latestVersionOf(db, scenarioId),
    getCurriculum(db, { withUnoffered: true }),
  ]);
  if (!last || !latest) return null;
  const retired = last.removed_at !== null;
  const moduleId = retired ? latest.module_id : last.module_id;
  const module = curriculum.find((m) => m.id === moduleId);
  return {
    moduleId,
    moduleTitle: module?.title ?? moduleId,
    moduleExists: Boolean(module),
    retired,
    retiredAt: last.removed_at,
    retiredBy: last.removed_by_name,
  };
}

export async function retireScenario(
  db: Kysely<Database>,
  user: CurrentUser,
  scenarioId: string,
): Promise<ChangeResult> {
  return db.transaction().execute(async (tx): Promise<ChangeResult> => {
    const last = await lastMembershipOf(tx, scenarioId);
    const at = new Date().toISOString();
    if (!last || !(await endMembership(tx, { scenarioId, at, userId: user.id })))
      return { ok: false, message: "This scenario is not in a module: it may have been retired already." };
    await curriculumChanged(tx, user, "scenario.retired", { scenarioId, moduleId: last.module_id });
    return { ok: true };
  });
}

/** Puts a retired scenario back in its module, as a newly added scenario (competency.ts, rule 2). */
export async function returnScenario(
  db: Kysely<Database>,
  user: CurrentUser,
  scenarioId: string,
): Promise<ChangeResult> {
  const place = await placeOf(db, scenarioId);
  if (!place?.retired) return { ok: false, message: "This scenario is already in a module." };
  if (!place.moduleExists)
    return { ok: false, message: `The module ${place.moduleId} no longer exists. Change the scenario's module first.` };
  try {
    await db.transaction().execute(async (tx) => {
      await addMembership(tx, { moduleId: place.moduleId, scenarioId, at: new Date().toISOString(), userId: user.id });
      await curriculumChanged(tx, user, "scenario.returned", { scenarioId, moduleId: place.moduleId });
    });
    return { ok: true };
  } catch (error) {
    // Someone else returned it at the same moment: one scenario is in one module at a time.
    if (!isUniqueViolation(error)) throw error;
    return { ok: false, message: "This scenario has just been returned to its module by someone else." };
  }
}

/** The published versions, newest first, numbered from 1 for the first. */
export async function numberedVersions(db: Kysely<Database>, scenarioId: string) {
  const versions = await listVersionsOf(db, scenarioId);
  return versions.map((v, i) => ({ ...v, number: versions.length - i }));
}

export async function rollBack(
  db: Kysely<Database>,
  user: CurrentUser,
  scenarioId: string,
  to: { number: number; currentVersionId: number; changeNote: string },
): Promise<ChangeResult> {
  const versions = await numberedVersions(db, scenarioId);
  const target = versions.find((v) => v.number === to.number);
  const current = versions[0];
  if (!target || !current) return { ok: false, message: "There is no such version." };
  if (current.id !== to.currentVersionId)
    return { ok: false, message: "A new version was published after you opened this page. Check it, then try again." };
  const row = (await getScenarioVersionRow(db, target.id))!;
  if (row.content_hash === current.content_hash)
    return { ok: false, message: `The published version is already the same as v${target.number}.` };
  const check = await checkStudioYaml(db, row.yaml, scenarioId, { publishing: true });
  if (!check.scenario || hasErrors(check.diagnostics.filter((d) => d.code !== "example-text")))
    return {
      ok: false,
      message: `v${target.number} no longer passes the checks (for example, its module may no longer exist), so it cannot be published again.`,
    };
  const examples = exampleRefusal(check.diagnostics);
  if (examples) return { ok: false, message: examples };
  const scenario = check.scenario;
  try {
    await db.transaction().execute((tx) =>
      addStudioVersion(tx, user, {
        scenario,
        yaml: row.yaml,
        hash: row.content_hash,
        changeNote: `Rolled back to v${target.number}: ${to.changeNote}`,
        action: "scenario.rolled_back",
        details: { to: target.number, changeNote: to.changeNote.slice(0, 500) },
      }),
    );
    return { ok: true };
  } catch (error) {
    // Another version was added at the same moment: the line of versions allows one next version.
    if (!isUniqueViolation(error)) throw error;
    return { ok: false, message: "A new version was published at the same moment. Check it, then try again." };
  }
}

export type DeleteDraftResult =
  | { kind: "deleted"; title: string }
  | { kind: "published" }
  | { kind: "gone"; message: string }
  | { kind: "not-found" }
  | { kind: "changed"; message: string };

/**
 * Deletes a scenario that was never published: its draft and the draft's revisions, with an audit row, in one
 * transaction. Only the draft revision the confirmation page showed (`revision`), so a draft someone saved
 * meanwhile is kept; refused once any version exists, even one published after the page was opened.
 */
export async function deleteUnpublishedDraft(
  db: Kysely<Database>,
  user: CurrentUser,
  scenarioId: string,
  revision: number,
): Promise<DeleteDraftResult> {
  const draft = await getDraft(db, scenarioId);
  const title = (draft && checkScenario(draft.yaml).title) || scenarioId;
  return db.transaction().execute(async (tx): Promise<DeleteDraftResult> => {
    if (await latestVersionOf(tx, scenarioId)) return { kind: "published" };
    if (!(await deleteDraft(tx, scenarioId, revision))) {
      // Looked at again: a publish at the same moment removes the draft as it adds the version.
      if (await latestVersionOf(tx, scenarioId)) return { kind: "published" };
      const now = await getDraft(tx, scenarioId);
      if (!now) return goneOrNeverWas(tx, scenarioId);
      const who = now.updated_by_name ?? "Another trainer";
      return {
        kind: "changed",
        message: `${who} saved this draft on ${formatDateTime(now.updated_at)} after you opened this page, so it was not deleted. Check the draft, then delete it again if you still want to.`,
      };
    }
    await deleteDraftRevisions(tx, scenarioId);
    await recordAudit(tx, {
      actorUserId: user.id,
      action: "scenario.draft_deleted",
      establishmentId: user.establishmentId,
      details: { scenarioId, title },
    });
    return { kind: "deleted", title };
  });
}

/** A second press, or another trainer first, is told who deleted it; an id that never was a scenario is not found. */
async function goneOrNeverWas(db: Kysely<Database>, scenarioId: string): Promise<DeleteDraftResult> {
  const deletion = await draftDeletionOf(db, scenarioId);
  if (!deletion) return { kind: "not-found" };
  return {
    kind: "gone",
    message: `The draft scenario ${scenarioId} was deleted by ${deletion.by_name ?? "another trainer"} on ${formatDateTime(deletion.at)}.`,
  };
}
