import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { listEstablishments, listUnits } from "~db/queries/establishments.server";
import { saveEstablishment } from "~/admin/prisons.server";
import { requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { TextInput } from "~/components/fields";
import { readPrisonForm } from "~/admin/prison-forms.server";
import { title } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";
import { Cell, Row, Table } from "~/components/table";

export const meta: MetaFunction = () => title("Prisons");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "managePrisons" });
  const { db } = context;
  const [establishments, units] = await Promise.all([listEstablishments(db), listUnits(db)]);
  return {
    prisons: establishments.map((e) => ({
      ...e,
      units: units.filter((u) => u.establishment_id === e.id).map((u) => u.name),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUser(request, context, { can: "managePrisons" });
  const form = readPrisonForm(await readFormData(request));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await saveEstablishment(context.db, admin, null, form.data);
  if (!result.ok) return data({ errors: result.errors, values: form.values }, { status: 400 });
  return context.sessions.redirectWithNotice(
    request,
    `/admin/prisons/${result.id}`,
    `${form.data.name} added. Now add its wings and teams.`,
  );
}

export default function Prisons() {
  const { prisons } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={result?.errors} />
      <h1 className="govuk-heading-l">Prisons</h1>
      <Table caption="Prisons and their wings and teams" head={["Prison", "Code", "Wings and teams"]}>
        {prisons.map((p) => (
          <Row key={p.id}>
            <Cell>
              <a className="govuk-link" href={`/admin/prisons/${p.id}`}>
                {p.name}
              </a>
            </Cell>
            <Cell>{p.code}</Cell>
            <Cell>{p.units.join(", ") || "None yet"}</Cell>
          </Row>
        ))}
      </Table>
      <h2 className="govuk-heading-m">Add a prison</h2>
      <Form method="post" noValidate>
        <TextInput
          name="name"
          label="Name"
          defaultValue={result?.values.name}
          error={result?.errors.name}
          className="govuk-!-width-two-thirds"
        />
        <TextInput
          name="code"
          label="Short code"
          hint="2 to 10 letters or numbers, for example HBK"
          defaultValue={result?.values.code}
          error={result?.errors.code}
          className="govuk-input--width-10"
        />
        <button type="submit" className="govuk-button">
          Add prison
        </button>
      </Form>
    </>
  );
}
