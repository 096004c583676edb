import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { Tag, Tags } from "~/components/page";
import { formatDate } from "~/domain/dates.server";
import { SCENARIO_STATE } from "~/domain/vocabulary";
import { listLibrary } from "~/studio/studio.server";
import { ExampleWordsTag } from "~/studio/components";
import { title } from "~/utils/meta";
import { Cell, Row, Table } from "~/components/table";

export const meta: MetaFunction = () => title("Scenario studio");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "authorScenarios" });
  const scenarios = await listLibrary(context.db);
  return { scenarios: scenarios.map((s) => ({ ...s, changedAt: formatDate(s.changedAt) })) };
}

export default function StudioLibrary() {
  const { scenarios } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Scenario studio</h1>
      <p className="govuk-body">
        Officers always play the published version of a scenario. Your changes stay in a draft until you publish them;
        the files in the built-in library are never changed.
      </p>
      <div className="govuk-button-group">
        <a href="/studio/new" className="govuk-button">
          Create a scenario
        </a>
        <a href="/studio/import" className="govuk-button govuk-button--secondary">
          Import a YAML file
        </a>
        <a href="/studio/reviews" className="govuk-link">
          Review written replies
        </a>
        <a href="/studio/modules" className="govuk-link">
          Modules and competency
        </a>
      </div>
      <div className="moj-scrollable-pane" tabIndex={0} role="region" aria-label="Scenarios">
        <Table
          caption={`Scenarios (${scenarios.length})`}
          head={[
            "Scenario",
            "Module",
            "Status",
            "Last change",
            "Checks",
            { text: "Nodes", numeric: true },
            { text: "Endings", numeric: true },
            { text: "Words", numeric: true },
          ]}
        >
          {scenarios.map((s) => (
            <Row key={s.id}>
              <Cell className="app-wrap">
                <a className="govuk-link" href={`/studio/${encodeURIComponent(s.id)}/edit`}>
                  {s.title}
                </a>
                <br />
                <span className="govuk-body-s">{s.id}</span>
              </Cell>
              <Cell>{s.module ?? "Not set"}</Cell>
              <Cell>
                <Tags>
                  {s.publishedVersion ? (
                    s.retired ? (
                      <Tag colour={SCENARIO_STATE.retired.colour}>
                        {SCENARIO_STATE.retired.label} (v{s.publishedVersion})
                      </Tag>
                    ) : (
                      <Tag colour={SCENARIO_STATE.published.colour}>
                        {SCENARIO_STATE.published.label} v{s.publishedVersion}
                      </Tag>
                    )
                  ) : null}
                  {s.hasDraft ? <Tag colour={SCENARIO_STATE.draft.colour}>{SCENARIO_STATE.draft.label}</Tag> : null}
                </Tags>
              </Cell>
              <Cell>
                {s.changedAt}
                {s.changedBy ? <span className="govuk-body-s"> by {s.changedBy}</span> : null}
              </Cell>
              <Cell>
                <Tags>
                  {s.errors ? (
                    <Tag colour="red">{s.errors === 1 ? "1 error" : `${s.errors} errors`}</Tag>
                  ) : (
                    <Tag colour="green">No errors</Tag>
                  )}
                  {s.warnings ? (
                    <Tag colour="yellow">{s.warnings === 1 ? "1 warning" : `${s.warnings} warnings`}</Tag>
                  ) : null}
                  {s.examples ? <ExampleWordsTag count={s.examples} /> : null}
                </Tags>
              </Cell>
              <Cell numeric>{s.stats?.nodes ?? "–"}</Cell>
              <Cell numeric>{s.stats?.endings ?? "–"}</Cell>
              <Cell numeric>{s.stats?.words ?? "–"}</Cell>
            </Row>
          ))}
        </Table>
      </div>
    </>
  );
}
