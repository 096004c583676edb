// The play page: the prisoner's line, your options, and (in practice mode) feedback on your
// last response. Without JavaScript a step is a form post and a redirect to this page; with it,
// one request whose answer carries the next page (no second request to load it).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import type { Attempt } from "~db/schema";
import { notFound, requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { ConversationStep } from "~/components/conversation-step";
import { NotificationBanner } from "~/components/page";
import { Transcript } from "~/components/practice";
import { attemptViewOf, loadAttemptView } from "~/practice/attempt-view.server";
import { lengthOfVersion } from "~/practice/length.server";
import { MAX_REPLY_CHARS, takeStep } from "~/practice/attempts.server";
import { attemptIdOf, NOTICES, noticeOf } from "~/practice/route-helpers.server";
import { keptReplyOf, readStepForm } from "~/practice/forms.server";
import { takeKeptReply } from "~/practice/kept-reply.server";
import { stepKeyOf } from "~/components/kept-reply";
import type { FieldErrors } from "~/utils/forms";
import { title } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `${data.view.scenario.title} (${data.view.attempt.mode})` : "Attempt");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "practise" });
  const view = await loadAttemptView(context.db, user.id, attemptIdOf(params));
  if (!view) notFound();
  if (!view.current) throw redirect(`/attempts/${view.attempt.id}/review`);
  const length = await lengthOfVersion(context.db, view.attempt.versionId);
  const kept = await takeKeptReply(request, context);
  const page = {
    view,
    notice: noticeOf(request),
    replyLimit: MAX_REPLY_CHARS,
    usually: length?.responses ?? null,
    // Put back only at the step it was written for.
    keptReply:
      kept.reply?.attempt === view.attempt.id &&
      kept.reply.step === stepKeyOf(view.current.nodeId, view.attempt.rowVersion)
        ? kept.reply.text
        : null,
  };
  return data(page, kept.headers ? { headers: kept.headers } : undefined);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, {
    can: "practise",
    keep: (sent) => keptReplyOf(attemptIdOf(params), sent),
  });
  const id = attemptIdOf(params);
  const formData = await readFormData(request);
  const form = readStepForm(formData);
  // The page as it is now (or as the step just taken left it), with what to say about the step just sent.
  const answer = async (said: { notice?: string; errors?: FieldErrors }, status = 200, attempt?: Attempt) => {
    const view = attempt ? await attemptViewOf(context.db, attempt) : await loadAttemptView(context.db, user.id, id);
    if (!view) notFound();
    if (!view.current) throw redirect(`/attempts/${id}/review`);
    return data({ view, notice: said.notice ?? null, errors: said.errors ?? null, values: form.values }, { status });
  };
  if (!form.ok) {
    // A missing hidden field means a forged or broken request: show the current state.
    if (form.errors.nodeId || form.errors.rowVersion) throw redirect(`/attempts/${id}?notice=stale`);
    return answer({ errors: form.errors }, 400);
  }
  const result = await takeStep(context.db, { id: user.id, establishmentId: user.establishmentId }, id, form.data);
  // Without JavaScript, POST-redirect-GET; with it, the answer is the next page itself.
  switch (result.kind) {
    case "ok":
      if (result.finished) return redirect(`/attempts/${id}/review`);
      return context.dataRequest ? answer({}, 200, result.attempt) : redirect(`/attempts/${id}`);
    case "not-found":
      return notFound();
    case "not-in-progress":
      return redirect(`/attempts/${id}/review?notice=finished`);
    case "invalid-text":
      return answer({ errors: { reply: result.message } }, 400);
    case "stale":
    case "not-allowed":
      return context.dataRequest
        ? answer({ notice: NOTICES[result.kind] })
        : redirect(`/attempts/${id}?notice=${result.kind}`);
  }
}

// A step's answer carries the whole page, so nothing needs loading again after it (the layout
// opts out of conversation steps too: app/root.tsx).
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult && typeof actionResult === "object" && "view" in actionResult ? false : defaultShouldRevalidate;

export default function Play() {
  const loaded = useLoaderData<typeof loader>();
  // A step is sent by a fetcher (with JavaScript the address stays the page's own); without
  // JavaScript a step that needs correcting comes back as the action's data.
  const step = useFetcher<typeof action>();
  const posted = useActionData<typeof action>();
  const answer = step.data ?? posted;
  // The newest of the page as loaded and the last answer (row versions only grow).
  const shown = answer && answer.view.attempt.rowVersion >= loaded.view.attempt.rowVersion ? answer : null;
  const view = shown?.view ?? loaded.view;
  const notice = shown ? shown.notice : loaded.notice;
  // How long the conversation usually takes is the version's, so the loaded page's stays true.
  const { usually, replyLimit } = loaded;
  const result = shown?.errors ? { errors: shown.errors, values: shown.values } : undefined;
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
          replyDefault={result?.values.reply ?? loaded.keptReply ?? undefined}
          replyRestored={!result && Boolean(loaded.keptReply)}
          method="post"
          FormComponent={step.Form}
          stepKey={stepKeyOf(current.nodeId, attempt.rowVersion)}
          keepReplyOf={attempt.id}
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
