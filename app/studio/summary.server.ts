// The trainer's home page figures: drafts in the studio and written replies waiting for a rating.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { countDrafts } from "~db/queries/scenario-drafts.server";
import { countPublishedScenarios } from "~db/queries/scenario-versions.server";
import { countUnratedReplies } from "~db/queries/written-reply-reviews.server";
import { establishmentScope, type CurrentUser } from "~/auth/guard.server";

export async function trainerSummary(db: Kysely<Database>, user: CurrentUser) {
  const [drafts, repliesWaiting, published] = await Promise.all([
    countDrafts(db),
    countUnratedReplies(db, establishmentScope(user)),
    countPublishedScenarios(db),
  ]);
  return { drafts, repliesWaiting, published };
}
