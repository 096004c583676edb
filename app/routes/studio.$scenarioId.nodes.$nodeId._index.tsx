// One node of a draft as a form, with the map of the nodes around it beside it. Every button posts
// the whole form (with an intent), so it works without JavaScript; each save is a new revision.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { notFound, requireUser } from "~/auth/guard.server";
import { findingsFor } from "~/domain/scenario/editor/field-diagnostics";
import { findNode, formForNode, NEW_NODE, type NodeForm } from "~/domain/scenario/editor/form-model";
import { optionName } from "~/domain/scenario/plain-words";
import { ScenarioPageHeader } from "~/studio/components";
import { editDraft, loadEditor, nodeMap, revisionOf } from "~/studio/editor.server";
import { OUT_OF_DATE } from "~/studio/concurrency";
import { fieldError } from "~/utils/field-errors";
import { nodeFormLink, ScenarioMapSvg } from "~/studio/map";
import type { MapEdge } from "~/studio/map-model";
import { pendingLinks, type PendingLink } from "~/studio/pending-links";
import { FindingsSummary, RestoredNotice, UnsavedTexts, useKeptForm } from "~/studio/editor-fields";
import { NodeEditorFields } from "~/studio/node-editor";
import { nodeFieldValues, nodeFormEdits } from "~/studio/node-form.server";
import { parseIntent } from "~/domain/scenario/editor/intents";
import { refused, respondToEdit } from "~/studio/edit-response.server";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Node ${data.node.id}: ${data.title}` : "Edit a node");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "authorScenarios" });
  const view = await loadEditor(context.db, params.scenarioId ?? "");
  if (!view) notFound();
  const base = `/studio/${encodeURIComponent(view.scenario.id)}`;
  if (!view.form) throw redirect(`${base}/nodes`);
  const node = findNode(view.form, params.nodeId ?? "");
  if (!node) notFound();
  const elsewhere = view.placed.filter((p) => p.nodeId !== node.id && p.diagnostic.severity === "error").length;
  return {
    id: view.scenario.id,
    title: view.form.title ?? view.scenario.id,
    revision: view.scenario.revision,
    /** whose typing this tab keeps (useKeptForm) */
    person: user.id,
    form: formForNode(view.form, node.id),
    node,
    findings: findingsFor(view.placed, node.id),
    elsewhere,
    map: nodeMap(view, node.id),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "authorScenarios" });
  const scenarioId = params.scenarioId ?? "";
  const nodeId = params.nodeId ?? "";
  const formData = await readFormData(request);
  const base = revisionOf(formData);
  // The form names the node it shows: one sent to another node's page is not this page's form.
  if (base === null || formData.get("node") !== nodeId) return refused(fieldError("form", OUT_OF_DATE), {}, 400);
  const outcome = await editDraft(context.db, user, scenarioId, base, (form) => nodeFormEdits(form, formData), nodeId, {
    sent: formData,
    fieldsIn: (form) => nodeFieldValues(form, nodeId),
  });
  if (!outcome) notFound();
  const here = `/studio/${encodeURIComponent(scenarioId)}/nodes`;
  // "Save node" and "Duplicate this node" open the node they made (a new node to write next, or the
  // copy); any other button changes this node, so the trainer stays on it (under its new id if renamed).
  const intent = parseIntent(formData.get("intent"));
  const opensMade = intent?.kind === "save" || intent?.kind === "duplicate-node";
  // After adding or copying an option, land on it; after deleting one, on the options.
  const added = Number(formData.get("choices"));
  const option = (next: string) =>
    intent?.kind === "duplicate-choice"
      ? `#field-nodes.${next}.choices.${intent.index + 1}`
      : intent?.kind === "add-choice" && Number.isInteger(added)
        ? `#field-nodes.${next}.choices.${added}`
        : intent?.kind === "delete-choice"
          ? `#options-${next}`
          : "";
  return respondToEdit(context, request, outcome, {
    saved: (made, renamed) => {
      const next = (opensMade ? made : renamed) ?? nodeId;
      return `${here}/${encodeURIComponent(next)}${option(next)}`;
    },
    unchanged: `${here}/${encodeURIComponent(nodeId)}`,
  });
}

export default function EditNode() {
  const d = useLoaderData<typeof loader>();
  // A new node or revision starts with nothing pending.
  return <NodePage key={`${d.node.id}-${d.revision}`} />;
}

function NodePage() {
  const d = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const state = { findings: d.findings, refused: refused?.errors, values: refused?.values };
  const nodes = `/studio/${encodeURIComponent(d.id)}/nodes`;
  // With JavaScript, a "where does this lead?" choice shows on the map before it is saved.
  const form = useRef<HTMLFormElement>(null);
  const [pending, setPending] = useState<PendingLink[]>([]);
  const saved = (owner: number | "write", branch: number) =>
    (owner === "write" ? d.node.write?.goto : d.node.choices[owner]?.goto)?.branches[branch]?.node ?? null;
  const readPending = () => {
    if (form.current) setPending(pendingLinks(form.current, saved));
  };
  // Typing kept in this tab comes back after signing in again (before the pending links are read).
  const kept = useKeptForm(form, d.person, `${d.id}/nodes/${d.node.id}`, d.revision);
  // A refused save shows the trainer's choices again: they are pending too.
  useEffect(readPending, []); // eslint-disable-line react-hooks/exhaustive-deps -- once, on the page as served
  return (
    <>
      <ScenarioPageHeader scenarioId={d.id} heading={d.title} current="nodes">
        <FindingsSummary state={state} focus={Boolean(refused)} />
        <UnsavedTexts texts={refused && "unsaved" in refused ? refused.unsaved : undefined} />
      </ScenarioPageHeader>
      <p className="govuk-body">
        <a className="govuk-link" href={nodes}>
          All nodes
        </a>
        {d.elsewhere ? ` (${d.elsewhere === 1 ? "1 error" : `${d.elsewhere} errors`} in other nodes)` : null}
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-l app-wrap">Node {d.node.id}</h2>
          <RestoredNotice restored={kept.restored} />
          <Form
            method="post"
            noValidate
            ref={form}
            onChange={() => {
              readPending();
              kept.keep();
            }}
          >
            <input type="hidden" name="revision" value={d.revision} />
            <input type="hidden" name="choices" value={d.node.choices.length} />
            <NodeEditorFields form={d.form} node={d.node} state={state} />
          </Form>
          <p className="govuk-body">
            <a className="govuk-link" href={`${nodes}/${encodeURIComponent(d.node.id)}/delete`}>
              Delete this node
            </a>
          </p>
        </div>
        <div className="govuk-grid-column-one-third">
          <h2 className="govuk-heading-m" id="map-title">
            Around this node
          </h2>
          {d.map ? (
            <>
              <p className="govuk-body-s">The nodes that lead here and where this node leads. Choose one to edit it.</p>
              <ScenarioMapSvg
                scenarioId={d.id}
                map={d.map}
                titleId="map-title"
                current={d.node.id}
                fit
                pending={pending.map((p) => ({ to: p.to === NEW_NODE ? null : p.to }))}
              />
              <PendingWords links={pending} node={d.node} />
              <Around scenarioId={d.id} nodeId={d.node.id} edges={d.map.edges} />
            </>
          ) : (
            <p className="govuk-body-s">The map shows once this node is saved.</p>
          )}
          <p className="govuk-body-s">
            <a className="govuk-link" href={`/studio/${encodeURIComponent(d.id)}/map`}>
              The whole map
            </a>
          </p>
        </div>
      </div>
    </>
  );
}

/** The same links in words: which nodes lead here, and where this node leads (a missing node in red). */
function Around({ scenarioId, nodeId, edges }: { scenarioId: string; nodeId: string; edges: MapEdge[] }) {
  const link = (id: string) => (
    <a className="govuk-link" href={nodeFormLink(scenarioId, id)}>
      {id}
    </a>
  );
  const from = [...new Set(edges.filter((e) => e.to === nodeId && e.from !== nodeId).map((e) => e.from))];
  const to = [...new Map(edges.filter((e) => e.from === nodeId).map((e) => [e.to, e])).values()];
  return (
    <dl className="govuk-body-s app-around">
      <dt>Leads here</dt>
      <dd>
        {from.length
          ? from.map((id, i) => (
              <span key={id}>
                {i ? ", " : ""}
                {link(id)}
              </span>
            ))
          : "Nothing"}
      </dd>
      <dt>Leads to</dt>
      <dd>
        {to.length
          ? to.map((e, i) => (
              <span key={i}>
                {i ? ", " : ""}
                {e.broken ? <strong className="app-map-list__broken">{e.to} (does not exist)</strong> : link(e.to)}
              </span>
            ))
          : "Nowhere yet"}
      </dd>
    </dl>
  );
}

/** The unsaved links in words (read out as they change), under the map that draws them dashed. */
function PendingWords({ links, node }: { links: PendingLink[]; node: NodeForm }) {
  return (
    <div aria-live="polite">
      {links.length ? (
        <>
          <p className="govuk-body-s govuk-!-margin-bottom-1">
            <strong>Not saved yet</strong> (dashed on the map):
          </p>
          <ul className="govuk-list govuk-body-s">
            {links.map((l) => {
              const choice = l.owner === "write" ? null : node.choices[l.owner];
              const what = l.owner === "write" ? "The written reply" : optionName(l.owner, choice?.say);
              const branching = (l.owner === "write" ? node.write?.goto : choice?.goto)?.branching;
              return (
                <li key={`${l.owner}-${l.branch}`}>
                  {what}
                  {branching ? `, branch ${l.branch + 1},` : ""} leads to{" "}
                  {l.to === NEW_NODE ? "a new node (made when you save)" : l.to}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </div>
  );
}
