// Sign-in throttling rules. Each password check spends a guess, counted before the check:
// - a username gets MAX_GUESSES wrong guesses in a WINDOW; after the last of them it is locked for
//   a WINDOW (the right password too), whoever is guessing and however many requests run at once;
// - one client address gets ADDRESS_MAX_GUESSES in a WINDOW across all usernames, so one client
//   cannot cheaply lock out everyone (a whole prison behind one address stays well inside it).
// A right guess is given back: signing in often never locks anyone out.
export const MAX_GUESSES = 5;
export const ADDRESS_MAX_GUESSES = 50;
export const WINDOW_MS = 15 * 60 * 1000;

export type ThrottleKind = "username" | "address";

export const LIMITS: Record<ThrottleKind, number> = { username: MAX_GUESSES, address: ADDRESS_MAX_GUESSES };

/** Whether a guess may be checked, given the count after counting it; if not, until when. */
export function guessVerdict(
  kind: ThrottleKind,
  count: { guesses: number; windowStartedAt: string },
): { allowed: true } | { allowed: false; until: Date } {
  if (count.guesses <= LIMITS[kind]) return { allowed: true };
  return { allowed: false, until: new Date(new Date(count.windowStartedAt).getTime() + WINDOW_MS) };
}

/** "Wait 12 minutes": never less than one minute. */
export function minutesUntil(until: Date, now: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
