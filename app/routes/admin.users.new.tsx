import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { placeOptions } from "~/admin/places.server";
import { UserPlacementFields } from "~/admin/user-form";
import { readNewUserForm } from "~/admin/user-forms.server";
import { createUserAccount } from "~/admin/users.server";
import { requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { TextInput } from "~/components/fields";
import { PASSWORD_RULES, USERNAME_RULES } from "~/utils/form-hints";
import { title } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export const meta: MetaFunction = () => title("Create a user");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "manageUsers" });
  return { places: await placeOptions(context.db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUser(request, context, { can: "manageUsers" });
  const form = readNewUserForm(await readFormData(request));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const { username, password, displayName, email, role, establishmentId, unitId } = form.data;
  const result = await createUserAccount(context.db, admin, {
    username,
    password,
    displayName,
    email,
    role,
    establishmentId,
    unitId,
  });
  if (!result.ok) return data({ errors: result.errors, values: form.values }, { status: 400 });
  return context.sessions.redirectWithNotice(
    request,
    `/admin/users/${result.id}`,
    `User ${username} created. They can sign in now, and will choose their own password.`,
  );
}

export default function NewUser() {
  const { places } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values ?? {};
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href="/admin/users" className="govuk-back-link">
          Back to users
        </a>
        <ErrorSummary errors={result?.errors} />
        <h1 className="govuk-heading-l">Create a user</h1>
        <Form method="post" noValidate>
          <TextInput
            name="username"
            label="Username"
            hint={USERNAME_RULES}
            autoComplete="off"
            spellCheck={false}
            defaultValue={values.username}
            error={result?.errors.username}
            className="govuk-!-width-one-half"
          />
          <UserPlacementFields places={places} values={values} errors={result?.errors} />
          <TextInput
            name="password"
            type="password"
            label="Password"
            hint={PASSWORD_RULES}
            autoComplete="new-password"
            error={result?.errors.password}
            className="govuk-!-width-one-half"
          />
          <button type="submit" className="govuk-button">
            Create user
          </button>
        </Form>
      </div>
    </div>
  );
}
