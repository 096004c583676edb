import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { assignmentChoices, assignmentList, createAssignments } from "~/assignments/assignments.server";
import { AssignmentFields } from "~/assignments/assign-form";
import { parseAssignmentForm } from "~/assignments/forms.server";
import { ErrorSummary } from "~/components/error-summary";
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
  if (!result.ok) return data({ errors: result.errors, values: form.values }, { status: 400 });
  return context.sessions.redirectWithNotice(request, back, result.notice);
}

export default function Assignments() {
  const { scope, modules, wings, officers, assignments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
        <AssignmentFields
          modules={modules}
          wings={wings}
          officers={officers}
          errors={result?.errors}
          values={result?.values}
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
