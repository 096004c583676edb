/**
 * Optimistic locking for drafts. Each save names the revision it was edited from; a save from an
 * older revision than the stored one is refused, so one trainer never silently overwrites another.
 * Revision 0 means "there was no draft when I opened the editor".
 */
import { formatDateTime } from "~/domain/dates.server";

export type RevisionCheck = { ok: true; next: number } | { ok: false; current: number };

export function checkRevision(stored: number | null, base: number): RevisionCheck {
  const current = stored ?? 0;
  if (base !== current) return { ok: false, current };
  return { ok: true, next: current + 1 };
}

export function conflictMessage(updatedBy: string | null, updatedAt: string | null): string {
  const who = updatedBy ?? "Another trainer";
  const when = updatedAt ? ` on ${formatDateTime(updatedAt)}` : "";
  return `${who} saved this draft${when} after you opened it, so your changes were not saved. Your text is still in the box: copy what you need, reload the page to see their version, then make your changes again.`;
}
