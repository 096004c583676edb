import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getTarget } from "~db/queries/reports.server";
import { ErrorSummary } from "~/components/error-summary";
import { TextInput } from "~/components/fields";
import { dateError, DateInput } from "~/components/date-input";
import { reportHref, ReportsHeader } from "~/components/reports";
import { readTargetForm } from "~/reports/forms.server";
import { requireReportForm, requireReportScope } from "~/reports/scope.server";
import { setPrisonTarget } from "~/reports/targets.server";
import { title } from "~/utils/meta";
import { dayOf, formatDay } from "~/domain/dates.server";
import { dateFieldValues } from "~/utils/query.server";

export const meta: MetaFunction = () => title("Set the target");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  const target = await getTarget(scope.db, scope.prison.id);
  return {
    scope: { prison: scope.prison, prisons: scope.prisons },
    values: target
      ? { percent: String(target.target_percent), ...dateFieldValues("date", target.target_date) }
      : { percent: "" },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { scope, formData } = await requireReportForm(request, context);
  const form = readTargetForm(formData, dayOf(new Date()));
  if (!form.ok) return data({ errors: form.errors, values: form.values, wrongDate: form.wrongDate }, { status: 400 });
  await setPrisonTarget(
    scope.db,
    { userId: scope.user.id, establishmentId: scope.prison.id },
    { percent: form.data.percent, date: form.day },
  );
  return context.sessions.redirectWithNotice(
    request,
    reportHref("/reports", scope),
    `Target saved: ${form.data.percent}% of officers competent in every module by ${formatDay(form.day)}.`,
  );
}

export default function TargetPage() {
  const { scope, values: saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values: Record<string, string | undefined> = result?.values ?? saved;
  return (
    <ReportsHeader scope={scope} title="Set the target">
      <ErrorSummary errors={result?.errors} />
      <p className="govuk-body">
        The share of officers in post who should be competent in every module, and the date to reach it by.
      </p>
      <Form method="post" action={reportHref("/reports/target", scope)} noValidate>
        {scope.prisons.length ? <input type="hidden" name="prison" value={scope.prison.id} /> : null}
        <TextInput
          name="percent"
          label="Target percentage of officers"
          hint="A whole number from 1 to 100"
          inputMode="numeric"
          className="govuk-input--width-3"
          defaultValue={values.percent}
          error={result?.errors.percent}
        />
        <DateInput
          name="date"
          legend="Target date"
          hint="For example, 31 3 2027"
          error={dateError(result?.errors, "date")}
          wrong={result?.wrongDate}
          values={{ day: values.dateDay, month: values.dateMonth, year: values.dateYear }}
        />
        <button type="submit" className="govuk-button">
          Save target
        </button>
      </Form>
    </ReportsHeader>
  );
}
