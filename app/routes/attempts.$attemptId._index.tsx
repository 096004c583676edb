// The play page: the prisoner's line, your options, and (in practice mode) feedback on your
// last response. Plain form posts with a redirect, so it works with JavaScript off too.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { Radios } from "~/components/fields";
import { NotificationBanner } from "~/components/page";
import { CharacterCount, Transcript } from "~/components/practice";
import { loadAttemptView } from "~/practice/attempt-view.server";
import { lengthOfVersion } from "~/practice/length.server";
import { MAX_REPLY_CHARS, takeStep } from "~/practice/attempts.server";
import { attemptIdOf, noticeOf } from "~/practice/route-helpers.server";
import { fieldErrors, longText, parseForm, wholeNumber } from "~/utils/forms";
import { title } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `${data.view.scenario.title} (${data.view.attempt.mode})` : "Attempt");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { roles: ["officer"] });
  const view = await loadAttemptView(context.db, user.id, attemptIdOf(params));
  if (!view) notFound();
  if (!view.current) throw redirect(`/attempts/${view.attempt.id}/review`);
  const length = await lengthOfVersion(context.db, view.attempt.versionId);
  return { view, notice: noticeOf(request), usually: length?.responses ?? null };
}

const StepForm = z.object({
  nodeId: z.string().max(200),
  rowVersion: wholeNumber("the page version"),
  choice: z.string().max(200).optional(),
  reply: longText("your reply", { max: MAX_REPLY_CHARS }).optional(),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { roles: ["officer"] });
  const id = attemptIdOf(params);
  const formData = await readFormData(request);
  const form = parseForm(StepForm, formData);
  const writing = formData.has("reply");
  if (!form.ok) {
    // A missing hidden field means a forged or broken request: show the current state.
    if (form.errors.nodeId || form.errors.rowVersion) throw redirect(`/attempts/${id}?notice=stale`);
    return data({ errors: form.errors, values: form.values }, { status: 400 });
  }
  const { nodeId, rowVersion, choice, reply } = form.data;
  if (!writing && !choice)
    return data({ errors: fieldErrors({ choice: "Select what you say" }), values: form.values }, { status: 400 });
  if (writing && !reply)
    return data({ errors: fieldErrors({ reply: "Enter your reply" }), values: form.values }, { status: 400 });
  const input = writing ? { nodeId, rowVersion, text: reply! } : { nodeId, rowVersion, choiceId: choice! };
  const result = await takeStep(context.db, { id: user.id, establishmentId: user.establishmentId }, id, input);
  switch (result.kind) {
    case "ok":
      return redirect(result.finished ? `/attempts/${id}/review` : `/attempts/${id}`);
    case "not-found":
      notFound();
    case "not-in-progress":
      return redirect(`/attempts/${id}/review?notice=finished`);
    case "invalid-text":
      return data({ errors: fieldErrors({ reply: result.message }), values: form.values }, { status: 400 });
    case "stale":
    case "not-allowed":
      return redirect(`/attempts/${id}?notice=${result.kind}`);
  }
}

export default function Play() {
  const { view, notice, usually } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { attempt, scenario, current, turns } = view;
  const name = scenario.persona.name;
  const last = attempt.mode === "practice" ? turns.at(-1) : undefined;
  const focusRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  // Without a page load, move focus to what changed so screen reader users hear the reply.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    focusRef.current?.focus();
  }, [attempt.rowVersion]);
  if (!current) return null;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={result?.errors} />
        {notice ? (
          <NotificationBanner title="Important" success={false}>
            {notice}
          </NotificationBanner>
        ) : null}
        <span className="govuk-caption-l">
          {attempt.mode === "practice" ? "Practice: feedback after each response" : "Assessment: feedback at the end"}
        </span>
        <h1 className="govuk-heading-l govuk-!-margin-bottom-2">{scenario.title}</h1>
        <p className="govuk-body-s app-progress" data-testid="progress">
          Your response number {attempt.stepCount + 1}.
          {usually
            ? ` This conversation usually takes ${usually.fewest === usually.most ? usually.fewest : `${usually.fewest} to ${usually.most}`} of your responses.`
            : ""}
        </p>
        <div className="govuk-inset-text">
          <p className="govuk-body">
            <strong>{name}:</strong> {scenario.persona.background}
          </p>
        </div>

        {last ? (
          <div className="app-feedback" data-testid="feedback">
            <h2 className="govuk-heading-m" tabIndex={-1} ref={focusRef}>
              Feedback on what you said
            </h2>
            <p className="govuk-body">
              You said: <q>{last.officer.text}</q>
            </p>
            {last.officer.code ? (
              <p className="govuk-body">
                <strong>{last.officer.code}:</strong> {last.officer.codeDescription}
              </p>
            ) : (
              <p className="govuk-body">
                A trainer will rate your written reply; it does not count in your indicators.
              </p>
            )}
            {last.officer.feedback ? <p className="govuk-body">{last.officer.feedback}</p> : null}
          </div>
        ) : null}

        {turns.length > 0 ? (
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">The conversation so far</span>
            </summary>
            <div className="govuk-details__text">
              <Transcript personaName={name} opening={view.opening} turns={turns.slice(0, -1)} labels="none" />
              <p className="govuk-body">
                <strong>You:</strong> {turns.at(-1)!.officer.text}
              </p>
            </div>
          </details>
        ) : null}

        <h2 className="govuk-heading-m" tabIndex={-1} ref={last ? undefined : focusRef}>
          {name} says
        </h2>
        <blockquote className="app-prisoner-line" data-testid="prisoner-line">
          <p className="govuk-body-l">{current.prisoner.text}</p>
        </blockquote>

        <Form method="post" noValidate key={`${current.nodeId}-${attempt.rowVersion}`}>
          <input type="hidden" name="nodeId" value={current.nodeId} />
          <input type="hidden" name="rowVersion" value={attempt.rowVersion} />
          {current.write ? (
            <CharacterCount
              name="reply"
              label={current.write.prompt}
              max={2000}
              error={result?.errors.reply}
              defaultValue={result?.values.reply}
            />
          ) : (
            <Radios
              name="choice"
              legend={<h2 className="govuk-fieldset__heading">What do you say?</h2>}
              legendClassName="govuk-fieldset__legend--m"
              error={result?.errors.choice}
              options={current.options.map((o) => ({ value: o.id, label: o.say }))}
            />
          )}
          <button type="submit" className="govuk-button" data-module="govuk-button">
            {current.write ? "Send reply" : "Say this"}
          </button>
        </Form>
        <p className="govuk-body">
          <a className="govuk-link" href={`/attempts/${attempt.id}/abandon`}>
            Abandon this attempt
          </a>{" "}
          or{" "}
          <a className="govuk-link" href="/">
            leave it for now
          </a>{" "}
          (you can come back to it from your home page).
        </p>
      </div>
    </div>
  );
}
