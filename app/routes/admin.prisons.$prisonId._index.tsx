import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { listUnits, unitStaffCounts } from "~db/queries/establishments.server";
import { addUnit, loadPrison, saveEstablishment, saveListedNames } from "~/admin/prisons.server";
import { requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { Textarea, TextInput } from "~/components/fields";
import { UnitFields } from "~/admin/unit-fields";
import { fieldError } from "~/utils/field-errors";
import { readEditPrisonForm, readListedNamesForm, readUnitForm } from "~/admin/prison-forms.server";
import { WideTable } from "~/components/wide-table";
import { title } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";
import { Cell, Row, RowHeader, Table } from "~/components/table";

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data?.prison.name ?? "Prison");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "managePrisons" });
  const prison = await loadPrison(context.db, params);
  const { db } = context;
  const [units, counts] = await Promise.all([listUnits(db, prison.id), unitStaffCounts(db, prison.id)]);
  return { prison, units: units.map((u) => ({ ...u, staff: Number(counts.find((c) => c.unit_id === u.id)?.n ?? 0) })) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requireUser(request, context, { can: "managePrisons" });
  const prison = await loadPrison(context.db, params);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "prison") {
    const form = readEditPrisonForm(formData);
    if (!form.ok) return data({ intent, errors: form.errors, values: form.values }, { status: 400 });
    const { version, ...values } = form.data;
    const result = await saveEstablishment(context.db, admin, { id: prison.id, version }, values);
    if (!result.ok && result.stale) return staleForm(intent, result.message);
    if (!result.ok) return data({ intent, errors: result.errors, values: form.values }, { status: 400 });
    return context.sessions.redirectWithNotice(request, `/admin/prisons/${prison.id}`, "Prison details saved.");
  }
  if (intent === "add-unit") {
    const form = readUnitForm(formData);
    if (!form.ok) return data({ intent, errors: form.errors, values: form.values }, { status: 400 });
    const result = await addUnit(context.db, admin, prison.id, form.data);
    if (!result.ok) return data({ intent, errors: result.errors, values: form.values }, { status: 400 });
    return context.sessions.redirectWithNotice(request, `/admin/prisons/${prison.id}`, `${form.data.name} added.`);
  }
  if (intent === "names") {
    const form = readListedNamesForm(formData);
    if (!form.ok) return data({ intent, errors: form.errors, values: form.values }, { status: 400 });
    const result = await saveListedNames(
      context.db,
      admin,
      { id: prison.id, version: form.data.version },
      form.data.names,
    );
    if (!result.ok && result.stale) return staleForm(intent, result.message);
    if (!result.ok) return data({ intent, errors: result.errors, values: form.values }, { status: 400 });
    return context.sessions.redirectWithNotice(
      request,
      `/admin/prisons/${prison.id}`,
      "The list of names observations refuse is saved.",
    );
  }
  const values: Record<string, string> = {};
  return data(
    {
      intent: "unknown",
      errors: fieldError("form", "That action is not recognised. Use the buttons on the page."),
      values,
    },
    { status: 400 },
  );
}

// A stale form is shown again with the prison as it is now (the loader's), not the old values.
const staleForm = (intent: "prison" | "names", message: string) =>
  data({ intent, errors: fieldError("form", message), values: null }, { status: 409 });

const ADD_UNIT = "new-unit";

export default function Prison() {
  const { prison, units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // What was typed, after a form the action refused as invalid; null shows the prison as it is now.
  const typed = (intent: string) => (result?.intent === intent ? result.values : null);
  const prisonTyped = typed("prison");
  const namesTyped = typed("names");
  const prisonValues = prisonTyped ?? { name: prison.name, code: prison.code };
  const unitValues = typed("add-unit") ?? {};
  const names = namesTyped ? (namesTyped.names ?? "") : prison.listed_name_patterns;
  // A new key once the prison changes: after a refused stale save the fields show it as it is now.
  const formKey = (seen: Record<string, string> | null) => (seen ? "typed" : `v${prison.row_version}`);
  return (
    <>
      <a href="/admin/prisons" className="govuk-back-link">
        Back to prisons
      </a>
      {/* Both forms have a "name" field: the add form's ids carry a prefix, so each id is on the page once. */}
      <ErrorSummary errors={result?.errors} idPrefix={result?.intent === "add-unit" ? ADD_UNIT : undefined} />
      <span className="govuk-caption-l">{prison.code}</span>
      <h1 className="govuk-heading-l">{prison.name}</h1>
      <WideTable label="Wings and teams">
        <Table
          caption="Wings and teams"
          head={[
            "Name",
            "Kind",
            { text: "Active staff", numeric: true },
            <span className="govuk-visually-hidden">Actions</span>,
          ]}
        >
          {units.length === 0 ? (
            <Row>
              <Cell colSpan={4}>No wings or teams yet.</Cell>
            </Row>
          ) : null}
          {units.map((u) => (
            <Row key={u.id}>
              <RowHeader>{u.name}</RowHeader>
              <Cell>{u.kind === "wing" ? "Wing" : "Team"}</Cell>
              <Cell numeric>{u.staff}</Cell>
              <Cell>
                <a className="govuk-link" href={`/admin/prisons/${prison.id}/units/${u.id}`}>
                  Rename or remove<span className="govuk-visually-hidden"> {u.name}</span>
                </a>
              </Cell>
            </Row>
          ))}
        </Table>
      </WideTable>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">Add a wing or team</h2>
          {/* A new key after each save: the form starts empty again rather than keeping what was added. */}
          <Form method="post" noValidate key={units.map((u) => u.id).join(",")}>
            <input type="hidden" name="intent" value="add-unit" />
            <UnitFields
              nameLabel="Name of the new wing or team"
              hint="For example D wing or Keywork team"
              values={unitValues}
              errors={result?.intent === "add-unit" ? result.errors : undefined}
              idPrefix={ADD_UNIT}
            />
            <button type="submit" className="govuk-button">
              Add wing or team
            </button>
          </Form>
        </div>
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">Prison details</h2>
          <Form method="post" noValidate key={formKey(prisonTyped)}>
            <input type="hidden" name="intent" value="prison" />
            <input type="hidden" name="version" value={prisonTyped?.version ?? prison.row_version} />
            <TextInput
              name="name"
              label="Name"
              defaultValue={prisonValues.name}
              error={result?.intent === "prison" ? result.errors.name : undefined}
            />
            <TextInput
              name="code"
              label="Short code"
              defaultValue={prisonValues.code}
              error={result?.intent === "prison" ? result.errors.code : undefined}
              className="govuk-input--width-10"
            />
            <button type="submit" className="govuk-button govuk-button--secondary">
              Save prison details
            </button>
          </Form>
        </div>
      </div>
      <h2 className="govuk-heading-m">Names observations refuse</h2>
      <Form method="post" noValidate key={formKey(namesTyped)}>
        <input type="hidden" name="intent" value="names" />
        <input type="hidden" name="version" value={namesTyped?.version ?? prison.row_version} />
        <Textarea
          name="names"
          label="Names and words"
          labelClassName="govuk-label--s"
          hint="One a line, ignoring case. * stands for any letters: “Mr *” refuses Mr and the word after it. Coaches’ and officers’ notes on observations are refused when they hold one of these; anything that looks like a prison number (such as A1234BC) is always refused. Only administrators see this list."
          rows={6}
          defaultValue={names}
          error={result?.intent === "names" ? result.errors.names : undefined}
        />
        <button type="submit" className="govuk-button govuk-button--secondary">
          Save the list
        </button>
      </Form>
    </>
  );
}
