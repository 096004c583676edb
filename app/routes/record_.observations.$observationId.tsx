// One observation of the officer: what the coach saw, in plain words against the fair and good
// levels, the coach's note, and the officer's own reflection on it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { idParam } from "~/utils/query.server";
import { ReflectionForm } from "~/coaching/forms.server";
import { REFLECTION_MAX } from "~/coaching/limits";
import { reflect } from "~/coaching/observations.server";
import { officerObservation } from "~/coaching/officer.server";
import { ErrorSummary } from "~/components/error-summary";
import { ObservationDetails } from "~/components/observation";
import { CharacterCount } from "~/components/practice";
import { fieldError } from "~/utils/field-errors";
import { parseForm } from "~/utils/forms";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Observation, ${data.view.date}` : "Observation");

const idOf = (params: { observationId?: string }) => idParam(params.observationId);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "viewOwnRecord" });
  const view = (await officerObservation(context.db, user.id, idOf(params))) ?? notFound();
  return { view };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "viewOwnRecord" });
  const id = idOf(params);
  const form = parseForm(ReflectionForm, await readFormData(request));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await reflect(context.db, user, id, { text: form.data.reflection, rowVersion: form.data.rowVersion });
  switch (result.kind) {
    case "saved":
      return context.sessions.redirectWithNotice(request, `/record/observations/${id}`, "Your reflection is saved.");
    case "invalid":
      return data({ errors: result.errors, values: form.values }, { status: 400 });
    case "stale":
      // The text stays in the box; the page above it shows the reflection as last saved.
      return data({ errors: fieldError("reflection", result.message), values: form.values }, { status: 409 });
    case "not-found":
      notFound();
  }
}

export default function MyObservation() {
  const { view } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href="/record" className="govuk-back-link">
          Back to my record
        </a>
        <ErrorSummary errors={result?.errors} />
        <span className="govuk-caption-l">Observed on the wing</span>
        <h1 className="govuk-heading-l">Observation, {view.date}</h1>
        <ObservationDetails view={view}>
          <h2 className="govuk-heading-m">Your reflection</h2>
          {view.reflection ? (
            <>
              <p className="govuk-body app-pre-wrap">{view.reflection}</p>
              <p className="govuk-body-s">Written {view.reflectedAt}. You can change it below.</p>
            </>
          ) : (
            <p className="govuk-body">
              What do you make of it? What will you try next time? Your coach and your managers can read this.
            </p>
          )}
          <Form method="post" noValidate>
            <input type="hidden" name="rowVersion" value={view.rowVersion} />
            <CharacterCount
              name="reflection"
              label={view.reflection ? "Change your reflection" : "Add your reflection"}
              max={REFLECTION_MAX}
              error={result?.errors.reflection}
              defaultValue={result?.values.reflection ?? view.reflection ?? ""}
            />
            <p className="govuk-body-s">Do not name or otherwise identify the prisoner.</p>
            <button type="submit" className="govuk-button">
              Save reflection
            </button>
          </Form>
        </ObservationDetails>
      </div>
    </div>
  );
}
