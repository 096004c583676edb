// The prisons and units an admin form offers, as select options.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { listEstablishments, listUnits } from "~db/queries/establishments.server";

export async function placeOptions(db: Kysely<Database>) {
  const [establishments, units] = await Promise.all([listEstablishments(db), listUnits(db)]);
  return {
    establishments: establishments.map((e) => ({ value: String(e.id), label: e.name })),
    units: units.map((u) => ({
      value: String(u.id),
      label: `${u.name} (${establishments.find((e) => e.id === u.establishment_id)?.name ?? ""})`,
      establishmentId: u.establishment_id,
    })),
  };
}
