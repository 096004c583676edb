// One scenario: who he is, your attempts at it, and the buttons that start practice or assessment.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { SummaryList, Tag } from "~/components/page";
import { getCurriculum, newestVersionOf } from "~/curriculum/curriculum.server";
import { startAttempt } from "~/practice/attempts.server";
import { readStartForm } from "~/practice/forms.server";
import { scenarioLength } from "~/practice/length.server";
import { officerProgress } from "~/practice/progress.server";
import { title } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data?.scenario.title ?? "Scenario");

async function findScenario(db: Kysely<Database>, scenarioId: string | undefined) {
  const curriculum = await getCurriculum(db);
  const module = curriculum.find((m) => m.scenarios.some((s) => s.id === scenarioId));
  const entry = module?.scenarios.find((s) => s.id === scenarioId);
  if (!module || !entry) notFound();
  return { module, entry };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "practise" });
  const { module, entry } = await findScenario(context.db, params.scenarioId);
  const version = await newestVersionOf(context.db, entry.id);
  if (!version) notFound();
  const [progress, length] = await Promise.all([
    officerProgress(context.db, user.id),
    scenarioLength(context.db, version),
  ]);
  const mine = progress.modules.find((m) => m.id === module.id)!.scenarios.find((s) => s.id === entry.id)!;
  return {
    module: { title: module.title },
    scenario: { id: entry.id, title: entry.title, summary: entry.summary, persona: version.scenario.persona },
    progress: mine,
    length: length?.text ?? null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "practise" });
  const { entry } = await findScenario(context.db, params.scenarioId);
  const form = readStartForm(await readFormData(request));
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const started = await startAttempt(
    context.db,
    { id: user.id, establishmentId: user.establishmentId },
    entry.id,
    form.data.mode,
  );
  if (!started.ok) notFound();
  return redirect(`/attempts/${started.attemptId}${started.resumed ? "?notice=resumed" : ""}`);
}

export default function ScenarioPage() {
  const { module, scenario, progress, length } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // The button for what is left comes first; the other mode is always there too.
  const assessmentFirst = progress.action?.starts === "assessment";
  const practice = (
    <Form method="post" key="practice">
      <input type="hidden" name="mode" value="practice" />
      <button type="submit" className={`govuk-button${assessmentFirst ? " govuk-button--secondary" : ""}`}>
        {assessmentFirst ? "Practise again" : "Start practice"}
      </button>
    </Form>
  );
  const assessment = (
    <Form method="post" key="assessment">
      <input type="hidden" name="mode" value="assessment" />
      <button type="submit" className={`govuk-button${assessmentFirst ? "" : " govuk-button--secondary"}`}>
        Start assessment
      </button>
    </Form>
  );
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href="/" className="govuk-back-link">
          Back to your training
        </a>
        <ErrorSummary errors={result?.errors} />
        <span className="govuk-caption-l">{module.title}</span>
        <h1 className="govuk-heading-l">{scenario.title}</h1>
        <p className="govuk-body">{scenario.summary}</p>
        <div className="govuk-inset-text">
          <p className="govuk-body">
            <strong>{scenario.persona.name}:</strong> {scenario.persona.background}
          </p>
        </div>
        <SummaryList
          rows={[
            {
              key: "Your status",
              value: (
                <>
                  <Tag colour={progress.status.colour}>{progress.status.label}</Tag>
                  {progress.hint ? (
                    <span className="govuk-!-display-block govuk-!-margin-top-2">{progress.hint}</span>
                  ) : null}
                </>
              ),
            },
            ...(length ? [{ key: "How long it takes", value: length }] : []),
          ]}
        />
        {progress.inProgress ? (
          <>
            <p className="govuk-body">You have a {progress.inProgress.mode} attempt in progress.</p>
            <div className="govuk-button-group">
              <a className="govuk-button" href={`/attempts/${progress.inProgress.id}`}>
                Continue your {progress.inProgress.mode} attempt
              </a>
              <a className="govuk-link" href={`/attempts/${progress.inProgress.id}/abandon`}>
                Abandon it to start again
              </a>
            </div>
          </>
        ) : (
          <>
            <h2 className="govuk-heading-m">Start</h2>
            <p className="govuk-body">
              <strong>Practice</strong> gives you feedback after each response. <strong>Assessment</strong> gives
              feedback only at the end, and only assessments count towards being competent.
            </p>
            <div className="govuk-button-group">
              {assessmentFirst ? [assessment, practice] : [practice, assessment]}
            </div>
          </>
        )}
      </div>
    </div>
  );
}
