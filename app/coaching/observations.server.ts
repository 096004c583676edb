// Observing an officer's real conversation: start a draft, save it as you go, record it, link it
// with another coach's sheet for calibration, and the officer's reflection. Each change is checked
// against who is asking, and written with its audit row in one transaction.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "~db/schema";
import { isUniqueViolation } from "~db/errors";
import { recordAudit } from "~db/queries/audit.server";
import { getEstablishment } from "~db/queries/establishments.server";
import {
  calibrationCandidates,
  completeRequests,
  deleteDraft,
  findDraft,
  getObservation,
  insertDraft,
  linkPartner,
  recordDraft,
  saveDraftSheet,
  setReflection,
  type ObservationRow,
  type SheetColumns,
} from "~db/queries/observations.server";
import { getUserWithPlace, type UserWithPlace } from "~db/queries/users.server";
import { can } from "~/auth/capabilities";
import { canSeeEstablishment, type CurrentUser } from "~/auth/guard.server";
import { formatDateTime } from "~/domain/dates.server";
import { mayObserve } from "~/domain/observation/coaches";
import {
  compileNamePatterns,
  findIdentifier,
  identifierMessage,
  parseNamePatterns,
} from "~/domain/observation/identifiers";
import type { FieldErrors } from "~/utils/forms";
import type { Sheet } from "~/coaching/forms.server";

export type Coach = CurrentUser & { establishmentId: number };

type Db = Kysely<Database> | Transaction<Database>;

/** The audit row of something done to an observation: by whom, about which officer, in which prison. */
function auditObservation(
  db: Db,
  actor: { id: number },
  action: string,
  o: { id: number; officer_id: number; establishment_id: number },
  more: Record<string, unknown> = {},
) {
  return recordAudit(db, {
    actorUserId: actor.id,
    action: `observation.${action}`,
    subjectUserId: o.officer_id,
    establishmentId: o.establishment_id,
    details: { observationId: o.id, ...more },
  });
}

/** A user as the rule of who may observe whom reads them. */
const observed = (u: UserWithPlace) => ({
  id: u.id,
  role: u.role,
  active: u.active,
  establishmentId: u.establishment_id,
});

export async function startObservation(
  db: Kysely<Database>,
  coach: Coach,
  officerId: number,
): Promise<{ kind: "ok"; id: number; resumed: boolean } | { kind: "not-allowed" }> {
  const officer = await getUserWithPlace(db, officerId);
  if (!officer || !mayObserve(coach, observed(officer))) return { kind: "not-allowed" };
  const existing = await findDraft(db, coach.id, officerId);
  if (existing) return { kind: "ok", id: existing.id, resumed: true };
  try {
    const id = await db.transaction().execute(async (trx) => {
      const id = await insertDraft(trx, { establishmentId: coach.establishmentId, officerId, coachId: coach.id });
      await auditObservation(trx, coach, "started", {
        id,
        officer_id: officerId,
        establishment_id: coach.establishmentId,
      });
      return id;
    });
    return { kind: "ok", id, resumed: false };
  } catch (error) {
    // A double tap on "Start": the one-draft index kept the first, so carry on with it.
    if (!isUniqueViolation(error)) throw error;
    const first = await findDraft(db, coach.id, officerId);
    if (!first) throw error;
    return { kind: "ok", id: first.id, resumed: true };
  }
}

/** The coach's own observation, or null: nobody else's drafts are ever reachable. */
async function ownObservation(db: Kysely<Database>, coach: Coach, id: number) {
  const o = await getObservation(db, id);
  return o && o.coach_id === coach.id ? o : null;
}

/**
 * Why a coach's draft can no longer be saved or recorded, or null: since it was started the officer
 * may have left the coach's prison or been deactivated, or the coach moved to another prison.
 */
export async function whyNotObservable(
  db: Kysely<Database>,
  coach: CurrentUser,
  o: ObservationRow,
): Promise<string | null> {
  const officer = await getUserWithPlace(db, o.officer_id);
  const observable =
    officer !== undefined && o.establishment_id === coach.establishmentId && mayObserve(coach, observed(officer));
  return observable
    ? null
    : `You can no longer observe ${o.officer_name}: they are not an active officer of your prison now, so this draft cannot be saved or recorded. You can discard it.`;
}

/** Field errors for free text that identifies a prisoner: a prison number or a name the prison lists. */
async function identifierErrors(
  db: Kysely<Database>,
  establishmentId: number,
  fields: Record<string, { label: string; text: string | null }>,
): Promise<FieldErrors> {
  const prison = await getEstablishment(db, establishmentId);
  const names = compileNamePatterns(parseNamePatterns(prison?.listed_name_patterns ?? "").patterns);
  const errors: FieldErrors = {};
  for (const [field, { label, text }] of Object.entries(fields)) {
    const found = text ? findIdentifier(text, names) : null;
    if (found) errors[field] = identifierMessage(label, found);
  }
  return errors;
}

function columnsOf(s: Sheet): SheetColumns {
  return {
    minutes: s.minutes,
    questions: s.questions,
    simple_reflections: s.simpleReflections,
    complex_reflections: s.complexReflections,
    affirms: s.affirms,
    seeking_collaboration: s.seekingCollaboration,
    emphasizing_autonomy: s.emphasizingAutonomy,
    giving_information: s.givingInformation,
    persuade_with_permission: s.persuadeWithPermission,
    persuades: s.persuades,
    confronts: s.confronts,
    cultivating_change_talk: s.cultivatingChangeTalk,
    softening_sustain_talk: s.softeningSustainTalk,
    partnership: s.partnership,
    empathy: s.empathy,
    strengths: s.strengths || null,
    next_step: s.nextStep || null,
  };
}

export type SheetResult =
  | { kind: "ok"; rowVersion: number }
  | { kind: "invalid"; errors: FieldErrors }
  /** changed since it was read: from another tab or device */
  | { kind: "stale"; current: ObservationRow }
  /** already recorded: a second submit of the same sheet */
  | { kind: "recorded" }
  | { kind: "not-found" };

const notesErrors = (db: Kysely<Database>, o: ObservationRow, s: Sheet) =>
  identifierErrors(db, o.establishment_id, {
    strengths: { label: "Strengths", text: s.strengths },
    nextStep: { label: "The next step", text: s.nextStep },
  });

async function whyNotWritten(db: Kysely<Database>, id: number): Promise<SheetResult> {
  const now = await getObservation(db, id);
  if (!now) return { kind: "not-found" };
  return now.status === "recorded" ? { kind: "recorded" } : { kind: "stale", current: now };
}

/** Saves the sheet so far (the draft stays a draft). */
export async function saveProgress(db: Kysely<Database>, coach: Coach, id: number, s: Sheet): Promise<SheetResult> {
  const o = await ownObservation(db, coach, id);
  if (!o) return { kind: "not-found" };
  if (o.status === "recorded") return { kind: "recorded" };
  const gone = await whyNotObservable(db, coach, o);
  if (gone) return { kind: "invalid", errors: { form: gone } };
  const errors = await notesErrors(db, o, s);
  if (Object.keys(errors).length) return { kind: "invalid", errors };
  if (!(await saveDraftSheet(db, id, s.rowVersion, columnsOf(s)))) return whyNotWritten(db, id);
  return { kind: "ok", rowVersion: s.rowVersion + 1 };
}

/** Records the finished sheet, and marks any request to observe this officer as done. */
export async function recordObservation(
  db: Kysely<Database>,
  coach: Coach,
  id: number,
  s: Sheet,
): Promise<SheetResult> {
  const o = await ownObservation(db, coach, id);
  if (!o) return { kind: "not-found" };
  if (o.status === "recorded") return { kind: "recorded" };
  const gone = await whyNotObservable(db, coach, o);
  if (gone) return { kind: "invalid", errors: { form: gone } };
  const errors = await notesErrors(db, o, s);
  if (Object.keys(errors).length) return { kind: "invalid", errors };
  const written = await db.transaction().execute(async (trx) => {
    if (!(await recordDraft(trx, id, s.rowVersion, columnsOf(s)))) return false;
    await completeRequests(trx, coach.id, o.officer_id);
    await auditObservation(trx, coach, "recorded", o, { minutes: s.minutes });
    return true;
  });
  return written ? { kind: "ok", rowVersion: s.rowVersion + 1 } : whyNotWritten(db, id);
}

export async function discardDraft(db: Kysely<Database>, coach: Coach, id: number): Promise<boolean> {
  const o = await ownObservation(db, coach, id);
  if (!o || o.status !== "draft") return false;
  return db.transaction().execute(async (trx) => {
    if (!(await deleteDraft(trx, id))) return false;
    await auditObservation(trx, coach, "discarded", o);
    return true;
  });
}

class AlreadyLinked extends Error {}

/** Links the coach's recorded sheet with another coach's sheet of the same conversation. */
export async function linkCalibration(
  db: Kysely<Database>,
  coach: Coach,
  id: number,
  partnerId: number,
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const o = await ownObservation(db, coach, id);
  if (!o || o.status !== "recorded") return { ok: false, errors: { form: "Record your observation first" } };
  const candidates = await calibrationCandidates(db, o);
  if (o.calibration_partner_id !== null || !candidates.some((c) => c.id === partnerId))
    return { ok: false, errors: { partnerId: "Choose one of the observations listed" } };
  try {
    await db.transaction().execute(async (trx) => {
      // Each side only if it is still unlinked: two coaches linking at once cannot make a triangle.
      if (!(await linkPartner(trx, id, partnerId)) || !(await linkPartner(trx, partnerId, id)))
        throw new AlreadyLinked();
      await auditObservation(trx, coach, "calibration_linked", o, { partnerId });
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof AlreadyLinked || isUniqueViolation(error))
      return { ok: false, errors: { partnerId: "That observation has just been linked with another: choose again" } };
    throw error;
  }
}

/**
 * A recorded observation for someone other than its officer: its coach, the other coach of its
 * calibration pair, a manager or trainer of its prison, or an admin (a look by anyone but its coach is
 * audited). Null otherwise.
 */
export async function observationFor(db: Kysely<Database>, viewer: CurrentUser, id: number) {
  const o = await getObservation(db, id);
  if (!o) return null;
  if (o.coach_id === viewer.id) return o;
  if (o.status !== "recorded") return null;
  const partner = o.calibration_partner_id === null ? null : await getObservation(db, o.calibration_partner_id);
  const sameCalibration = partner?.coach_id === viewer.id;
  const reviewer = can(viewer, "readObservations") && canSeeEstablishment(viewer, o.establishment_id);
  if (!sameCalibration && !reviewer) return null;
  await auditObservation(db, viewer, "viewed", o);
  return o;
}

export type ReflectResult =
  | { kind: "saved" }
  | { kind: "invalid"; errors: FieldErrors }
  | { kind: "stale"; message: string }
  | { kind: "not-found" };

/**
 * The officer's reflection on an observation of them, saved only over the version their form was made
 * from: a save from an older window (another tab, or the page left open) changes nothing and says when.
 */
export async function reflect(
  db: Kysely<Database>,
  officer: CurrentUser,
  id: number,
  reflection: { text: string; rowVersion: number },
): Promise<ReflectResult> {
  const o = await getObservation(db, id);
  if (!o || o.officer_id !== officer.id || o.status !== "recorded") return { kind: "not-found" };
  const errors = await identifierErrors(db, o.establishment_id, {
    reflection: { label: "Your reflection", text: reflection.text },
  });
  if (Object.keys(errors).length) return { kind: "invalid", errors };
  return db.transaction().execute(async (trx): Promise<ReflectResult> => {
    if (!(await setReflection(trx, id, officer.id, reflection.text, reflection.rowVersion))) {
      const now = await getObservation(trx, id);
      return {
        kind: "stale",
        message: now?.reflected_at
          ? `You changed this reflection in another window on ${formatDateTime(now.reflected_at)}. Check it below and save again.`
          : "This observation changed in another window. Check your reflection below and save again.",
      };
    }
    await auditObservation(trx, officer, "reflected", o);
    return { kind: "saved" };
  });
}
