/**
 * Modules without modules.yaml: a trainer adds a module in Engage (its id made from its title),
 * rewords any module's title and summary, changes the order officers take them in, or removes a
 * module added by mistake before any scenario joined it. Each change is audited in its transaction
 * and tells other instances the curriculum changed. A module added here asks the library file's
 * default levels for competency until a trainer changes them, and reaches officers once a scenario
 * joins it.
 */
import type { Kysely } from "kysely";
import { z } from "zod";
import { isUniqueViolation } from "~db/errors";
import type { Database } from "~db/schema";
import { getSetting, replaceSetting } from "~db/queries/app-settings.server";
import { recordAudit } from "~db/queries/audit.server";
import { listModuleDetails, removeAddedModule, writeModuleDetails } from "~db/queries/module-details.server";
import { listMemberships } from "~db/queries/module-memberships.server";
import { listDrafts } from "~db/queries/scenario-drafts.server";
import type { CurrentUser } from "~/auth/guard.server";
import {
  bumpLibraryGeneration,
  curriculumChanged,
  getCurriculum,
  MODULE_ORDER_SETTING,
  type CurriculumModule,
} from "~/curriculum/curriculum.server";
import { checkScenario } from "~/domain/scenario";
import { formatDateTime } from "~/domain/dates.server";
import { parseForm, text, pageVersion, type FieldErrors } from "~/utils/forms";
import type { ChangeResult } from "./lifecycle.server";
import { keepOnClash } from "./meanwhile";
import { GONE } from "./module-settings.server";
import { MODULE_SUMMARY_MAX, MODULE_TITLE_MAX } from "./module-words";
import { idFromTitle } from "./wizard.server";

const words = {
  title: text("a title", { max: MODULE_TITLE_MAX }),
  // Typed in a text area: its line breaks are spaces, as in the one line of modules.yaml.
  summary: z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/\r?\n/g, " ") : v),
    text("a summary", { max: MODULE_SUMMARY_MAX }),
  ),
};

export const readNewModuleForm = (formData: FormData) => parseForm(z.object(words), formData);

export const readRemoveForm = (formData: FormData) => parseForm(z.object({ version: pageVersion() }), formData);

// What the page showed, so a save that clashes with another can keep the other trainer's words.
const shown = z
  .string()
  .max(2 * MODULE_SUMMARY_MAX)
  .optional();

export function readModuleDetailsForm(formData: FormData) {
  const form = parseForm(
    z.object({ version: pageVersion(), ...words, shownTitle: shown, shownSummary: shown }),
    formData,
  );
  if (!form.ok) return form;
  const { shownTitle, shownSummary, ...sent } = form.data;
  const seen = shownTitle !== undefined && shownSummary !== undefined;
  return { ...form, data: { ...sent, shown: seen ? { title: shownTitle, summary: shownSummary } : null } };
}

export const readMoveForm = (formData: FormData) =>
  parseForm(
    z.object({
      moduleId: z.string({ error: "Choose a module to move" }).regex(/^[a-z0-9-]{1,80}$/, "Choose a module to move"),
      direction: z.enum(["up", "down"], { error: "Choose to move the module up or down" }),
      // The order the page showed, so a move made from an out-of-date page is refused.
      order: z.string({ error: "This page is out of date. Look at the order again." }).max(10_000),
    }),
    formData,
  );

type Words = { title: string; summary: string };

/** Whether another module has this title, in any case (as the unique index on titles has it). */
const titleInUse = (modules: CurriculumModule[], title: string, except?: string) =>
  modules.some((m) => m.id !== except && m.title.toLowerCase() === title.toLowerCase());

// Addresses under /studio/modules/ that are pages, not modules: no module may take them as its id.
const ROUTE_WORDS = ["new", "order"];

/** Adds a module after the others; its id, or a message when it could not be added. */
export async function addModule(
  db: Kysely<Database>,
  user: CurrentUser,
  w: Words,
): Promise<{ ok: true; moduleId: string } | { ok: false; message: string }> {
  // If another trainer takes the id at the same moment, the insert finds it taken and the next is tried.
  for (let attempt = 0; attempt < 3; attempt++) {
    const modules = await getCurriculum(db, { withUnoffered: true });
    if (titleInUse(modules, w.title)) return { ok: false, message: TITLE_TAKEN };
    // A removed module's id is never used again: a form or link made for it must not reach another.
    const removed = (await listModuleDetails(db)).map((d) => d.module_id);
    const taken = new Set([...modules.map((m) => m.id), ...removed, ...ROUTE_WORDS]);
    const moduleId = idFromTitle(w.title, (id) => taken.has(id), "module");
    const outcome = await titleTakenAsFalse(() =>
      db.transaction().execute(async (tx) => {
        const at = new Date().toISOString();
        const inserted = await writeModuleDetails(tx, {
          moduleId,
          expectedVersion: 0,
          ...w,
          addedInEngage: true,
          followsLibrary: false,
          userId: user.id,
          at,
        });
        if (!inserted) return "id taken";
        await curriculumChanged(tx, user, "module.added", { moduleId, title: w.title });
        return "written";
      }),
    );
    if (outcome === "written") return { ok: true, moduleId };
    if (outcome === false) return { ok: false, message: TITLE_TAKEN };
  }
  return { ok: false, message: "The module could not be added just now. Try again." };
}

/** The form as sent: the words typed, the version the page was made from, and the words it showed. */
type SentWords = { moduleId: string; version: number; shown?: Words | null } & Words;

/** Words refused because another trainer saved the module's words after the page was opened. */
export interface KeptWords {
  /** What goes back in the form: the words kept, and the version and words now saved, to save on top of theirs. */
  values: Words & { version: string; shownTitle: string; shownSummary: string };
  /** Beside each field both changed: what the other trainer saved. */
  errors: FieldErrors;
}

type WordsResult =
  { ok: true; changed: boolean; title: string; meanwhile?: string } | { ok: false; message: string; kept?: KeptWords };

/**
 * Rewords a module. A form from before another trainer's save is saved on top of theirs when each
 * changed other words; where both changed the same words nothing is saved (see `wordsClash`).
 */
export async function changeModuleDetails(
  db: Kysely<Database>,
  user: CurrentUser,
  s: SentWords,
  tries = 2,
): Promise<WordsResult> {
  const modules = await getCurriculum(db, { withUnoffered: true });
  const module = modules.find((m) => m.id === s.moduleId);
  if (!module) return { ok: false, message: GONE };
  let w: Words = { title: s.title, summary: s.summary };
  let meanwhile: string | undefined;
  if (module.detailsVersion !== s.version) {
    const clash = wordsClash(module, s);
    if (!("merged" in clash)) return clash;
    ({ merged: w, meanwhile } = clash);
  }
  if (module.title === w.title && module.summary === w.summary) return { ok: true, changed: false, title: w.title };
  if (titleInUse(modules, w.title, s.moduleId)) return { ok: false, message: OTHER_TITLE };
  // The library file's own words put the module back on the file, so a later change to it applies again.
  const lib = module.libraryWords;
  const followsLibrary = lib !== null && lib.title === w.title && lib.summary === w.summary;
  const result = await titleTakenAsFalse(() =>
    db.transaction().execute(async (tx) => {
      const written = await writeModuleDetails(tx, {
        moduleId: s.moduleId,
        expectedVersion: module.detailsVersion,
        ...w,
        addedInEngage: module.addedInEngage,
        followsLibrary,
        userId: user.id,
        at: new Date().toISOString(),
      });
      if (!written) return "saved meanwhile";
      await curriculumChanged(tx, user, "module.details_changed", {
        followsLibrary,
        moduleId: s.moduleId,
        fromTitle: module.title,
        toTitle: w.title,
        fromSummary: module.summary,
        toSummary: w.summary,
      });
      return "written";
    }),
  );
  if (result === false) return { ok: false, message: OTHER_TITLE };
  if (result === "saved meanwhile")
    // Another save landed between the read and the write: read again, and merge or refuse as above.
    return tries > 0 ? changeModuleDetails(db, user, s, tries - 1) : { ok: false, message: STALE };
  return { ok: true, changed: true, title: w.title, ...(meanwhile ? { meanwhile } : {}) };
}

/**
 * A form from before another trainer's save. Where each changed other words, the words to save: the
 * trainer's changes on top of theirs. Where both changed the same words, nothing is saved and the
 * trainer keeps what they typed, with what was saved beside it. Both saved the same words: done.
 */
function wordsClash(module: CurriculumModule, s: SentWords): WordsResult | { merged: Words; meanwhile: string } {
  const typed = { title: s.title, summary: s.summary };
  const now = { title: module.title, summary: module.summary };
  if (now.title === typed.title && now.summary === typed.summary) return { ok: true, changed: false, title: now.title };
  const saved = module.detailsSaved;
  const who = saved?.by ?? "Another trainer";
  const when = saved ? ` on ${formatDateTime(saved.at)}` : "";
  const kept = keepOnClash(
    s.shown ?? null,
    typed,
    now,
    (_, theirs) =>
      `${who} saved “${theirs}” here meanwhile. Your words are in the box: saving again puts them in place of theirs.`,
  );
  const merged = { title: kept.values.title ?? typed.title, summary: kept.values.summary ?? typed.summary };
  if (s.shown && !kept.clashes)
    return {
      merged,
      meanwhile: `${who} changed this module's ${s.shown.title === now.title ? "summary" : "title"}${when} after you opened the page. Your change did not touch it, so both are kept.`,
    };
  return {
    ok: false,
    message: `${who} changed this module's title or summary${when} after you opened this page, so your change was not saved. Your words are still in the form; where theirs differ, what they saved is shown at the field. Choose which to keep, then save again.`,
    kept: {
      values: {
        ...merged,
        version: String(module.detailsVersion),
        shownTitle: now.title,
        shownSummary: now.summary,
      },
      errors: kept.errors,
    },
  };
}

/**
 * A change that fails the unique index on titles (another module in use took the title at the same
 * moment): false, once its transaction has rolled back (PostgreSQL cannot go on in a transaction
 * after the error, so it is recognised here rather than inside it).
 */
async function titleTakenAsFalse<T>(change: () => Promise<T>): Promise<T | false> {
  try {
    return await change();
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Why a module cannot be removed, or null: only a module added in Engage that no scenario has joined or names. */
export async function whyNotRemovable(db: Kysely<Database>, module: CurriculumModule): Promise<string | null> {
  if (!module.addedInEngage) return "Only a module added in Engage can be removed. This one is in the library file.";
  if (module.offered)
    return "Scenarios have been in this module, so officers' records refer to it: it cannot be removed.";
  const drafts = (await listDrafts(db)).filter((d) => checkScenario(d.yaml).scenario?.module === module.id);
  if (drafts.length)
    return `A draft names this module: ${drafts.map((d) => d.scenario_id).join(", ")}. Choose another module in ${
      drafts.length === 1 ? "its" : "their"
    } details first.`;
  return null;
}

/** Removes a module added by mistake, before any scenario joined it. */
export async function removeModule(
  db: Kysely<Database>,
  user: CurrentUser,
  s: { moduleId: string; version: number },
): Promise<ChangeResult> {
  const module = (await getCurriculum(db, { withUnoffered: true })).find((m) => m.id === s.moduleId);
  if (!module) return { ok: false, message: GONE };
  if (module.detailsVersion !== s.version) return { ok: false, message: STALE };
  const refusal = await whyNotRemovable(db, module);
  if (refusal) return { ok: false, message: refusal };
  return db.transaction().execute(async (tx): Promise<ChangeResult> => {
    const at = new Date().toISOString();
    // Publishing also writes the generation, so writing it first waits for a publish under way; then
    // a scenario published into the module meanwhile is seen here and the module is kept.
    await bumpLibraryGeneration(tx);
    if ((await listMemberships(tx)).some((m) => m.module_id === s.moduleId))
      return { ok: false, message: "A scenario has just been published in this module: it cannot be removed." };
    if (!(await removeAddedModule(tx, { moduleId: s.moduleId, expectedVersion: s.version, userId: user.id, at })))
      return { ok: false, message: STALE };
    await recordAudit(tx, {
      actorUserId: user.id,
      action: "module.removed",
      establishmentId: user.establishmentId,
      details: { moduleId: s.moduleId, title: module.title },
    });
    return { ok: true };
  });
}

/** The order the modules page shows, as its forms carry it. */
export const orderKey = (modules: { id: string }[]) => modules.map((m) => m.id).join(",");

/** Moves a module one place up or down in the order officers take them, for every prison. */
export async function moveModule(
  db: Kysely<Database>,
  user: CurrentUser,
  s: { moduleId: string; direction: "up" | "down"; order: string },
): Promise<ChangeResult & { position?: number; of?: number }> {
  // The stored order is read before the modules, so a move that lands in between fails the write below.
  const stored = await getSetting(db, MODULE_ORDER_SETTING);
  const modules = await getCurriculum(db, { withUnoffered: true });
  if (orderKey(modules) !== s.order) return { ok: false, message: STALE_ORDER };
  const from = modules.findIndex((m) => m.id === s.moduleId);
  const to = s.direction === "up" ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= modules.length)
    return { ok: false, message: `That module cannot move ${s.direction}: choose another.` };
  const ids = modules.map((m) => m.id);
  [ids[from], ids[to]] = [ids[to], ids[from]];
  return db.transaction().execute(async (tx) => {
    if (!(await replaceSetting(tx, MODULE_ORDER_SETTING, stored, JSON.stringify(ids))))
      return { ok: false, message: STALE_ORDER };
    await curriculumChanged(tx, user, "module.moved", { moduleId: s.moduleId, position: to + 1, of: ids.length });
    return { ok: true, position: to + 1, of: ids.length };
  });
}

const STALE_ORDER =
  "Someone else changed the order of the modules while you were looking at it. Look at the order now and move the module again.";

const TITLE_TAKEN = "There is already a module with this title. Give the new module another title.";
const OTHER_TITLE = "Another module has this title. Choose a title officers can tell apart.";

const STALE =
  "Someone else changed this module's title or summary while you were looking at it. Check the words now in use and make your change again.";
