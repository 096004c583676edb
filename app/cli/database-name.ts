import type { DatabaseTarget } from "~db/connection.server";

/** The database a command works on, for its messages: never the password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.engine === "sqlite") return target.path;
  const url = new URL(target.url);
  return `PostgreSQL database ${url.pathname.slice(1) || "(default)"} on ${url.hostname}:${url.port || "5432"}`;
}
