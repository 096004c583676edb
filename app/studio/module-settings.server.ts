/**
 * What a module asks for competency (the thresholds an assessment must reach, the refresher
 * period, whether a coach's observation is needed), changed by a trainer in Engage instead of in
 * scenarios/modules.yaml. The trainer sees what the change would do to officers' statuses first
 * (worked out with the same rules, impact.server.ts); the change is audited in its transaction
 * and tells other instances the curriculum changed. Settings equal to the library file's put the
 * module back on the file, so a later change to the file applies again. New pass marks are recorded
 * with when they came into force, so assessments are judged by the marks of their day as well as
 * today's (competency.ts, policy 5): raising them takes nobody's pass away.
 */
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "~db/schema";
import { writeModuleSettings } from "~db/queries/module-settings.server";
import type { CurrentUser } from "~/auth/guard.server";
import {
  curriculumChanged,
  getCurriculum,
  marksChanged,
  storedSettings,
  type CurriculumModule,
} from "~/curriculum/curriculum.server";
import { sameThresholds, type ModuleRules, type ModuleSettings } from "~/domain/competency";
import { MODULE_SETTING_LIMITS as L } from "~/domain/scenario";
import { formatDateTime } from "~/domain/dates.server";
import { parseForm, wholeNumber, pageVersion, type FieldErrors } from "~/utils/forms";
import { keepOnClash } from "./meanwhile";
import { asShown, SETTING_WORDS, shownFrom, type SettingsFields } from "./module-settings";
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
  return { ...form, data: { intent: d.intent, version: d.version, settings, shown: shownFrom(form.values) } };
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
  const after = before.map((r) => (r.id === moduleId ? withSettings(r, settings, now.toISOString()) : r));
  return statusShiftsBetween(db, curriculum, before, after, now);
}

/** A module's rules with these settings saved at `at`: the marks until then stay in its history, as a save keeps them. */
function withSettings(r: ModuleRules, settings: ModuleSettings, at: string): ModuleRules {
  if (sameThresholds(r.thresholds, settings.thresholds)) return { ...r, ...settings };
  const earlier = r.marksHistory ?? [{ from: null, thresholds: r.thresholds }];
  return { ...r, ...settings, marksHistory: [...earlier, { from: at, thresholds: settings.thresholds }] };
}

/** Settings refused because another trainer saved the module's settings after the page was opened. */
export interface KeptSettings {
  /** What goes back in the form: the settings kept, and the version and settings now saved, to check again on top of theirs. */
  values: Record<string, string>;
  /** Beside each setting both changed: what the other trainer saved. */
  errors: FieldErrors;
}

type SettingsResult = { ok: true; changed: boolean } | { ok: false; message: string; kept?: KeptSettings };

export async function saveModuleSettings(
  db: Kysely<Database>,
  user: CurrentUser,
  s: { moduleId: string; version: number; settings: ModuleSettings; shown?: SettingsFields | null },
): Promise<SettingsResult> {
  const module = await moduleOf(db, s.moduleId);
  if (!module) return { ok: false, message: GONE };
  if (module.settingsVersion !== s.version) return settingsClash(module, s);
  if (sameSettings(settingsOf(module), s.settings)) return { ok: true, changed: false };
  const followsLibrary = sameSettings(module.librarySettings, s.settings);
  const written = await db.transaction().execute(async (tx) => {
    const at = new Date().toISOString();
    const values = storedSettings(s.settings);
    const written = await writeModuleSettings(tx, {
      moduleId: s.moduleId,
      expectedVersion: s.version,
      values: { follows_library: followsLibrary, ...values },
      userId: user.id,
      at,
    });
    if (!written) return false;
    await marksChanged(tx, s.moduleId, storedSettings(settingsOf(module)), values, at);
    await curriculumChanged(tx, user, "module.settings_changed", {
      moduleId: s.moduleId,
      from: fieldsOf(settingsOf(module)),
      to: fieldsOf(s.settings),
      followsLibrary,
    });
    return true;
  });
  if (written) return { ok: true, changed: true };
  const now = await moduleOf(db, s.moduleId);
  return now ? settingsClash(now, s) : { ok: false, message: GONE };
}

/**
 * A save from a page another trainer's save made out of date. Nothing is saved, even where each
 * changed other settings: their change moves officers too, so the trainer checks again. The form
 * comes back with the settings the trainer changed on top of theirs, and theirs beside each setting
 * both changed. Both saved the same settings: nothing to do.
 */
function settingsClash(
  module: CurriculumModule,
  s: { settings: ModuleSettings; shown?: SettingsFields | null },
): SettingsResult {
  const now = fieldsOf(settingsOf(module));
  if (sameSettings(settingsOf(module), s.settings)) return { ok: true, changed: false };
  const saved = module.settingsSaved;
  const who = saved?.by ?? "Another trainer";
  const kept = keepOnClash(
    s.shown ?? null,
    fieldsOf(s.settings),
    now,
    (field, theirs) =>
      `${who} saved “${SETTING_WORDS[field as keyof SettingsFields].say(theirs)}” here meanwhile. Yours is in the form: checking and saving again puts it in place of theirs.`,
  );
  const next = kept.clashes
    ? "Where you both changed a setting, yours is in the form and theirs is shown at it: choose which to keep, then check what the change does again."
    : "The form has their settings with your changes on top: check what the change does now, then save it.";
  return {
    ok: false,
    message: `${who} changed what this module asks for competency${saved ? ` on ${formatDateTime(saved.at)}` : ""} after you opened this page, so your change was not saved. ${next}`,
    kept: {
      values: { ...kept.values, version: String(module.settingsVersion), ...Object.fromEntries(asShown(now)) },
      errors: kept.errors,
    },
  };
}

/** The module's page outlived it (removed meanwhile): the settings and the words forms both say so. */
export const GONE = "This module is no longer in the curriculum.";
