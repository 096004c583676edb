import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getUserWithPlace } from "~db/queries/users.server";
import { placeOptions } from "~/admin/places.server";
import { roleLabel } from "~/admin/roles";
import { UserPlacementFields } from "~/admin/user-form";
import { readActiveForm, readEditUserForm, readResetPasswordForm } from "~/admin/user-forms.server";
import { editUser, resetPassword, setUserActive } from "~/admin/users.server";
import { roleCan } from "~/auth/capabilities";
import { notFound, requireUser } from "~/auth/guard.server";
import { idParam } from "~/utils/query.server";
import { ErrorSummary } from "~/components/error-summary";
import { CheckboxItems, FieldsetFrame, TextInput } from "~/components/fields";
import { SummaryList, Tag } from "~/components/page";
import { fieldError } from "~/utils/field-errors";
import { PASSWORD_RULES } from "~/utils/form-hints";
import { title } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data ? data.user.display_name : "User");

async function loadUser(db: Kysely<Database>, params: { userId?: string }) {
  const user = await getUserWithPlace(db, idParam(params.userId));
  return user ?? notFound();
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "manageUsers" });
  return { user: await loadUser(context.db, params), places: await placeOptions(context.db) };
}

/**
 * The administrator lost that access while making the change, and with it their sessions (every change that takes
 * it away ends them): they are told why on the sign-in page, where showing this page again would send them anyway.
 */
const accessRemoved = (context: ActionFunctionArgs["context"], request: Request, message: string) =>
  context.sessions.signOutWithNotice(request, "/sign-in", message);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireUser(request, context, { can: "manageUsers" });
  const user = await loadUser(context.db, params);
  const formData = await readFormData(request);
  const back = `/admin/users/${user.id}`;
  switch (formData.get("intent")) {
    case "edit": {
      const form = readEditUserForm(formData);
      if (!form.ok) return data({ intent: "edit", errors: form.errors, values: form.values }, { status: 400 });
      const result = await editUser(context.db, admin, user.id, form.data);
      // A stale form is shown again with the user as they are now (the loader's), not the old values.
      if (!result.ok && result.stale)
        return data({ intent: "edit", errors: fieldError("form", result.message), values: null }, { status: 409 });
      if (!result.ok && result.accessRemoved) return accessRemoved(context, request, result.message);
      if (!result.ok) return data({ intent: "edit", errors: result.errors, values: form.values }, { status: 400 });
      return context.sessions.redirectWithNotice(request, back, "Changes saved.");
    }
    case "reset-password": {
      const form = readResetPasswordForm(formData);
      if (!form.ok) return data({ intent: "reset-password", errors: form.errors, values: {} }, { status: 400 });
      const result = await resetPassword(context.db, admin, user.id, form.data.password);
      if (!result.ok) return data({ intent: "reset-password", errors: result.errors, values: {} }, { status: 400 });
      return context.sessions.redirectWithNotice(
        request,
        back,
        `Password reset. ${user.display_name} has been signed out everywhere.`,
      );
    }
    case "deactivate":
    case "reactivate": {
      const form = readActiveForm(formData);
      if (!form.ok) return data({ intent: "active", errors: form.errors, values: {} }, { status: 400 });
      const result = await setUserActive(context.db, admin, user.id, form.data.intent === "reactivate");
      if (!result.ok && result.accessRemoved) return accessRemoved(context, request, result.message);
      if (!result.ok)
        return data({ intent: "active", errors: fieldError("form", result.message), values: {} }, { status: 400 });
      return context.sessions.redirectWithNotice(
        request,
        back,
        form.data.intent === "reactivate"
          ? `${user.display_name} can sign in again.`
          : `${user.display_name} is deactivated and has been signed out.`,
      );
    }
    default:
      return data(
        {
          intent: "unknown",
          errors: fieldError("form", "That action is not recognised. Use the buttons on the page."),
          values: {},
        },
        { status: 400 },
      );
  }
}

export default function EditUser() {
  const { user, places } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // What was typed, after a form the action refused as invalid; null shows the user as they are now.
  const typed: Record<string, string> | null = result?.intent === "edit" ? result.values : null;
  const editValues = typed ?? {
    displayName: user.display_name,
    email: user.email ?? "",
    role: user.role,
    establishmentId: user.establishment_id ? String(user.establishment_id) : "",
    unitId: user.unit_id ? String(user.unit_id) : "",
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href="/admin/users" className="govuk-back-link">
          Back to users
        </a>
        <ErrorSummary errors={result?.errors} />
        <span className="govuk-caption-l">{user.username}</span>
        <h1 className="govuk-heading-l">{user.display_name}</h1>
        <SummaryList
          rows={[
            { key: "Role", value: roleLabel(user.role) },
            { key: "Prison", value: user.establishment_name ?? "None" },
            { key: "Wing or team", value: user.unit_name ?? "None" },
            {
              key: "MI coach",
              value: roleCan(user.role, "observeOfficers")
                ? "Yes, as a " + roleLabel(user.role).toLowerCase()
                : user.mi_coach
                  ? "Yes"
                  : "No",
            },
            {
              key: "Status",
              value: user.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag>,
            },
          ]}
        />

        <h2 className="govuk-heading-m">Change details</h2>
        {/* A new key once the user changes: after a refused stale save the fields show the user as they are now. */}
        <Form method="post" noValidate key={typed ? "typed" : `v${user.row_version}`}>
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="version" value={typed?.version ?? user.row_version} />
          <UserPlacementFields
            places={places}
            values={editValues}
            errors={result?.intent === "edit" ? result.errors : undefined}
          />
          <FieldsetFrame
            name="miCoach"
            legend="Coaching on the wing"
            legendClassName="govuk-fieldset__legend--s"
            hint="An MI coach observes other officers’ real conversations and records them. Trainers and managers are coaches already; this marks an officer as one."
          >
            <CheckboxItems
              name="miCoach"
              small
              options={[{ value: "yes", label: "MI coach (officers only)" }]}
              defaultValues={(typed ? "miCoach" in typed : user.mi_coach) ? ["yes"] : []}
            />
          </FieldsetFrame>
          <button type="submit" className="govuk-button">
            Save changes
          </button>
        </Form>

        <h2 className="govuk-heading-m">Reset password</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="reset-password" />
          <TextInput
            name="password"
            type="password"
            label="New password"
            hint={`${PASSWORD_RULES} Give it to ${user.display_name} in person; they are signed out everywhere.`}
            autoComplete="new-password"
            error={result?.intent === "reset-password" ? result.errors.password : undefined}
            className="govuk-!-width-one-half"
          />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Reset password
          </button>
        </Form>

        <h2 className="govuk-heading-m">{user.active ? "Deactivate" : "Reactivate"}</h2>
        <Form method="post">
          {user.active ? (
            <>
              <p className="govuk-body">
                A deactivated user cannot sign in, and any session they have open ends at once. Their training record is
                kept.
              </p>
              <button type="submit" name="intent" value="deactivate" className="govuk-button govuk-button--warning">
                Deactivate {user.display_name}
              </button>
            </>
          ) : (
            <button type="submit" name="intent" value="reactivate" className="govuk-button govuk-button--secondary">
              Reactivate {user.display_name}
            </button>
          )}
        </Form>
      </div>
    </div>
  );
}
