// What the adversarial suite works on: the real server over a test database holding two prisons
// (the demo prison, and another with its own officer, manager and trainer), attempts and a
// written reply in each, a session cookie per person, and a probe that counts every request and
// every answer that was not the one expected.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, inject, vi } from "vitest";
import type { Database, Role } from "~db/schema";
import { insertDraft, recordDraft } from "~db/queries/observations.server";
import { hashPassword } from "~/auth/password.server";
import type { Config } from "~/config.server";
import { loadAttemptView } from "~/practice/attempt-view.server";
import { startAttempt, takeStep } from "~/practice/attempts.server";
import { getCurriculum } from "~/curriculum/curriculum.server";
import { startTestServer, type TestServer } from "../support/app-server";
import { testConfig, testDatabase, userIdOf } from "../support/database";
import { addUser, anotherPrison } from "../support/people";

export type Who = "anonymous" | Role;
export const PEOPLE: Who[] = ["anonymous", "officer", "trainer", "manager", "admin"];

export interface Fixtures {
  db: Kysely<Database>;
  server: TestServer;
  /** A fresh session cookie for someone in the demo prison (admins belong to none). */
  cookie(who: Who): Promise<string | null>;
  own: {
    prisonId: number;
    wingId: number;
    officerId: number;
    attemptInProgress: string;
    attemptFinished: string;
    replyStepId: number;
    /** a recorded observation of the officer by the demo trainer */
    observation: number;
    trainerId: number;
    /** a live assignment of the whole programme to the prison */
    assignment: number;
  };
  other: {
    prisonId: number;
    officerId: number;
    attempt: string;
    replyStepId: number;
    observation: number;
    assignment: number;
    manager: string;
    trainer: string;
  };
  scenarioId: string;
}

const USERNAMES: Record<Role, string> = { officer: "officer", trainer: "trainer", manager: "manager", admin: "admin" };
export const OTHER_PASSWORD = "kettle biscuit landing";

async function officerOf(db: Kysely<Database>, username: string) {
  const row = await db
    .selectFrom("users")
    .select(["id", "establishment_id"])
    .where("username_key", "=", username)
    .executeTakeFirstOrThrow();
  return { id: row.id, establishmentId: row.establishment_id };
}

/**
 * Plays an attempt to its end (a short reply where one is asked for). At a node met again it takes
 * the next option: options are shuffled per attempt, so always the first could circle for ever.
 */
async function playToEnd(db: Kysely<Database>, officer: { id: number; establishmentId: number | null }, id: string) {
  const visits = new Map<string, number>();
  for (let i = 0; i < 200; i++) {
    const view = await loadAttemptView(db, officer.id, id);
    if (!view?.current) return;
    const seen = visits.get(view.current.nodeId) ?? 0;
    visits.set(view.current.nodeId, seen + 1);
    const options = view.current.options;
    const input = view.current.write
      ? { text: "It sounds like nobody has listened to you about this." }
      : { choiceId: options[seen % options.length].id };
    await takeStep(db, officer, id, { nodeId: view.current.nodeId, rowVersion: view.attempt.rowVersion, ...input });
  }
  throw new Error(`attempt ${id} did not end`);
}

/** A recorded observation: 6 minutes, R:Q 1.5, 50% complex, both globals at least fair. */
async function recordedObservation(
  db: Kysely<Database>,
  coach: string,
  officer: { id: number; establishmentId: number | null },
) {
  const id = await insertDraft(db, {
    establishmentId: officer.establishmentId!,
    officerId: officer.id,
    coachId: await userIdOf(db, coach),
  });
  await recordDraft(db, id, 1, {
    minutes: 6,
    questions: 4,
    simple_reflections: 3,
    complex_reflections: 3,
    cultivating_change_talk: 4,
    softening_sustain_talk: 3,
    partnership: 4,
    empathy: 4,
    strengths: "You let him finish before you answered.",
    next_step: "Try a double-sided reflection.",
  });
  return id;
}

async function writtenReply(db: Kysely<Database>, attemptId: string, text: string) {
  const row = await db
    .insertInto("attempt_steps")
    .values({
      attempt_id: attemptId,
      seq: 1000,
      node_id: "written",
      choice_id: null,
      mi_code: null,
      reply_node_id: "written",
      reply_talk: "neutral",
      free_text: text,
      at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A live assignment of the whole programme to everyone in a prison, due in 30 days of joining. */
async function assignment(db: Kysely<Database>, establishmentId: number) {
  const row = await db
    .insertInto("assignments")
    .values({
      establishment_id: establishmentId,
      module_id: null,
      unit_id: null,
      officer_id: null,
      due_on: null,
      due_days: 30,
      target_key: "*|prison",
      created_by: null,
      created_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function securityFixtures(config: Config = testConfig()): Promise<Fixtures> {
  // Each test sends hundreds of requests: on a busy 2-core machine that takes a while.
  vi.setConfig({ testTimeout: 240_000 });
  const db = await testDatabase();
  const server = await startTestServer(db, config);
  const curriculum = await getCurriculum(db);
  const [first, second] = curriculum.flatMap((m) => m.scenarios.map((s) => s.id));

  const ownOfficer = await officerOf(db, "officer");
  const ownWing = (
    await db.selectFrom("users").select("unit_id").where("id", "=", ownOfficer.id).executeTakeFirstOrThrow()
  ).unit_id!;
  const inProgress = await startAttempt(db, ownOfficer, first, "practice");
  const finished = await startAttempt(db, ownOfficer, second, "assessment");
  if (!inProgress.ok || !finished.ok) throw new Error("could not start the fixture attempts");
  await playToEnd(db, ownOfficer, finished.attemptId);

  const { id: otherPrison, wing: otherWing } = await anotherPrison(db, { code: "ELS", wing: "Jubilee wing" });
  const hash = await hashPassword(OTHER_PASSWORD);
  for (const [username, role] of [
    ["els.officer", "officer"],
    ["els.manager", "manager"],
    ["els.trainer", "trainer"],
  ] as const) {
    await addUser(db, {
      username,
      display_name: `Elsewhere ${role}`,
      role,
      establishment_id: otherPrison,
      unit_id: role === "officer" ? otherWing : null,
      password_hash: hash,
    });
  }
  const otherOfficer = await officerOf(db, "els.officer");
  const otherAttempt = await startAttempt(db, otherOfficer, second, "assessment");
  if (!otherAttempt.ok) throw new Error("could not start the other prison's attempt");
  await playToEnd(db, otherOfficer, otherAttempt.attemptId);

  return {
    db,
    server,
    async cookie(who) {
      if (who === "anonymous") return null;
      const set = await server.context.sessions.startUserSession(
        new Request("http://localhost/"),
        await userIdOf(db, USERNAMES[who]),
      );
      return set.split(";")[0];
    },
    own: {
      prisonId: ownOfficer.establishmentId!,
      wingId: ownWing,
      officerId: ownOfficer.id,
      attemptInProgress: inProgress.attemptId,
      attemptFinished: finished.attemptId,
      replyStepId: await writtenReply(db, finished.attemptId, "You feel let down by the parole board."),
      observation: await recordedObservation(db, "trainer", ownOfficer),
      trainerId: await userIdOf(db, "trainer"),
      assignment: await assignment(db, ownOfficer.establishmentId!),
    },
    other: {
      prisonId: otherPrison,
      officerId: otherOfficer.id,
      attempt: otherAttempt.attemptId,
      replyStepId: await writtenReply(db, otherAttempt.attemptId, "You want them to see you have changed."),
      observation: await recordedObservation(db, "els.trainer", otherOfficer),
      assignment: await assignment(db, otherPrison),
      manager: "els.manager",
      trainer: "els.trainer",
    },
    scenarioId: first,
  };
}

/**
 * Counts requests and unexpected answers for the suite's summary line. `check` returns null when
 * an answer is as expected, or what was wrong; every unexpected answer is kept for the report.
 */
export class Probe {
  requests = 0;
  unexpected: string[] = [];

  constructor(
    readonly name: string,
    readonly baseUrl: string,
  ) {
    afterAll(() => {
      const dir = inject("securityTallyDir");
      fs.writeFileSync(
        path.join(dir, `${name}-${process.pid}-${Date.now()}.json`),
        JSON.stringify({ requests: this.requests, unexpected: this.unexpected.length }),
      );
    });
  }

  async send(pathOrUrl: string, init: RequestInit = {}): Promise<Response> {
    this.requests++;
    const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
    return fetch(url, { redirect: "manual", ...init });
  }

  /** Sends, and notes the answer as unexpected when `check` says what is wrong with it. */
  async expect(
    label: string,
    pathOrUrl: string,
    init: RequestInit,
    check: (res: Response, body: string) => string | null,
  ): Promise<Response> {
    const res = await this.send(pathOrUrl, init);
    const body = await res.text();
    const problem = check(res, body);
    if (problem) this.unexpected.push(`${label}: ${problem}`);
    return res;
  }

  note(problem: string) {
    this.unexpected.push(problem);
  }

  /** The unexpected answers since `from` (a test's own, when several tests share the probe). */
  since(from: number) {
    return this.unexpected.slice(from);
  }
}

export const withCookie = (cookie: string | null, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(cookie ? { Cookie: cookie } : {}), ...(init.headers as Record<string, string> | undefined) },
});

export const formBody = (fields: Record<string, string>): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

/**
 * A fingerprint of everything stored, to show a refused request changed nothing. Sessions are
 * left out (using one moves its expiry on), and so are the tables `allowed` names.
 */
export async function databaseDigest(db: Kysely<Database>, allowed: string[] = []): Promise<string> {
  const tables = await db.introspection.getTables();
  const hash = createHash("sha256");
  for (const t of tables.map((t) => t.name).sort()) {
    if (t === "sessions" || t.startsWith("kysely_") || allowed.includes(t)) continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db);
    hash.update(t);
    for (const row of rows.rows.map((r) => JSON.stringify(r)).sort()) hash.update(row);
  }
  return hash.digest("hex");
}
