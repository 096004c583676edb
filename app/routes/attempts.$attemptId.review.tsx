// The review at the end of an attempt: first whether it counts (for an assessment, whether it
// passed and what it missed), the next step, then the practice indicators in plain words, and
// the whole conversation, folded away, with each turn labelled.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { NotificationBanner, SummaryList, Tag } from "~/components/page";
import { Indicators, NextStep, ResponseCounts, Transcript } from "~/components/practice";
import { RatingsExplained } from "~/components/ratings-explained";
import { ASSESSMENT_RESULT, MODE } from "~/domain/vocabulary";
import { judgeAttempt, loadAttemptView } from "~/practice/attempt-view.server";
import { progressAndAssigned } from "~/practice/progress.server";
import { attemptIdOf, noticeOf } from "~/practice/route-helpers.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Review: ${data.view.scenario.title}` : "Review");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "practise" });
  const id = attemptIdOf(params);
  const view = await loadAttemptView(context.db, user.id, id);
  if (!view) notFound();
  if (view.attempt.status === "in_progress") throw redirect(`/attempts/${view.attempt.id}`);
  const [judged, { progress }] = await Promise.all([
    judgeAttempt(context.db, user.id, id),
    progressAndAssigned(context.db, user),
  ]);
  const module = judged?.module && progress.modules.find((m) => m.id === judged.module!.id);
  return {
    view,
    notice: noticeOf(request),
    judged,
    moduleStatus: module ? { title: module.title, status: module.status, left: module.left } : null,
    next: progress.next,
  };
}

function Verdict({ d }: { d: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const { view, judged, moduleStatus } = d;
  if (view.attempt.status === "abandoned")
    return <p className="govuk-body">This attempt was abandoned: it does not count towards your training.</p>;
  if (!judged?.module)
    return (
      <p className="govuk-body">
        This scenario is no longer in a module, so this attempt does not count towards being competent. It stays in your
        record.
      </p>
    );
  const after = moduleStatus ? (
    <p className="govuk-body">
      {moduleStatus.title} is now <Tag colour={moduleStatus.status.colour}>{moduleStatus.status.label}</Tag>.{" "}
      {moduleStatus.left}
    </p>
  ) : null;
  if (!judged.result)
    return (
      <div className="app-verdict" data-testid="verdict">
        <h2 className="govuk-heading-m">Practice does not count towards being competent</h2>
        <p className="govuk-body">
          Practice is for trying things with feedback. Only an assessment of this scenario counts towards being
          Competent in {judged.module.title}.
        </p>
        {after}
      </div>
    );
  const word = ASSESSMENT_RESULT[judged.result.passed ? "passed" : "not_passed"];
  return (
    <div className={`app-verdict app-verdict--${judged.result.passed ? "passed" : "not-passed"}`} data-testid="verdict">
      <h2 className="govuk-heading-m">
        <Tag colour={word.colour}>{word.label}</Tag>{" "}
        {judged.result.passed
          ? `This assessment counts towards being Competent in ${judged.module.title}`
          : `This assessment does not count towards being Competent in ${judged.module.title}`}
      </h2>
      {judged.result.passed ? (
        <p className="govuk-body">It met every threshold the module sets.</p>
      ) : (
        <>
          <p className="govuk-body">
            It missed{" "}
            {judged.result.missed.length === 1 ? "one threshold" : `${judged.result.missed.length} thresholds`}:
          </p>
          <ul className="govuk-list govuk-list--bullet">
            {judged.result.missed.map((m) => (
              <li key={m.key}>
                {m.what} <strong>Try this:</strong> {m.tryThis}
              </li>
            ))}
          </ul>
        </>
      )}
      {after}
    </div>
  );
}

export default function Review() {
  const d = useLoaderData<typeof loader>();
  const { view, notice, next } = d;
  const { attempt, scenario, ending } = view;
  const finished = attempt.status === "finished";
  // Two-thirds wide, as the play page is: lines of the indicators stay short enough to read at 1,280 px.
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {notice ? (
          <NotificationBanner title="Important" success={false}>
            {notice}
          </NotificationBanner>
        ) : null}
        <span className="govuk-caption-l">{MODE[attempt.mode].label} review</span>
        <h1 className="govuk-heading-l">{scenario.title}</h1>
        <Verdict d={d} />
        {next ? <NextStep next={next} /> : null}
        <SummaryList
          rows={[
            { key: "Started", value: attempt.startedAt },
            finished ? { key: "Finished", value: attempt.finishedAt } : { key: "Status", value: "Abandoned" },
            ...(ending
              ? [{ key: "How it ended", value: `${ending.label} (${ending.outcome}: ${ending.outcomeDescription})` }]
              : []),
          ]}
        />

        {finished ? (
          <>
            <Indicators title="What you did in this conversation" lines={view.indicators} />
            <p className="govuk-body-s">
              These are practice indicators based on MITI 4.2.1 (the Motivational Interviewing Treatment Integrity code
              that researchers and trainers use to rate real conversations), not a MITI coding. They count the options
              you chose in one short conversation; the % open questions comes from the older MITI 3.1.1. Written replies
              are rated by a trainer and are not counted here.
            </p>
          </>
        ) : null}

        <h2 className="govuk-heading-m">The conversation</h2>
        {view.turns.length ? (
          <>
            <p className="govuk-body">
              Your {view.turns.length === 1 ? "response" : `${view.turns.length} responses`}:
            </p>
            <ResponseCounts turns={view.turns} />
          </>
        ) : null}
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Read the whole conversation, turn by turn</span>
          </summary>
          <div className="govuk-details__text">
            <p className="govuk-body">
              Each of your responses is labelled with its MI code and each of {scenario.persona.name}'s lines with its
              talk type.
            </p>
            <Transcript personaName={scenario.persona.name} opening={view.opening} turns={view.turns} labels="codes" />
          </div>
        </details>
        {view.turns.some((t) => t.officer.written) ? <RatingsExplained /> : null}

        <p className="govuk-body">
          {d.judged?.module ? (
            <>
              <a className="govuk-link" href={`/scenarios/${scenario.id}`}>
                Try this scenario again
              </a>
              {" · "}
            </>
          ) : null}
          <a className="govuk-link" href="/">
            Back to your training
          </a>
          {" · "}
          <a className="govuk-link" href="/record">
            My record
          </a>
        </p>
      </div>
    </div>
  );
}
