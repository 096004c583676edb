// The demo prison: invented names only (no real prison, no real people). With its history (the
// default) it is a prison of about fifty officers six months into the training (demo-plan.ts);
// without, just the published sign-ins, for tests that need a prison with nothing in it yet.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "~db/schema";
import { hashPassword } from "~/auth/password.server";
import { newAttemptId } from "~/practice/attempts.server";
import { getCurriculum, getScenarioVersion } from "~/curriculum/curriculum.server";
import { insertEstablishment, insertUnit } from "~db/queries/establishments.server";
import { insertDemoHistory } from "~db/queries/demo.server";
import { insertUser } from "~db/queries/users.server";
import { DEMO_PRISON, DEMO_SEED, DEMO_SIGN_INS, planDemo, type DemoModule, type DemoPlan } from "./demo-plan";

export const DEMO_PASSWORD = "practise-reflections";
export { DEMO_PRISON, DEMO_SIGN_INS };

export interface DemoOptions {
  /** the generated staff and their training (default true); false: the sign-ins only */
  history?: boolean;
  now?: Date;
  seed?: number;
}

/** Observations refuse these: a prison would list the forms of address and names it wants kept out. */
const DEMO_LISTED_NAMES = ["Mr *"];

/**
 * Loads the demo prison into a database with no users. The scenario library must be imported
 * first: the history is played on its versions. One transaction: all of it or none.
 */
export async function seedDemo(
  db: Kysely<Database>,
  { history = true, now = new Date(), seed = DEMO_SEED }: DemoOptions = {},
) {
  // Hash and plan outside the transaction: scrypt and the plan are slow-ish and the transaction should be short.
  const hash = await hashPassword(DEMO_PASSWORD);
  const plan = history ? planDemo(await demoModules(db), now, seed) : null;
  await db.transaction().execute(async (trx) => {
    const establishmentId = await insertEstablishment(trx, {
      ...DEMO_PRISON,
      listed_name_patterns: DEMO_LISTED_NAMES.join("\n"),
    });
    // Attempt ids stay unguessable, as every attempt's are: only the content comes from the seed.
    if (plan)
      return insertDemoHistory(trx, establishmentId, plan, {
        passwordHash: hash,
        attemptIds: plan.attempts.map(newAttemptId),
      });
    await insertSignIns(trx, establishmentId, hash);
  });
  return plan ? summary(plan) : null;
}

async function insertSignIns(trx: Transaction<Database>, establishmentId: number, hash: string) {
  const wingIds = new Map<string, number>();
  for (const name of ["A wing", "B wing", "C wing"])
    wingIds.set(name, await insertUnit(trx, { establishment_id: establishmentId, name, kind: "wing" }));
  for (const u of DEMO_SIGN_INS)
    await insertUser(trx, {
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      establishment_id: u.role === "admin" ? null : establishmentId,
      unit_id: u.unit ? wingIds.get(u.unit)! : null,
      password_hash: hash,
      active: true,
      mi_coach: u.miCoach ?? false,
    });
}

/** The curriculum with each scenario's compiled version, for playing conversations through. */
async function demoModules(db: Kysely<Database>): Promise<DemoModule[]> {
  const curriculum = await getCurriculum(db);
  return Promise.all(
    curriculum.map(async (m) => ({
      id: m.id,
      rules: m.rules,
      scenarios: await Promise.all(
        m.scenarios.map(async (s) => {
          const version = await getScenarioVersion(db, s.versionId);
          if (!version) throw new Error(`Scenario version ${s.versionId} (${s.id}) cannot be loaded for the demo.`);
          return { id: s.id, versionId: s.versionId, version };
        }),
      ),
    })),
  );
}

function summary(plan: DemoPlan) {
  return {
    officers: plan.people.filter((p) => p.role === "officer").length,
    attempts: plan.attempts.length,
    steps: plan.attempts.reduce((n, a) => n + a.steps.length, 0),
    reviews: plan.reviews.length,
  };
}
