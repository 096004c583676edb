import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getCurrentUser, refuseCrossSite, safeReturnPath } from "~/auth/guard.server";
import { readSignInForm, signIn } from "~/auth/sign-in.server";
import { ErrorSummary } from "~/components/error-summary";
import { TextInput } from "~/components/fields";
import type { FieldErrors } from "~/utils/forms";
import { title } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export const meta: MetaFunction = () => title("Sign in");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const returnTo = safeReturnPath(new URL(request.url).searchParams.get("returnTo"));
  if (await getCurrentUser(request, context)) throw redirect(returnTo);
  return { returnTo };
}

export async function action({ request, context }: ActionFunctionArgs) {
  refuseCrossSite(request);
  const form = readSignInForm(await readFormData(request));
  if (!form.ok) return data({ errors: form.errors, username: form.values.username ?? "" }, { status: 400 });
  const result = await signIn(context.db, {
    username: form.data.username,
    password: form.data.password,
    address: context.clientAddress,
  });
  if (!result.ok) {
    const status = result.reason === "locked" ? 429 : 400;
    return data({ errors: { username: result.message } as FieldErrors, username: form.data.username }, { status });
  }
  throw redirect(safeReturnPath(form.data.returnTo), {
    headers: { "Set-Cookie": await context.sessions.startUserSession(request, result.userId) },
  });
}

export default function SignIn() {
  const { returnTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={result?.errors} />
        <h1 className="govuk-heading-l">Sign in to Engage</h1>
        <p className="govuk-body">
          Practise motivational interviewing conversations for the wing, and see your progress.
        </p>
        <Form method="post" noValidate>
          <input type="hidden" name="returnTo" value={returnTo} />
          <TextInput
            name="username"
            label="Username"
            autoComplete="username"
            spellCheck={false}
            autoCapitalize="none"
            defaultValue={result?.username}
            error={result?.errors.username}
            className="govuk-!-width-one-half"
          />
          <TextInput
            name="password"
            type="password"
            label="Password"
            autoComplete="current-password"
            error={result?.errors.password}
            className="govuk-!-width-one-half"
          />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Sign in
          </button>
        </Form>
        <p className="govuk-body">If you have forgotten your password, ask your Engage administrator to reset it.</p>
      </div>
    </div>
  );
}
