// Password hashing with scrypt (node:crypto). Each hash records its own parameters, so the cost
// can be raised later: old hashes still verify, and needsRehash() tells when to upgrade one.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

// N=2^15, r=8, p=3 is one of OWASP's recommended scrypt settings (32 MiB of memory per hash);
// about 160 ms on these 2-core machines.
export const CURRENT_PARAMS = { N: 32768, r: 8, p: 3, keylen: 64 } as const;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  keylen: number;
}

export async function hashPassword(password: string, params: ScryptParams = CURRENT_PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize("NFKC"), salt, params.keylen, options(params));
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64"), key.toString("base64")].join("$");
}

/** Stored for someone with no password (signs in through single sign-on, or waits for an admin). */
export const NO_PASSWORD = "none";

/** Whether a stored hash is a usable password (not NO_PASSWORD, not damaged). */
export const hasPassword = (stored: string) => parse(stored) !== null;

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await scrypt(password.normalize("NFKC"), parsed.salt, parsed.key.length, options(parsed));
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.N < CURRENT_PARAMS.N || parsed.r < CURRENT_PARAMS.r || parsed.p < CURRENT_PARAMS.p;
}

function options(p: { N: number; r: number; p: number }): ScryptOptions {
  return { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 1024 * 1024 };
}

function parse(stored: string) {
  const [scheme, N, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return null;
  const nums = [N, r, p].map(Number);
  if (nums.some((n) => !Number.isInteger(n) || n < 1)) return null;
  return { N: nums[0], r: nums[1], p: nums[2], salt: Buffer.from(salt, "base64"), key: Buffer.from(key, "base64") };
}

// Verifying against this when a username is unknown keeps the response time the same,
// so timing does not reveal which usernames exist.
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
}
