// An observed conversation as coaches, officers and managers read it: plain words first, each
// figure against the MITI 4.2.1 fair and good levels, then the tallies and the coach's note.
import type { ReactNode } from "react";
import type { ObservationView } from "~/coaching/view";
import type { IndicatorLine } from "~/domain/indicators";
import type { GlobalLine } from "~/domain/observation/globals";
import { SummaryCard, SummaryList } from "~/components/page";
import { IndicatorLevelTag } from "~/components/levels";

export const OBSERVED_NOTE =
  "Observed practice indicators based on MITI 4.2.1, from a coach watching one real conversation: not a MITI coding.";

type FigureLine = Pick<IndicatorLine | GlobalLine, "key" | "plain" | "why" | "value" | "level" | "fair" | "good">;

/** Plain words first, then the figure against the levels (or why there is none). */
function Figure({ line }: { line: FigureLine }) {
  const { plain, why, value, fair, good } = line;
  return (
    <>
      <span className="govuk-!-display-block">{plain}</span>
      {value} <IndicatorLevelTag line={line} />
      {why ? <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{why}</span> : null}
      {fair === null ? null : (
        <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
          Fair: {fair}. Good: {good}.
        </span>
      )}
    </>
  );
}

export function ObservationDetails({ view, children }: { view: ObservationView; children?: ReactNode }) {
  return (
    <>
      <SummaryList
        rows={[
          { key: "Officer", value: `${view.officer.name}${view.officer.wing ? `, ${view.officer.wing}` : ""}` },
          { key: "Coach", value: view.coachName },
          { key: "Recorded", value: view.recordedAt ?? "Not yet: a draft" },
          { key: "Length", value: view.minutes === null ? "Not yet entered" : `${view.minutes} minutes` },
        ]}
      />
      <h2 className="govuk-heading-m">Indicators</h2>
      <p className="govuk-body-s">{OBSERVED_NOTE}</p>
      <SummaryList
        rows={[
          ...view.indicators.map((l) => ({
            key: (
              <>
                {l.name}
                <span className="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular">{l.explanation}</span>
              </>
            ),
            value: <Figure line={l} />,
          })),
          ...view.globals.map((g) => ({
            key: (
              <>
                {g.name}
                <span className="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular">{g.explanation}</span>
              </>
            ),
            value: <Figure line={g} />,
          })),
        ]}
      />
      {view.ratings.length ? (
        <>
          <h2 className="govuk-heading-m">Global ratings</h2>
          <SummaryList
            rows={view.ratings.map((r) => ({
              key: r.name,
              value: (
                <>
                  {r.value} out of 5
                  <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{r.meaning}</span>
                </>
              ),
            }))}
          />
        </>
      ) : null}
      <h2 className="govuk-heading-m">Coach’s note</h2>
      <SummaryList
        rows={[
          { key: "Strengths", value: <span className="app-pre-wrap">{view.strengths || "None written"}</span> },
          { key: "Next step", value: <span className="app-pre-wrap">{view.nextStep || "None written"}</span> },
        ]}
      />
      {children}
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">What the coach tallied</span>
        </summary>
        <div className="govuk-details__text">
          <SummaryList rows={view.counts.map((c) => ({ key: c.label, value: String(c.count) }))} />
        </div>
      </details>
    </>
  );
}

/** One observation as a summary card: its figures against the levels and the coach's note, and a link. */
export function ObservationCard({ view, href, linkText }: { view: ObservationView; href: string; linkText: string }) {
  return (
    <SummaryCard
      level={3}
      title={
        <>
          {view.date}: observed by {view.coachName}
          {view.minutes ? `, ${view.minutes} minutes` : ""}
        </>
      }
      actions={[
        <a key="open" className="govuk-link" href={href}>
          {linkText}
          <span className="govuk-visually-hidden"> ({view.date})</span>
        </a>,
      ]}
    >
      <SummaryList
        rows={[
          ...[...view.indicators, ...view.globals].map((l) => ({
            key: l.name,
            value: (
              <>
                {l.value} <IndicatorLevelTag line={l} />
              </>
            ),
          })),
          { key: "Strengths", value: <span className="app-pre-wrap">{view.strengths || "None written"}</span> },
          { key: "Next step", value: <span className="app-pre-wrap">{view.nextStep || "None written"}</span> },
        ]}
      />
    </SummaryCard>
  );
}
