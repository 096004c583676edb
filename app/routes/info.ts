import type { LoaderFunctionArgs } from "@remix-run/node";
import { describeInstance } from "~/server/health.server";
import { setSecurityHeaders } from "~/server/security.server";

// What is running: the version, the commit if known, the database engine and its last migration.
export async function loader({ context }: LoaderFunctionArgs) {
  const info = await describeInstance(context.db, context.config.commit);
  const headers = setSecurityHeaders(new Headers({ "Content-Type": "application/json", "Cache-Control": "no-store" }));
  return new Response(JSON.stringify(info), { status: 200, headers });
}
