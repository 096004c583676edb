import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { formatDateTime } from "~/domain/dates.server";
import { Pagination } from "~/components/pagination";
import { reviewQueue } from "~/studio/reviews.server";
import { title } from "~/utils/meta";
import { askedPage } from "~/utils/query.server";
import { Cell, Row, Table } from "~/components/table";

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
          <Table
            caption="Replies waiting for a rating"
            captionSize="hidden"
            head={["Written", "Officer", "Scenario", "Reply"]}
          >
            {d.replies.map((r) => (
              <Row key={r.id}>
                <Cell>{r.at}</Cell>
                <Cell>{r.officer}</Cell>
                <Cell className="app-wrap">{r.scenarioTitle}</Cell>
                <Cell className="app-wrap">
                  “{r.text.length > 120 ? `${r.text.slice(0, 119)}…` : r.text}”
                  <br />
                  <a className="govuk-link" href={`/studio/reviews/${r.id}`}>
                    Rate
                    <span className="govuk-visually-hidden">
                      {" "}
                      the reply by {r.officer} written {r.at}
                    </span>
                  </a>
                </Cell>
              </Row>
            ))}
          </Table>
          <Pagination page={d.page} pages={d.pages} query={{}} />
        </>
      )}
    </>
  );
}
