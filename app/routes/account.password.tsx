import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { changeOwnPassword } from "~/auth/change-password.server";
import { requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { TextInput } from "~/components/fields";
import { PASSWORD_RULES } from "~/utils/form-hints";
import { title } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";
import { readChangePasswordForm } from "~/auth/account-forms.server";

export const meta: MetaFunction = () => title("Change your password");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return { mustChange: user.mustChangePassword };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = readChangePasswordForm(await readFormData(request));
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const { sessions } = context;
  const result = await changeOwnPassword(
    context.db,
    user,
    form.data.currentPassword,
    form.data.newPassword,
    await sessions.deviceCookies.read(request),
  );
  if (!result.ok) return data({ errors: result.errors }, { status: result.reason === "locked" ? 429 : 400 });
  // Other sessions have ended; this one carries on under a new id, with a notice, unless the password
  // changed again meanwhile (an administrator's reset): then this one has ended too.
  const cookie = await sessions.startPasswordSession(request, user.id, result.passwordHash);
  if (!cookie) return redirect("/sign-in");
  const session = await sessions.getSession(new Request(request.url, { headers: { Cookie: cookie.split(";")[0] } }));
  session.flash("notice", "Your password has been changed. You have been signed out everywhere else.");
  const headers = new Headers([["Set-Cookie", await sessions.commit(request, session)]]);
  // The change withdrew every device cookie of theirs; this browser, where they just gave their password, is
  // known again, as after signing in.
  headers.append("Set-Cookie", await sessions.deviceCookies.issue(request, user.username, result.deviceCookieStamp));
  return redirect("/", { headers });
}

export default function ChangePassword() {
  const { mustChange } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={result?.errors} />
        <h1 className="govuk-heading-l">Change your password</h1>
        {mustChange ? (
          <div className="govuk-inset-text" id="must-change">
            An administrator set your password. Choose your own password to carry on: nobody else should know it.
          </div>
        ) : null}
        <Form method="post" noValidate>
          <TextInput
            name="currentPassword"
            type="password"
            label="Current password"
            autoComplete="current-password"
            error={result?.errors.currentPassword}
            className="govuk-!-width-one-half"
          />
          <TextInput
            name="newPassword"
            type="password"
            label="New password"
            hint={PASSWORD_RULES}
            autoComplete="new-password"
            error={result?.errors.newPassword}
            className="govuk-!-width-one-half"
          />
          <TextInput
            name="confirmPassword"
            type="password"
            label="New password again"
            autoComplete="new-password"
            error={result?.errors.confirmPassword}
            className="govuk-!-width-one-half"
          />
          <button type="submit" className="govuk-button">
            Change password
          </button>
        </Form>
      </div>
    </div>
  );
}
