// Abandoning an attempt on purpose, after a confirmation page (works without JavaScript).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { loadAttemptView } from "~/practice/attempt-view.server";
import { abandonAttempt } from "~/practice/attempts.server";
import { attemptIdOf } from "~/practice/route-helpers.server";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Abandon this attempt");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "practise" });
  const view = await loadAttemptView(context.db, user.id, attemptIdOf(params));
  if (!view) notFound();
  if (view.attempt.status !== "in_progress") throw redirect(`/attempts/${view.attempt.id}/review`);
  return { id: view.attempt.id, title: view.scenario.title, mode: view.attempt.mode, steps: view.attempt.stepCount };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "practise" });
  await readFormData(request); // the confirmation form has no fields, but it must be a form
  const id = attemptIdOf(params);
  const result = await abandonAttempt(context.db, { id: user.id, establishmentId: user.establishmentId }, id);
  if (result.kind === "not-found") notFound();
  if (result.kind === "not-in-progress") return redirect(`/attempts/${id}/review?notice=finished`);
  return context.sessions.redirectWithNotice(
    request,
    "/",
    "Attempt abandoned. You can start the scenario again at any time.",
  );
}

export default function Abandon() {
  const a = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href={`/attempts/${a.id}`} className="govuk-back-link">
          Back to the conversation
        </a>
        <span className="govuk-caption-l">{a.title}</span>
        <h1 className="govuk-heading-l">Abandon this {a.mode} attempt?</h1>
        <p className="govuk-body">
          You have made {a.steps} response{a.steps === 1 ? "" : "s"} so far. An abandoned attempt stays in your record
          but does not count towards your training, and you cannot carry on with it.
        </p>
        <Form method="post">
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button govuk-button--warning">
              Abandon attempt
            </button>
            <a className="govuk-link" href={`/attempts/${a.id}`}>
              Keep going
            </a>
          </div>
        </Form>
      </div>
    </div>
  );
}
