/**
 * What a module asks for competency (the thresholds an assessment must reach, the refresher
 * period, whether a coach's observation is needed), changed by a trainer in Engage instead of in
 * scenarios/modules.yaml. The trainer sees what the change would do to officers' statuses first
 * (worked out with the same rules, impact.server.ts); the change is audited in its transaction
 * and tells other instances the curriculum changed. Settings equal to the library file's put the
 * module back on the file, so a later change to the file applies again.
 */
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "~db/schema";
import { writeModuleSettings } from "~db/queries/module-settings.server";
import type { CurrentUser } from "~/auth/guard.server";
import {
  curriculumChanged,
  getCurriculum,
  storedSettings,
  type CurriculumModule,
} from "~/curriculum/curriculum.server";
import type { ModuleSettings } from "~/domain/competency";
import { MODULE_SETTING_LIMITS as L } from "~/domain/scenario";
import { parseForm, wholeNumber, pageVersion } from "~/utils/forms";
import type { SettingsFields } from "./module-settings";
import type { ChangeResult } from "./lifecycle.server";
import { statusShiftsBetween, type StatusShift } from "./impact.server";

export function fieldsOf(s: ModuleSettings): SettingsFields {
  return {
    reflectionsPerQuestion: String(s.thresholds.minReflectionToQuestion),
    percentComplex: String(s.thresholds.minPercentComplexReflections),
    nonAdherentAllowed: String(s.thresholds.maxMiNonAdherent),
    refresherMonths: String(s.refresherMonths),
    requiresObservation: s.requiresObservation ? "yes" : "no",
  };
}

const ratio = z
  .string({ error: "Enter how many reflections for each question" })
  .trim()
  .min(1, "Enter how many reflections for each question")
  .regex(/^\d{1,2}(\.\d{1,2})?$/, "Reflections for each question must be a number, like 1 or 1.5")
  .transform(Number)
  .pipe(
    z
      .number()
      .min(L.minReflectionToQuestion.min)
      .max(
        L.minReflectionToQuestion.max,
        `Reflections for each question must be ${L.minReflectionToQuestion.max} or fewer`,
      ),
  );

const SettingsForm = z.object({
  intent: z.enum(["check", "save", "edit"], { error: "Choose to check the change or to save it" }),
  version: pageVersion(),
  reflectionsPerQuestion: ratio,
  percentComplex: wholeNumber("the percentage of complex reflections", L.minPercentComplexReflections),
  nonAdherentAllowed: wholeNumber("how many responses against MI are allowed", L.maxMiNonAdherent),
  refresherMonths: wholeNumber("the months until a refresher", L.refresherMonths),
  requiresObservation: z.enum(["yes", "no"], { error: "Choose whether a coach's observation is needed" }),
});

export function readSettingsForm(formData: FormData) {
  const form = parseForm(SettingsForm, formData);
  if (!form.ok) return form;
  const d = form.data;
  const settings: ModuleSettings = {
    thresholds: {
      minReflectionToQuestion: d.reflectionsPerQuestion,
      minPercentComplexReflections: d.percentComplex,
      maxMiNonAdherent: d.nonAdherentAllowed,
    },
    refresherMonths: d.refresherMonths,
    requiresObservation: d.requiresObservation === "yes",
  };
  return { ...form, data: { intent: d.intent, version: d.version, settings } };
}

export async function moduleOf(db: Kysely<Database>, moduleId: string): Promise<CurriculumModule | null> {
  return (await getCurriculum(db, { withUnoffered: true })).find((m) => m.id === moduleId) ?? null;
}

export const settingsOf = (m: CurriculumModule): ModuleSettings => ({
  thresholds: m.rules.thresholds,
  refresherMonths: m.rules.refresherMonths,
  requiresObservation: m.rules.requiresObservation ?? false,
});

const sameSettings = (a: ModuleSettings, b: ModuleSettings) =>
  JSON.stringify(fieldsOf(a)) === JSON.stringify(fieldsOf(b));

/** How officers' statuses in the module would move, across every prison, with these settings. */
export async function settingsImpact(
  db: Kysely<Database>,
  moduleId: string,
  settings: ModuleSettings,
  now = new Date(),
): Promise<StatusShift[]> {
  const curriculum = await getCurriculum(db);
  const before = curriculum.map((m) => m.rules);
  const after = before.map((r) => (r.id === moduleId ? { ...r, ...settings } : r));
  return statusShiftsBetween(db, curriculum, before, after, now);
}

export async function saveModuleSettings(
  db: Kysely<Database>,
  user: CurrentUser,
  s: { moduleId: string; version: number; settings: ModuleSettings },
): Promise<ChangeResult & { changed?: boolean }> {
  const module = await moduleOf(db, s.moduleId);
  if (!module) return { ok: false, message: "This module is no longer in the curriculum." };
  if (module.settingsVersion !== s.version) return { ok: false, message: STALE };
  if (sameSettings(settingsOf(module), s.settings)) return { ok: true, changed: false };
  const followsLibrary = sameSettings(module.librarySettings, s.settings);
  return db.transaction().execute(async (tx) => {
    const written = await writeModuleSettings(tx, {
      moduleId: s.moduleId,
      expectedVersion: s.version,
      values: { follows_library: followsLibrary, ...storedSettings(s.settings) },
      userId: user.id,
      at: new Date().toISOString(),
    });
    if (!written) return { ok: false, message: STALE };
    await curriculumChanged(tx, user, "module.settings_changed", {
      moduleId: s.moduleId,
      from: fieldsOf(settingsOf(module)),
      to: fieldsOf(s.settings),
      followsLibrary,
    });
    return { ok: true, changed: true };
  });
}

const STALE =
  "Someone else changed this module's settings while you were looking at them. Check the settings now in force and make your change again.";
