import { setSecurityHeaders } from "~/server/security.server";

// Liveness: the process answers. It reads nothing, so a slow database never gets an instance
// restarted; readiness is /readyz. Open to all: it reveals nothing.
export function loader() {
  const headers = setSecurityHeaders(new Headers({ "Content-Type": "application/json", "Cache-Control": "no-store" }));
  return new Response(JSON.stringify({ status: "ok" }), { status: 200, headers });
}
