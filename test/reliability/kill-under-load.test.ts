// A bad day: the built server (node build/server.js, as deployed) is killed with SIGKILL by its own
// PID while officers are submitting steps, three times, and started again on the same SQLite file.
// Every step the server acknowledged must be stored exactly once, and every attempt must resume
// where it stands. Bounded: 10 officers, each round ends at 15 acknowledged steps or 30 s.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "~db/connection.server";
import { importLibrary } from "~/curriculum/curriculum.server";
import { DEMO_PASSWORD, seedDemo } from "~/seed/demo.server";
import { freePort } from "../support/ports";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SERVER = path.join(root, process.env.ENGAGE_BUILD_DIR || "build", "server.js");
const OFFICERS = 10;
const ROUNDS = 3;
const ACKS_PER_ROUND = 15; // kill once this many steps were acknowledged in the round (or after MAX_ROUND_MS)
const MAX_ROUND_MS = 30_000;
const SCENARIOS = ["appeal-denial", "wing-safety"];

interface Ack {
  attemptId: string;
  seq: number;
  nodeId: string;
  choiceId: string | null;
}

async function prepare(file: string) {
  const db = openDatabase({ engine: "sqlite", path: file });
  await migrateToLatest(db);
  await importLibrary(db, { log: () => {} });
  await seedDemo(db, { history: false });
  const template = await db
    .selectFrom("users")
    .selectAll()
    .where("username_key", "=", "officer")
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const names = Array.from({ length: OFFICERS }, (_, i) => `load${i + 1}`);
  for (const name of names) {
    const { id: _id, ...rest } = template;
    await db
      .insertInto("users")
      .values({
        ...rest,
        username: name,
        username_key: name,
        display_name: `Load ${name}`,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  await db.destroy();
  return names;
}

async function start(file: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_PATH: file,
      NODE_ENV: "production",
      ENGAGE_DEMO: "false",
      SESSION_SECRET: "reliability-secret-long-enough-for-the-cookie",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "ignore"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error("the server did not start");
}

function killed(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    process.kill(child.pid!, "SIGKILL");
  });
}

const attr = (html: string, name: string) => html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1];

/** Step submissions sent and not yet answered: those the kill cuts off. */
let inFlight = 0;

class Officer {
  cookie = "";
  attempt: string | null = null;
  constructor(readonly username: string) {}

  async request(base: string, pathname: string, init: RequestInit = {}) {
    const res = await fetch(base + pathname, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), Cookie: this.cookie },
    });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0]!;
    return res;
  }
  post(base: string, pathname: string, form: Record<string, string>) {
    return this.request(base, pathname, {
      method: "POST",
      body: new URLSearchParams(form).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
  }

  /** Steps until the deadline or the server goes away; records each step the server acknowledged. */
  async load(base: string, deadline: number, acks: Ack[], round: number) {
    let n = round;
    try {
      while (Date.now() < deadline) {
        if (!this.attempt) {
          const started = await this.post(base, `/scenarios/${SCENARIOS[n++ % SCENARIOS.length]}`, {
            mode: "practice",
          });
          await started.arrayBuffer();
          this.attempt = started.headers.get("location")?.split("?")[0] ?? null;
          if (!this.attempt) return;
        }
        const page = await this.request(base, this.attempt);
        const html = await page.text();
        const nodeId = attr(html, "nodeId");
        const rowVersion = attr(html, "rowVersion");
        if (page.status !== 200 || !nodeId || !rowVersion) {
          this.attempt = null; // finished: start another
          continue;
        }
        const choices = [...html.matchAll(/name="choice" type="radio" value="([^"]*)"/g)].map((m) => m[1]);
        const writing = html.includes('name="reply"');
        const choice = writing ? null : choices[Math.floor(Math.random() * choices.length)];
        const form = {
          nodeId,
          rowVersion,
          ...(writing ? { reply: "You want them to hear your side." } : { choice: choice! }),
        };
        inFlight++;
        const res = await this.post(base, this.attempt, form).finally(() => inFlight--);
        await res.arrayBuffer();
        const next = res.headers.get("location") ?? "";
        if (res.status === 302 && !next.includes("notice=")) {
          acks.push({ attemptId: this.attempt.split("/").pop()!, seq: Number(rowVersion), nodeId, choiceId: choice });
          if (next.endsWith("/review")) this.attempt = null;
        }
      }
    } catch {
      // The server was killed mid-request: that step was never acknowledged.
    }
  }
}

describe.runIf(fs.existsSync(SERVER))("the built server killed under load", () => {
  it(`keeps every acknowledged step exactly once through ${ROUNDS} SIGKILLs, and attempts resume`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engage-kill-"));
    const file = path.join(dir, "engage.sqlite");
    const officers = (await prepare(file)).map((u) => new Officer(u));
    const acks: Ack[] = [];

    let server = await start(file);
    for (const o of officers) {
      const res = await o.post(server.base, "/sign-in", {
        username: o.username,
        password: DEMO_PASSWORD,
        returnTo: "/",
      });
      expect(res.status).toBe(302);
    }
    let cutOff = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const before = acks.length;
      const until = Date.now() + MAX_ROUND_MS;
      const loads = officers.map((o) => o.load(server.base, until + MAX_ROUND_MS, acks, round));
      while (acks.length - before < ACKS_PER_ROUND && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      cutOff += inFlight;
      await killed(server.child); // by its own PID, mid-load
      await Promise.all(loads);
      server = await start(file);
    }

    // Every attempt resumes: its page offers the next step at the version the database holds.
    const db = openDatabase({ engine: "sqlite", path: file });
    const attempts = await db.selectFrom("attempts").select(["id", "status", "row_version", "step_count"]).execute();
    let resumed = 0;
    for (const a of attempts.filter((x) => x.status === "in_progress")) {
      const owner = officers.find((o) => o.attempt?.endsWith(a.id));
      if (!owner) continue;
      const page = await owner.request(server.base, `/attempts/${a.id}`);
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(attr(html, "rowVersion")).toBe(String(a.row_version));
      resumed++;
    }
    server.child.kill("SIGTERM");

    const steps = await db.selectFrom("attempt_steps").select(["attempt_id", "seq", "node_id", "choice_id"]).execute();
    const stored = new Map(steps.map((s) => [`${s.attempt_id}/${s.seq}`, s]));
    const lost = acks.filter((a) => {
      const s = stored.get(`${a.attemptId}/${a.seq}`);
      return !s || s.node_id !== a.nodeId || s.choice_id !== a.choiceId;
    });
    const doubled = steps.length - stored.size;
    // Each attempt's steps run 1..n with no gap, and the attempt row agrees with them.
    for (const a of attempts) {
      const seqs = steps
        .filter((s) => s.attempt_id === a.id)
        .map((s) => s.seq)
        .sort((x, y) => x - y);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      expect(a.step_count).toBe(seqs.length);
      expect(a.row_version).toBe(seqs.length + 1);
    }
    await db.destroy();
    console.log(
      `reliability: ${ROUNDS} SIGKILLs under load (${OFFICERS} officers, ${cutOff} step submissions cut off): ` +
        `${acks.length} steps acknowledged, ${acks.length - lost.length} stored, ${lost.length} lost, ` +
        `${doubled} doubled; ${resumed} attempts resumed`,
    );
    expect(acks.length).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(doubled).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 180_000);
});
