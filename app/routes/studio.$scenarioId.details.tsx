// The scenario's details as a form (title, summary, module, the prisoner, the first node,
// variables). Like every form of the editor, a save is a new revision of the draft.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { notFound, requireUser } from "~/auth/guard.server";
import { findingsFor } from "~/domain/scenario/editor/field-diagnostics";
import { formForNode } from "~/domain/scenario/editor/form-model";
import { ScenarioPageHeader } from "~/studio/components";
import { ScenarioDetailsFields } from "~/studio/details-editor";
import { FindingsSummary, RestoredNotice, UnsavedTexts, useKeptForm } from "~/studio/editor-fields";
import { detailsEdits, detailsFieldValues } from "~/studio/editor-forms.server";
import { editDraft, loadEditor, revisionOf } from "~/studio/editor.server";
import { OUT_OF_DATE } from "~/studio/concurrency";
import { fieldError } from "~/utils/field-errors";
import { moduleOptions } from "~/studio/studio.server";
import { refused, respondToEdit } from "~/studio/edit-response.server";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data ? `About ${data.title}` : "Scenario details");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "authorScenarios" });
  const view = await loadEditor(context.db, params.scenarioId ?? "");
  if (!view?.form) notFound();
  return {
    id: view.scenario.id,
    title: view.form.title ?? view.scenario.id,
    revision: view.scenario.revision,
    /** whose typing this tab keeps (useKeptForm) */
    person: user.id,
    form: formForNode(view.form, ""),
    modules: await moduleOptions(context.db),
    findings: findingsFor(view.placed, null),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "authorScenarios" });
  const scenarioId = params.scenarioId ?? "";
  const formData = await readFormData(request);
  const base = revisionOf(formData);
  if (base === null) return refused(fieldError("form", OUT_OF_DATE), {}, 400);
  const moduleIds = (await moduleOptions(context.db)).map((m) => m.id);
  const outcome = await editDraft(
    context.db,
    user,
    scenarioId,
    base,
    (form) => detailsEdits(form, formData, moduleIds),
    "",
    { sent: formData, fieldsIn: detailsFieldValues },
  );
  if (!outcome) notFound();
  const here = `/studio/${encodeURIComponent(scenarioId)}/details`;
  return respondToEdit(context, request, outcome, { saved: () => here, unchanged: here });
}

export default function Details() {
  const d = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const state = { findings: d.findings, refused: refused?.errors, values: refused?.values };
  const form = useRef<HTMLFormElement>(null);
  const kept = useKeptForm(form, d.person, `${d.id}/details`, d.revision);
  return (
    <>
      <ScenarioPageHeader scenarioId={d.id} heading={d.title} current="nodes">
        <FindingsSummary state={state} focus={Boolean(refused)} />
        <UnsavedTexts texts={refused && "unsaved" in refused ? refused.unsaved : undefined} />
      </ScenarioPageHeader>
      <p className="govuk-body">
        <a className="govuk-link" href={`/studio/${encodeURIComponent(d.id)}/nodes`}>
          All nodes
        </a>
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-l">About this scenario</h2>
          <RestoredNotice restored={kept.restored} />
          <Form method="post" noValidate key={d.revision} ref={form} onChange={kept.keep}>
            <input type="hidden" name="revision" value={d.revision} />
            <ScenarioDetailsFields form={d.form} modules={d.modules} state={state} />
          </Form>
        </div>
      </div>
    </>
  );
}
