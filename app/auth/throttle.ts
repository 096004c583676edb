// Sign-in throttling rule: after MAX_FAILURES failed attempts for one username within WINDOW,
// further tries for that username are refused for LOCKOUT after the last failure.
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_MS = 15 * 60 * 1000;

/** failures: times of the most recent failures, newest first (at least MAX_FAILURES if there are). */
export function lockedUntil(failures: Date[], now: Date): Date | null {
  if (failures.length < MAX_FAILURES) return null;
  const newest = failures[0];
  const fifth = failures[MAX_FAILURES - 1];
  if (newest.getTime() - fifth.getTime() > WINDOW_MS) return null;
  const until = new Date(newest.getTime() + LOCKOUT_MS);
  return until > now ? until : null;
}
