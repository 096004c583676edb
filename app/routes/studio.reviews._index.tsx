import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { formatDateTime } from "~/domain/dates.server";
import { Pagination } from "~/components/pagination";
import { reviewQueue } from "~/studio/reviews.server";
import { title } from "~/utils/meta";
import { askedPage } from "~/utils/query.server";
import { SummaryCard, SummaryList } from "~/components/page";

export const meta: MetaFunction = () => title("Written replies to review");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "rateReplies" });
  const queue = await reviewQueue(context.db, user, askedPage(new URL(request.url).searchParams));
  return { ...queue, replies: queue.replies.map((r) => ({ ...r, at: formatDateTime(r.at) })) };
}

export default function ReviewQueue() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Written replies to review</h1>
      <p className="govuk-body">
        Officers’ own replies from your prison, oldest first. Rate each from 1 to 5 for depth of reflection; the officer
        sees your rating and comment in their record.
      </p>
      {d.total === 0 ? (
        <p className="govuk-body">There are no written replies waiting for a rating.</p>
      ) : (
        <>
          <p className="govuk-body">{d.total === 1 ? "1 reply is" : `${d.total} replies are`} waiting.</p>
          {/* Cards, not a table: the reply is what a trainer reads, and on a phone a table left it a sliver. */}
          {d.replies.map((r) => (
            <SummaryCard
              key={r.id}
              id={`reply-${r.id}`}
              title={`${r.officer}: ${r.scenarioTitle}`}
              actions={[
                <a key="rate" className="govuk-link" href={`/studio/reviews/${r.id}`}>
                  Rate
                  <span className="govuk-visually-hidden">
                    {" "}
                    the reply by {r.officer} written {r.at}
                  </span>
                </a>,
              ]}
            >
              <SummaryList
                rows={[
                  { key: "Written", value: r.at },
                  {
                    key: "Reply",
                    value: (
                      <span className="app-pre-wrap">
                        “{r.text.length > 120 ? `${r.text.slice(0, 119)}…` : r.text}”
                      </span>
                    ),
                  },
                ]}
              />
            </SummaryCard>
          ))}
          <Pagination page={d.page} pages={d.pages} query={{}} />
        </>
      )}
    </>
  );
}
