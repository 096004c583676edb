import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  getCurrentUser,
  refuseCrossSite,
  safeReturnPath,
  sayWhySessionEnded,
  signInPath,
  takeWhySessionEnded,
} from "~/auth/guard.server";
import { readSignInForm, signIn } from "~/auth/sign-in.server";
import { ErrorSummary } from "~/components/error-summary";
import { TextInput } from "~/components/fields";
import { NotificationBanner } from "~/components/page";
import { fieldError } from "~/utils/field-errors";
import { title } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export const meta: MetaFunction = () => title("Sign in");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const returnTo = safeReturnPath(new URL(request.url).searchParams.get("returnTo"));
  if (await getCurrentUser(request, context)) throw redirect(returnTo);
  // Opened straight from a bookmark or a link, by a browser whose session ended: says why, as the guard would.
  await sayWhySessionEnded(request, context, signInPath(returnTo));
  return { returnTo, sso: context.oidc !== null, passwordsForAll: passwordsForAll(context.config) };
}

/** Local passwords for everyone unless PASSWORD_SIGN_IN=false; the demo always keeps them. */
const passwordsForAll = (config: { passwordSignIn: boolean; demo: boolean }) => config.passwordSignIn || config.demo;

export async function action({ request, context }: ActionFunctionArgs) {
  refuseCrossSite(request);
  const form = readSignInForm(await readFormData(request));
  if (!form.ok)
    return notSignedIn(request, context, { errors: form.errors, username: form.values.username ?? "" }, 400);
  const result = await signIn(
    context.db,
    {
      username: form.data.username,
      password: form.data.password,
      address: context.clientAddress,
      passwordsForAll: passwordsForAll(context.config),
      device: await context.sessions.deviceCookies.read(request),
    },
    (userId, passwordHash, audit) => context.sessions.startPasswordSession(request, userId, passwordHash, audit),
  );
  if (!result.ok) {
    const status = result.reason === "locked" ? 429 : result.reason === "sso_only" ? 403 : 400;
    const said = { errors: fieldError("username", result.message), username: form.data.username };
    return notSignedIn(request, context, said, status);
  }
  const next = result.mustChangePassword ? "/account/password" : safeReturnPath(form.data.returnTo);
  // This browser is now known to the username: a lock others cause by guessing does not keep them out of it.
  const headers = new Headers([["Set-Cookie", result.cookie]]);
  headers.append(
    "Set-Cookie",
    await context.sessions.deviceCookies.issue(request, form.data.username, result.deviceCookieStamp),
  );
  throw redirect(next, { headers });
}

/**
 * The form back with what was wrong. A session that ended while the page was open is said here too, at once: the
 * loader, left to say it, would send the browser to a fresh sign-in page and the errors would be lost.
 */
async function notSignedIn(
  request: Request,
  context: AppLoadContext,
  said: { errors: Record<string, string>; username: string },
  status: number,
) {
  const ended = await takeWhySessionEnded(request, context);
  return data({ ...said, ended: ended?.ended ?? null }, { status, headers: ended?.headers });
}

export default function SignIn() {
  const { returnTo, sso, passwordsForAll } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const passwordForm = <PasswordForm returnTo={returnTo} username={result?.username} errors={result?.errors} />;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={result?.errors} />
        {result?.ended ? (
          <NotificationBanner title="Important" success={false}>
            {result.ended}
          </NotificationBanner>
        ) : null}
        <h1 className="govuk-heading-l">Sign in to Engage</h1>
        <p className="govuk-body">
          Practise motivational interviewing conversations for the wing, and see your progress.
        </p>
        {sso ? (
          <>
            <a
              href={`/auth/oidc?returnTo=${encodeURIComponent(returnTo)}`}
              role="button"
              draggable="false"
              className="govuk-button govuk-button--start"
              data-module="govuk-button"
            >
              Sign in with your work account
              <svg
                className="govuk-button__start-icon"
                xmlns="http://www.w3.org/2000/svg"
                width="17.5"
                height="19"
                viewBox="0 0 33 40"
                aria-hidden="true"
                focusable="false"
              >
                <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
              </svg>
            </a>
            {passwordsForAll ? (
              <>
                <h2 className="govuk-heading-m">Or sign in with an Engage password</h2>
                {passwordForm}
              </>
            ) : (
              <details className="govuk-details" open={Boolean(result?.errors)}>
                <summary className="govuk-details__summary">
                  <span className="govuk-details__summary-text">Administrators: sign in with a password</span>
                </summary>
                <div className="govuk-details__text">{passwordForm}</div>
              </details>
            )}
          </>
        ) : (
          passwordForm
        )}
        <p className="govuk-body">If you have forgotten your password, ask your Engage administrator to reset it.</p>
      </div>
    </div>
  );
}

function PasswordForm({
  returnTo,
  username,
  errors,
}: {
  returnTo: string;
  username: string | undefined;
  errors: Record<string, string> | undefined;
}) {
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="returnTo" value={returnTo} />
      <TextInput
        name="username"
        label="Username"
        autoComplete="username"
        spellCheck={false}
        autoCapitalize="none"
        defaultValue={username}
        error={errors?.username}
        className="govuk-!-width-one-half"
      />
      <TextInput
        name="password"
        type="password"
        label="Password"
        autoComplete="current-password"
        error={errors?.password}
        className="govuk-!-width-one-half"
      />
      <button type="submit" className="govuk-button" data-module="govuk-button">
        Sign in
      </button>
    </Form>
  );
}
