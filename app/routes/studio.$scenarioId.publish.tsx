import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { Textarea } from "~/components/fields";
import { checkScenario, hasErrors } from "~/domain/scenario";
import { SCENARIO_STATE } from "~/domain/vocabulary";
import { Tag } from "~/components/page";
import { ScenarioPageHeader } from "~/studio/components";
import { diffScenarios, type FieldChange } from "~/studio/diff";
import { formatDateTime } from "~/domain/dates.server";
import { getCurriculum } from "~/curriculum/curriculum.server";
import { ImpactSummary } from "~/studio/impact";
import { changeForVersion, impactOf } from "~/studio/impact.server";
import { numberedVersions, placeOf } from "~/studio/lifecycle.server";
import {
  checkStudioYaml,
  exampleRefusal,
  loadStudioScenario,
  publishDraft,
  strandedAttempts,
} from "~/studio/studio.server";
import { FindingLinks } from "~/studio/editor-fields";
import { warningFindings } from "~/studio/editor.server";
import { fieldName } from "~/domain/scenario/editor/form-model";
import { inPlainWords } from "~/domain/scenario/plain-words";
import { fieldError } from "~/utils/field-errors";
import { title } from "~/utils/meta";
import { plural } from "~/domain/words";
import { readFormData } from "~/utils/form-data.server";
import { readPublishForm } from "~/studio/forms.server";
import { Cell, Row, Table } from "~/components/table";

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data ? `Publish ${data.title}` : "Publish");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "authorScenarios" });
  const s = await loadStudioScenario(context.db, params.scenarioId ?? "");
  if (!s) notFound();
  const [check, versions, place, curriculum] = await Promise.all([
    checkStudioYaml(context.db, s.yaml, s.id, { publishing: true }),
    numberedVersions(context.db, s.id),
    placeOf(context.db, s.id),
    getCurriculum(context.db, { withUnoffered: true }),
  ]);
  const base = {
    id: s.id,
    title: check.title ?? s.id,
    revision: s.revision,
    place: place && { ...place, retiredAt: place.retiredAt ? formatDateTime(place.retiredAt) : null },
    moduleTitles: Object.fromEntries(curriculum.map((m) => [m.id, m.title])),
    versions: versions.map((v) => ({
      number: v.number,
      at: formatDateTime(v.created_at),
      source: v.source,
      author: v.author,
      note: v.change_note,
    })),
  };
  if (!s.draft) return { ...base, state: "no-draft" as const };
  const errors = check.diagnostics.filter((d) => d.code !== "example-text");
  if (!check.scenario || hasErrors(errors))
    return { ...base, state: "errors" as const, errors: errors.filter((d) => d.severity === "error").length };
  // Text written for the trainer to replace: refused, with a link to each field that holds it.
  const examples = exampleRefusal(check.diagnostics);
  if (examples)
    return {
      ...base,
      state: "examples" as const,
      message: examples,
      findings: inPlainWords(
        check.diagnostics.filter((d) => d.code === "example-text"),
        check.scenario,
      ).map((d) => ({
        field: fieldName(d.path ?? []),
        nodeId: d.nodeId ?? null,
        severity: d.severity,
        message: d.message,
      })),
    };
  const before = s.published ? checkScenario(s.published.yaml).scenario : null;
  const change = await changeForVersion(context.db, s.id, check.scenario.module);
  const [stranded, impact] = await Promise.all([
    strandedAttempts(context.db, s.id, check.scenario),
    impactOf(context.db, s.id, change),
  ]);
  return {
    ...base,
    state: "ready" as const,
    firstVersion: !s.published,
    // The teaching warnings do not stop publishing, but the trainer should see them before choosing to.
    warnings: warningFindings(s.yaml, check),
    diff: diffScenarios(before, check.scenario),
    stranded,
    impact,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "authorScenarios" });
  const s = await loadStudioScenario(context.db, params.scenarioId ?? "");
  if (!s) notFound();
  const form = readPublishForm(await readFormData(request));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await publishDraft(context.db, user, s.id, form.data.revision, form.data.changeNote);
  if (!result.ok) return data({ errors: fieldError("form", result.message), values: form.values }, { status: 409 });
  return context.sessions.redirectWithNotice(
    request,
    "/studio",
    `Published ${s.id}. Officers get this version for new attempts; unfinished attempts finish on the version they started.`,
  );
}

function Changes({ changes }: { changes: FieldChange[] }) {
  return (
    <ul className="govuk-list govuk-list--bullet">
      {changes.map((c, i) => (
        <li key={i} className="app-wrap">
          {/* A screen reader does not say where text is struck out or added: the words say it. */}
          <strong>{c.field}</strong>: <span className="govuk-visually-hidden">was </span>
          <del>{c.before}</del> <span aria-hidden="true">→</span>
          <span className="govuk-visually-hidden"> now </span> <ins>{c.after}</ins>
        </li>
      ))}
    </ul>
  );
}

function Versions({
  scenarioId,
  versions,
}: {
  scenarioId: string;
  versions: { number: number; at: string; source: string; author: string | null; note: string | null }[];
}) {
  if (!versions.length) return null;
  return (
    <div className="app-table-scroll govuk-!-margin-top-6" role="region" aria-label="Published versions" tabIndex={0}>
      <Table
        caption="Published versions"
        head={["Version", "Published", "By", "Change note", <span className="govuk-visually-hidden">Actions</span>]}
      >
        {versions.map((v, i) => (
          <Row key={v.number}>
            <Cell>v{v.number}</Cell>
            <Cell>{v.at}</Cell>
            <Cell>{v.author ?? (v.source === "library" ? "Built-in library" : "Unknown")}</Cell>
            <Cell className="app-wrap">{v.note ?? ""}</Cell>
            <Cell>
              {i === 0 ? (
                "Officers get this one"
              ) : (
                <a className="govuk-link" href={`/studio/${scenarioId}/rollback/${v.number}`}>
                  Roll back to v{v.number}
                </a>
              )}
            </Cell>
          </Row>
        ))}
      </Table>
    </div>
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

/** Which module the scenario is in (or was retired from), with the way to retire it or return it. */
function ModulePlace({ d }: { d: Loaded }) {
  if (!d.place) return null;
  const { place } = d;
  return (
    <>
      <h2 className="govuk-heading-m govuk-!-margin-top-6">Module</h2>
      {place.retired ? (
        <p className="govuk-body">
          <Tag colour={SCENARIO_STATE.retired.colour}>{SCENARIO_STATE.retired.label}</Tag> Retired from{" "}
          {place.moduleTitle}
          {place.retiredAt ? ` on ${place.retiredAt}` : ""}
          {place.retiredBy ? ` by ${place.retiredBy}` : ""}: officers cannot start it.{" "}
          <a className="govuk-link" href={`/studio/${d.id}/module`}>
            Return it to {place.moduleTitle}
          </a>
        </p>
      ) : (
        <p className="govuk-body">
          In {place.moduleTitle}.{" "}
          <a className="govuk-link" href={`/studio/${d.id}/module`}>
            Retire it from {place.moduleTitle}
          </a>
        </p>
      )}
    </>
  );
}

export default function Publish() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <ScenarioPageHeader scenarioId={d.id} heading={`Publish ${d.title}`} current="publish">
        <ErrorSummary errors={result?.errors} />
      </ScenarioPageHeader>
      {d.state === "no-draft" ? (
        <p className="govuk-body">
          There is no draft: the published version is up to date. Edit the scenario to make a draft.
        </p>
      ) : d.state === "examples" ? (
        <>
          <FindingLinks scenarioId={d.id} findings={d.findings} />
          <p className="govuk-body">{d.message}</p>
        </>
      ) : d.state === "errors" ? (
        <p className="govuk-body">
          The draft has {plural(d.errors, "error")}, so it cannot be published.{" "}
          <a className="govuk-link" href={`/studio/${d.id}/edit`}>
            Fix {d.errors === 1 ? "it" : "them"} in the editor
          </a>
        </p>
      ) : (
        <>
          <h2 className="govuk-heading-m">
            {d.firstVersion ? "What officers will get" : "Changes from the published version"}
          </h2>
          {d.diff.same ? (
            <p className="govuk-body">Nothing officers could notice has changed (only layout or comments).</p>
          ) : null}
          {d.diff.fields.length ? <Changes changes={d.diff.fields} /> : null}
          {d.diff.nodesAdded.length ? (
            <p className="govuk-body app-wrap">
              <strong>Nodes added ({d.diff.nodesAdded.length}):</strong> {d.diff.nodesAdded.join(", ")}
            </p>
          ) : null}
          {d.diff.nodesRemoved.length ? (
            <p className="govuk-body app-wrap">
              <strong>Nodes removed ({d.diff.nodesRemoved.length}):</strong> {d.diff.nodesRemoved.join(", ")}
            </p>
          ) : null}
          {d.diff.nodesChanged.map((n) => (
            <div key={n.id}>
              <h3 className="govuk-heading-s app-wrap">Node {n.id} changed</h3>
              <Changes changes={n.changes} />
              {n.choicesAdded.length ? (
                <p className="govuk-body app-wrap">Options added: {n.choicesAdded.join(", ")}</p>
              ) : null}
              {n.choicesRemoved.length ? (
                <p className="govuk-body app-wrap">Options removed: {n.choicesRemoved.join(", ")}</p>
              ) : null}
              {n.choicesChanged.map((c) => (
                <div key={c.id}>
                  <p className="govuk-body app-wrap">{c.name}:</p>
                  <Changes changes={c.changes} />
                </div>
              ))}
            </div>
          ))}
          <FindingLinks scenarioId={d.id} findings={d.warnings} />
          {d.stranded.length ? (
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <div className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                Officers’ unfinished attempts are at nodes this version removes. They will finish on the version they
                started:
                <ul className="govuk-list govuk-list--bullet">
                  {d.stranded.map((s) => (
                    <li key={s.nodeId}>
                      {s.nodeId}: {s.attempts === 1 ? "1 unfinished attempt" : `${s.attempts} unfinished attempts`}
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          ) : null}
          <h2 className="govuk-heading-m">What publishing does to officers' statuses</h2>
          <ImpactSummary impact={d.impact} moduleTitles={d.moduleTitles} />
          <Form method="post" noValidate>
            <input type="hidden" name="revision" value={d.revision} />
            <Textarea
              name="changeNote"
              label="Change note"
              labelClassName="govuk-label--s"
              hint="What changed and why, for other trainers. Up to 500 characters."
              rows={3}
              defaultValue={result?.values.changeNote}
              error={result?.errors.changeNote}
            />
            <button type="submit" className="govuk-button">
              Publish this version
            </button>
          </Form>
        </>
      )}
      <ModulePlace d={d} />
      <Versions scenarioId={d.id} versions={d.versions} />
      {d.versions.length === 0 ? (
        <>
          <h2 className="govuk-heading-m">Delete this draft</h2>
          <p className="govuk-body">
            It has never been published, so no officer has seen it. If it was made by mistake or to try the studio,{" "}
            <a className="govuk-link" href={`/studio/${encodeURIComponent(d.id)}/delete`}>
              delete this draft scenario
            </a>
            .
          </p>
        </>
      ) : null}
    </>
  );
}
