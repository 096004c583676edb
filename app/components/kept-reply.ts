// A written reply (or a studio form's changes) kept in this browser tab as it is typed, so a session
// that ends before it is sent (8 hours idle) does not lose it: after signing in again the page shows it. Only in
// sessionStorage (this tab, until it closes or someone signs out), and only for the same step.
const PREFIX = "engage:reply:";

export interface KeptReplyKey {
  /** the attempt */
  attempt: string;
  /** the step within it: another step's kept text is never shown */
  step: string;
}

/** Which step of an attempt a page shows: its node and the attempt's row version (a node may come again). */
export const stepKeyOf = (nodeId: string, rowVersion: number | string) => `${nodeId}-${rowVersion}`;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage turned off: the reply box works as before
  }
}

export function keptReply({ attempt, step }: KeptReplyKey): string | null {
  const raw = storage()?.getItem(PREFIX + attempt);
  if (!raw) return null;
  try {
    const kept = JSON.parse(raw) as { step?: unknown; text?: unknown };
    if (kept.step === step && typeof kept.text === "string") return kept.text;
  } catch {
    // not ours: forgotten below
  }
  storage()?.removeItem(PREFIX + attempt);
  return null;
}

export function keepReply({ attempt, step }: KeptReplyKey, text: string) {
  const s = storage();
  if (!s) return;
  try {
    if (text.trim()) s.setItem(PREFIX + attempt, JSON.stringify({ step, text }));
    else s.removeItem(PREFIX + attempt);
  } catch {
    // full: the reply is still in the box
  }
}

/**
 * A studio form's changed fields, kept the same way (the key names the page, the step its draft
 * revision): a form sent after the session ended comes back to its page after signing in again.
 */
export function keepForm(key: KeptReplyKey, form: HTMLFormElement) {
  const changed: Record<string, string> = {};
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement || el instanceof HTMLSelectElement))
      continue;
    if (!el.name || (el instanceof HTMLInputElement && el.type !== "text")) continue;
    const was =
      el instanceof HTMLSelectElement
        ? (Array.from(el.options).find((o) => o.defaultSelected) ?? el.options[0])?.value
        : el.defaultValue;
    if (el.value !== was) changed[el.name] = el.value;
  }
  keepReply(key, Object.keys(changed).length ? JSON.stringify(changed) : "");
}

/** Puts a kept form's fields back; true when anything was put back. */
export function restoreForm(key: KeptReplyKey, form: HTMLFormElement): boolean {
  const text = keptReply(key);
  if (!text) return false;
  let fields: unknown;
  try {
    fields = JSON.parse(text);
  } catch {
    return false;
  }
  if (!fields || typeof fields !== "object") return false;
  let restored = false;
  for (const [name, value] of Object.entries(fields)) {
    const el = form.elements.namedItem(name);
    if (typeof value !== "string") continue;
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement || el instanceof HTMLSelectElement) {
      el.value = value;
      restored = true;
    }
  }
  return restored;
}

/** On signing out: nothing typed in this tab is left for the next person at the computer. */
export function forgetKeptReplies() {
  const s = storage();
  if (!s) return;
  for (const key of Object.keys(s)) if (key.startsWith(PREFIX)) s.removeItem(key);
}
