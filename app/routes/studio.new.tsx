import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { Select, TextInput } from "~/components/fields";
import { STUDIO_ROLES } from "~/studio/components";
import { createFromTemplate, idProblem, moduleOptions } from "~/studio/studio.server";
import { parseForm, text } from "~/utils/forms";
import { title } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export const meta: MetaFunction = () => title("Create a scenario");

const NewScenarioForm = z.object({
  id: text("a scenario id", { max: 60 }).refine(
    (v) => idProblem(v) === null,
    "Scenario id must be lower-case letters, digits and single hyphens, like parole-mistrust",
  ),
  title: text("a title", { max: 120 }),
  module: text("a module", { max: 100 }),
  personaName: text("the prisoner's first name", { max: 60 }),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { roles: [...STUDIO_ROLES] });
  return { modules: await moduleOptions(context.db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { roles: [...STUDIO_ROLES] });
  const form = parseForm(NewScenarioForm, await readFormData(request));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await createFromTemplate(context.db, user, form.data);
  if (!result.ok) return data({ errors: result.errors, values: form.values }, { status: 400 });
  return context.sessions.redirectWithNotice(
    request,
    `/studio/${form.data.id}/edit`,
    `Draft ${form.data.id} created from the template. Edit it, then publish it when it is ready.`,
  );
}

export default function NewScenario() {
  const { modules } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values ?? {};
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href="/studio" className="govuk-back-link">
          Back to the studio
        </a>
        <ErrorSummary errors={result?.errors} />
        <h1 className="govuk-heading-l">Create a scenario</h1>
        <p className="govuk-body">
          The new scenario starts from a small template with each kind of step in it. It stays a draft until you publish
          it.
        </p>
        <Form method="post" noValidate>
          <TextInput
            name="id"
            label="Scenario id"
            hint="Lower-case letters, digits and hyphens, like parole-mistrust. It cannot be changed later."
            spellCheck={false}
            autoComplete="off"
            defaultValue={values.id}
            error={result?.errors.id}
            className="govuk-!-width-two-thirds"
          />
          <TextInput name="title" label="Title officers see" defaultValue={values.title} error={result?.errors.title} />
          <Select
            name="module"
            label="Module"
            options={[
              { value: "", label: "Choose a module" },
              ...modules.map((m) => ({ value: m.id, label: m.title })),
            ]}
            defaultValue={values.module ?? ""}
            error={result?.errors.module}
          />
          <TextInput
            name="personaName"
            label="The prisoner's first name"
            hint="An invented name."
            defaultValue={values.personaName}
            error={result?.errors.personaName}
            className="govuk-!-width-one-half"
          />
          <button type="submit" className="govuk-button">
            Create from the template
          </button>
        </Form>
      </div>
    </div>
  );
}
