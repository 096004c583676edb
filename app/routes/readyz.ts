import type { LoaderFunctionArgs } from "@remix-run/node";
import { checkReadiness } from "~/server/health.server";
import { setSecurityHeaders } from "~/server/security.server";

// Readiness: ready to take traffic only when the database answers and its migrations are current.
// Open to all: it says only ready or not, and why in a word.
export async function loader({ context }: LoaderFunctionArgs) {
  const readiness = await checkReadiness(context.db);
  const headers = setSecurityHeaders(new Headers({ "Content-Type": "application/json", "Cache-Control": "no-store" }));
  return new Response(JSON.stringify(readiness), { status: readiness.status === "ready" ? 200 : 503, headers });
}
