// What each role's home page shows. Later features add to these.
import { listEstablishments } from "~db/queries/establishments.server";
import { countUsers, listUsers } from "~db/queries/users.server";
import type { CurrentUser } from "~/auth/guard.server";
import { getDb } from "~/db.server";
import { managerSummary } from "~/reports/home.server";
import { trainerSummary } from "~/studio/summary.server";
import { officerProgress } from "~/practice/progress.server";

export async function homeFor(user: CurrentUser) {
  const db = await getDb();
  const who = { displayName: user.displayName, establishmentName: user.establishmentName, unitName: user.unitName };
  switch (user.role) {
    case "officer":
      return { role: "officer" as const, ...who, progress: await officerProgress(user.id) };
    case "trainer":
      return { role: "trainer" as const, ...who, studio: await trainerSummary(user) };
    case "manager": {
      const staff = await listUsers(db, { establishmentId: user.establishmentId });
      const officers = staff.filter((s) => s.role === "officer" && s.active === 1).length;
      const report = user.establishmentId === null ? null : await managerSummary(db, user.establishmentId);
      return { role: "manager" as const, ...who, officers, staff: staff.filter((s) => s.active === 1).length, report };
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
