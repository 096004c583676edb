// Rewording a module's title and summary, for a module of the library file or one added in Engage.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { SummaryList } from "~/components/page";
import { changeModuleDetails, readModuleDetailsForm } from "~/studio/module-details.server";
import { moduleOf } from "~/studio/module-settings.server";
import { ModuleWordsFields } from "~/studio/module-words";
import { readFormData } from "~/utils/form-data.server";
import { fieldError } from "~/utils/field-errors";
import { title } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Change the title and summary of ${data.title}` : "Module");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "setCompetencyRules" });
  const module = await moduleOf(context.db, params.moduleId ?? "");
  if (!module) notFound();
  const library = module.libraryWords;
  return {
    id: module.id,
    title: module.title,
    summary: module.summary,
    version: module.detailsVersion,
    // Offered as a way back only when the words differ from the file's.
    library: library && (library.title !== module.title || library.summary !== module.summary) ? library : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "setCompetencyRules" });
  const module = await moduleOf(context.db, params.moduleId ?? "");
  if (!module) notFound();
  const form = readModuleDetailsForm(await readFormData(request));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const saved = await changeModuleDetails(context.db, user, { moduleId: module.id, ...form.data });
  // Refused after another trainer's save: the typed words stay, with theirs beside them (module-details.server).
  if (!saved.ok)
    return data(
      { errors: { ...fieldError("form", saved.message), ...saved.kept?.errors }, values: saved.kept?.values ?? null },
      { status: 409 },
    );
  return context.sessions.redirectWithNotice(
    request,
    `/studio/modules/${module.id}`,
    saved.changed
      ? [`Saved the title and summary of ${saved.title}.`, saved.meanwhile].filter(Boolean).join(" ")
      : "Nothing changed: the module already had these words.",
  );
}

export default function ModuleDetailsPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values ?? { title: d.title, summary: d.summary };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href={`/studio/modules/${encodeURIComponent(d.id)}`} className="govuk-back-link">
          Back to {d.title}
        </a>
        <ErrorSummary errors={result?.errors} />
        <span className="govuk-caption-l">{d.title}</span>
        <h1 className="govuk-heading-l">Change the title and summary</h1>
        <p className="govuk-body">
          Officers in every prison see the new words at once. Their records keep their attempts.
        </p>
        <Form method="post" noValidate key={result?.values ? "typed" : `v${d.version}`}>
          <input type="hidden" name="version" value={result?.values?.version ?? d.version} />
          <input type="hidden" name="shownTitle" value={result?.values?.shownTitle ?? d.title} />
          <input type="hidden" name="shownSummary" value={result?.values?.shownSummary ?? d.summary} />
          <ModuleWordsFields values={values} errors={result?.errors ?? {}} />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Save the title and summary
          </button>
        </Form>
        {d.library ? (
          <Form method="post">
            <h2 className="govuk-heading-m">The library file's words</h2>
            <SummaryList
              rows={[
                { key: "Title", value: d.library.title },
                { key: "Summary", value: d.library.summary },
              ]}
            />
            <input type="hidden" name="version" value={d.version} />
            <input type="hidden" name="title" value={d.library.title} />
            <input type="hidden" name="summary" value={d.library.summary} />
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Go back to the library file's words
            </button>
          </Form>
        ) : null}
      </div>
    </div>
  );
}
