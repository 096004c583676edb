import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { formatDateTime } from "~/domain/dates.server";
import { Pagination } from "~/components/pagination";
import { ratedList, reviewQueue } from "~/studio/reviews.server";
import { ratingInWords } from "~/studio/hrq";
import { title } from "~/utils/meta";
import { reviewListOptions } from "~/studio/links.server";
import { SubNavigation, SummaryCard, SummaryList } from "~/components/page";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data?.list === "rated" ? "Rated written replies" : "Written replies to review");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "rateReplies" });
  const options = reviewListOptions(request);
  if (options.list === "rated") {
    const rated = await ratedList(context.db, user, options.page);
    return {
      ...rated,
      list: "rated" as const,
      replies: rated.replies.map((r) => ({
        ...r,
        at: formatDateTime(r.at),
        rated: { rating: ratingInWords(r.rating), by: r.ratedBy, at: formatDateTime(r.ratedAt) },
      })),
    };
  }
  const queue = await reviewQueue(context.db, user, options.page);
  return {
    ...queue,
    list: "waiting" as const,
    replies: queue.replies.map((r) => ({ ...r, at: formatDateTime(r.at), rated: null })),
  };
}

const shortened = (text: string) => `“${text.length > 120 ? `${text.slice(0, 119)}…` : text}”`;

export default function ReviewQueue() {
  const d = useLoaderData<typeof loader>();
  const rated = d.list === "rated";
  return (
    <>
      <h1 className="govuk-heading-l">{rated ? "Rated written replies" : "Written replies to review"}</h1>
      <SubNavigation
        label="Written replies"
        items={[
          { href: "/studio/reviews", text: "Waiting for a rating", current: !rated },
          { href: "/studio/reviews?list=rated", text: "Rated", current: rated },
        ]}
      />
      {rated ? (
        <p className="govuk-body">
          Replies from {d.everyPrison ? "every prison" : "your prison"} that have a rating, the latest rating first.
          Open one to change its rating; the officer is told when a rating changes.
        </p>
      ) : (
        <p className="govuk-body">
          Officers’ own replies from {d.everyPrison ? "every prison" : "your prison"}, oldest first. Rate each from 1 to
          5 for depth of reflection; the officer sees your rating and comment in their record.
        </p>
      )}
      {d.total === 0 ? (
        <p className="govuk-body">
          {rated ? "No written replies have been rated yet." : "There are no written replies waiting for a rating."}
        </p>
      ) : (
        <>
          <p className="govuk-body">
            {rated
              ? d.total === 1
                ? "1 reply has a rating."
                : `${d.total} replies have a rating.`
              : d.total === 1
                ? "1 reply is waiting."
                : `${d.total} replies are waiting.`}
          </p>
          {/* Cards, not a table: the reply is what a trainer reads, and on a phone a table left it a sliver. */}
          {d.replies.map((r) => (
            <SummaryCard
              key={r.id}
              id={`reply-${r.id}`}
              title={`${r.officer}: ${r.scenarioTitle}`}
              actions={[
                <a key="rate" className="govuk-link" href={`/studio/reviews/${r.id}`}>
                  {r.rated ? "Change the rating" : "Rate"}
                  <span className="govuk-visually-hidden">
                    {" "}
                    {r.rated ? "of " : ""}the reply by {r.officer} written {r.at}
                  </span>
                </a>,
              ]}
            >
              <SummaryList
                rows={[
                  ...(r.prison ? [{ key: "Prison", value: r.prison }] : []),
                  { key: "Written", value: r.at },
                  { key: "Reply", value: <span className="app-pre-wrap">{shortened(r.text)}</span> },
                  ...(r.rated
                    ? [
                        { key: "Rating", value: r.rated.rating },
                        { key: "Rated", value: `${r.rated.at}${r.rated.by ? ` by ${r.rated.by}` : ""}` },
                      ]
                    : []),
                ]}
              />
            </SummaryCard>
          ))}
          <Pagination page={d.page} pages={d.pages} query={rated ? { list: "rated" } : {}} />
        </>
      )}
    </>
  );
}
