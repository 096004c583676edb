/**
 * The play page's action as the browser meets it: without JavaScript every step is a form post
 * answered by a redirect (POST-redirect-GET); with JavaScript (a Remix data request) the answer
 * carries the next page, so a step is one request.
 */
import { describe, expect, it } from "vitest";
import { requestAs, testContext, testDatabase } from "../support/database";

const { startAttempt } = await import("~/practice/attempts.server");
const { getScenarioVersion } = await import("~/curriculum/curriculum.server");
const { NOTICES } = await import("~/practice/route-helpers.server");
const { loadAttemptView } = await import("~/practice/attempt-view.server");
const playRoute = await import("~/routes/attempts.$attemptId._index");

const db = await testDatabase();
const withoutJavaScript = testContext(db);
const withJavaScript = { ...withoutJavaScript, dataRequest: true };
type Context = typeof withoutJavaScript;

interface Answer {
  view: { attempt: { rowVersion: number }; current: { nodeId: string } | null; turns: unknown[] };
  notice: string | null;
  errors: Record<string, string> | null;
}

async function started(username: string) {
  const user = await db
    .selectFrom("users")
    .select(["id", "establishment_id"])
    .where("username_key", "=", username)
    .executeTakeFirstOrThrow();
  const result = await startAttempt(
    db,
    { id: user.id, establishmentId: user.establishment_id },
    "appeal-denial",
    "practice",
  );
  if (!result.ok) throw new Error("could not start");
  return result.attemptId;
}

/** Where the attempt is, and a choice on offer there. */
async function position(attemptId: string) {
  const row = await db.selectFrom("attempts").selectAll().where("id", "=", attemptId).executeTakeFirstOrThrow();
  const version = (await getScenarioVersion(db, row.scenario_version_id))!;
  const nodeId = (JSON.parse(row.snapshot) as { value: string }).value;
  const choice = version.scenario.nodes[nodeId].choices![0];
  return { nodeId, rowVersion: row.row_version, choice: choice.id };
}

async function step(context: Context, username: string, attemptId: string, fields: Record<string, string>) {
  const request = await requestAs(context, username, `/attempts/${attemptId}?index`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost" },
  });
  try {
    return await playRoute.action({ request, params: { attemptId }, context });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** The body and status of an action's data answer (Remix's `data()`). */
function answerOf(result: unknown): { status: number; body: Answer } {
  expect(result).not.toBeInstanceOf(Response);
  const { data, init } = result as { data: Answer; init: { status?: number } | null };
  return { status: init?.status ?? 200, body: data };
}

const stepCount = async (attemptId: string) =>
  (await db.selectFrom("attempt_steps").select("seq").where("attempt_id", "=", attemptId).execute()).length;

describe("a step without JavaScript", () => {
  it("is answered by a redirect to the page, and a stale page by a redirect with a notice", async () => {
    const id = await started("officer2");
    const at = await position(id);
    const res = (await step(withoutJavaScript, "officer2", id, {
      nodeId: at.nodeId,
      rowVersion: String(at.rowVersion),
      choice: at.choice,
    })) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/attempts/${id}`);
    const stale = (await step(withoutJavaScript, "officer2", id, {
      nodeId: at.nodeId,
      rowVersion: String(at.rowVersion),
      choice: at.choice,
    })) as Response;
    expect(stale.headers.get("Location")).toBe(`/attempts/${id}?notice=stale`);
    expect(await stepCount(id)).toBe(1);
  });
});

describe("a step with JavaScript", () => {
  it("is answered by the next page itself: the new position, the reply, no notice", async () => {
    const id = await started("officer3");
    const at = await position(id);
    const { status, body } = answerOf(
      await step(withJavaScript, "officer3", id, {
        nodeId: at.nodeId,
        rowVersion: String(at.rowVersion),
        choice: at.choice,
      }),
    );
    const now = await position(id);
    expect(status).toBe(200);
    expect(body.view.attempt.rowVersion).toBe(now.rowVersion);
    expect(body.view.current?.nodeId).toBe(now.nodeId);
    expect(body.view.turns).toHaveLength(1);
    expect(body.notice).toBeNull();
    expect(body.errors).toBeNull();
    expect(await stepCount(id)).toBe(1);
    // Built from the row the step wrote, it is the page exactly as reading the attempt again gives it.
    const officer = await db
      .selectFrom("users")
      .select("id")
      .where("username_key", "=", "officer3")
      .executeTakeFirstOrThrow();
    expect(body.view).toEqual(await loadAttemptView(db, officer.id, id));
    // The layout and the page both opt out of loading again after such an answer.
    expect(
      playRoute.shouldRevalidate({ actionResult: body, defaultShouldRevalidate: true } as Parameters<
        NonNullable<typeof playRoute.shouldRevalidate>
      >[0]),
    ).toBe(false);
  });

  it("answers a stale page with where the conversation is now and says why nothing was recorded", async () => {
    const id = await started("officer4");
    const at = await position(id);
    const fields = { nodeId: at.nodeId, rowVersion: String(at.rowVersion), choice: at.choice };
    await step(withJavaScript, "officer4", id, fields);
    const { status, body } = answerOf(await step(withJavaScript, "officer4", id, fields));
    expect(status).toBe(200);
    expect(body.notice).toBe(NOTICES.stale);
    expect(body.view.attempt.rowVersion).toBe((await position(id)).rowVersion);
    expect(await stepCount(id)).toBe(1);
  });

  it("answers a step with nothing chosen with the message and the unchanged page (400)", async () => {
    const id = await started("officer5");
    const at = await position(id);
    const { status, body } = answerOf(
      await step(withJavaScript, "officer5", id, { nodeId: at.nodeId, rowVersion: String(at.rowVersion) }),
    );
    expect(status).toBe(400);
    expect(body.errors).toEqual({ choice: "Select what you say" });
    expect(body.view.current?.nodeId).toBe(at.nodeId);
    expect(await stepCount(id)).toBe(0);
  });

  it("still redirects to the review when the conversation ends", async () => {
    const id = await started("officer6");
    for (let i = 0; i < 60; i++) {
      const at = await position(id);
      const result = await step(withJavaScript, "officer6", id, {
        nodeId: at.nodeId,
        rowVersion: String(at.rowVersion),
        choice: at.choice,
      });
      if (result instanceof Response) {
        expect(result.status).toBe(302);
        expect(result.headers.get("Location")).toBe(`/attempts/${id}/review`);
        return;
      }
    }
    throw new Error("no ending after 60 steps");
  });

  it("gives another officer's attempt a 404, as without JavaScript", async () => {
    const id = await started("officer");
    const at = await position(id);
    const res = (await step(withJavaScript, "officer2", id, {
      nodeId: at.nodeId,
      rowVersion: String(at.rowVersion),
      choice: at.choice,
    })) as Response;
    expect(res.status).toBe(404);
    expect(await stepCount(id)).toBe(0);
  });
});
