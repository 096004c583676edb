// The play page: the prisoner's line, your options, and (in practice mode) feedback on your
// last response. Plain form posts with a redirect, so it works with JavaScript off too.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { ConversationStep } from "~/components/conversation-step";
import { NotificationBanner } from "~/components/page";
import { Transcript } from "~/components/practice";
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
  return { view, notice: noticeOf(request), replyLimit: MAX_REPLY_CHARS, usually: length?.responses ?? null };
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
  const { view, notice, replyLimit, usually } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { attempt, scenario, current, turns } = view;
  const name = scenario.persona.name;
  const last = attempt.mode === "practice" ? turns.at(-1) : undefined;
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
        <ConversationStep
          caption={
            attempt.mode === "practice" ? "Practice: feedback after each response" : "Assessment: feedback at the end"
          }
          title={scenario.title}
          progress={
            <>
              Your response number {attempt.stepCount + 1}.
              {usually
                ? ` This conversation usually takes ${usually.fewest === usually.most ? usually.fewest : `${usually.fewest} to ${usually.most}`} of your responses.`
                : ""}
            </>
          }
          persona={scenario.persona}
          last={
            last
              ? {
                  said: last.officer.text,
                  code: last.officer.code,
                  codeDescription: last.officer.codeDescription,
                  feedback: last.officer.feedback,
                }
              : null
          }
          history={
            turns.length > 0 ? (
              <>
                <Transcript personaName={name} opening={view.opening} turns={turns.slice(0, -1)} labels="none" />
                <p className="govuk-body">
                  <strong>You:</strong> {turns.at(-1)!.officer.text}
                </p>
              </>
            ) : null
          }
          prisoner={current.prisoner.text}
          write={current.write ? { prompt: current.write.prompt, max: replyLimit } : null}
          options={current.options.map((o) => ({ value: o.id, label: o.say }))}
          errors={result?.errors}
          replyDefault={result?.values.reply}
          method="post"
          stepKey={`${current.nodeId}-${attempt.rowVersion}`}
          hidden={
            <>
              <input type="hidden" name="nodeId" value={current.nodeId} />
              <input type="hidden" name="rowVersion" value={attempt.rowVersion} />
            </>
          }
        />
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
