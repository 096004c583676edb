import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { destroySession, getSession } from "~/auth/session.server";

// Signing out is a POST (a link cannot sign anyone out); a GET just goes home.
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await getSession(request);
  return redirect("/sign-in", { headers: { "Set-Cookie": await destroySession(request, session) } });
}
