// Removing a module added by mistake: only one added in Engage that no scenario has joined or names,
// so no officer ever saw it. The page says why when it cannot be removed.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { readRemoveForm, removeModule, whyNotRemovable } from "~/studio/module-details.server";
import { moduleOf } from "~/studio/module-settings.server";
import { readFormData } from "~/utils/form-data.server";
import { fieldError } from "~/utils/field-errors";
import { ConfirmOrCancel } from "~/components/fields";
import { title } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data ? `Remove ${data.title}` : "Module");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "setCompetencyRules" });
  const module = await moduleOf(context.db, params.moduleId ?? "");
  if (!module) notFound();
  return {
    id: module.id,
    title: module.title,
    version: module.detailsVersion,
    refusal: await whyNotRemovable(context.db, module),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "setCompetencyRules" });
  const module = await moduleOf(context.db, params.moduleId ?? "");
  if (!module) notFound();
  const form = readRemoveForm(await readFormData(request));
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const removed = await removeModule(context.db, user, { moduleId: module.id, version: form.data.version });
  if (!removed.ok) return data({ errors: fieldError("form", removed.message) }, { status: 409 });
  return context.sessions.redirectWithNotice(request, "/studio/modules", `Removed ${module.title}.`);
}

export default function RemoveModule() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href={`/studio/modules/${encodeURIComponent(d.id)}`} className="govuk-back-link">
          Back to {d.title}
        </a>
        <ErrorSummary errors={result?.errors} />
        <span className="govuk-caption-l">{d.title}</span>
        <h1 className="govuk-heading-l">Remove this module</h1>
        {d.refusal ? (
          <div className="govuk-inset-text">{d.refusal}</div>
        ) : (
          <>
            <p className="govuk-body">
              No scenario has been in it, so no officer has seen it. Its title is not used for a new module's address
              again.
            </p>
            <Form method="post">
              <input type="hidden" name="version" value={d.version} />
              <ConfirmOrCancel confirm="Remove the module" cancelHref={`/studio/modules/${encodeURIComponent(d.id)}`} />
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
