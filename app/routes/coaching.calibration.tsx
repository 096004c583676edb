// Calibration: how far coaches agree when they observe the same conversation, pair by pair, and
// across the conversations each pair of coaches shared.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireCoach } from "~/auth/guard.server";
import { calibrationOverview } from "~/coaching/calibration.server";
import { ICC_NOTE } from "~/components/calibration";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Calibration");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const coach = await requireCoach(request, context);
  return { everyone: coach.role !== "officer", ...(await calibrationOverview(context.db, coach)) };
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
        <div className="app-table-scroll" tabIndex={0} role="region" aria-label="Calibration pairs">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">Calibration pairs</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Conversation
                </th>
                <th scope="col" className="govuk-table__header">
                  Coaches
                </th>
                <th scope="col" className="govuk-table__header">
                  Counts (ICC)
                </th>
                <th scope="col" className="govuk-table__header">
                  Ratings
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {pairs.map((p) => (
                <tr key={p.id} className="govuk-table__row">
                  <td className="govuk-table__cell">
                    <a className="govuk-link" href={`/coaching/observations/${p.id}`}>
                      {p.officer}, {p.date}
                    </a>
                  </td>
                  <td className="govuk-table__cell">{p.coaches}</td>
                  <td className="govuk-table__cell">{p.icc}</td>
                  <td className="govuk-table__cell">
                    {p.ratings.exact} of {p.ratings.total} the same, {p.ratings.adjacent} within one point
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {series.map((s) => (
        <div key={s.coaches} className="app-table-scroll" tabIndex={0} role="region" aria-label={s.coaches}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">
              {s.coaches}: {s.conversations} conversations
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Behaviour
                </th>
                <th scope="col" className="govuk-table__header">
                  Agreement across the conversations (ICC)
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {s.behaviours.map((b) => (
                <tr key={b.label} className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    {b.label}
                  </th>
                  <td className="govuk-table__cell">{b.icc}</td>
                </tr>
              ))}
              <tr className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  Global ratings
                </th>
                <td className="govuk-table__cell">
                  {s.ratings.exact} of {s.ratings.total} the same, {s.ratings.adjacent} within one point
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}
