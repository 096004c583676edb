// The review queue: officers' written replies from the trainer's prison, oldest first, with the
// scenario line they answered; the replies already rated, latest rating first; and saving one rating per
// reply, which a trainer may change.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { ratingEventsOf, recordAudit } from "~db/queries/audit.server";
import {
  changeReview,
  countRatedReplies,
  countUnratedReplies,
  getWrittenReply,
  insertReview,
  listRatedReplies,
  listUnratedReplies,
  writtenReplyContext,
} from "~db/queries/written-reply-reviews.server";
import { canSeeEstablishment, establishmentScope, type CurrentUser } from "~/auth/guard.server";
import { pageAt } from "~/components/pagination";
import { getScenarioVersion } from "~/curriculum/curriculum.server";
import { replyRatedNotice } from "~/messages/notices.server";
import { insertMessage } from "~db/queries/messages.server";
import { formatDateTime } from "~/domain/dates.server";
import { z } from "zod";

const REVIEWS_PER_PAGE = 20;

async function contextOf(db: Kysely<Database>, versionId: number, nodeId: string) {
  const version = await getScenarioVersion(db, versionId);
  const node = version?.scenario.nodes[nodeId];
  return {
    scenarioTitle: version?.scenario.title ?? "A scenario no longer available",
    prisoner: node?.prisoner ?? null,
    prompt: node?.write?.prompt ?? null,
  };
}

/** What the scenario says a good reply does (the written reply's feedback), so trainers rate against the same; null when it says nothing. */
async function guidanceOf(db: Kysely<Database>, versionId: number, nodeId: string) {
  const version = await getScenarioVersion(db, versionId);
  return version?.scenario.nodes[nodeId]?.write?.feedback ?? null;
}

type PageRead<R> = {
  count: (establishmentId: number | null) => Promise<number>;
  list: (q: { establishmentId: number | null; limit: number; offset: number }) => Promise<R[]>;
  /** the audit action: the page shows the start of officers' own words, so which replies were shown is audited */
  viewed: "reply.queue_viewed" | "reply.rated_list_viewed";
};

/**
 * A page of written replies from the trainer's prison, or every prison's for an administrator (a page past the
 * end shows the last one), audited.
 */
async function auditedPage<
  R extends {
    id: number;
    officer_name: string;
    prison_name: string;
    at: string;
    free_text: string | null;
    mode: string;
    scenario_version_id: number;
    node_id: string;
  },
>(db: Kysely<Database>, user: CurrentUser, asked: number, read: PageRead<R>) {
  const scope = establishmentScope(user);
  const total = await read.count(scope);
  const { page, pages, offset } = pageAt(asked, total, REVIEWS_PER_PAGE);
  const rows = await read.list({ establishmentId: scope, limit: REVIEWS_PER_PAGE, offset });
  if (rows.length)
    await recordAudit(db, {
      actorUserId: user.id,
      action: read.viewed,
      establishmentId: scope,
      details: { page, stepIds: rows.map((r) => r.id) },
    });
  const replies = await Promise.all(
    rows.map(async (r) => ({
      row: r,
      reply: {
        id: r.id,
        officer: r.officer_name,
        // An administrator's list holds every prison's replies, so each says whose it is.
        prison: scope === null ? r.prison_name : null,
        at: r.at,
        text: r.free_text ?? "",
        mode: r.mode,
        ...(await contextOf(db, r.scenario_version_id, r.node_id)),
      },
    })),
  );
  return { replies, total, page, pages, everyPrison: scope === null };
}

/** A page of the queue, oldest first. */
export async function reviewQueue(db: Kysely<Database>, user: CurrentUser, asked: number) {
  const p = await auditedPage(db, user, asked, {
    count: (scope) => countUnratedReplies(db, scope),
    list: (q) => listUnratedReplies(db, q),
    viewed: "reply.queue_viewed",
  });
  return { ...p, replies: p.replies.map((r) => r.reply) };
}

/**
 * One reply to rate, or null when it does not exist or belongs to another prison (a 404, never a
 * hint). Opening an officer's own words is written to the audit log.
 */
export async function openReplyToRate(db: Kysely<Database>, user: CurrentUser, stepId: number) {
  const row = await getWrittenReply(db, stepId);
  if (!row || !canSeeEstablishment(user, row.establishment_id)) return null;
  await recordAudit(db, {
    actorUserId: user.id,
    action: "reply.opened",
    subjectUserId: row.officer_id,
    establishmentId: row.establishment_id,
    details: { stepId },
  });
  const full = await writtenReplyContext(db, stepId);
  return {
    id: stepId,
    text: row.free_text,
    review:
      row.rating === null
        ? null
        : {
            rating: row.rating,
            comment: row.comment,
            by: row.reviewer_name,
            on: formatDateTime(row.reviewed_at!),
            version: row.review_version!,
          },
    officer: full.officer_name,
    at: full.at,
    mode: full.mode,
    ...(await contextOf(db, full.scenario_version_id, full.node_id)),
    guidance: await guidanceOf(db, full.scenario_version_id, full.node_id),
    ratings: row.rating === null ? [] : await ratingsOf(db, row.officer_id, stepId),
  };
}

/** What a rating's audit row says of it: the first rating, or a change from one level to another. */
const ratingDetails = z.union([
  z.object({ stepId: z.number(), rating: z.number() }),
  z.object({ stepId: z.number(), from: z.number(), to: z.number() }),
]);

/**
 * Every rating the reply has had, oldest first, from the audit log (the reply keeps only the latest): who rated or
 * changed it, when, and the level (a comment is kept only with the latest rating).
 */
async function ratingsOf(db: Kysely<Database>, officerId: number, stepId: number) {
  return (await ratingEventsOf(db, officerId)).flatMap((e) => {
    const details = ratingDetails.safeParse(e.details ? JSON.parse(e.details) : null);
    if (!details.success || details.data.stepId !== stepId) return [];
    const d = details.data;
    return [
      {
        on: formatDateTime(e.at),
        by: e.by_name ?? "A former trainer",
        rating: "rating" in d ? d.rating : d.to,
        from: "from" in d ? d.from : null,
      },
    ];
  });
}

export async function rateReply(
  db: Kysely<Database>,
  user: CurrentUser,
  stepId: number,
  rating: number,
  comment: string | null,
): Promise<{ ok: true } | { ok: false; notFound: true } | { ok: false; notFound: false; message: string }> {
  const row = await getWrittenReply(db, stepId);
  // Another prison's reply is answered as one that does not exist, as its page is.
  if (!row || !canSeeEstablishment(user, row.establishment_id)) return { ok: false, notFound: true };
  // Read before the transaction: on SQLite the transaction holds the only connection.
  const notice = await replyRatedNotice(db, stepId);
  const saved = await db.transaction().execute(async (tx) => {
    if (!(await insertReview(tx, { stepId, reviewerId: user.id, rating, comment }))) return false;
    await recordAudit(tx, {
      actorUserId: user.id,
      action: "reply.reviewed",
      subjectUserId: row.officer_id,
      establishmentId: row.establishment_id,
      details: { stepId, rating },
    });
    if (notice) await insertMessage(tx, notice); // the officer is told, in the same transaction
    return true;
  });
  if (saved) return { ok: true };
  // Rated in the meantime: by this trainer in another tab, or by someone else.
  const now = await getWrittenReply(db, stepId);
  return {
    ok: false,
    notFound: false,
    message:
      now?.reviewer_id === user.id
        ? "You have already rated this reply (in another tab or window), so this rating was not saved"
        : "This reply has already been rated by another trainer, so your rating was not saved",
  };
}

/**
 * A page of the replies already rated, the latest rating first (a change moves a reply to the top), from the
 * trainer's prison; audited as the queue is, since it shows officers' words.
 */
export async function ratedList(db: Kysely<Database>, user: CurrentUser, asked: number) {
  const p = await auditedPage(db, user, asked, {
    count: (scope) => countRatedReplies(db, scope),
    list: (q) => listRatedReplies(db, q),
    viewed: "reply.rated_list_viewed",
  });
  return {
    ...p,
    replies: p.replies.map(({ row, reply }) => ({
      ...reply,
      rating: row.rating,
      ratedBy: row.reviewer_name,
      ratedAt: row.reviewed_at,
    })),
  };
}

export type ChangeRatingResult =
  { kind: "changed" } | { kind: "unchanged" } | { kind: "not-found" } | { kind: "stale"; message: string };

/**
 * Changes a reply's rating, only from the version the trainer's form was made from (`version`): a change made on
 * an out-of-date page saves nothing and says who changed it meanwhile. The audit row (from and to levels) and the
 * officer's message are written with the change.
 */
export async function changeRating(
  db: Kysely<Database>,
  user: CurrentUser,
  stepId: number,
  input: { rating: number; comment: string | null; version: number },
): Promise<ChangeRatingResult> {
  const row = await getWrittenReply(db, stepId);
  if (!row || !canSeeEstablishment(user, row.establishment_id)) return { kind: "not-found" };
  if (row.rating === null || row.review_version !== input.version) return staleRating(db, user, stepId);
  if (row.rating === input.rating && row.comment === input.comment) return { kind: "unchanged" };
  // Read before the transaction: on SQLite the transaction holds the only connection.
  const notice = await replyRatedNotice(db, stepId, input.version + 1);
  const saved = await db.transaction().execute(async (tx) => {
    if (!(await changeReview(tx, { stepId, reviewerId: user.id, ...input }))) return false;
    await recordAudit(tx, {
      actorUserId: user.id,
      action: "reply.rating_changed",
      subjectUserId: row.officer_id,
      establishmentId: row.establishment_id,
      details: { stepId, from: row.rating, to: input.rating },
    });
    if (notice) await insertMessage(tx, notice);
    return true;
  });
  return saved ? { kind: "changed" } : staleRating(db, user, stepId);
}

async function staleRating(db: Kysely<Database>, user: CurrentUser, stepId: number): Promise<ChangeRatingResult> {
  const now = await getWrittenReply(db, stepId);
  const when = now?.reviewed_at ? ` on ${formatDateTime(now.reviewed_at)}` : "";
  const who = now?.reviewer_id === user.id ? "You" : (now?.reviewer_name ?? "Another trainer");
  const where = now?.reviewer_id === user.id ? " (in another tab or window)" : "";
  return {
    kind: "stale",
    message: `${who} changed this rating${when}${where} after you opened it, so your change was not saved. The rating shown is the one saved now: change it again if you need to`,
  };
}

export async function nextUnrated(db: Kysely<Database>, user: CurrentUser) {
  const rows = await listUnratedReplies(db, {
    establishmentId: establishmentScope(user),
    limit: 1,
    offset: 0,
  });
  return rows[0]?.id ?? null;
}
