// Coaching: start observing an officer, carry on a draft, see what you have recorded, what you
// were asked to observe, and who you have not observed yet.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/capabilities";
import { requireCoach } from "~/auth/guard.server";
import { StartForm } from "~/coaching/forms.server";
import { coachHome } from "~/coaching/home.server";
import { startObservation } from "~/coaching/observations.server";
import { ErrorSummary } from "~/components/error-summary";
import { Select } from "~/components/fields";
import { Tag } from "~/components/page";
import { dayOf } from "~/domain/dates.server";
import { parseForm } from "~/utils/forms";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Coaching");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const coach = await requireCoach(request, context);
  return { manager: can(coach, "askForObservations"), ...(await coachHome(context.db, coach, dayOf(new Date()))) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const coach = await requireCoach(request, context);
  const form = parseForm(StartForm, await readFormData(request));
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const started = await startObservation(context.db, coach, form.data.officerId);
  if (started.kind !== "ok")
    return data({ errors: { officerId: "Choose an officer of your prison from the list" } }, { status: 400 });
  return redirect(`/coaching/observations/${started.id}`);
}

function StartButton({ officerId, name }: { officerId: number; name: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="officerId" value={officerId} />
      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
        Observe<span className="govuk-visually-hidden"> {name}</span>
      </button>
    </Form>
  );
}

export default function Coaching() {
  const home = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={result?.errors} />
        <h1 className="govuk-heading-l">Coaching on the wing</h1>
        <p className="govuk-body">
          Watch an officer’s real conversation on the wing, 3 to 20 minutes, and tally what they do on your phone. You
          rate the whole conversation at the end and leave a short note. The officer sees it in their record. No
          prisoner is ever identified.
        </p>
        <p className="govuk-body">
          <a className="govuk-link" href="/coaching/calibration">
            Calibration: how far your sheets agree with other coaches’
          </a>
          {home.manager ? (
            <>
              {" · "}
              <a className="govuk-link" href="/coaching/requests">
                Ask a coach to observe
              </a>
            </>
          ) : null}
        </p>

        <h2 className="govuk-heading-m">Start an observation</h2>
        <Form method="post" noValidate>
          <Select
            name="officerId"
            label="Officer"
            options={[
              { value: "", label: "Choose an officer" },
              ...home.officers.map((o) => ({ value: String(o.id), label: o.wing ? `${o.name}, ${o.wing}` : o.name })),
            ]}
            error={result?.errors.officerId}
          />
          <button type="submit" className="govuk-button">
            Start observing
          </button>
        </Form>

        {home.drafts.length ? (
          <>
            <h2 className="govuk-heading-m">Drafts to finish</h2>
            <ul className="govuk-list">
              {home.drafts.map((d) => (
                <li key={d.id}>
                  <a className="govuk-link" href={`/coaching/observations/${d.id}`}>
                    Carry on observing {d.officer}
                  </a>{" "}
                  (last saved {d.savedAt})
                </li>
              ))}
            </ul>
          </>
        ) : null}

        <h2 className="govuk-heading-m">Asked to observe</h2>
        {home.requests.length === 0 ? (
          <p className="govuk-body">No one has asked you to observe anyone.</p>
        ) : (
          <ul className="govuk-list">
            {home.requests.map((r) => (
              <li key={r.id}>
                {r.officer}
                {r.wing ? `, ${r.wing}` : ""}: by {r.dueOn}{" "}
                {r.overdue ? <Tag colour="red">Overdue</Tag> : <Tag colour="blue">Due</Tag>}
                <StartButton officerId={r.officerId} name={r.officer} />
              </li>
            ))}
          </ul>
        )}

        <h2 className="govuk-heading-m">Your observations</h2>
        {home.recorded.length === 0 ? (
          <p className="govuk-body">You have not recorded any observations yet.</p>
        ) : (
          <ul className="govuk-list">
            {home.recorded.map((o) => (
              <li key={o.id}>
                <a className="govuk-link" href={`/coaching/observations/${o.id}`}>
                  {o.officer}, {o.date}
                </a>{" "}
                ({o.minutes} minutes{o.calibrated ? ", calibration pair" : ""})
              </li>
            ))}
          </ul>
        )}

        <h2 className="govuk-heading-m">Officers you have not observed yet ({home.notYetObserved.length})</h2>
        {home.notYetObserved.length === 0 ? (
          <p className="govuk-body">You have observed every officer of your prison.</p>
        ) : (
          <dl className="govuk-summary-list">
            {home.notYetObserved.map((o) => (
              <div className="govuk-summary-list__row" key={o.id}>
                <dt className="govuk-summary-list__key">{o.name}</dt>
                <dd className="govuk-summary-list__value">{o.wing ?? "No wing"}</dd>
                <dd className="govuk-summary-list__actions">
                  <StartButton officerId={o.id} name={o.name} />
                </dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </div>
  );
}
