// Managers ask coaches to observe officers by a date, and withdraw a request.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireCoach } from "~/auth/guard.server";
import { readRequestForm, requestObservation, requestsPage, withdrawRequest } from "~/coaching/requests.server";
import { ErrorSummary } from "~/components/error-summary";
import { Select } from "~/components/fields";
import { dateError, DateInput } from "~/components/date-input";
import { Tag } from "~/components/page";
import { dayOf } from "~/domain/dates.server";
import { WithdrawForm } from "~/coaching/forms.server";
import { parseForm } from "~/utils/forms";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Ask a coach to observe");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const manager = await requireCoach(request, context, { can: "askForObservations" });
  return requestsPage(context.db, manager, dayOf(new Date()));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const manager = await requireCoach(request, context, { can: "askForObservations" });
  const formData = await readFormData(request);
  if (formData.get("intent") === "withdraw") {
    const form = parseForm(WithdrawForm, formData);
    if (!form.ok || !(await withdrawRequest(context.db, manager, form.data.requestId))) notFound();
    return context.sessions.redirectWithNotice(request, "/coaching/requests", "Request withdrawn.");
  }
  const form = readRequestForm(formData, dayOf(new Date()));
  if (!form.ok) return data({ errors: form.errors, values: form.values, wrongDate: form.wrongDate }, { status: 400 });
  const result = await requestObservation(context.db, manager, {
    coachId: form.data.coachId,
    officerId: form.data.officerId,
    dueOn: form.day,
  });
  if (!result.ok) return data({ errors: result.errors, values: form.values, wrongDate: [] }, { status: 400 });
  return context.sessions.redirectWithNotice(
    request,
    "/coaching/requests",
    "Request sent: the coach sees it on their coaching page.",
  );
}

export default function Requests() {
  const { coaches, officers, open } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values ?? {};
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href="/coaching" className="govuk-back-link">
          Back to coaching
        </a>
        <ErrorSummary errors={result?.errors ?? {}} />
        <h1 className="govuk-heading-l">Ask a coach to observe</h1>
        <Form method="post" noValidate>
          <Select
            name="coachId"
            label="Coach"
            hint="Trainers, managers and officers marked as MI coaches"
            options={[
              { value: "", label: "Choose a coach" },
              ...coaches.map((c) => ({ value: String(c.id), label: c.name })),
            ]}
            defaultValue={values.coachId ?? ""}
            error={result?.errors.coachId}
          />
          <Select
            name="officerId"
            label="Officer to observe"
            options={[
              { value: "", label: "Choose an officer" },
              ...officers.map((o) => ({ value: String(o.id), label: o.name })),
            ]}
            defaultValue={values.officerId ?? ""}
            error={result?.errors.officerId}
          />
          <DateInput
            name="due"
            legend="Observe by"
            hint="For example, 31 1 2027"
            error={dateError(result?.errors, "due")}
            wrong={result?.wrongDate}
            values={{ day: values.dueDay, month: values.dueMonth, year: values.dueYear }}
          />
          <button type="submit" className="govuk-button">
            Send request
          </button>
        </Form>
        <h2 className="govuk-heading-m">Open requests</h2>
        {open.length === 0 ? (
          <p className="govuk-body">No open requests.</p>
        ) : (
          <dl className="govuk-summary-list">
            {open.map((r) => (
              <div className="govuk-summary-list__row" key={r.id}>
                <dt className="govuk-summary-list__key">
                  {r.coach} to observe {r.officer}
                </dt>
                <dd className="govuk-summary-list__value">
                  By {r.dueOn} {r.overdue ? <Tag colour="red">Overdue</Tag> : null}
                </dd>
                <dd className="govuk-summary-list__actions">
                  <Form method="post">
                    <input type="hidden" name="requestId" value={r.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="withdraw"
                      className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                    >
                      Withdraw<span className="govuk-visually-hidden"> the request for {r.officer}</span>
                    </button>
                  </Form>
                </dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </div>
  );
}
