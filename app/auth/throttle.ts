// Sign-in throttling rules. Each password check spends a guess, counted before the check:
// - a username gets MAX_GUESSES wrong guesses in a WINDOW; after the last of them it is locked for
//   a WINDOW (the right password too), whoever is guessing and however many requests run at once;
// - one client address gets ADDRESS_MAX_GUESSES in a WINDOW across all usernames, so one client
//   cannot cheaply lock out everyone (a whole prison behind one address stays well inside it).
// - a browser someone signed in on with their password gets a device cookie naming them (OWASP's
//   "device cookies"): its guesses for that username spend only the cookie's own DEVICE_MAX_GUESSES
//   in a WINDOW, not the username's or the address's, so nobody else's wrong guesses lock an officer
//   out of their own browser; once the cookie is over its limit, the browser is like any other.
// A right guess is given back: signing in often never locks anyone out.
export const MAX_GUESSES = 5;
export const ADDRESS_MAX_GUESSES = 50;
export const DEVICE_MAX_GUESSES = 5;
export const WINDOW_MS = 15 * 60 * 1000;
/** How long a device cookie lasts: a year, so an officer's usual browser stays known between shifts. */
export const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

export type ThrottleKind = "username" | "address" | "device";

export const LIMITS: Record<ThrottleKind, number> = {
  username: MAX_GUESSES,
  address: ADDRESS_MAX_GUESSES,
  device: DEVICE_MAX_GUESSES,
};

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
