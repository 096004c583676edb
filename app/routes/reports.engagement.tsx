import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { listEngagementFigures } from "~db/queries/reports.server";
import { ErrorSummary } from "~/components/error-summary";
import { TextInput } from "~/components/fields";
import { dateError, DateInput } from "~/components/date-input";
import { monthName, reportHref, ReportsHeader } from "~/components/reports";
import { monthLabel, monthLabels, monthOf } from "~/domain/dates.server";
import { readEngagementForm } from "~/reports/forms.server";
import { requireReportForm, requireReportScope } from "~/reports/scope.server";
import { recordEngagement } from "~/reports/targets.server";
import { WideTable } from "~/components/wide-table";
import { title } from "~/utils/meta";
import { refusalPercent } from "~/domain/reporting/projection";
import { Cell, Row, RowHeader, Table } from "~/components/table";

export const meta: MetaFunction = () => title("Programme engagement");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  const figures = await listEngagementFigures(scope.db, scope.prison.id);
  return {
    scope: { prison: scope.prison, prisons: scope.prisons },
    figures: figures.reverse().map((f) => ({ ...f, refusalPercent: refusalPercent(f.eligible, f.not_engaging) })),
    labels: monthLabels(figures.map((f) => f.month)),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { scope, formData } = await requireReportForm(request, context);
  const form = readEngagementForm(formData, monthOf(new Date()));
  if (!form.ok) return data({ errors: form.errors, values: form.values, wrongDate: form.wrongDate }, { status: 400 });
  const figures = { ...form.data, month: form.month };
  await recordEngagement(scope.db, { userId: scope.user.id, establishmentId: scope.prison.id }, figures);
  return context.sessions.redirectWithNotice(
    request,
    reportHref("/reports/engagement", scope),
    `Figures for ${monthLabel(form.month)} saved.`,
  );
}

export default function EngagementPage() {
  const { scope, figures, labels } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values ?? {};
  // A new key after each save (the redirect is a new location): with JavaScript on, the page is not
  // reloaded, and the fields would otherwise keep the month just saved. A refused form keeps one key,
  // so what is typed into it after the errors stays until the next save.
  const { key } = useLocation();
  return (
    <ReportsHeader scope={scope} title="Programme engagement">
      <ErrorSummary errors={result?.errors} />
      <p className="govuk-body">
        Each month, record how many men were eligible for offending-behaviour programmes and how many refused or did not
        engage. The overview plots the refusal rate beside training coverage. Recording a month again replaces its
        figures.
      </p>
      <Form method="post" action={reportHref("/reports/engagement", scope)} noValidate key={result ? "refused" : key}>
        {scope.prisons.length ? <input type="hidden" name="prison" value={scope.prison.id} /> : null}
        <DateInput
          name="month"
          legend="Month the figures are for"
          hint="For example, 3 2026"
          error={dateError(result?.errors, "month")}
          wrong={result?.wrongDate}
          values={{ month: values.monthMonth, year: values.monthYear }}
          withoutDay
        />
        <TextInput
          name="eligible"
          label="Men eligible for programmes"
          inputMode="numeric"
          className="govuk-input--width-5"
          defaultValue={values.eligible}
          error={result?.errors.eligible}
        />
        <TextInput
          name="notEngaging"
          label="Men refusing or not engaging"
          inputMode="numeric"
          className="govuk-input--width-5"
          defaultValue={values.notEngaging}
          error={result?.errors.notEngaging}
        />
        <button type="submit" className="govuk-button">
          Save figures
        </button>
      </Form>
      <WideTable label="Figures recorded">
        <Table
          caption="Figures recorded"
          head={[
            "Month",
            { text: "Eligible", numeric: true },
            { text: "Refusing or not engaging", numeric: true },
            { text: "Refusal rate", numeric: true },
          ]}
        >
          {figures.length === 0 ? (
            <Row>
              <Cell colSpan={4}>No figures recorded yet.</Cell>
            </Row>
          ) : (
            figures.map((f) => (
              <Row key={f.month}>
                <RowHeader>{monthName(labels, f.month)}</RowHeader>
                <Cell numeric>{f.eligible}</Cell>
                <Cell numeric>{f.not_engaging}</Cell>
                <Cell numeric>{f.refusalPercent === null ? "Not recorded" : `${Math.round(f.refusalPercent)}%`}</Cell>
              </Row>
            ))
          )}
        </Table>
      </WideTable>
    </ReportsHeader>
  );
}
