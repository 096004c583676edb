// Security headers for every response Engage renders itself. Scripts run only from this site,
// plus Remix's inline scripts that carry the per-request nonce.
import { randomBytes } from "node:crypto";

export function createNonce() {
  return randomBytes(16).toString("base64");
}

/** `formOrigins`: other sites a form may lead to (signing out through the sign-in service). */
function contentSecurityPolicy(nonce: string, formOrigins: string[] = []) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    ["form-action 'self'", ...formOrigins].join(" "),
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function setSecurityHeaders(headers: Headers, nonce?: string, formOrigins: string[] = []) {
  headers.set("Content-Security-Policy", contentSecurityPolicy(nonce ?? createNonce(), formOrigins));
  headers.set("X-Frame-Options", "DENY");
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  return headers;
}

/** HTTPS only, for a year, once a browser has reached Engage over HTTPS (never sent over plain HTTP). */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

export interface WriteHeaders {
  origin: string | null;
  secFetchSite: string | null;
  referer: string | null;
}

/**
 * Why a write (a POST or the like) looks as if another site sent it, or null when it does not.
 * `host` is this site's host as the browser sees it (host name and port). The browser's own
 * Sec-Fetch-Site comes first; then Origin ("null" from a sandboxed frame or a file counts as
 * foreign); then, from a browser that sends neither, the Referer. A request with none of them
 * (not a browser, or a very old one) carries no sign of another site and passes.
 */
export function crossSiteReason(headers: WriteHeaders, host: string): string | null {
  const site = headers.secFetchSite?.trim().toLowerCase();
  if (site && site !== "same-origin") return `Sec-Fetch-Site is ${site}`;
  if (headers.origin !== null) {
    if (headers.origin.trim() === "null") return "Origin is null";
    return hostOf(headers.origin) === host.toLowerCase() ? null : "Origin is another site";
  }
  if (headers.referer !== null && hostOf(headers.referer) !== host.toLowerCase()) return "Referer is another site";
  return null;
}

function hostOf(address: string): string | null {
  try {
    const url = new URL(address);
    return url.protocol === "http:" || url.protocol === "https:" ? url.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * This site's host as the browser saw it: the proxy's X-Forwarded-Host (the server keeps that header
 * only behind TRUST_PROXY), else Host, else the host of the request's URL.
 */
export function siteHostOf(headers: { get(name: string): string | null | undefined }, fallback: string): string {
  return headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || fallback;
}

export function writeHeadersOf(headers: { get(name: string): string | null | undefined }): WriteHeaders {
  return {
    origin: headers.get("origin") ?? null,
    secFetchSite: headers.get("sec-fetch-site") ?? null,
    referer: headers.get("referer") ?? null,
  };
}
