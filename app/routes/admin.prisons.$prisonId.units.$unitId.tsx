// One wing or team: rename it, or remove it when no one is on it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { unitMembers } from "~db/queries/establishments.server";
import { readRenameUnitForm } from "~/admin/prison-forms.server";
import { loadPrison, loadUnit, removeUnit, renameUnit } from "~/admin/prisons.server";
import { requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { UnitFields } from "~/admin/unit-fields";
import { readFormData } from "~/utils/form-data.server";
import { fieldError } from "~/utils/field-errors";
import { title } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `${data.unit.name}: rename or remove` : "Wing or team");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "managePrisons" });
  const prison = await loadPrison(context.db, params);
  const unit = await loadUnit(context.db, prison.id, params);
  return { prison, unit, members: await unitMembers(context.db, unit.id) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireUser(request, context, { can: "managePrisons" });
  const prison = await loadPrison(context.db, params);
  const unit = await loadUnit(context.db, prison.id, params);
  const formData = await readFormData(request);
  const back = `/admin/prisons/${prison.id}`;
  // Typed so the page reads `values` the same way whichever way the action answered.
  const noValues: Record<string, string> = {};
  if (formData.get("intent") === "rename") {
    const form = readRenameUnitForm(formData);
    if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
    const result = await renameUnit(context.db, admin, unit, form.data);
    // A stale form is shown again with the wing or team as it is now (the loader's), not the old values.
    if (!result.ok && result.stale)
      return data({ errors: fieldError("form", result.message), values: noValues }, { status: 409 });
    if (!result.ok) return data({ errors: result.errors, values: form.values }, { status: 400 });
    const notice =
      form.data.name === unit.name ? `${unit.name} saved.` : `${unit.name} is now called ${form.data.name}.`;
    return context.sessions.redirectWithNotice(request, back, notice);
  }
  if (formData.get("intent") === "remove") {
    const result = await removeUnit(context.db, admin, unit);
    if (result.ok) return context.sessions.redirectWithNotice(request, back, `${unit.name} removed.`);
    return data({ errors: fieldError("remove", inUseMessage(unit.name, result)), values: noValues }, { status: 409 });
  }
  return data(
    {
      errors: fieldError("form", "That action is not recognised. Use the buttons on the page."),
      values: noValues,
    },
    { status: 400 },
  );
}

function inUseMessage(name: string, m: { active: number; deactivated: number }) {
  const parts = [m.active ? `${m.active} active` : "", m.deactivated ? `${m.deactivated} deactivated` : ""].filter(
    Boolean,
  );
  return parts.length
    ? `${name} cannot be removed while staff are on it (${parts.join(" and ")}). Move them to another wing or team first.`
    : `${name} cannot be removed while it is still in use.`;
}

export default function Unit() {
  const { prison, unit, members } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // What was typed, after a rename the action refused as invalid; otherwise the wing or team as it is now.
  const typed = result?.values.name !== undefined ? result.values : null;
  const values = typed ?? { name: unit.name, kind: unit.kind };
  const staffed = members.active + members.deactivated > 0;
  return (
    <>
      <a href={`/admin/prisons/${prison.id}`} className="govuk-back-link">
        Back to {prison.name}
      </a>
      <ErrorSummary errors={result?.errors} />
      <span className="govuk-caption-l">{prison.name}</span>
      <h1 className="govuk-heading-l">{unit.name}</h1>

      <h2 className="govuk-heading-m">Rename</h2>
      {/* A new key once the wing or team changes: after a rename, or a refused stale one, it shows the name as it now is. */}
      <Form method="post" noValidate key={typed ? "typed" : `v${unit.row_version}`}>
        <input type="hidden" name="intent" value="rename" />
        <input type="hidden" name="version" value={typed?.version ?? unit.row_version} />
        <UnitFields nameLabel="New name" values={values} errors={result?.errors} />
        <button type="submit" className="govuk-button">
          Save name
        </button>
      </Form>

      <h2 className="govuk-heading-m" id="remove">
        Remove {unit.name}
      </h2>
      {staffed ? (
        <div className="govuk-inset-text" id="field-remove">
          <p className="govuk-body">{inUseMessage(unit.name, members)}</p>
          <p className="govuk-body">
            <a className="govuk-link" href={`/admin/users?prison=${prison.id}&unit=${unit.id}`}>
              See the staff on {unit.name}
            </a>{" "}
            and change each person’s wing or team from their page.
          </p>
        </div>
      ) : (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="remove" />
          <p className="govuk-body" id="field-remove">
            No one is on {unit.name}. Removing it cannot be undone; officers’ training records are kept.
          </p>
          <button type="submit" className="govuk-button govuk-button--warning">
            Remove {unit.name}
          </button>
        </Form>
      )}
    </>
  );
}
