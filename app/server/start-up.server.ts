// What happens once when an instance starts, after the database answers: a check that it can search
// as Engage needs, migrations, importing the scenario library, the demo prison when asked for (after
// the library: its training history is played on the library's versions), and tidying expired
// sessions. Several instances may do this at once on one database: each step is safe to repeat or to race.
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { migrateToLatest } from "~db/connection.server";
import { isUniqueViolation } from "~db/errors";
import { checkSearchFolding } from "~db/like";
import { establishmentCodeTaken } from "~db/queries/establishments.server";
import { countUsers } from "~db/queries/users.server";
import type { Database } from "~db/schema";
import { forgetExpired } from "~/auth/housekeeping.server";
import type { Config } from "~/config.server";
import { importLibrary } from "~/curriculum/curriculum.server";
import { DEMO_PASSWORD, DEMO_PRISON, DEMO_SIGN_INS, seedDemo, type DemoOptions } from "~/seed/demo.server";

/** `demo` options are for tests: a demo prison of the sign-ins alone, or at a given moment. */
export async function prepareDatabase(db: Kysely<Database>, config: Config, log: Logger, demo: DemoOptions = {}) {
  await checkSearchFolding(db);
  const applied = await migrateToLatest(db);
  if (applied.length) log.info({ migrations: applied }, `applied migrations ${applied.join(", ")}`);
  await importLibrary(db, { dir: config.scenariosDir, log: (line) => log.info(line) });
  if ((await countUsers(db)) === 0) {
    if (config.demo) await loadDemo(db, log, demo);
    else
      log.warn(
        "There are no users yet. Create the first administrator with `npm run users:create-admin` " +
          "(it asks for a username and a password you choose).",
      );
  } else if (!config.demo && (await establishmentCodeTaken(db, DEMO_PRISON.code))) {
    // A database that began as a demo keeps the demo's published sign-ins until someone removes them.
    log.warn(
      `This database holds the demo prison (${DEMO_PRISON.name}), whose sign-ins have a published password. ` +
        "Deactivate the demo users (Admin, Users) before real people use Engage.",
    );
  }
  await forgetExpired(db, new Date());
}

async function loadDemo(db: Kysely<Database>, log: Logger, options: DemoOptions) {
  const started = performance.now();
  let made;
  try {
    made = await seedDemo(db, options);
  } catch (error) {
    // Another instance starting at the same moment loaded it first.
    if (!isUniqueViolation(error)) throw error;
    return;
  }
  const took = Math.round(performance.now() - started);
  log.info(
    { demo: { ...made, ms: took } },
    made
      ? `created the demo prison in ${took} ms: ${made.officers} officers, ${made.attempts} attempts, ${made.reviews} rated replies`
      : `created the demo prison (sign-ins only) in ${took} ms`,
  );
  log.info(`demo sign-ins, each with the password "${DEMO_PASSWORD}":`);
  for (const u of DEMO_SIGN_INS) log.info(`  ${u.username.padEnd(10)} ${u.role.padEnd(8)} ${u.displayName}`);
}
