// Small helpers the attempt routes share: the id check and the short messages shown after a
// refused step (passed as a code in the URL, so no text from the request is ever echoed).
import { z } from "zod";
import { notFound } from "~/auth/guard.server";
import { linkOption, readLinkOptions } from "~/utils/query.server";

const ATTEMPT_ID = /^[A-Za-z0-9_-]{22}$/;

export function attemptIdOf(params: { attemptId?: string }): string {
  const id = params.attemptId ?? "";
  if (!ATTEMPT_ID.test(id)) notFound();
  return id;
}

export const NOTICES = {
  stale:
    "That page was out of date (perhaps open in another tab, or sent twice), so nothing new was recorded. This is where your conversation is now.",
  "not-allowed":
    "That response is not available at this point in the conversation, so nothing was recorded. Choose from the options below.",
  finished: "This attempt has already finished, so nothing more was recorded.",
  resumed:
    "You already had this scenario in progress, so you are back where you left off. To start again, abandon it first.",
  abandoned: "This attempt was abandoned, so nothing more was recorded.",
} as const;
export type NoticeCode = keyof typeof NOTICES;

const NoticeLink = z.object({ notice: linkOption(Object.keys(NOTICES) as [NoticeCode, ...NoticeCode[]]) });

export function noticeOf(request: Request): string | null {
  const { notice } = readLinkOptions(NoticeLink, new URL(request.url).searchParams);
  return notice ? NOTICES[notice] : null;
}
