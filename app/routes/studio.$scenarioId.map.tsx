import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { nodePositions } from "~/domain/scenario";
import { OUTCOME_INFO, TALK_TYPE_INFO, TALK_TYPES } from "~/domain/mi-codes";
import { PrisonSwitcher } from "~/components/reports";
import { ScenarioPageHeader } from "~/studio/components";
import { ScenarioMapList, ScenarioMapSvg } from "~/studio/map";
import { choiceFigures, figuresScope } from "~/studio/choice-figures.server";
import { buildScenarioMap } from "~/studio/map.server";
import { checkStudioYaml, loadStudioScenario } from "~/studio/studio.server";
import { studioLinkOptions } from "~/studio/links.server";
import { title } from "~/utils/meta";
import { describeCount, MIN_GROUP, SUPPRESSED_TEXT } from "~/domain/reporting/suppression";

export const meta: MetaFunction<typeof loader> = ({ data }) => title(data ? `Map of ${data.title}` : "Scenario map");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "authorScenarios" });
  const s = await loadStudioScenario(context.db, params.scenarioId ?? "");
  if (!s) notFound();
  // The published version (with officers' choice figures) when asked for, or when there is no draft.
  const showPublished = Boolean(s.published) && (!s.draft || studioLinkOptions(request).version === "published");
  const yaml = showPublished ? s.published!.yaml : s.yaml;
  const check = await checkStudioYaml(context.db, yaml, s.id);
  let taken: Map<string, number> | undefined;
  let assessments: number | null = null;
  const figures = await figuresScope(context.db, user, new URL(request.url).searchParams.get("prison"));
  if (showPublished && figures.prison) {
    ({ taken, assessments } = await choiceFigures(context.db, s.published!.id, figures.prison.id));
  }
  const map = check.scenario ? buildScenarioMap(check.scenario, { lines: nodePositions(yaml), taken }) : null;
  return {
    id: s.id,
    title: check.title ?? s.id,
    showPublished,
    hasDraft: Boolean(s.draft),
    hasPublished: Boolean(s.published),
    map,
    assessments,
    figures,
    errors: check.diagnostics.filter((d) => d.severity === "error").length,
  };
}

function Key() {
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">How to read the map</span>
      </summary>
      <div className="govuk-details__text">
        <ul className="govuk-list govuk-list--bullet">
          {TALK_TYPES.map((t) => (
            <li key={t}>
              <span className={`app-map-key app-map-key--${t}`} aria-hidden="true" /> {TALK_TYPE_INFO[t].label}:{" "}
              {TALK_TYPE_INFO[t].description} Each box also says its talk type.
            </li>
          ))}
          <li>
            Rounded boxes are endings and say their outcome (
            {Object.values(OUTCOME_INFO)
              .map((o) => o.label)
              .join(", ")}
            ).
          </li>
          <li>
            The start node is marked ▶ and has a thick border. A folded corner means the officer writes their own reply.
          </li>
          <li>
            Red dashed borders and ⚠ mark problems: nodes no path reaches, traps (no ending can be reached), and gotos
            to nodes that do not exist (drawn as red “missing” boxes).
          </li>
          <li>Choose a node to open the editor at its line.</li>
        </ul>
      </div>
    </details>
  );
}

export default function ScenarioMapPage() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <ScenarioPageHeader scenarioId={d.id} heading={d.title} current="map" />
      {d.hasDraft && d.hasPublished ? (
        <p className="govuk-body">
          {d.showPublished ? (
            <>
              Showing the published version.{" "}
              <a className="govuk-link" href={`/studio/${d.id}/map`}>
                Show the draft
              </a>
            </>
          ) : (
            <>
              Showing the draft.{" "}
              <a className="govuk-link" href={`/studio/${d.id}/map?version=published`}>
                Show the published version and officers’ choices
              </a>
            </>
          )}
        </p>
      ) : null}
      {d.errors ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            This version has {d.errors === 1 ? "1 error" : `${d.errors} errors`}.{" "}
            <a className="govuk-link" href={`/studio/${d.id}/edit`}>
              See them in the editor
            </a>
          </strong>
        </div>
      ) : null}
      {d.showPublished && d.figures.prisons.length ? (
        <PrisonSwitcher
          idPrefix="figures"
          label="Officers’ choices in"
          prisons={d.figures.prisons}
          current={d.figures.prison}
          keep={d.hasDraft ? { version: "published" } : {}}
        />
      ) : null}
      {d.showPublished && d.assessments !== null ? (
        <p className="govuk-body">
          Officers’ choices at {d.figures.prison?.name} in {describeCount(d.assessments, d.assessments)} finished
          assessment attempt
          {d.assessments === 1 ? "" : "s"} on this version are shown on each link. Counts under {MIN_GROUP} are shown as
          “{SUPPRESSED_TEXT}”.
        </p>
      ) : null}
      {d.map ? (
        <>
          {d.map.drawn ? (
            <>
              <Key />
              <h2 className="govuk-heading-m" id="map-title">
                Map of the conversation
              </h2>
              <ScenarioMapSvg scenarioId={d.id} map={d.map} titleId="map-title" />
            </>
          ) : (
            <p className="govuk-inset-text">
              This conversation has too many nodes, or links that jump too far ahead, to draw as a map in good time.
              Every node and where it leads is listed below.
            </p>
          )}
          <h2 className="govuk-heading-m govuk-!-margin-top-6" id="map-list-title">
            Nodes and links
          </h2>
          <ScenarioMapList scenarioId={d.id} map={d.map} />
        </>
      ) : (
        <p className="govuk-body">
          The map cannot be drawn until the YAML has the right shape.{" "}
          <a className="govuk-link" href={`/studio/${d.id}/edit`}>
            Fix the errors in the editor
          </a>
        </p>
      )}
    </>
  );
}
