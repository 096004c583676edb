// The review at the end of an attempt: the ending, the whole conversation with each turn labelled,
// and this attempt's practice indicators beside the MITI 4.2.1 fair and good levels.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { NotificationBanner, SummaryList } from "~/components/page";
import { IndicatorsTable, Transcript } from "~/components/practice";
import { loadAttemptView } from "~/practice/attempt-view.server";
import { attemptIdOf, noticeOf } from "~/practice/route-helpers.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Review: ${data.view.scenario.title}` : "Review");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { roles: ["officer"] });
  const view = await loadAttemptView(context.db, user.id, attemptIdOf(params));
  if (!view) notFound();
  if (view.attempt.status === "in_progress") throw redirect(`/attempts/${view.attempt.id}`);
  return { view, notice: noticeOf(request) };
}

export default function Review() {
  const { view, notice } = useLoaderData<typeof loader>();
  const { attempt, scenario, ending } = view;
  const finished = attempt.status === "finished";
  return (
    <>
      {notice ? (
        <NotificationBanner title="Important" success={false}>
          {notice}
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">{attempt.mode === "practice" ? "Practice" : "Assessment"} review</span>
      <h1 className="govuk-heading-l">{scenario.title}</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <SummaryList
            rows={[
              { key: "Mode", value: attempt.mode === "practice" ? "Practice" : "Assessment" },
              { key: "Started", value: attempt.startedAt },
              finished
                ? { key: "Finished", value: attempt.finishedAt }
                : { key: "Status", value: "Abandoned: it does not count towards your training" },
              ...(ending
                ? [
                    { key: "How it ended", value: ending.label },
                    { key: "Outcome", value: `${ending.outcome}: ${ending.outcomeDescription}` },
                  ]
                : []),
            ]}
          />
        </div>
      </div>

      {finished ? (
        <>
          <IndicatorsTable caption="Your practice indicators for this attempt" lines={view.indicators} />
          <p className="govuk-body">
            These are practice indicators based on MITI 4.2.1, not a MITI coding. They count the options you chose in
            one short conversation; the % open questions comes from the older MITI 3.1.1. Written replies are rated by a
            trainer and are not counted here.
          </p>
        </>
      ) : null}

      <h2 className="govuk-heading-m">The conversation</h2>
      <p className="govuk-body">
        Each of your responses is labelled with its MI code and each of {scenario.persona.name}'s lines with its talk
        type.
      </p>
      <Transcript personaName={scenario.persona.name} opening={view.opening} turns={view.turns} labels="codes" />

      <p className="govuk-body">
        <a className="govuk-link" href={`/scenarios/${scenario.id}`}>
          Try this scenario again
        </a>
        {" · "}
        <a className="govuk-link" href="/">
          Back to your training
        </a>
        {" · "}
        <a className="govuk-link" href="/record">
          My record
        </a>
      </p>
    </>
  );
}
