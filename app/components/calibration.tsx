// Two coaches' sheets of one conversation side by side, with how far they agree.
import type { AgreementView } from "~/coaching/calibration.server";
import { SummaryList } from "~/components/page";

export const ICC_NOTE =
  "Agreement on the counts is the intraclass correlation ICC(2,1) (two-way random effects, absolute agreement, single rater: Shrout & Fleiss 1979) across the behaviours, read as Cicchetti (1994) does: below 0.40 poor, 0.40 to 0.59 fair, 0.60 to 0.74 good, 0.75 and above excellent.";

export function CalibrationAgreement({ agreement }: { agreement: AgreementView }) {
  const r = agreement.ratings;
  return (
    <>
      <SummaryList
        rows={[
          { key: "Coaches", value: `${agreement.firstCoach} and ${agreement.secondCoach}` },
          { key: "Agreement on the counts", value: agreement.icc },
          {
            key: "Agreement on the ratings",
            value: `${r.exact} of ${r.total} the same; ${r.adjacent} of ${r.total} within one point`,
          },
        ]}
      />
      <p className="govuk-body-s">{ICC_NOTE}</p>
      <div className="app-table-scroll" tabIndex={0} role="region" aria-label="The two sheets side by side">
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">The two sheets side by side</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Behaviour or rating
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                {agreement.firstCoach}
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                {agreement.secondCoach}
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {[...agreement.counts.map((c) => ({ name: c.label, ...c })), ...r.each].map((row) => (
              <tr key={row.name} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {row.name}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{row.first}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{row.second}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
