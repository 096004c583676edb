/**
 * Optimistic locking for drafts. Each save names the revision it was edited from; a save from an
 * older revision than the stored one is refused, so one trainer never silently overwrites another.
 * Without a draft, the revision is the one the newest version closed (0 for a library scenario never
 * edited here), so a page opened before a publish or a rollback is refused too.
 */
import { formatDateTime } from "~/domain/dates.server";

/** A form whose revision is missing, or one the draft never reached (only a hand-made form has it). */
export const OUT_OF_DATE = "This form is out of date. Reload the page.";

/** `ahead`: the form names a revision after the stored one, which no page showed: not someone else's save. */
export type RevisionCheck = { ok: true; next: number } | { ok: false; current: number; ahead: boolean };

export function checkRevision(stored: number | null, base: number): RevisionCheck {
  const current = stored ?? 0;
  if (base !== current) return { ok: false, current, ahead: base > current };
  return { ok: true, next: current + 1 };
}

export function conflictMessage(updatedBy: string | null, updatedAt: string | null, published = false): string {
  if (published)
    return "A new version of this scenario was published after you opened it, so your changes were not saved. Your text is still in the box: copy what you need, reload the page to see the published version, then make your changes again.";
  const who = updatedBy ?? "Another trainer";
  const when = updatedAt ? ` on ${formatDateTime(updatedAt)}` : "";
  return `${who} saved this draft${when} after you opened it, so your changes were not saved. Your text is still in the box: copy what you need, reload the page to see their version, then make your changes again.`;
}
