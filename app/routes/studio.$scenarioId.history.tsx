// The draft's history: every save as a revision, with who saved it, when and how; any earlier
// revision can be brought back (as a new revision, so nothing is lost, and the lock still applies).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { formatDateTime } from "~/domain/dates.server";
import { ScenarioPageHeader } from "~/studio/components";
import { parseRestore } from "~/studio/editor-forms.server";
import { howInWords } from "~/studio/revision-words.server";
import { fieldError } from "~/utils/field-errors";
import { checkStudioYaml, draftHistory, loadStudioScenario, restoreRevision } from "~/studio/studio.server";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";
import { Cell, Row, Table } from "~/components/table";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `History of the draft of ${data.title}` : "Draft history");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "authorScenarios" });
  const s = await loadStudioScenario(context.db, params.scenarioId ?? "");
  if (!s) notFound();
  const revisions = s.draft ? await draftHistory(context.db, s.id) : [];
  const check = await checkStudioYaml(context.db, s.yaml, s.id);
  return {
    id: s.id,
    title: check.title ?? s.id,
    revision: s.revision,
    published: Boolean(s.published),
    revisions: revisions.map((r) => ({
      revision: r.revision,
      at: formatDateTime(r.saved_at),
      by: r.saved_by_name ?? "Unknown",
      how: howInWords(r.how),
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "authorScenarios" });
  const scenarioId = params.scenarioId ?? "";
  const form = parseRestore(await readFormData(request));
  if (!form.ok) return data({ errors: fieldError("form", "This page is out of date. Reload it.") }, { status: 400 });
  const restored = await restoreRevision(context.db, user, scenarioId, form.data.restore, form.data.revision);
  if (!restored.ok) return data({ errors: fieldError("form", restored.message) }, { status: 409 });
  return context.sessions.redirectWithNotice(
    request,
    `/studio/${encodeURIComponent(scenarioId)}/history`,
    `Revision ${form.data.restore} restored as revision ${restored.revision}.`,
  );
}

export default function History() {
  const d = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <>
      <ScenarioPageHeader scenarioId={d.id} heading="History of the draft" current="history">
        <ErrorSummary errors={refused?.errors} />
      </ScenarioPageHeader>
      {d.revisions.length === 0 ? (
        <p className="govuk-body">
          There is no draft:{" "}
          {d.published
            ? "officers get the published version, and the first save starts a draft"
            : "nothing has been saved yet"}
          . Published versions are listed on the Publish page.
        </p>
      ) : (
        <>
          <p className="govuk-body">
            Each save of the draft is kept. Restoring an earlier revision saves it again as the newest, so nothing is
            lost. Publishing ends the draft and its history; the published version keeps its text.
          </p>
          <div className="app-table-scroll" tabIndex={0} role="region" aria-label="Revisions, scrolls sideways">
            <Table
              caption="Revisions, newest first"
              head={["Revision", "Saved", "By", "How", <span className="govuk-visually-hidden">Action</span>]}
            >
              {d.revisions.map((r) => (
                <Row key={r.revision}>
                  <Cell>{r.revision}</Cell>
                  <Cell>{r.at}</Cell>
                  <Cell>{r.by}</Cell>
                  <Cell>{r.how}</Cell>
                  <Cell>
                    {r.revision === d.revision ? (
                      <strong className="govuk-tag govuk-tag--blue">Current</strong>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="revision" value={d.revision} />
                        <button
                          type="submit"
                          name="restore"
                          value={r.revision}
                          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                        >
                          Restore<span className="govuk-visually-hidden"> revision {r.revision}</span>
                        </button>
                      </Form>
                    )}
                  </Cell>
                </Row>
              ))}
            </Table>
          </div>
        </>
      )}
    </>
  );
}
