// Preview as an officer: the draft played in the officers' own play page (same layout, radios and
// "Say this", feedback as in practice), from the start or from any node with variables set. The
// whole state is in the address, so nothing is recorded and no attempt is made.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { notFound, requireUser } from "~/auth/guard.server";
import { ConversationStep, Feedback } from "~/components/conversation-step";
import { ErrorSummary } from "~/components/error-summary";
import { Select, TextInput } from "~/components/fields";
import { NotificationBanner } from "~/components/page";
import { hasErrors } from "~/domain/scenario/diagnostics";
import { MI_CODE_INFO, OUTCOME_INFO, type Outcome } from "~/domain/mi-codes";
import { MAX_REPLY_CHARS } from "~/practice/attempts.server";
import { ScenarioPageHeader } from "~/studio/components";
import { varParam } from "~/studio/play-params";
import { playStep, readVars, type PlayStep } from "~/studio/play-test.server";
import { checkStudioYaml, loadStudioScenario } from "~/studio/studio.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data ? `Preview ${data.title}` : "Preview");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "authorScenarios" });
  const s = await loadStudioScenario(context.db, params.scenarioId ?? "");
  if (!s) notFound();
  const check = await checkStudioYaml(context.db, s.yaml, s.id);
  const base = { id: s.id, title: check.title ?? s.id, isDraft: Boolean(s.draft) };
  if (!check.scenario || hasErrors(check.diagnostics)) return { ...base, ready: false as const };
  const scenario = check.scenario;
  const url = new URL(request.url);
  const query = url.searchParams;
  const setup = {
    nodes: Object.keys(scenario.nodes)
      .filter((id) => !scenario.nodes[id].ending)
      .map((id) => ({ id, line: scenario.nodes[id].prisoner })),
    start: scenario.start,
    variables: readVars(scenario, query),
  };
  const persona = scenario.persona;
  const ready = { ...base, ready: true as const, persona, setup, replyLimit: MAX_REPLY_CHARS };
  if (!query.has("node")) return { ...ready, play: null, unanswered: false };
  // A step posted without a choice or a reply: the officers' page says "Select what you say".
  const unanswered = query.has("step") && !query.has("choice") && !query.has("reply");
  return { ...ready, play: playStep(scenario, query), unanswered };
}

function hiddenVars(vars: Record<string, number>) {
  return Object.entries(vars).map(([name, value]) => (
    <input key={name} type="hidden" name={varParam(name)} value={value} />
  ));
}

export default function Preview() {
  const d = useLoaderData<typeof loader>();
  const base = `/studio/${encodeURIComponent(d.id)}`;
  if (!d.ready)
    return (
      <>
        <ScenarioPageHeader scenarioId={d.id} heading={d.title} current="play" />
        <p className="govuk-body">
          The {d.isDraft ? "draft" : "scenario"} has errors, so it cannot be previewed yet.{" "}
          <a className="govuk-link" href={`${base}/nodes`}>
            Fix them in the editor
          </a>
        </p>
      </>
    );
  if (!d.play || !d.play.ok)
    return (
      <>
        <ScenarioPageHeader scenarioId={d.id} heading={d.title} current="play">
          {d.play && !d.play.ok ? <ErrorSummary errors={{ form: d.play.message }} /> : null}
        </ScenarioPageHeader>
        <StartForm d={d} />
      </>
    );
  const step = d.play.step;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href={`${base}/play`} className="govuk-back-link">
          Stop the preview
        </a>
        <NotificationBanner title="Preview" success={false}>
          You are previewing the {d.isDraft ? "draft" : "published version"} as an officer in practice. Nothing is
          recorded.
        </NotificationBanner>
        {d.unanswered ? (
          <ErrorSummary
            errors={{
              [step.writePrompt ? "reply" : "choice"]: step.writePrompt ? "Enter your reply" : "Select what you say",
            }}
          />
        ) : null}
        {step.ending ? (
          <Ending step={step} persona={d.persona} title={d.title} restart={`${base}/play`} />
        ) : (
          <ConversationStep
            caption="Practice: feedback after each response"
            title={d.title}
            persona={d.persona}
            last={lastOf(step)}
            prisoner={step.prisoner}
            write={step.writePrompt ? { prompt: step.writePrompt, max: d.replyLimit } : null}
            options={step.choices.map((c) => ({ value: c.id, label: c.say }))}
            errors={d.unanswered ? { choice: "Select what you say", reply: "Enter your reply" } : undefined}
            method="get"
            stepKey={`${step.nodeId}-${JSON.stringify(step.vars)}-${step.last?.said ?? ""}`}
            hidden={
              <>
                <input type="hidden" name="node" value={step.nodeId} />
                <input type="hidden" name="step" value="1" />
                {hiddenVars(step.vars)}
              </>
            }
          />
        )}
        <p className="govuk-body-s">
          At node{" "}
          <a className="govuk-link" href={`${base}/nodes/${encodeURIComponent(step.nodeId)}`}>
            {step.nodeId}
          </a>
          {Object.keys(step.vars).length
            ? `. Variables: ${Object.entries(step.vars)
                .map(([k, v]) => `${k} = ${v}`)
                .join(", ")}`
            : ""}
          .
        </p>
      </div>
    </div>
  );
}

function lastOf(step: PlayStep) {
  if (!step.last) return null;
  const code = step.last.mi ? MI_CODE_INFO[step.last.mi] : null;
  return {
    said: step.last.said,
    code: code?.label ?? null,
    codeDescription: code?.description ?? null,
    feedback: step.last.feedback,
  };
}

function Ending({
  step,
  persona,
  title: heading,
  restart,
}: {
  step: PlayStep;
  persona: { name: string };
  title: string;
  restart: string;
}) {
  const last = lastOf(step);
  const feedbackRef = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  // Reached from the last step without a page load ("default" is a page load): focus the feedback, as
  // every step before it does, rather than leave it on the "Say this" button that is gone.
  useEffect(() => {
    if (key !== "default") feedbackRef.current?.focus();
  }, [key]);
  return (
    <>
      <span className="govuk-caption-l">Practice: feedback after each response</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      {last ? <Feedback last={last} headingRef={feedbackRef} /> : null}
      <h2 className="govuk-heading-m">{persona.name} says</h2>
      <blockquote className="app-prisoner-line" data-testid="prisoner-line">
        <p className="govuk-body-l">{step.prisoner}</p>
      </blockquote>
      <div className="govuk-panel govuk-panel--confirmation">
        <h2 className="govuk-panel__title">
          Ending: {OUTCOME_INFO[step.ending!.outcome as Outcome]?.label ?? step.ending!.outcome}
        </h2>
        <div className="govuk-panel__body">{step.ending!.label}</div>
      </div>
      <p className="govuk-body">
        Officers would now see their review: the transcript and their practice indicators.{" "}
        <a className="govuk-link" href={restart}>
          Preview again
        </a>
      </p>
    </>
  );
}

type Ready = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { ready: true }>;

function StartForm({ d }: { d: Ready }) {
  const vars = d.setup.variables.ok ? d.setup.variables.vars : {};
  return (
    <Form method="get" className="govuk-!-margin-top-6">
      <h2 className="govuk-heading-m">Preview as an officer</h2>
      <p className="govuk-body">
        Play the {d.isDraft ? "draft" : "published version"} in the officers' own page, with feedback as in practice.
        Nothing is recorded. Start from the beginning, or from any node with the variables you choose.
      </p>
      <Select
        name="node"
        label="Start from"
        options={d.setup.nodes.map((n) => ({
          value: n.id,
          label: `${n.id === d.setup.start ? `${n.id} (the start)` : n.id}: ${n.line.length > 50 ? `${n.line.slice(0, 49)}…` : n.line}`,
        }))}
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
        Start the preview
      </button>
    </Form>
  );
}
