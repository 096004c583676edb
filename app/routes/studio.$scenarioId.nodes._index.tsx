// A draft as forms: what the scenario is about, its nodes in order with their problems, and a
// form to add a node. Every finding of the validator links to the field it concerns.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { Radios, Textarea, TextInput } from "~/components/fields";
import { SummaryList, Tag, Tags } from "~/components/page";
import { OUTCOME_INFO, TALK_TYPE_INFO, TALK_TYPES, type Outcome } from "~/domain/mi-codes";
import { ExampleWordsTag, ScenarioPageHeader } from "~/studio/components";
import { exampleTextIn } from "~/domain/scenario/example-text";
import { nodeListEdits, nodeListFieldValues } from "~/studio/editor-forms.server";
import { editDraft, loadEditor, revisionOf } from "~/studio/editor.server";
import { OUT_OF_DATE } from "~/studio/concurrency";
import { moduleOptions } from "~/studio/studio.server";
import { fieldError } from "~/utils/field-errors";
import { FindingLinks } from "~/studio/editor-fields";
import { refused, respondToEdit } from "~/studio/edit-response.server";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";
import { Cell, Row, RowHeader, Table } from "~/components/table";
import { WideTable } from "~/components/wide-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data ? `Edit ${data.title}` : "Edit scenario");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "authorScenarios" });
  const [view, modules] = await Promise.all([
    loadEditor(context.db, params.scenarioId ?? ""),
    moduleOptions(context.db),
  ]);
  if (!view) notFound();
  const { form, scenario, placed } = view;
  const count = (nodeId: string | null, severity: "error" | "warning") =>
    placed.filter((p) => p.nodeId === nodeId && p.diagnostic.severity === severity).length;
  // The wizard's example conversation is no error while the draft is written, but publishing refuses it.
  const examples = view.check.scenario ? exampleTextIn(view.check.scenario) : [];
  const examplesIn = (nodeId: string) => examples.filter((e) => e.nodeId === nodeId).length;
  return {
    id: scenario.id,
    title: form?.title ?? scenario.id,
    revision: scenario.revision,
    formProblems: view.formProblems,
    findings: placed.map((p) => ({
      field: p.field,
      nodeId: p.nodeId,
      severity: p.diagnostic.severity,
      message: p.diagnostic.message,
    })),
    about: form && {
      title: form.title,
      module: modules.find((m) => m.id === form.module)?.title ?? form.module,
      person: form.persona.name,
      start: form.start,
      variables: form.variables.map((v) => `${v.name} starts at ${v.value ?? "?"}`),
      errors: count(null, "error"),
      warnings: count(null, "warning"),
    },
    nodes:
      form?.nodes.map((n) => ({
        id: n.id,
        line: n.prisoner ?? "",
        next:
          n.kinds.length === 0
            ? "Not chosen yet"
            : n.kinds[0] === "ending"
              ? `Ending: ${OUTCOME_INFO[n.ending?.outcome as Outcome]?.label ?? "no outcome yet"}`
              : n.kinds[0] === "write"
                ? "Officer writes a reply"
                : `${n.choices.length} option${n.choices.length === 1 ? "" : "s"}`,
        errors: count(n.id, "error"),
        warnings: count(n.id, "warning"),
        examples: examplesIn(n.id),
      })) ?? [],
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "authorScenarios" });
  const scenarioId = params.scenarioId ?? "";
  const formData = await readFormData(request);
  const base = revisionOf(formData);
  if (base === null) return refused(fieldError("form", OUT_OF_DATE), {}, 400);
  const outcome = await editDraft(context.db, user, scenarioId, base, (form) => nodeListEdits(form, formData), "", {
    sent: formData,
    fieldsIn: (form) => nodeListFieldValues(form, formData),
  });
  if (!outcome) notFound();
  const here = `/studio/${encodeURIComponent(scenarioId)}/nodes`;
  return respondToEdit(context, request, outcome, {
    saved: (made) => (made ? `${here}/${encodeURIComponent(made)}` : here),
    unchanged: here,
  });
}

export default function Nodes() {
  const d = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const base = `/studio/${encodeURIComponent(d.id)}`;
  const values = refused?.values;
  return (
    <>
      <ScenarioPageHeader scenarioId={d.id} heading={d.title} current="nodes">
        <ErrorSummary errors={refused?.errors} />
        {!refused ? <FindingLinks scenarioId={d.id} findings={d.findings} /> : null}
      </ScenarioPageHeader>
      {d.formProblems.length ? (
        <div className="govuk-inset-text">
          <p className="govuk-body">
            This draft cannot be shown as forms until its YAML is fixed: line {d.formProblems[0].line},{" "}
            {d.formProblems[0].message}
          </p>
          <p className="govuk-body">
            <a className="govuk-link" href={`${base}/edit?line=${d.formProblems[0].line}#field-yaml`}>
              Fix it in the YAML view
            </a>
          </p>
        </div>
      ) : null}
      {d.about ? (
        <>
          <h2 className="govuk-heading-m">About this scenario</h2>
          <SummaryList
            rows={[
              { key: "Title", value: d.about.title ?? "Not given" },
              { key: "Module", value: d.about.module ?? "Not given" },
              { key: "The prisoner", value: d.about.person ?? "Not given" },
              { key: "First node", value: d.about.start ?? "Not chosen" },
              { key: "Variables", value: d.about.variables.length ? d.about.variables.join(", ") : "None" },
              {
                key: "Problems",
                value: <Problems errors={d.about.errors} warnings={d.about.warnings} />,
                action: (
                  <a className="govuk-link" href={`${base}/details`}>
                    Change<span className="govuk-visually-hidden"> what the scenario is about</span>
                  </a>
                ),
              },
            ]}
          />
          <h2 className="govuk-heading-m">Nodes</h2>
          <p className="govuk-body">
            In the order the file keeps them; officers meet them in the order the options lead.
          </p>
          <WideTable label="The scenario's nodes">
            <Table
              caption="The scenario's nodes"
              captionSize="hidden"
              className="app-nodes-table"
              head={["Node", "He says", "Then", "Problems", "Order"]}
            >
              {d.nodes.map((n, i) => (
                <Row key={n.id}>
                  <RowHeader className="app-wrap">
                    <a className="govuk-link" href={`${base}/nodes/${encodeURIComponent(n.id)}`}>
                      {n.id}
                    </a>
                  </RowHeader>
                  <Cell className="app-wrap">{n.line.length > 70 ? `${n.line.slice(0, 69)}…` : n.line}</Cell>
                  <Cell>{n.next}</Cell>
                  <Cell>
                    <Problems errors={n.errors} warnings={n.warnings} examples={n.examples} />
                  </Cell>
                  <Cell>
                    <Form method="post" className="app-move">
                      <input type="hidden" name="revision" value={d.revision} />
                      <input type="hidden" name="node" value={n.id} />
                      {i > 0 ? (
                        <button
                          type="submit"
                          name="intent"
                          value={`move-node:${i - 1}`}
                          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1"
                        >
                          Up<span className="govuk-visually-hidden">: move {n.id} up</span>
                        </button>
                      ) : null}{" "}
                      {i < d.nodes.length - 1 ? (
                        <button
                          type="submit"
                          name="intent"
                          value={`move-node:${i + 1}`}
                          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1"
                        >
                          Down<span className="govuk-visually-hidden">: move {n.id} down</span>
                        </button>
                      ) : null}
                    </Form>
                  </Cell>
                </Row>
              ))}
            </Table>
          </WideTable>
          <Form method="post" noValidate>
            <input type="hidden" name="revision" value={d.revision} />
            <fieldset className="govuk-fieldset">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
                <h2 className="govuk-fieldset__heading">Add a node</h2>
              </legend>
              <Textarea
                name="new.prisoner"
                label="What he says"
                rows={2}
                defaultValue={values?.["new.prisoner"]}
                error={refused?.errors["new.prisoner"]}
              />
              <Radios
                name="new.talk"
                legend="What kind of talk is this?"
                small
                defaultValue={values?.["new.talk"]}
                error={refused?.errors["new.talk"]}
                options={TALK_TYPES.map((t) => ({
                  value: t,
                  label: TALK_TYPE_INFO[t].label,
                  hint: TALK_TYPE_INFO[t].description,
                }))}
              />
              <TextInput
                name="new.id"
                label="Node id (optional)"
                hint="Lower-case letters, digits and hyphens, like opens-up. Leave it blank for one to be made up."
                spellCheck={false}
                autoComplete="off"
                className="govuk-!-width-one-half"
                defaultValue={values?.["new.id"]}
                error={refused?.errors["new.id"]}
              />
              <button type="submit" name="intent" value="add-node" className="govuk-button">
                Add the node
              </button>
            </fieldset>
          </Form>
        </>
      ) : null}
    </>
  );
}

function Problems({ errors, warnings, examples = 0 }: { errors: number; warnings: number; examples?: number }) {
  if (!errors && !warnings && !examples) return <Tag colour="green">None</Tag>;
  return (
    <Tags>
      {errors ? <Tag colour="red">{errors === 1 ? "1 error" : `${errors} errors`}</Tag> : null}
      {warnings ? <Tag colour="yellow">{warnings === 1 ? "1 warning" : `${warnings} warnings`}</Tag> : null}
      {examples ? <ExampleWordsTag count={examples} /> : null}
    </Tags>
  );
}
