// Naming a browser from its User-Agent, so people can tell their sessions apart ("Edge on
// Windows"). Only the common families are named; the rest are "A browser". A few lines are
// enough here: a full User-Agent parser would be a large dependency for one label.
const MAX_STORED = 300;

/** The User-Agent as stored with a session: trimmed, and without control characters. */
export function shortUserAgent(userAgent: string | null): string | null {
  const cleaned = (userAgent ?? "").replace(/\p{Cc}/gu, "").trim();
  return cleaned ? cleaned.slice(0, MAX_STORED) : null;
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/(OPR|Opera)\//, "Opera"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/(Firefox|FxiOS)\//, "Firefox"],
  [/(Chrome|CriOS|Chromium)\//, "Chrome"],
  [/Version\/[\d.]+.*Safari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPad|iPod/, "iOS"],
  [/Android/, "Android"],
  [/CrOS/, "ChromeOS"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Linux/, "Linux"],
];

export function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return "A browser";
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? "A browser";
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  return system ? `${browser} on ${system}` : browser;
}
