// Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): after someone signs in
// with their password, their browser keeps a cookie naming them, signed with the session secret. Its
// guesses for that username are then limited on their own (throttle.ts), not by the username's lock.
import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { z } from "zod";
import { DEVICE_COOKIE_MAX_AGE_S } from "~/auth/throttle";

/** What a device cookie says: whose browser it is, and a random nonce its own guesses are counted under. */
const deviceCookie = z.object({ nonce: z.string().min(16).max(64), username: z.string().min(1).max(200) });
export type DeviceCookie = z.infer<typeof deviceCookie>;

export interface DeviceCookies {
  /** The browser's device cookie, or null when it has none or one not signed with our secret. */
  read(request: Request): Promise<DeviceCookie | null>;
  /** The Set-Cookie value of a new device cookie for `username`, who has just signed in on this browser. */
  issue(request: Request, username: string): Promise<string>;
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
    issue: (request, username) =>
      cookie.serialize({ nonce: randomBytes(24).toString("base64url"), username }, { secure: secure(request) }),
  };
}
