// What a prison records about itself on the reports pages: its training target, and each month's
// programme engagement figures. Each save and its audit row are written in one transaction, so a
// change is never left unaudited (nor an audit row left describing a change that failed).
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { recordAudit } from "~db/queries/audit.server";
import { saveEngagementFigure, setTarget } from "~db/queries/reports.server";

interface Recorder {
  userId: number;
  establishmentId: number;
}

/** The share of officers who should be competent in every module, and the day to reach it by. */
export function setPrisonTarget(db: Kysely<Database>, by: Recorder, target: { percent: number; date: string }) {
  return db.transaction().execute(async (trx) => {
    await setTarget(trx, { establishmentId: by.establishmentId, ...target, setBy: by.userId });
    await recordAudit(trx, {
      actorUserId: by.userId,
      action: "target.set",
      establishmentId: by.establishmentId,
      details: { percent: target.percent, date: target.date },
    });
  });
}

/** A month's figures (recording a month again replaces them). */
export function recordEngagement(
  db: Kysely<Database>,
  by: Recorder,
  figures: { month: string; eligible: number; notEngaging: number },
) {
  return db.transaction().execute(async (trx) => {
    await saveEngagementFigure(trx, { establishmentId: by.establishmentId, ...figures, recordedBy: by.userId });
    await recordAudit(trx, {
      actorUserId: by.userId,
      action: "engagement.recorded",
      establishmentId: by.establishmentId,
      details: figures,
    });
  });
}
