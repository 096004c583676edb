import { describe, expect, it } from "vitest";
import { currentUserNamed, requestAs, testContext, testDatabase } from "../support/database";
import { addUser, anotherPrison } from "../support/people";

const { newestVersionOf, getCurriculum } = await import("~/curriculum/curriculum.server");
const { reviewQueue, rateReply, openReplyToRate } = await import("~/studio/reviews.server");
const { choiceCounts } = await import("~db/queries/studio-figures.server");
const { insertEstablishment } = await import("~db/queries/establishments.server");
const { choiceFigures } = await import("~/studio/choice-figures.server");
const { trainerSummary } = await import("~/studio/summary.server");

const db = await testDatabase();
const context = testContext(db);

const userNamed = (username: string) => currentUserNamed(context, username);

let seq = 0;
async function attemptWith(
  officerId: number,
  establishmentId: number | null,
  opts: {
    mode: "practice" | "assessment";
    status: "in_progress" | "finished";
    steps: { node: string; choice?: string; text?: string; at: string }[];
  },
) {
  const scenarioId = (await getCurriculum(db))[0].scenarios[0].id;
  const version = (await newestVersionOf(db, scenarioId))!;
  const id = `attempt-${++seq}`;
  const at = opts.steps[0]?.at ?? new Date().toISOString();
  await db
    .insertInto("attempts")
    .values({
      id,
      officer_id: officerId,
      establishment_id: establishmentId,
      scenario_version_id: version.id,
      scenario_id: scenarioId,
      module_id: version.scenario.module,
      mode: opts.mode,
      status: opts.status,
      snapshot: "{}",
      shuffle_seed: 1,
      row_version: 1,
      step_count: opts.steps.length,
      started_at: at,
      updated_at: at,
      finished_at: null,
      ending_node: null,
      outcome: null,
      open_questions: 0,
      closed_questions: 0,
      simple_reflections: 0,
      complex_reflections: 0,
      mi_adherent: 0,
      mi_non_adherent: 0,
    })
    .execute();
  for (const [i, s] of opts.steps.entries()) {
    await db
      .insertInto("attempt_steps")
      .values({
        attempt_id: id,
        seq: i + 1,
        node_id: s.node,
        choice_id: s.choice ?? null,
        mi_code: null,
        reply_node_id: "x",
        reply_talk: "neutral",
        free_text: s.text ?? null,
        at: s.at,
      })
      .execute();
  }
  return { id, versionId: version.id };
}

describe("review queue", () => {
  it("lists unrated written replies from the trainer's prison only, oldest first, and takes one rating per reply", async () => {
    const trainer = await userNamed("trainer");
    const officer = await userNamed("officer");
    const other = await anotherPrison(db, { name: "HMP Elsewhere" });
    const outsider = await addUser(db, {
      username: "far",
      display_name: "Far Away",
      role: "officer",
      establishment_id: other.id,
      password_hash: "x",
    });
    await attemptWith(officer.id, officer.establishmentId, {
      mode: "practice",
      status: "finished",
      steps: [
        { node: "n", text: "Newer reply", at: "2026-01-02T10:00:00Z" },
        { node: "m", choice: "c", at: "2026-01-02T10:01:00Z" },
      ],
    });
    await attemptWith(officer.id, officer.establishmentId, {
      mode: "practice",
      status: "in_progress",
      steps: [{ node: "n", text: "Older <b>reply</b>", at: "2026-01-01T10:00:00Z" }],
    });
    await attemptWith(outsider, other.id, {
      mode: "practice",
      status: "finished",
      steps: [{ node: "n", text: "Other prison", at: "2025-12-01T10:00:00Z" }],
    });

    const queue = await reviewQueue(db, trainer, 1);
    expect(queue.replies.map((r) => r.text)).toEqual(["Older <b>reply</b>", "Newer reply"]);
    expect(queue.total).toBe(2);
    const shown = await db
      .selectFrom("audit_events")
      .select(["actor_user_id", "establishment_id", "details"])
      .where("action", "=", "reply.queue_viewed")
      .execute();
    expect(shown).toEqual([
      {
        actor_user_id: trainer.id,
        establishment_id: trainer.establishmentId,
        details: JSON.stringify({ page: 1, stepIds: queue.replies.map((r) => r.id) }),
      },
    ]);
    expect((await trainerSummary(db, trainer)).repliesWaiting).toBe(2);

    const outsiderStep = await db
      .selectFrom("attempt_steps")
      .select("id")
      .where("free_text", "=", "Other prison")
      .executeTakeFirstOrThrow();
    expect(await openReplyToRate(db, trainer, outsiderStep.id)).toBeNull();
    expect(await rateReply(db, trainer, outsiderStep.id, 3, null)).toEqual({ ok: false, notFound: true });
    // Rating it through the page is a 404, as opening it is, and saves nothing.
    const ratePage = await import("~/routes/studio.reviews.$stepId");
    const sent = await ratePage
      .action({
        request: await requestAs(context, "trainer", `/studio/reviews/${outsiderStep.id}`, {
          method: "POST",
          body: new URLSearchParams({ rating: "3", comment: "" }),
        }),
        params: { stepId: String(outsiderStep.id) },
        context,
      })
      .then(
        () => null,
        (thrown: unknown) => (thrown instanceof Response ? thrown.status : thrown),
      );
    expect(sent).toBe(404);
    expect(
      await db.selectFrom("written_reply_reviews").select("step_id").where("step_id", "=", outsiderStep.id).execute(),
    ).toEqual([]);

    const first = queue.replies[0].id;
    expect(await rateReply(db, trainer, first, 4, "Good")).toEqual({ ok: true });
    // Again from another tab: refused, and the words say who rated it.
    expect(await rateReply(db, trainer, first, 2, "Again")).toEqual({
      ok: false,
      notFound: false,
      message: "You have already rated this reply (in another tab or window), so this rating was not saved",
    });
    const admin = await userNamed("admin");
    expect(await rateReply(db, admin, first, 2, "Again")).toMatchObject({
      ok: false,
      message: expect.stringContaining("already been rated by another trainer"),
    });
    // The reply's page then shows the rating and comment rather than the form.
    expect((await openReplyToRate(db, trainer, first))?.review).toMatchObject({
      rating: 4,
      comment: "Good",
      by: trainer.displayName,
    });
    const reviews = await db.selectFrom("written_reply_reviews").selectAll().execute();
    expect(reviews).toEqual([
      expect.objectContaining({ step_id: first, rating: 4, comment: "Good", reviewer_id: trainer.id }),
    ]);
    expect(
      await db
        .selectFrom("audit_events")
        .select(["action", "subject_user_id"])
        .where("action", "=", "reply.reviewed")
        .execute(),
    ).toEqual([{ action: "reply.reviewed", subject_user_id: officer.id }]);
    expect((await reviewQueue(db, trainer, 1)).replies.map((r) => r.text)).toEqual(["Newer reply"]);
    // A page past the end (an old link once the queue has shrunk) shows the last page, not an empty one.
    expect(await reviewQueue(db, trainer, 3)).toMatchObject({ page: 1, pages: 1, total: 1 });
    expect((await reviewQueue(db, trainer, 3)).replies.map((r) => r.text)).toEqual(["Newer reply"]);
  });
});

describe("choice figures", () => {
  it("count choices only in finished assessment attempts on the version, in one prison", async () => {
    const officer = await userNamed("officer2");
    const at = "2026-02-01T10:00:00Z";
    const { versionId } = await attemptWith(officer.id, officer.establishmentId, {
      mode: "assessment",
      status: "finished",
      steps: [
        { node: "opening", choice: "a", at },
        { node: "next", choice: "b", at },
      ],
    });
    await attemptWith(officer.id, officer.establishmentId, {
      mode: "assessment",
      status: "finished",
      steps: [{ node: "opening", choice: "a", at }],
    });
    await attemptWith(officer.id, officer.establishmentId, {
      mode: "practice",
      status: "finished",
      steps: [{ node: "opening", choice: "a", at }],
    });
    await attemptWith(officer.id, officer.establishmentId, {
      mode: "assessment",
      status: "in_progress",
      steps: [{ node: "opening", choice: "a", at }],
    });
    // An officer's attempt in another prison is not counted in this one's figures.
    const elsewhere = await insertEstablishment(db, { code: "ELW", name: "HMP Elsewhere" });
    await attemptWith(officer.id, elsewhere, {
      mode: "assessment",
      status: "finished",
      steps: [{ node: "opening", choice: "a", at }],
    });
    const counts = (await choiceCounts(db, versionId, officer.establishmentId!)).map((r) => ({ ...r, n: Number(r.n) }));
    expect(counts.sort((x, y) => x.node_id.localeCompare(y.node_id))).toEqual([
      { node_id: "next", choice_id: "b", n: 1 },
      { node_id: "opening", choice_id: "a", n: 2 },
    ]);
    // Fewer than five never leave the server.
    const figures = await choiceFigures(db, versionId, officer.establishmentId!);
    expect([...figures.taken.values()]).toEqual([0, 0]);
    expect(figures.assessments).toBe(0);
  });
});
