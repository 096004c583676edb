import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LineChart } from "~/components/charts";
import { monthName, reportHref, ReportsHeader, ShareText } from "~/components/reports";
import { isSmallGroup, SUPPRESSED_TEXT } from "~/domain/reporting/suppression";
import { formatDate, monthLabels } from "~/domain/dates.server";
import { overviewReport } from "~/reports/overview.server";
import { requireReportScope } from "~/reports/scope.server";
import { UptakeTable } from "~/components/uptake";
import { WideTable } from "~/components/wide-table";
import { title } from "~/utils/meta";
import { Cell, Row, RowHeader, Table } from "~/components/table";

export const meta: MetaFunction = () => title("Training overview");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  const report = await overviewReport(scope.db, scope.prison.id);
  return {
    scope: { prison: scope.prison, prisons: scope.prisons },
    ...report,
    words: {
      target: report.target ? formatDate(report.target.date) : null,
      projected: report.projection?.projectedDate ? formatDate(report.projection.projectedDate) : null,
      months: monthLabels([...(report.targetChart?.months ?? []), ...report.engagement.map((e) => e.month)]),
    },
  };
}

const pct = (n: number | null) => (n === null ? "Not recorded" : `${Math.round(n)}%`);

export default function Overview() {
  const { scope, modules, summary, uptake, target, projection, targetChart, engagement, words, assignments } =
    useLoaderData<typeof loader>();
  const monthLabel = (m: string, short = false) => monthName(words.months, m, short);
  // Months with counts so far: fewer than 12 for a prison whose record starts within the year.
  const paceMonths = targetChart?.actual.filter((v) => v !== null).length ?? 0;
  const paceSpan =
    paceMonths === 12 || !targetChart
      ? "the last 12 months"
      : `the ${paceMonths} months since ${monthLabel(targetChart.months[0])}`;
  return (
    <ReportsHeader scope={scope} title="Training overview">
      <p className="govuk-body-l">
        {summary.officers} officer{summary.officers === 1 ? "" : "s"} in post
      </p>

      <h2 className="govuk-heading-m">Assigned training</h2>
      {assignments.assigned ? (
        <dl className="govuk-summary-list" id="assignment-summary">
          {[
            ["Officers with training assigned", assignments.assigned, ""],
            ["On track", assignments.onTrack, "on_track"],
            ["Overdue", assignments.overdue, "overdue"],
          ].map(([label, n, due]) => (
            <div className="govuk-summary-list__row" key={label}>
              <dt className="govuk-summary-list__key">{label}</dt>
              <dd className="govuk-summary-list__value">
                <a
                  className="govuk-link"
                  href={reportHref("/reports/matrix", scope, { due: due ? String(due) : "assigned" })}
                >
                  {n}
                  <span className="govuk-visually-hidden"> officers: see them in the training matrix</span>
                </a>
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="govuk-body">
          Nothing is assigned yet.{" "}
          <a className="govuk-link" href={reportHref("/reports/assignments", scope)}>
            Assign training with a due date
          </a>
        </p>
      )}

      <h2 className="govuk-heading-m">Progress to the target</h2>
      {target && isSmallGroup(summary.officers) ? (
        <p className="govuk-body">
          Target: {target.percent}% of officers competent in every module by {words.target}. Fewer than 5 officers are
          in post, so progress to it is not shown.
        </p>
      ) : target && projection && targetChart ? (
        <>
          <p className="govuk-body">
            Target: {target.percent}% of officers competent in every module by {words.target} ({projection.needed} of{" "}
            {summary.officers} officers). Now: {projection.competentNow} competent in every module.
          </p>
          <div className={`govuk-inset-text`}>
            {projection.onCourse ? (
              <p className="govuk-body govuk-!-font-weight-bold" id="target-status">
                On course
                {projection.reached
                  ? ": the target is already met."
                  : projection.projectedDate
                    ? `: at the current pace the target is reached by ${words.projected}.`
                    : "."}
              </p>
            ) : (
              <p className="govuk-body govuk-!-font-weight-bold" id="target-status">
                Behind by {projection.behindBy} officer{projection.behindBy === 1 ? "" : "s"} on the target date:{" "}
                {projection.projectedDate
                  ? `at the current pace the target is reached by ${words.projected}, after the target date.`
                  : "at the current pace the target is not reached."}
              </p>
            )}
            <p className="govuk-body-s">
              {paceMonths < 2
                ? "There is no pace yet: it needs the counts of at least two months."
                : `The pace is a straight line through ${paceSpan} (${Math.round(projection.perMonth * 10) / 10} officers a month).`}
            </p>
          </div>
          <LineChart
            title="Officers competent in every module: actual, target line and projection"
            description="Months along the bottom, officers up the side. The same figures are in the table below the chart."
            labels={targetChart.months.map((m) => monthLabel(m, true))}
            series={[
              { name: "Actual", values: targetChart.actual },
              { name: "Target line", values: targetChart.target },
              { name: "Projection at the current pace", values: targetChart.projection },
            ]}
            yMax={Math.max(targetChart.needed, ...targetChart.actual.map((v) => v ?? 0), 1)}
            marker={targetChart.dueIndex >= 0 ? { index: targetChart.dueIndex, text: "Target date" } : undefined}
          />
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Figures for the target chart</span>
            </summary>
            <div className="govuk-details__text">
              <WideTable label="Officers competent in every module, by month">
                <Table
                  caption="Officers competent in every module, by month"
                  captionSize="s"
                  head={[
                    "Month",
                    { text: "Actual", numeric: true },
                    { text: "Target line", numeric: true },
                    { text: "Projection", numeric: true },
                  ]}
                >
                  {targetChart.months.map((m, i) => (
                    <Row key={m}>
                      <RowHeader>{monthLabel(m)}</RowHeader>
                      <Cell numeric>{targetChart.actual[i] ?? ""}</Cell>
                      <Cell numeric>{targetChart.target[i] === null ? "" : Math.round(targetChart.target[i])}</Cell>
                      <Cell numeric>
                        {targetChart.projection[i] === null ? "" : Math.round(targetChart.projection[i])}
                      </Cell>
                    </Row>
                  ))}
                </Table>
              </WideTable>
            </div>
          </details>
          <p className="govuk-body">
            <a className="govuk-link" href={reportHref("/reports/target", scope)}>
              Change the target
            </a>
          </p>
        </>
      ) : (
        <p className="govuk-body">
          No target set yet.{" "}
          <a className="govuk-link" href={reportHref("/reports/target", scope)}>
            Set a target
          </a>
        </p>
      )}

      <UptakeTable uptake={uptake} modules={modules} />
      <p className="govuk-body-s">
        Started: officers with an attempt in the module. The other columns count each officer once, by where they are
        now; officers not yet started make up the rest.
      </p>

      <WideTable label="Completion and competency by module">
        <Table
          caption="Completion and competency by module"
          head={["Module", "Completed", "Competent", "Refresher due"]}
        >
          {summary.modules.map((m, i) => (
            <Row key={m.moduleId}>
              <RowHeader>{modules[i]?.title ?? m.moduleId}</RowHeader>
              <Cell>
                <ShareText share={m.completed} />
              </Cell>
              <Cell>
                <ShareText share={m.competent} />
              </Cell>
              <Cell>
                <ShareText share={m.refresherDue} />
              </Cell>
            </Row>
          ))}
          <Row>
            <RowHeader>Whole programme</RowHeader>
            <Cell>
              <ShareText share={summary.programme.completed} />
            </Cell>
            <Cell>
              <ShareText share={summary.programme.competent} />
            </Cell>
            <Cell>
              <ShareText share={summary.programme.refresherDue} />
            </Cell>
          </Row>
        </Table>
      </WideTable>
      <p className="govuk-body-s">
        Completed: every scenario in the module finished. Competent: every scenario passed in assessment within the
        refresher interval. Refresher due: every scenario once passed, but a pass is now older than the interval.
      </p>

      <h2 className="govuk-heading-m">Programme engagement beside training coverage</h2>
      {engagement.some((e) => e.refusalPercent !== null) ? (
        <LineChart
          title="Refusal rate for offending-behaviour programmes beside training coverage, by month"
          description="Months along the bottom, percentages up the side. The same figures are in the table below the chart."
          labels={engagement.map((e) => monthLabel(e.month, true))}
          series={[
            { name: "Men refusing or not engaging (% of eligible)", values: engagement.map((e) => e.refusalPercent) },
            { name: "Officers who completed the programme (%)", values: engagement.map((e) => e.completedPercent) },
            { name: "Officers competent in every module (%)", values: engagement.map((e) => e.competentPercent) },
          ]}
          yMax={100}
          yFormat={(v) => `${v}%`}
        />
      ) : (
        <p className="govuk-body">No engagement figures recorded for the last 12 months.</p>
      )}
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          These lines show association, not cause: refusal rates move for many reasons (population changes, programme
          places, regime), so a change alongside training does not show that training caused it.
        </strong>
      </div>
      <WideTable label="Programme engagement and training coverage by month">
        <Table
          caption="Programme engagement and training coverage by month"
          captionSize="s"
          head={[
            "Month",
            { text: "Eligible", numeric: true },
            { text: "Refusing or not engaging", numeric: true },
            { text: "Refusal rate", numeric: true },
            { text: "Officers completed", numeric: true },
            { text: "Officers competent", numeric: true },
          ]}
          id="engagement-table"
        >
          {engagement.map((e) => (
            <Row key={e.month}>
              <RowHeader>{monthLabel(e.month)}</RowHeader>
              <Cell numeric>{e.eligible ?? "Not recorded"}</Cell>
              <Cell numeric>{e.notEngaging ?? "Not recorded"}</Cell>
              <Cell numeric>{pct(e.refusalPercent)}</Cell>
              <Cell numeric>{e.completedPercent === null ? SUPPRESSED_TEXT : pct(e.completedPercent)}</Cell>
              <Cell numeric>{e.competentPercent === null ? SUPPRESSED_TEXT : pct(e.competentPercent)}</Cell>
            </Row>
          ))}
        </Table>
      </WideTable>
      <p className="govuk-body">
        <a className="govuk-link" href={reportHref("/reports/engagement", scope)}>
          Record engagement figures
        </a>
      </p>
    </ReportsHeader>
  );
}
