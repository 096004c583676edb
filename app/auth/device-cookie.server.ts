// Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): after someone signs in
// with their password, their browser keeps a cookie naming them, signed with the session secret. Its
// guesses for that username are then limited on their own (throttle.ts), not by the username's lock.
// It carries the user's device cookie stamp as it was then: a password reset or change, or a deactivation,
// moves the stamp on (db/queries/users.server.ts), and the cookies issued before count for nothing.
import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { z } from "zod";
import { DEVICE_COOKIE_MAX_AGE_S } from "~/auth/throttle";

/** What a device cookie says: whose browser it is, the stamp it was issued under, and a random nonce its own guesses are counted under. */
const deviceCookie = z.object({
  nonce: z.string().min(16).max(64),
  username: z.string().min(1).max(200),
  stamp: z.number().int(),
});
export type DeviceCookie = z.infer<typeof deviceCookie>;

export interface DeviceCookies {
  /** The browser's device cookie, or null when it has none or one not signed with our secret. */
  read(request: Request): Promise<DeviceCookie | null>;
  /**
   * The Set-Cookie value of a new device cookie for `username`, who has just given their password on this
   * browser; `stamp` is their device cookie stamp now.
   */
  issue(request: Request, username: string, stamp: number): Promise<string>;
}

export function createDeviceCookies(secret: string, secure: (request: Request) => boolean): DeviceCookies {
  const cookie = createCookie("engage_device", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE_S,
    // Remix signs the value with an HMAC (SHA-256) of the secret, as it does the session cookie.
    secrets: [secret],
  });
  return {
    async read(request) {
      const parsed = deviceCookie.safeParse(await cookie.parse(request.headers.get("Cookie")));
      return parsed.success ? parsed.data : null;
    },
    issue: (request, username, stamp) =>
      cookie.serialize({ nonce: randomBytes(24).toString("base64url"), username, stamp } satisfies DeviceCookie, {
        secure: secure(request),
      }),
  };
}
