// Deleting a node, after saying which options lead to it (they will then lead nowhere, and the
// validator shows each at its field until it is pointed elsewhere).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { ConfirmOrCancel, WarningText } from "~/components/fields";
import { findNode, leadsTo } from "~/domain/scenario/editor/form-model";
import { optionName } from "~/domain/scenario/plain-words";
import { deleteNodeEdits, deleteNodeFieldValues } from "~/studio/editor-forms.server";
import { editDraft, loadEditor, revisionOf } from "~/studio/editor.server";
import { OUT_OF_DATE } from "~/studio/concurrency";
import { fieldError } from "~/utils/field-errors";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Delete node ${data.nodeId}` : "Delete a node");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "authorScenarios" });
  const view = await loadEditor(context.db, params.scenarioId ?? "");
  const node = view?.form && findNode(view.form, params.nodeId ?? "");
  if (!view?.form || !node) notFound();
  return {
    id: view.scenario.id,
    nodeId: node.id,
    revision: view.scenario.revision,
    prisoner: node.prisoner ?? "",
    isStart: view.form.start === node.id,
    incoming: leadsTo(view.form, node.id),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "authorScenarios" });
  const scenarioId = params.scenarioId ?? "";
  const nodeId = params.nodeId ?? "";
  const formData = await readFormData(request);
  const base = revisionOf(formData);
  if (base === null) return data({ errors: fieldError("form", OUT_OF_DATE) }, { status: 400 });
  const outcome = await editDraft(context.db, user, scenarioId, base, (form) => deleteNodeEdits(form, nodeId), "", {
    sent: formData,
    fieldsIn: (form) => deleteNodeFieldValues(form, nodeId),
  });
  if (!outcome) notFound();
  if (outcome.kind === "saved")
    return context.sessions.redirectWithNotice(
      request,
      `/studio/${encodeURIComponent(scenarioId)}/nodes`,
      [
        `Node ${nodeId} deleted.`,
        outcome.errors
          ? `The draft now has ${outcome.errors === 1 ? "1 error" : `${outcome.errors} errors`} to fix.`
          : "The draft has no errors.",
        outcome.meanwhile,
      ]
        .filter(Boolean)
        .join(" "),
    );
  const message = "message" in outcome ? outcome.message : "The node could not be deleted. Reload the page.";
  return data({ errors: fieldError("form", message) }, { status: 409 });
}

export default function DeleteNode() {
  const d = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const back = `/studio/${encodeURIComponent(d.id)}/nodes/${encodeURIComponent(d.nodeId)}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href={back} className="govuk-back-link">
          Back to node {d.nodeId}
        </a>
        <ErrorSummary errors={refused?.errors} />
        <span className="govuk-caption-l">{d.id}</span>
        <h1 className="govuk-heading-l app-wrap">Delete node {d.nodeId}?</h1>
        <p className="govuk-body">He says: “{d.prisoner}”</p>
        {d.isStart ? (
          <WarningText>This is the first node of the conversation. Choose another first node afterwards.</WarningText>
        ) : null}
        {d.incoming.length ? (
          <>
            <p className="govuk-body">These lead to it, and will lead nowhere until you point them elsewhere:</p>
            <ul className="govuk-list govuk-list--bullet">
              {d.incoming.map((i) => (
                <li key={`${i.nodeId}-${i.owner}`}>
                  <a
                    className="govuk-link"
                    href={`/studio/${encodeURIComponent(d.id)}/nodes/${encodeURIComponent(i.nodeId)}`}
                  >
                    {i.owner === "write"
                      ? `the written reply in node ${i.nodeId}`
                      : `${optionName(i.owner, i.say)} in node ${i.nodeId}`}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="govuk-body">Nothing leads to it.</p>
        )}
        <Form method="post">
          <input type="hidden" name="revision" value={d.revision} />
          <ConfirmOrCancel confirm="Delete the node" cancelHref={back} />
        </Form>
      </div>
    </div>
  );
}
