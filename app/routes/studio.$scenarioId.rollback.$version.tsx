// Rolling a scenario back to an earlier version: the earlier text is published again as a new
// version (every version stays), after the trainer has seen what changes and what it does to
// officers' statuses.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { Textarea } from "~/components/fields";
import { getCurriculum } from "~/curriculum/curriculum.server";
import { formatDateTime } from "~/domain/dates.server";
import { checkScenario } from "~/domain/scenario";
import { getScenarioVersionRow } from "~db/queries/scenario-versions.server";
import { ScenarioPageHeader } from "~/studio/components";
import { diffScenarios } from "~/studio/diff";
import { ConfirmOrCancel, ImpactSummary } from "~/studio/impact";
import { changeForVersion, impactOf } from "~/studio/impact.server";
import { numberedVersions, rollBack } from "~/studio/lifecycle.server";
import { readFormData } from "~/utils/form-data.server";
import { readRollbackForm } from "~/studio/forms.server";
import { fieldError } from "~/utils/field-errors";
import { title } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Roll back ${data.id} to v${data.number}` : "Roll back");

async function versionsFor(params: { scenarioId?: string; version?: string }, context: LoaderFunctionArgs["context"]) {
  const scenarioId = params.scenarioId ?? "";
  const number = /^\d{1,6}$/.test(params.version ?? "") ? Number(params.version) : notFound();
  const versions = await numberedVersions(context.db, scenarioId);
  const target = versions.find((v) => v.number === number);
  if (!target || target === versions[0]) notFound();
  return { scenarioId, number, target, current: versions[0] };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "authorScenarios" });
  const { scenarioId, number, target, current } = await versionsFor(params, context);
  const [then, now, curriculum] = await Promise.all([
    getScenarioVersionRow(context.db, target.id),
    getScenarioVersionRow(context.db, current.id),
    getCurriculum(context.db),
  ]);
  const earlier = checkScenario(then!.yaml).scenario;
  const change = await changeForVersion(context.db, scenarioId, then!.module_id);
  return {
    id: scenarioId,
    number,
    currentNumber: current.number,
    currentVersionId: current.id,
    publishedAt: formatDateTime(target.created_at),
    note: target.change_note,
    diff: earlier ? diffScenarios(checkScenario(now!.yaml).scenario, earlier) : null,
    impact: await impactOf(context.db, scenarioId, change),
    moduleTitles: Object.fromEntries(curriculum.map((m) => [m.id, m.title])),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "authorScenarios" });
  const formData = await readFormData(request);
  const { scenarioId, number } = await versionsFor(params, context);
  const form = readRollbackForm(formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await rollBack(context.db, user, scenarioId, {
    number,
    currentVersionId: form.data.currentVersionId,
    changeNote: form.data.changeNote,
  });
  if (!result.ok) return data({ errors: fieldError("form", result.message), values: form.values }, { status: 409 });
  return context.sessions.redirectWithNotice(
    request,
    `/studio/${scenarioId}/publish`,
    `Rolled ${scenarioId} back to v${number}. Officers get it for new attempts; unfinished attempts finish on the version they started.`,
  );
}

export default function RollBack() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <ScenarioPageHeader scenarioId={d.id} heading={`Roll back to v${d.number}`} current="publish">
        <ErrorSummary errors={result?.errors} />
      </ScenarioPageHeader>
      <p className="govuk-body">
        v{d.number} was published on {d.publishedAt}
        {d.note ? ` (“${d.note}”)` : ""}. Rolling back publishes its text again as a new version after v
        {d.currentNumber}; every version is kept. A draft, if there is one, is left as it is.
      </p>
      <h2 className="govuk-heading-m">What changes for officers</h2>
      {!d.diff ? (
        <p className="govuk-body">v{d.number} can no longer be read, so it cannot be compared.</p>
      ) : d.diff.same ? (
        <p className="govuk-body">Nothing officers could notice differs from v{d.currentNumber}.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {d.diff.fields.map((c, i) => (
            <li key={i} className="app-wrap">
              <strong>{c.field}</strong>: <del>{c.before}</del> → <ins>{c.after}</ins>
            </li>
          ))}
          {d.diff.nodesAdded.length ? <li className="app-wrap">Nodes back: {d.diff.nodesAdded.join(", ")}</li> : null}
          {d.diff.nodesRemoved.length ? (
            <li className="app-wrap">Nodes taken out: {d.diff.nodesRemoved.join(", ")}</li>
          ) : null}
          {d.diff.nodesChanged.length ? (
            <li className="app-wrap">Nodes changed: {d.diff.nodesChanged.map((n) => n.id).join(", ")}</li>
          ) : null}
        </ul>
      )}
      <h2 className="govuk-heading-m">What it does to officers' statuses</h2>
      <ImpactSummary impact={d.impact} moduleTitles={d.moduleTitles} />
      <Form method="post" noValidate>
        <input type="hidden" name="currentVersionId" value={d.currentVersionId} />
        <Textarea
          name="changeNote"
          label="Why you are rolling back"
          labelClassName="govuk-label--s"
          hint="For other trainers: it goes in the change note. Up to 400 characters."
          rows={3}
          defaultValue={result?.values.changeNote}
          error={result?.errors.changeNote}
        />
        <ConfirmOrCancel scenarioId={d.id}>Roll back to v{d.number}</ConfirmOrCancel>
      </Form>
    </>
  );
}
