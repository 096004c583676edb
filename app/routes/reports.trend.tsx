import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LineChart } from "~/components/charts";
import { monthName, ReportsHeader } from "~/components/reports";
import { monthLabels } from "~/domain/dates.server";
import { describeCount, isSmallGroup } from "~/domain/reporting/suppression";
import { monthlyTrajectory, prisonProgress } from "~/reports/progress.server";
import { requireReportScope } from "~/reports/scope.server";
import { WideTable } from "~/components/wide-table";
import { title } from "~/utils/meta";
import { Cell, Row, RowHeader, Table } from "~/components/table";

export const meta: MetaFunction = () => title("Trend");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  const now = new Date();
  const p = await prisonProgress(scope.db, scope.prison.id, { now });
  const points = monthlyTrajectory(p, now);
  return {
    scope: { prison: scope.prison, prisons: scope.prisons },
    labels: monthLabels(points.map((t) => t.month)),
    officers: p.officers.length,
    months: points.map((t, i) => ({
      month: t.month,
      completed: t.completed,
      newlyCompleted: t.completed - (i === 0 ? 0 : points[i - 1].completed),
      competent: t.competent,
    })),
  };
}

export default function Trend() {
  const { scope, officers, months, labels } = useLoaderData<typeof loader>();
  const monthLabel = (m: string, short = false) => monthName(labels, m, short);
  const small = isSmallGroup(officers);
  return (
    <ReportsHeader scope={scope} title="Trend">
      <p className="govuk-body">
        {months.length < 12
          ? `The months since ${monthLabel(months[0].month)}, when this prison's training record starts`
          : "The last 12 months"}
        , counted over the {small ? "" : `${officers} `}officers in post today. The current month runs to today.
      </p>
      {small ? (
        <p className="govuk-body">Fewer than 5 officers in post: the trend is not shown.</p>
      ) : (
        <LineChart
          title="Officers who completed, and who were competent in, the whole programme, by month"
          description="Months along the bottom, officers up the side. The same figures are in the table below."
          labels={months.map((m) => monthLabel(m.month, true))}
          series={[
            { name: "Completed the programme (by month end)", values: months.map((m) => m.completed) },
            { name: "Competent in every module (at month end)", values: months.map((m) => m.competent) },
          ]}
          yMax={Math.max(1, ...months.map((m) => m.completed))}
        />
      )}
      <WideTable label="Completions and competent officers by month">
        <Table
          caption="Completions and competent officers by month"
          head={[
            "Month",
            { text: "Completed the programme in the month", numeric: true },
            { text: "Completed by month end", numeric: true },
            { text: "Competent at month end", numeric: true },
          ]}
        >
          {months.map((m) => (
            <Row key={m.month}>
              <RowHeader>{monthLabel(m.month)}</RowHeader>
              <Cell numeric>{describeCount(m.newlyCompleted, officers)}</Cell>
              <Cell numeric>{describeCount(m.completed, officers)}</Cell>
              <Cell numeric>{describeCount(m.competent, officers)}</Cell>
            </Row>
          ))}
        </Table>
      </WideTable>
    </ReportsHeader>
  );
}
