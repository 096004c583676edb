// Adding a module without editing modules.yaml: its title and summary. It asks the library's default
// levels for competency (changed on its page) and reaches officers once a scenario is published in it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { addModule, readNewModuleForm } from "~/studio/module-details.server";
import { ModuleWordsFields } from "~/studio/module-words";
import { readFormData } from "~/utils/form-data.server";
import { fieldError } from "~/utils/field-errors";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Add a module");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "setCompetencyRules" });
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "setCompetencyRules" });
  const form = readNewModuleForm(await readFormData(request));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const added = await addModule(context.db, user, form.data);
  if (!added.ok) return data({ errors: fieldError("title", added.message), values: form.values }, { status: 409 });
  return context.sessions.redirectWithNotice(
    request,
    `/studio/modules/${added.moduleId}`,
    `Added ${form.data.title}. Officers see it once a scenario in it is published: choose it as the module in a scenario's details.`,
  );
}

export default function AddModule() {
  const result = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href="/studio/modules" className="govuk-back-link">
          Back to modules
        </a>
        <ErrorSummary errors={result?.errors} />
        <span className="govuk-caption-l">Modules and competency</span>
        <h1 className="govuk-heading-l">Add a module</h1>
        <p className="govuk-body">
          The module comes after the others, for officers in every prison. It asks the usual levels for competency until
          you change them on its page.
        </p>
        <Form method="post" noValidate>
          <ModuleWordsFields values={result?.values ?? {}} errors={result?.errors ?? {}} />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Add the module
          </button>
        </Form>
      </div>
    </div>
  );
}
