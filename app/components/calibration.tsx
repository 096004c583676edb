// Two coaches' sheets of one conversation side by side, with how far they agree.
import type { AgreementView } from "~/coaching/calibration.server";
import { SummaryList } from "~/components/page";
import { Cell, Row, RowHeader, Table } from "~/components/table";

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
        <Table
          caption="The two sheets side by side"
          captionSize="s"
          head={[
            "Behaviour or rating",
            { text: agreement.firstCoach, numeric: true },
            { text: agreement.secondCoach, numeric: true },
          ]}
        >
          {[...agreement.counts.map((c) => ({ name: c.label, ...c })), ...r.each].map((row) => (
            <Row key={row.name}>
              <RowHeader>{row.name}</RowHeader>
              <Cell numeric>{row.first}</Cell>
              <Cell numeric>{row.second}</Cell>
            </Row>
          ))}
        </Table>
      </div>
    </>
  );
}
