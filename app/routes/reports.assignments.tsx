import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { assignmentChoices, assignmentList, createAssignments } from "~/assignments/assignments.server";
import { WHOLE_PROGRAMME } from "~/assignments/form";
import { parseAssignmentForm } from "~/assignments/forms.server";
import { ErrorSummary } from "~/components/error-summary";
import { CheckboxItems, DateInput, FieldsetFrame, Radios, Select, TextInput } from "~/components/fields";
import { reportHref, ReportsHeader } from "~/components/reports";
import { dayOf } from "~/domain/dates.server";
import { getCurriculum } from "~/curriculum/curriculum.server";
import { requireReportForm, requireReportScope } from "~/reports/scope.server";
import { title } from "~/utils/meta";
import { WideTable } from "~/components/wide-table";
import { Cell, Row, Table } from "~/components/table";

export const meta: MetaFunction = () => title("Assignments");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  const [curriculum, choices, list] = await Promise.all([
    getCurriculum(scope.db),
    assignmentChoices(scope.db, scope.prison.id),
    assignmentList(scope.db, scope.prison.id),
  ]);
  return {
    scope: { prison: scope.prison, prisons: scope.prisons },
    modules: curriculum.map((m) => ({ id: m.id, title: m.title })),
    ...choices,
    assignments: list.map(({ id, what, to, due }) => ({ id, what, to, due })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { scope, formData } = await requireReportForm(request, context);
  const back = reportHref("/reports/assignments", scope);
  const form = parseAssignmentForm(formData, dayOf(new Date()));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const moduleIds = (await getCurriculum(scope.db)).map((m) => m.id);
  const result = await createAssignments(scope.db, scope.user, scope.prison.id, form.data, moduleIds);
  if (!result.ok)
    return data(
      { errors: result.errors, values: Object.fromEntries(formData) as Record<string, string> },
      { status: 400 },
    );
  return context.sessions.redirectWithNotice(request, back, result.notice);
}

export default function Assignments() {
  const { scope, modules, wings, officers, assignments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const v = result?.values ?? {};
  const chosen = new Set((v.officerIds ?? "").split(","));
  return (
    <ReportsHeader scope={scope} title="Assignments">
      <ErrorSummary errors={result?.errors} />
      <p className="govuk-body">
        Give officers training to finish by a date. Officers see it under “Assigned to you” on their training page, with
        reminders by email before it is due and when it is overdue. It is met when the module is Competent; after that
        the refresher date applies.
      </p>
      <h2 className="govuk-heading-m">Assign training</h2>
      <Form method="post" noValidate>
        {scope.prisons.length ? <input type="hidden" name="prison" value={scope.prison.id} /> : null}
        <Select
          name="moduleId"
          label="What to assign"
          defaultValue={v.moduleId ?? ""}
          error={result?.errors.moduleId}
          options={[
            { value: "", label: "Choose" },
            { value: WHOLE_PROGRAMME, label: "The whole programme (every module)" },
            ...modules.map((m) => ({ value: m.id, label: m.title })),
          ]}
        />
        <Radios
          name="audience"
          legend="Who to assign it to"
          defaultValue={v.audience}
          error={result?.errors.audience}
          options={[
            { value: "prison", label: "Every officer in the prison" },
            { value: "wing", label: "A wing or team", hint: "Officers who join it later get it too" },
            { value: "officers", label: "Named officers" },
          ]}
        />
        <Select
          name="unitId"
          label="Wing or team"
          hint="If you chose a wing or team"
          defaultValue={v.unitId ?? ""}
          error={result?.errors.unitId}
          options={[{ value: "", label: "Choose" }, ...wings.map((w) => ({ value: String(w.id), label: w.name }))]}
        />
        <FieldsetFrame
          name="officerIds"
          legend="Officers"
          legendClassName="govuk-fieldset__legend--s"
          hint="If you chose named officers"
          error={result?.errors.officerIds}
        >
          <details className="govuk-details" open={chosen.size > 1 || Boolean(result?.errors.officerIds)}>
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Choose officers ({officers.length})</span>
            </summary>
            <CheckboxItems
              name="officerIds"
              small
              defaultValues={[...chosen]}
              options={officers.map((o) => ({ value: String(o.id), label: `${o.name} (${o.wing ?? "no wing"})` }))}
            />
          </details>
        </FieldsetFrame>
        <Radios
          name="due"
          legend="When it is due"
          defaultValue={v.due}
          error={result?.errors.due}
          options={[
            { value: "date", label: "By a date" },
            {
              value: "days",
              label: "Within a number of days of joining",
              hint: "New starters get that many days from joining; everyone else from today",
            },
          ]}
        />
        <DateInput
          name="due"
          legend="Due date"
          hint="If it is due by a date. For example, 31 3 2027"
          error={result?.errors.dueDay}
          values={{ day: v.dueDay, month: v.dueMonth, year: v.dueYear }}
        />
        <TextInput
          name="dueDays"
          label="Number of days"
          hint="If it is due within a number of days of joining: 1 to 365"
          inputMode="numeric"
          className="govuk-input--width-4"
          defaultValue={v.dueDays}
          error={result?.errors.dueDays}
        />
        <button type="submit" className="govuk-button">
          Assign
        </button>
      </Form>

      <WideTable label="Current assignments">
        <Table
          caption="Current assignments"
          head={["What", "To", "Due", <span className="govuk-visually-hidden">Actions</span>]}
          id="assignments"
        >
          {assignments.map((a) => (
            <Row key={a.id}>
              <Cell>{a.what}</Cell>
              <Cell>{a.to}</Cell>
              <Cell>{a.due}</Cell>
              <Cell>
                {/* Removing asks first, on its own page: a slip of the hand in a long table costs nothing. */}
                <a className="govuk-link" href={reportHref(`/reports/assignments/${a.id}/remove`, scope)}>
                  Remove
                  <span className="govuk-visually-hidden">
                    {" "}
                    {a.what} for {a.to}
                  </span>
                </a>
              </Cell>
            </Row>
          ))}
          {assignments.length === 0 ? (
            <Row>
              <Cell colSpan={4}>Nothing is assigned yet.</Cell>
            </Row>
          ) : null}
        </Table>
      </WideTable>
    </ReportsHeader>
  );
}
