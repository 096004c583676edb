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

// Ends the Engage session; after single sign-on, also the sign-in service's (when it can). The sign-in page then says
// they signed out, once: the message is kept in the new, empty session rather than the address, which single sign-on
// must send back to exactly as registered, and which anyone could link to.
export async function action({ request, context }: ActionFunctionArgs) {
  // Another site must not be able to sign people out either.
  refuseCrossSite(request);
  await readFormData(request);
  const session = await context.sessions.getSession(request);
  const idToken = session.get("idToken");
  const signInPage = `${publicUrl(context.config, request)}/sign-in`;
  const provider = idToken && context.oidc ? await context.oidc.endSessionUrl(idToken, signInPage) : null;
  return context.sessions.signOut(request, provider ?? "/sign-in", "You have signed out.");
}
