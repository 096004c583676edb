// Removing an assignment, after saying exactly what goes: what, to whom, due when and how many
// officers it covers. A second submit (a double press, or another manager first) changes nothing
// and says when it went; another prison's assignment is a 404, as on the assignments page.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { assignmentToRemove, removeAssignment } from "~/assignments/assignments.server";
import { notFound } from "~/auth/guard.server";
import { SummaryList } from "~/components/page";
import { reportHref } from "~/components/reports";
import { requireReportForm, requireReportScope } from "~/reports/scope.server";
import { ConfirmOrCancel } from "~/components/fields";
import { title } from "~/utils/meta";
import { idParam } from "~/utils/query.server";

const ASK = "Are you sure you want to remove this assignment?";
const GONE = "This assignment has already been removed";

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data?.assignment.kind === "removed" ? GONE : ASK);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  const assignment = await assignmentToRemove(scope.db, scope.prison.id, idParam(params.assignmentId));
  if (!assignment) notFound();
  return { scope: { prison: scope.prison, prisons: scope.prisons }, assignment };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { scope } = await requireReportForm(request, context);
  const id = idParam(params.assignmentId);
  const back = reportHref("/reports/assignments", scope);
  const result = await removeAssignment(scope.db, scope.user, scope.prison.id, id);
  if (result.kind === "not-found") notFound();
  if (result.kind === "removed") return context.sessions.redirectWithNotice(request, back, result.notice);
  // Already gone (a second press, or someone else first): this page says when and by whom; nothing is written.
  return redirect(reportHref(`/reports/assignments/${id}/remove`, scope));
}

export default function RemoveAssignment() {
  const { scope, assignment: a } = useLoaderData<typeof loader>();
  const back = reportHref("/reports/assignments", scope);
  const rows = [
    { key: "Training", value: a.what },
    { key: "Assigned to", value: a.audience },
    { key: "Due", value: a.due },
  ];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href={back} className="govuk-back-link">
          Back to assignments
        </a>
        <span className="govuk-caption-l">{scope.prison.name}</span>
        {a.kind === "removed" ? (
          <>
            <h1 className="govuk-heading-l">{GONE}</h1>
            <SummaryList
              rows={[...rows, { key: "Removed", value: `${a.removedAt}${a.removedBy ? ` by ${a.removedBy}` : ""}` }]}
            />
            <p className="govuk-body">
              <a className="govuk-link" href={back}>
                Go to assignments
              </a>
            </p>
          </>
        ) : (
          <>
            <h1 className="govuk-heading-l">{ASK}</h1>
            <SummaryList
              rows={[
                ...rows,
                { key: "Officers it covers", value: a.officers === 1 ? "1 officer" : `${a.officers} officers` },
              ]}
            />
            <p className="govuk-body">
              {a.officers === 0
                ? "It covers no officers at the moment."
                : `${a.officers === 1 ? "The officer" : `The ${a.officers} officers`} it covers will no longer have it due from this assignment, or reminders about it.`}{" "}
              Training already done is kept.
            </p>
            <Form method="post">
              {scope.prisons.length ? <input type="hidden" name="prison" value={scope.prison.id} /> : null}
              <ConfirmOrCancel confirm="Yes, remove this assignment" cancelHref={back} />
            </Form>
          </>
        )}
      </div>
    </div>
  );
}
