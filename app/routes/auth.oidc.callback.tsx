import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound } from "~/auth/guard.server";
import { signInWithClaims } from "~/auth/sso-sign-in.server";
import { SignInProblem } from "~/components/sign-in-problem";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("You could not be signed in");

// The sign-in service sends people back here with a code. The pending sign-in is used up before
// anything else, so a replayed or tampered callback finds nothing to complete.
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!context.oidc || !context.config.oidc) notFound();
  const { sessions } = context;
  const session = await sessions.getSession(request);
  const pending = session.get("oidc");
  session.unset("oidc");
  const consumed = { "Set-Cookie": await sessions.commit(request, session) };

  const finished = await context.oidc.finish(new URL(request.url), pending);
  if (!finished.ok) {
    context.log.info({ reason: finished.reason }, "single sign-on not completed");
    return data({ message: finished.message }, { status: 400, headers: consumed });
  }
  const result = await signInWithClaims(context.db, finished.claims, context.config.oidc.claims);
  if (!result.ok) return data({ message: result.message }, { status: 403, headers: consumed });
  // The user id only: the address is someone's personal data, and the other user's too.
  if (result.emailNotCopied)
    context.log.warn({ userId: result.userId }, "single sign-on gave an email address another user has: not copied");
  if (result.keptAdministrator)
    context.log.warn(
      { userId: result.userId },
      "single sign-on would have taken away the last active administrator's access: still an administrator",
    );
  const returnTo = pending?.returnTo ?? "/";
  const next = result.chooseWing ? `/account/wing?returnTo=${encodeURIComponent(returnTo)}` : returnTo;
  throw redirect(next, {
    headers: {
      "Set-Cookie": await sessions.startUserSession(request, result.userId, {
        idToken: finished.idToken,
        ...(result.keptAdministrator ? { important: KEPT_ADMINISTRATOR } : {}),
      }),
    },
  });
}

/** Told at once, so the last administrator knows why their access differs from their work account's, and what to do. */
const KEPT_ADMINISTRATOR =
  "Your work account no longer makes you an administrator, but you are Engage's only active administrator, so you " +
  "still are. Make someone else an administrator: your next sign-in will then give you your work account's role.";

export default function SignInRefused() {
  const { message } = useLoaderData<typeof loader>();
  return <SignInProblem heading="You could not be signed in" message={message} />;
}
