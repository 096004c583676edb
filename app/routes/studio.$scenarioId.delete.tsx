// Deleting a scenario that was never published (one made by mistake, or to try the studio), after
// asking: no officer can have seen it, so nothing of theirs goes with it. A published one is retired instead.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { ConfirmOrCancel, WarningText } from "~/components/fields";
import { checkScenario } from "~/domain/scenario";
import { formatDateTime } from "~/domain/dates.server";
import { readDeleteDraftForm } from "~/studio/forms.server";
import { deleteUnpublishedDraft } from "~/studio/lifecycle.server";
import { loadStudioScenario } from "~/studio/studio.server";
import { fieldError } from "~/utils/field-errors";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Delete the draft scenario ${data.title}` : "Delete a draft scenario");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "authorScenarios" });
  const s = await loadStudioScenario(context.db, params.scenarioId ?? "");
  if (!s) notFound();
  return {
    id: s.id,
    title: checkScenario(s.yaml).title ?? s.id,
    revision: s.revision,
    published: Boolean(s.published),
    changed: s.draft ? { at: formatDateTime(s.draft.updated_at), by: s.draft.updated_by_name } : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "authorScenarios" });
  const scenarioId = params.scenarioId ?? "";
  const form = readDeleteDraftForm(await readFormData(request));
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const result = await deleteUnpublishedDraft(context.db, user, scenarioId, form.data.revision);
  switch (result.kind) {
    case "deleted":
      return context.sessions.redirectWithNotice(
        request,
        "/studio",
        `Deleted the draft scenario ${result.title} (${scenarioId}) and its saved versions.`,
      );
    // A second press, or another trainer first: what was asked for is done.
    case "gone":
      return context.sessions.redirectWithNotice(request, "/studio", result.message);
    case "not-found":
      return notFound();
    case "published":
      return data(
        {
          errors: fieldError(
            "form",
            "This scenario has been published, so it was not deleted. Retire it from its module if officers should no longer get it.",
          ),
        },
        { status: 409 },
      );
    case "changed":
      return data({ errors: fieldError("form", result.message) }, { status: 409 });
  }
}

export default function DeleteDraftScenario() {
  const d = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const back = `/studio/${encodeURIComponent(d.id)}/publish`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href={back} className="govuk-back-link">
          Back to {d.title}
        </a>
        <ErrorSummary errors={refused?.errors} />
        <span className="govuk-caption-l app-wrap">{d.id}</span>
        {d.published ? (
          <>
            <h1 className="govuk-heading-l app-wrap">{d.title} cannot be deleted</h1>
            <p className="govuk-body">
              It has been published, so officers may have practised it and their records keep it. To stop officers
              getting it,{" "}
              <a className="govuk-link" href={`/studio/${encodeURIComponent(d.id)}/module`}>
                retire it from its module
              </a>
              .
            </p>
          </>
        ) : (
          <>
            <h1 className="govuk-heading-l app-wrap">Are you sure you want to delete the draft scenario {d.title}?</h1>
            <p className="govuk-body">
              It has never been published, so no officer has seen it. Its draft and every saved version of the draft
              will be deleted
              {d.changed ? ` (last saved ${d.changed.at}${d.changed.by ? ` by ${d.changed.by}` : ""})` : ""}.
            </p>
            <WarningText>This cannot be undone.</WarningText>
            <Form method="post">
              <input type="hidden" name="revision" value={d.revision} />
              <ConfirmOrCancel confirm="Delete the draft scenario" cancelHref={back} />
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
