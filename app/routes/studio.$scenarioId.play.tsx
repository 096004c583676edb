import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { Select, Textarea, TextInput } from "~/components/fields";
import { hasErrors } from "~/domain/scenario";
import { OUTCOME_INFO, TALK_TYPE_INFO, type Outcome, type TalkType } from "~/domain/mi-codes";
import { ScenarioPageHeader, STUDIO_ROLES } from "~/studio/components";
import { varParam } from "~/studio/play-params";
import { playStep, readVars } from "~/studio/play-test.server";
import { checkStudioYaml, loadStudioScenario } from "~/studio/studio.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data ? `Play-test ${data.title}` : "Play-test");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { roles: [...STUDIO_ROLES] });
  const s = await loadStudioScenario(context.db, params.scenarioId ?? "");
  if (!s) notFound();
  const check = await checkStudioYaml(context.db, s.yaml, s.id);
  const base = { id: s.id, title: check.scenario?.title ?? s.id, isDraft: Boolean(s.draft) };
  if (!check.scenario || hasErrors(check.diagnostics)) return { ...base, ready: false as const };
  const scenario = check.scenario;
  const url = new URL(request.url);
  const setup = {
    nodes: Object.keys(scenario.nodes).filter((id) => !scenario.nodes[id].ending),
    start: scenario.start,
    variables: readVars(scenario, url.searchParams),
  };
  if (!url.searchParams.has("node")) return { ...base, ready: true as const, setup, play: null };
  return { ...base, ready: true as const, setup, play: playStep(scenario, url.searchParams) };
}

function hiddenVars(vars: Record<string, number>) {
  return Object.entries(vars).map(([name, value]) => (
    <input key={name} type="hidden" name={varParam(name)} value={value} />
  ));
}

export default function PlayTest() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <ScenarioPageHeader scenarioId={d.id} heading={`Play-test: ${d.title}`} current="play" />
      <p className="govuk-body">
        You are playing the {d.isDraft ? "draft" : "published version"}. Nothing you do here is recorded as an attempt.
      </p>
      {!d.ready ? (
        <p className="govuk-body">
          The scenario has errors, so it cannot be played.{" "}
          <a className="govuk-link" href={`/studio/${d.id}/edit`}>
            Fix them in the editor
          </a>
        </p>
      ) : (
        <>
          {d.play ? d.play.ok ? <Step step={d.play.step} /> : <ProblemBox message={d.play.message} /> : null}
          <StartForm d={d} />
        </>
      )}
    </>
  );
}

function ProblemBox({ message }: { message: string }) {
  return (
    <div className="govuk-error-summary" tabIndex={-1} role="alert">
      <h2 className="govuk-error-summary__title">There is a problem</h2>
      <div className="govuk-error-summary__body">
        <p className="govuk-body">{message}</p>
      </div>
    </div>
  );
}

type Ready = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { ready: true }>;
type Played = Extract<NonNullable<Ready["play"]>, { ok: true }>["step"];

function Step({ step }: { step: Played }) {
  return (
    <section aria-labelledby="play-now" className="app-play">
      {step.last ? (
        <div className="govuk-inset-text">
          <p className="govuk-body">
            <strong>You {step.last.kind === "write" ? "wrote" : "said"}:</strong> “{step.last.said}”
          </p>
          {step.last.feedback ? (
            <p className="govuk-body">
              <strong>Feedback:</strong> {step.last.feedback}
            </p>
          ) : (
            <p className="govuk-body">This {step.last.kind === "write" ? "write step" : "choice"} has no feedback.</p>
          )}
        </div>
      ) : null}
      <h2 className="govuk-heading-m" id="play-now">
        At node {step.nodeId}
      </h2>
      <p className="govuk-body-l">“{step.prisoner}”</p>
      <p className="govuk-body-s">{TALK_TYPE_INFO[step.talk as TalkType]?.label ?? step.talk}</p>
      {Object.keys(step.vars).length ? (
        <p className="govuk-body-s">
          Variables:{" "}
          {Object.entries(step.vars)
            .map(([k, v]) => `${k} = ${v}`)
            .join(", ")}
        </p>
      ) : null}
      {step.ending ? (
        <div className="govuk-panel govuk-panel--confirmation app-play__ending">
          <h3 className="govuk-panel__title">
            Ending: {OUTCOME_INFO[step.ending.outcome as Outcome]?.label ?? step.ending.outcome}
          </h3>
          <div className="govuk-panel__body">{step.ending.label}</div>
        </div>
      ) : step.writePrompt ? (
        <Form method="get">
          <input type="hidden" name="node" value={step.nodeId} />
          {hiddenVars(step.vars)}
          <Textarea name="reply" label={step.writePrompt} labelClassName="govuk-label--s" rows={4} maxLength={2000} />
          <button type="submit" className="govuk-button">
            Send reply
          </button>
        </Form>
      ) : (
        <Form method="get">
          <input type="hidden" name="node" value={step.nodeId} />
          {hiddenVars(step.vars)}
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">What do you say?</legend>
            {step.choices.map((c) => (
              <button
                key={c.id}
                type="submit"
                name="choice"
                value={c.id}
                className="govuk-button govuk-button--secondary app-play__choice"
              >
                {c.say}
              </button>
            ))}
          </fieldset>
        </Form>
      )}
    </section>
  );
}

function StartForm({ d }: { d: Ready }) {
  const vars = d.setup.variables.ok ? d.setup.variables.vars : {};
  return (
    <Form method="get" className="govuk-!-margin-top-6">
      <h2 className="govuk-heading-m">{d.play ? "Start again" : "Start a play-test"}</h2>
      <Select
        name="node"
        label="Start from"
        options={d.setup.nodes.map((id) => ({ value: id, label: id === d.setup.start ? `${id} (the start)` : id }))}
        defaultValue={d.setup.start}
      />
      {Object.entries(vars).map(([name, value]) => (
        <TextInput
          key={name}
          name={varParam(name)}
          label={`Variable ${name}`}
          inputMode="numeric"
          defaultValue={String(value)}
          className="govuk-input--width-5"
        />
      ))}
      <button type="submit" className="govuk-button">
        Play from this node
      </button>
    </Form>
  );
}
