// Retiring a scenario from its module, or returning a retired one: what it would do to officers'
// statuses first, then the button. Officers' attempts and records are never touched.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { getCurriculum } from "~/curriculum/curriculum.server";
import { unfinishedAttemptsOf } from "~db/queries/studio-figures.server";
import { ScenarioPageHeader } from "~/studio/components";
import { ConfirmOrCancel, ImpactSummary } from "~/studio/impact";
import { impactOf } from "~/studio/impact.server";
import { placeOf, retireScenario, returnScenario } from "~/studio/lifecycle.server";
import { checkStudioYaml, loadStudioScenario } from "~/studio/studio.server";
import { readFormData } from "~/utils/form-data.server";
import { readModuleForm } from "~/studio/forms.server";
import { fieldError } from "~/utils/field-errors";
import { title } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `${data.place?.retired ? "Return" : "Retire"} ${data.title}` : "Module");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "authorScenarios" });
  const s = await loadStudioScenario(context.db, params.scenarioId ?? "");
  if (!s) notFound();
  const [place, curriculum, unfinished] = await Promise.all([
    placeOf(context.db, s.id),
    getCurriculum(context.db),
    unfinishedAttemptsOf(context.db, s.id),
  ]);
  // Not yet published: the draft's own title, not its id.
  const title = s.published?.title ?? (await checkStudioYaml(context.db, s.yaml, s.id)).title ?? s.id;
  const base = { id: s.id, title, place };
  if (!place) return { ...base, impact: null, moduleTitles: {}, unfinished: 0 };
  const change = place.retired
    ? ({ kind: "join", moduleId: place.moduleId } as const)
    : ({ kind: "leave", moduleId: place.moduleId } as const);
  return {
    ...base,
    impact: await impactOf(context.db, s.id, change),
    moduleTitles: Object.fromEntries(curriculum.map((m) => [m.id, m.title])),
    unfinished: unfinished.length,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "authorScenarios" });
  const s = await loadStudioScenario(context.db, params.scenarioId ?? "");
  if (!s) notFound();
  const form = readModuleForm(await readFormData(request));
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const retiring = form.data.intent === "retire";
  const result = retiring ? await retireScenario(context.db, user, s.id) : await returnScenario(context.db, user, s.id);
  if (!result.ok) return data({ errors: fieldError("form", result.message) }, { status: 409 });
  return context.sessions.redirectWithNotice(
    request,
    `/studio/${s.id}/publish`,
    retiring
      ? `Retired ${s.id}. Officers can no longer start it; their records keep their attempts.`
      : `Returned ${s.id} to its module. Officers can start it again.`,
  );
}

export default function ScenarioModule() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const place = d.place;
  return (
    <>
      <ScenarioPageHeader
        scenarioId={d.id}
        heading={
          !place
            ? d.title
            : place.retired
              ? `Return ${d.title} to ${place.moduleTitle}`
              : `Retire ${d.title} from ${place.moduleTitle}`
        }
        current="publish"
      >
        <ErrorSummary errors={result?.errors} />
      </ScenarioPageHeader>
      {!place || !d.impact ? (
        <p className="govuk-body">This scenario has not been published yet, so it is in no module.</p>
      ) : (
        <>
          <h2 className="govuk-heading-m">What this does to officers' statuses</h2>
          <ImpactSummary impact={d.impact} moduleTitles={d.moduleTitles} />
          {!place.retired && d.unfinished > 0 ? (
            <p className="govuk-body">
              {d.unfinished === 1 ? "1 attempt at it is" : `${d.unfinished} attempts at it are`} unfinished: officers
              can still finish {d.unfinished === 1 ? "it" : "them"}.
            </p>
          ) : null}
          {place.retired && !place.moduleExists ? (
            <p className="govuk-body">
              The module {place.moduleId} no longer exists: change the scenario's module in the editor and publish it.
            </p>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value={place.retired ? "return" : "retire"} />
              <ConfirmOrCancel scenarioId={d.id} warning={!place.retired}>
                {place.retired ? `Return it to ${place.moduleTitle}` : `Retire it from ${place.moduleTitle}`}
              </ConfirmOrCancel>
            </Form>
          )}
        </>
      )}
    </>
  );
}
