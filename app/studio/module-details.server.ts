/**
 * Modules without modules.yaml: a trainer adds a module in Engage (its id made from its title) or
 * rewords any module's title and summary. Each change is audited in its transaction and tells
 * other instances the curriculum changed. A module added here asks the library file's default
 * levels for competency until a trainer changes them, and reaches officers once a scenario joins it.
 */
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "~db/schema";
import { recordAudit } from "~db/queries/audit.server";
import { writeModuleDetails } from "~db/queries/module-details.server";
import type { CurrentUser } from "~/auth/guard.server";
import { bumpLibraryGeneration, getCurriculum } from "~/curriculum/curriculum.server";
import { parseForm, text, wholeNumber } from "~/utils/forms";
import type { ChangeResult } from "./lifecycle.server";
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

export const readModuleDetailsForm = (formData: FormData) =>
  parseForm(z.object({ version: wholeNumber("the version of the module's title and summary"), ...words }), formData);

type Words = { title: string; summary: string };

/** Adds a module after the others; its id, or a message when it could not be added. */
export async function addModule(
  db: Kysely<Database>,
  user: CurrentUser,
  w: Words,
): Promise<{ ok: true; moduleId: string } | { ok: false; message: string }> {
  // If another trainer takes the id at the same moment, the insert finds it taken and the next is tried.
  for (let attempt = 0; attempt < 3; attempt++) {
    const modules = await getCurriculum(db, { withUnoffered: true });
    if (modules.some((m) => m.title.toLowerCase() === w.title.toLowerCase()))
      return { ok: false, message: "There is already a module with this title. Give the new module another title." };
    const taken = new Set(modules.map((m) => m.id));
    const moduleId = idFromTitle(w.title, (id) => taken.has(id), "module");
    const added = await db.transaction().execute(async (tx) => {
      const at = new Date().toISOString();
      const written = await writeModuleDetails(tx, {
        moduleId,
        expectedVersion: 0,
        ...w,
        addedInEngage: true,
        userId: user.id,
        at,
      });
      if (!written) return false;
      await recordAudit(tx, {
        actorUserId: user.id,
        action: "module.added",
        establishmentId: user.establishmentId,
        details: { moduleId, title: w.title },
      });
      await bumpLibraryGeneration(tx);
      return true;
    });
    if (added) return { ok: true, moduleId };
  }
  return { ok: false, message: "The module could not be added just now. Try again." };
}

export async function changeModuleDetails(
  db: Kysely<Database>,
  user: CurrentUser,
  s: { moduleId: string; version: number } & Words,
): Promise<ChangeResult & { changed?: boolean }> {
  const modules = await getCurriculum(db, { withUnoffered: true });
  const module = modules.find((m) => m.id === s.moduleId);
  if (!module) return { ok: false, message: "This module is no longer in the curriculum." };
  if (module.detailsVersion !== s.version) return { ok: false, message: STALE };
  if (module.title === s.title && module.summary === s.summary) return { ok: true, changed: false };
  if (modules.some((m) => m.id !== s.moduleId && m.title.toLowerCase() === s.title.toLowerCase()))
    return { ok: false, message: "Another module has this title. Choose a title officers can tell apart." };
  return db.transaction().execute(async (tx) => {
    const written = await writeModuleDetails(tx, {
      moduleId: s.moduleId,
      expectedVersion: s.version,
      title: s.title,
      summary: s.summary,
      addedInEngage: module.addedInEngage,
      userId: user.id,
      at: new Date().toISOString(),
    });
    if (!written) return { ok: false, message: STALE };
    await recordAudit(tx, {
      actorUserId: user.id,
      action: "module.details_changed",
      establishmentId: user.establishmentId,
      details: {
        moduleId: s.moduleId,
        fromTitle: module.title,
        toTitle: s.title,
        fromSummary: module.summary,
        toSummary: s.summary,
      },
    });
    await bumpLibraryGeneration(tx);
    return { ok: true, changed: true };
  });
}

const STALE =
  "Someone else changed this module's title or summary while you were looking at it. Check the words now in use and make your change again.";
