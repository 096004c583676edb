// A written reply sent after the session ended, kept through signing in again (session.server's
// keptReply): the play page takes it once, and the session is saved without it.
import type { AppLoadContext } from "@remix-run/node";
import type { KeptReply } from "~/auth/session.server";

export async function takeKeptReply(
  request: Request,
  context: AppLoadContext,
): Promise<{ reply: KeptReply | null; headers: HeadersInit | null }> {
  const session = await context.sessions.getSession(request);
  if (!session.has("keptReply")) return { reply: null, headers: null };
  const reply = session.get("keptReply") ?? null;
  return { reply, headers: { "Set-Cookie": await context.sessions.commit(request, session) } };
}
