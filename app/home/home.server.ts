// What each role's home page shows. Later features add to these.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { listEstablishments } from "~db/queries/establishments.server";
import { countUsers } from "~db/queries/users.server";
import type { CurrentUser } from "~/auth/guard.server";
import { managerSummary } from "~/reports/home.server";
import { trainerSummary } from "~/studio/summary.server";
import { progressAndAssigned } from "~/practice/progress.server";
import { mustChooseWing } from "~/auth/choose-wing.server";

export async function homeFor(db: Kysely<Database>, user: CurrentUser) {
  const who = { displayName: user.displayName, establishmentName: user.establishmentName, unitName: user.unitName };
  switch (user.role) {
    case "officer":
      return {
        role: "officer" as const,
        ...who,
        ...(await progressAndAssigned(db, user)),
        chooseWing: await mustChooseWing(db, user),
      };
    case "trainer":
      return { role: "trainer" as const, ...who, studio: await trainerSummary(db, user) };
    case "manager": {
      const prison = user.establishmentId ?? undefined;
      const [officers, staff, report] = await Promise.all([
        countUsers(db, { establishmentId: prison, role: "officer", active: true }),
        countUsers(db, { establishmentId: prison, active: true }),
        prison === undefined ? null : managerSummary(db, prison),
      ]);
      return { role: "manager" as const, ...who, officers, staff, report };
    }
    case "admin":
      return {
        role: "admin" as const,
        ...who,
        users: await countUsers(db),
        prisons: (await listEstablishments(db)).length,
      };
  }
}

export type Home = Awaited<ReturnType<typeof homeFor>>;
