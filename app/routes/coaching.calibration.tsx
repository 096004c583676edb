// Calibration: how far coaches agree when they observe the same conversation, pair by pair, and
// across the conversations each pair of coaches shared.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { can } from "~/auth/capabilities";
import { requireCoach } from "~/auth/guard.server";
import { calibrationOverview } from "~/coaching/calibration.server";
import { ICC_NOTE } from "~/components/calibration";
import { title } from "~/utils/meta";
import { Cell, Row, RowHeader, Table } from "~/components/table";
import { WideTable } from "~/components/wide-table";

export const meta: MetaFunction = () => title("Calibration");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const coach = await requireCoach(request, context);
  return { everyone: can(coach, "readObservations"), ...(await calibrationOverview(context.db, coach)) };
}

export default function Calibration() {
  const { everyone, pairs, series } = useLoaderData<typeof loader>();
  return (
    <>
      <a href="/coaching" className="govuk-back-link">
        Back to coaching
      </a>
      <h1 className="govuk-heading-l">Calibration</h1>
      <p className="govuk-body">
        When two coaches observe the same conversation independently and link their sheets, Engage shows how far they
        agree, as MITI coders are calibrated. {everyone ? "Every pair in your prison." : "The pairs you are in."}
      </p>
      <p className="govuk-body-s">
        {ICC_NOTE} Ratings agree exactly when both coaches gave the same rating, and adjacently when they were at most
        one point apart.
      </p>
      {pairs.length === 0 ? (
        <p className="govuk-body">No calibration pairs yet.</p>
      ) : (
        <WideTable label="Calibration pairs">
          <Table caption="Calibration pairs" head={["Conversation", "Coaches", "Counts (ICC)", "Ratings"]}>
            {pairs.map((p) => (
              <Row key={p.id}>
                <Cell>
                  <a className="govuk-link" href={`/coaching/observations/${p.id}`}>
                    {p.officer}, {p.date}
                  </a>
                </Cell>
                <Cell>{p.coaches}</Cell>
                <Cell>{p.icc}</Cell>
                <Cell>
                  {p.ratings.exact} of {p.ratings.total} the same, {p.ratings.adjacent} within one point
                </Cell>
              </Row>
            ))}
          </Table>
        </WideTable>
      )}
      {series.map((s) => (
        <WideTable key={s.coaches} label={s.coaches}>
          <Table
            caption={`${s.coaches}: ${s.conversations} conversations`}
            head={["Behaviour", "Agreement across the conversations (ICC)"]}
          >
            {s.behaviours.map((b) => (
              <Row key={b.label}>
                <RowHeader>{b.label}</RowHeader>
                <Cell>{b.icc}</Cell>
              </Row>
            ))}
            <Row>
              <RowHeader>Global ratings</RowHeader>
              <Cell>
                {s.ratings.exact} of {s.ratings.total} the same, {s.ratings.adjacent} within one point
              </Cell>
            </Row>
          </Table>
        </WideTable>
      ))}
    </>
  );
}
