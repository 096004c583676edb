// A written reply kept in this browser tab as the officer types, so a session that ends before
// they send it (8 hours idle) does not lose it: after signing in again the step shows it. Only in
// sessionStorage (this tab, until it closes or someone signs out), and only for the same step.
const PREFIX = "engage:reply:";

export interface KeptReplyKey {
  /** the attempt */
  attempt: string;
  /** the step within it: another step's kept text is never shown */
  step: string;
}

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

/** On signing out: nothing typed in this tab is left for the next person at the computer. */
export function forgetKeptReplies() {
  const s = storage();
  if (!s) return;
  for (const key of Object.keys(s)) if (key.startsWith(PREFIX)) s.removeItem(key);
}
