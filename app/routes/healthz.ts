import { sql } from "kysely";
import { getDb } from "~/db.server";
import { setSecurityHeaders } from "~/security.server";

// Reports whether the database answers. Open to all: it reveals nothing else.
export async function loader() {
  const headers = setSecurityHeaders(new Headers({ "Content-Type": "application/json", "Cache-Control": "no-store" }));
  try {
    const db = await getDb();
    await sql`select 1`.execute(db);
    return new Response(JSON.stringify({ status: "ok", database: "ok" }), { status: 200, headers });
  } catch {
    return new Response(JSON.stringify({ status: "error", database: "unavailable" }), { status: 503, headers });
  }
}
