import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { getCurrentUser, notFound, safeReturnPath } from "~/auth/guard.server";
import { publicUrl } from "~/server/public-url.server";
import { SignInProblem } from "~/components/sign-in-problem";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Sign in with your work account");

// Starts single sign-on: remembers state, PKCE verifier and nonce in this browser's session and
// sends the person to the sign-in service.
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!context.oidc) notFound();
  const returnTo = safeReturnPath(new URL(request.url).searchParams.get("returnTo"));
  if (await getCurrentUser(request, context)) throw redirect(returnTo);
  const session = await context.sessions.getSession(request);
  try {
    const { url, pending } = await context.oidc.start(
      `${publicUrl(context.config, request)}/auth/oidc/callback`,
      returnTo,
    );
    session.set("oidc", pending);
    return redirect(url, { headers: { "Set-Cookie": await context.sessions.commit(request, session) } });
  } catch (error) {
    context.log.error({ err: error }, "the sign-in service could not be reached");
    return data({ unreachable: true }, { status: 503 });
  }
}

export default function SignInUnavailable() {
  return (
    <SignInProblem
      heading="Sorry, you cannot sign in with your work account right now"
      message="Engage could not reach the sign-in service. Try again in a few minutes."
    />
  );
}
