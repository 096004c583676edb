import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { refuseCrossSite } from "~/auth/guard.server";
import { readFormData } from "~/utils/form-data.server";
import { publicUrl } from "~/server/public-url.server";

// A refused sign-out (not a form, or from another site) shows the usual error page: with an error
// boundary and a (never shown) component this is a page route, not a bare resource route.
export { ErrorBoundary } from "~/root";
export default function SignOut() {
  return null;
}

// Signing out is a POST (a link cannot sign anyone out); a GET just goes home.
export function loader() {
  return redirect("/");
}

// Ends the Engage session; after single sign-on, also the sign-in service's (when it can).
export async function action({ request, context }: ActionFunctionArgs) {
  // Another site must not be able to sign people out either.
  refuseCrossSite(request);
  await readFormData(request);
  const session = await context.sessions.getSession(request);
  const idToken = session.get("idToken");
  const headers = { "Set-Cookie": await context.sessions.destroy(request, session) };
  const signInPage = `${publicUrl(context.config, request)}/sign-in`;
  const provider = idToken && context.oidc ? await context.oidc.endSessionUrl(idToken, signInPage) : null;
  return redirect(provider ?? "/sign-in", { headers });
}
