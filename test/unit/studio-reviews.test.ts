import { describe, expect, it } from "vitest";
import { currentUserNamed, requestAs, testContext, testDatabase } from "../support/database";
import { addUser, anotherPrison } from "../support/people";

const { newestVersionOf, getCurriculum } = await import("~/curriculum/curriculum.server");
const { reviewQueue, rateReply, openReplyToRate, changeRating, ratedList } = await import("~/studio/reviews.server");
const { stepsWithReviews } = await import("~db/queries/attempts.server");
const { writtenReplyRatings } = await import("~db/queries/reports.server");
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
    expect(queue.everyPrison).toBe(false);
    expect(queue.replies.map((r) => r.prison)).toEqual([null, null]);
    // An administrator's queue holds every prison's replies, each saying whose it is.
    const everyone = await reviewQueue(db, await userNamed("admin"), 1);
    expect(everyone.everyPrison).toBe(true);
    expect(everyone.replies.map((r) => [r.text, r.prison])).toEqual([
      ["Other prison", "HMP Elsewhere"],
      [
        "Older <b>reply</b>",
        (
          await db
            .selectFrom("establishments")
            .select("name")
            .where("id", "=", officer.establishmentId!)
            .executeTakeFirstOrThrow()
        ).name,
      ],
      ["Newer reply", expect.any(String)],
    ]);

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

    // A choice is no written reply: it cannot be opened, rated or changed, and the officer is told nothing.
    const choiceStep = await db
      .selectFrom("attempt_steps")
      .select("id")
      .where("choice_id", "=", "c")
      .executeTakeFirstOrThrow();
    expect(await openReplyToRate(db, trainer, choiceStep.id)).toBeNull();
    expect(await rateReply(db, trainer, choiceStep.id, 5, "x")).toEqual({ ok: false, notFound: true });
    expect(await changeRating(db, trainer, choiceStep.id, { rating: 5, comment: null, version: 1 })).toEqual({
      kind: "not-found",
    });
    expect(await db.selectFrom("written_reply_reviews").select("step_id").execute()).toEqual([]);
    expect(
      await db
        .selectFrom("messages")
        .select("id")
        .where("user_id", "=", officer.id)
        .where("kind", "=", "reply_rated")
        .execute(),
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

describe("the rate page", () => {
  it("shows what the scenario says a good reply does at the node the officer answered, or nothing when it says nothing", async () => {
    const officer = await userNamed("officer");
    const version = (await newestVersionOf(db, (await getCurriculum(db))[0].scenarios[0].id))!;
    const [nodeId, node] = Object.entries(version.scenario.nodes).find(([, n]) => n.write?.feedback)!;
    await attemptWith(officer.id, officer.establishmentId, {
      mode: "practice",
      status: "finished",
      steps: [
        { node: nodeId, text: "Guided reply", at: "2026-02-01T10:00:00Z" },
        { node: "n", text: "Unguided reply", at: "2026-02-01T10:01:00Z" },
      ],
    });
    const page = await import("~/routes/studio.reviews.$stepId");
    const guidance = async (text: string) => {
      const step = await db
        .selectFrom("attempt_steps")
        .select("id")
        .where("free_text", "=", text)
        .executeTakeFirstOrThrow();
      const request = await requestAs(context, "trainer", `/studio/reviews/${step.id}`);
      return (await page.loader({ request, params: { stepId: String(step.id) }, context })).reply.guidance;
    };
    expect(await guidance("Guided reply")).toBe(node.write!.feedback);
    expect(await guidance("Unguided reply")).toBeNull();
  });
});

describe("changing a rating", () => {
  async function ratedReply(text: string, at: string) {
    const trainer = await userNamed("trainer");
    const officer = await userNamed("officer");
    // Practice: the choice figures below count assessments.
    const { id: attemptId } = await attemptWith(officer.id, officer.establishmentId, {
      mode: "practice",
      status: "finished",
      steps: [{ node: "n", text, at }],
    });
    const step = await db
      .selectFrom("attempt_steps")
      .select("id")
      .where("attempt_id", "=", attemptId)
      .executeTakeFirstOrThrow();
    expect(await rateReply(db, trainer, step.id, 2, "Mixed")).toEqual({ ok: true });
    return { stepId: step.id, attemptId, trainer, officer };
  }

  it("replaces the rating from the version the form was made from, audits from and to, and tells the officer", async () => {
    const { stepId, attemptId, trainer, officer } = await ratedReply("I hear it has been hard", "2026-03-01T10:00:00Z");
    const opened = await openReplyToRate(db, trainer, stepId);
    expect(opened?.review).toMatchObject({ rating: 2, comment: "Mixed", by: trainer.displayName, version: 1 });

    // Another trainer changes it from the same page.
    const other = await userNamed("admin");
    expect(await changeRating(db, other, stepId, { rating: 4, comment: "Adds meaning", version: 1 })).toEqual({
      kind: "changed",
    });
    const changed = await openReplyToRate(db, trainer, stepId);
    expect(changed?.review).toMatchObject({
      rating: 4,
      comment: "Adds meaning",
      by: other.displayName,
      version: 2,
    });
    // Every rating it has had, from the audit log; the officer's other rated reply is not among them.
    expect(changed?.ratings).toEqual([
      { on: expect.any(String), by: trainer.displayName, rating: 2, from: null },
      { on: expect.any(String), by: other.displayName, rating: 4, from: 2 },
    ]);
    expect(
      await db
        .selectFrom("audit_events")
        .select(["actor_user_id", "subject_user_id", "details"])
        .where("action", "=", "reply.rating_changed")
        .execute(),
    ).toEqual([
      { actor_user_id: other.id, subject_user_id: officer.id, details: JSON.stringify({ stepId, from: 2, to: 4 }) },
    ]);
    const messagesOfReply = async () =>
      (
        await db
          .selectFrom("messages")
          .select(["subject", "dedupe_key", "link"])
          .where("user_id", "=", officer.id)
          .where("kind", "=", "reply_rated")
          .orderBy("id")
          .execute()
      ).filter((m) => m.dedupe_key.startsWith(`rated:${stepId}`));
    const messages = await messagesOfReply();
    expect(messages).toEqual([
      {
        subject: "Engage: a trainer has rated your written reply",
        dedupe_key: `rated:${stepId}`,
        link: expect.any(String),
      },
      {
        subject: "Engage: your rating was changed",
        dedupe_key: `rated:${stepId}:v2`,
        link: `/attempts/${attemptId}/review`,
      },
    ]);

    // The first trainer's page was made from version 1: refused, nothing changed, and it says who changed it.
    const stale = await changeRating(db, trainer, stepId, { rating: 1, comment: null, version: 1 });
    expect(stale).toMatchObject({ kind: "stale", message: expect.stringContaining(`${other.displayName} changed`) });
    expect(await db.selectFrom("written_reply_reviews").selectAll().where("step_id", "=", stepId).execute()).toEqual([
      expect.objectContaining({ rating: 4, reviewer_id: other.id, row_version: 2 }),
    ]);
    // The same values again change nothing, and nobody is told twice.
    expect(await changeRating(db, other, stepId, { rating: 4, comment: "Adds meaning", version: 2 })).toEqual({
      kind: "unchanged",
    });
    expect(await messagesOfReply()).toHaveLength(2);

    // Everything that reads the rating reads the latest: the officer's record and the reports.
    const steps = await stepsWithReviews(db, [attemptId]);
    expect(steps.map((s) => [s.rating, s.comment])).toEqual([[4, "Adds meaning"]]);
    const ratings = await writtenReplyRatings(db, officer.establishmentId!);
    // (The officer's other rated reply, from the queue test above, is a 4 too; this one was a 2.)
    expect(ratings.filter((r) => r.officer_id === officer.id).map((r) => r.rating)).toEqual([4, 4]);
  });

  it("is a 404 for another prison's reply, and a change through the page redirects or says it was refused", async () => {
    const { stepId } = await ratedReply("You want to be heard", "2026-03-02T10:00:00Z");
    const elsewhere = await anotherPrison(db, { code: "FAR", name: "HMP Faraway" });
    const farTrainer = await addUser(db, {
      username: "fartrainer",
      display_name: "Far Trainer",
      role: "trainer",
      establishment_id: elsewhere.id,
      password_hash: "x",
    });
    expect(
      await changeRating(db, await userNamed("fartrainer"), stepId, { rating: 5, comment: null, version: 1 }),
    ).toEqual({
      kind: "not-found",
    });
    expect(farTrainer).toBeGreaterThan(0);

    const page = await import("~/routes/studio.reviews.$stepId");
    const post = async (fields: Record<string, string>) =>
      page
        .action({
          request: await requestAs(context, "trainer", `/studio/reviews/${stepId}`, {
            method: "POST",
            body: new URLSearchParams(fields),
          }),
          params: { stepId: String(stepId) },
          context,
        })
        .catch((thrown: unknown) => thrown);
    const changed = (await post({ rating: "3", comment: "Simple", version: "1" })) as Response;
    expect(changed.status).toBe(302);
    expect(changed.headers.get("Location")).toBe(`/studio/reviews/${stepId}`);
    const refused = await post({ rating: "5", comment: "", version: "1" });
    expect(refused).toMatchObject({ init: { status: 409 } });
    expect(
      await db
        .selectFrom("written_reply_reviews")
        .select(["rating", "comment"])
        .where("step_id", "=", stepId)
        .execute(),
    ).toEqual([{ rating: 3, comment: "Simple" }]);
  });

  it("lists rated replies from the trainer's prison, the latest rating first, and audits the page", async () => {
    const trainer = await userNamed("trainer");
    const before = await ratedList(db, trainer, 1);
    const { stepId } = await ratedReply("Newest rated", "2026-01-05T10:00:00Z");
    const list = await ratedList(db, trainer, 1);
    expect(list.total).toBe(before.total + 1);
    expect(list.replies[0]).toMatchObject({
      id: stepId,
      text: "Newest rated",
      rating: 2,
      ratedBy: trainer.displayName,
    });
    // Another prison's rated replies are not listed.
    expect(list.replies.every((r) => r.officer !== "Far Away")).toBe(true);
    const audited = await db
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "reply.rated_list_viewed")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audited.details!)).toMatchObject({ page: 1, stepIds: list.replies.map((r) => r.id) });
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
