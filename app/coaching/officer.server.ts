// What an officer sees of the observations of them: recorded ones only, never a coach's draft.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { getObservation, recordedOfOfficer } from "~db/queries/observations.server";
import { observationView } from "~/coaching/view";

export async function observationsOfOfficer(db: Kysely<Database>, officerId: number) {
  return (await recordedOfOfficer(db, officerId)).map(observationView);
}

/** One observation of the officer, or null when it is not theirs or not recorded. */
export async function officerObservation(db: Kysely<Database>, officerId: number, id: number) {
  const o = await getObservation(db, id);
  // With the version its reflection form is made from (see reflect in observations.server.ts).
  return o && o.officer_id === officerId && o.status === "recorded"
    ? { ...observationView(o), rowVersion: o.row_version }
    : null;
}
