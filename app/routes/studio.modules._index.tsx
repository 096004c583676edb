// The modules and what each asks for competency: from the library file, or as a trainer changed it.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { Tag } from "~/components/page";
import { Cell, Row, RowHeader, Table } from "~/components/table";
import { getCurriculum } from "~/curriculum/curriculum.server";
import { formatDate } from "~/domain/dates.server";
import { fieldsOf, settingsOf } from "~/studio/module-settings.server";
import { SETTING_WORDS } from "~/studio/module-settings";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Modules and competency");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "setCompetencyRules" });
  const curriculum = await getCurriculum(context.db);
  return {
    modules: curriculum.map((m) => ({
      id: m.id,
      title: m.title,
      scenarios: m.scenarios.length,
      fields: fieldsOf(settingsOf(m)),
      changed: m.settingsChanged ? { by: m.settingsChanged.by, on: formatDate(m.settingsChanged.at) } : null,
    })),
  };
}

export default function StudioModules() {
  const { modules } = useLoaderData<typeof loader>();
  const w = SETTING_WORDS;
  return (
    <>
      <h1 className="govuk-heading-l">Modules and competency</h1>
      <p className="govuk-body">
        An officer is Competent in a module when an assessment of each of its scenarios reaches what the module asks.
        The built-in library's file sets these; a change made here applies to every prison, and you see what it does to
        officers' statuses before you save it.
      </p>
      <div className="moj-scrollable-pane" tabIndex={0} role="region" aria-label="Modules">
        <Table
          caption={`Modules (${modules.length})`}
          head={[
            "Module",
            { text: "Scenarios", numeric: true },
            "Reflections for each question",
            "Complex reflections",
            "Responses against MI",
            "Refresher",
            "Observation needed",
            "Set by",
          ]}
        >
          {modules.map((m) => (
            <Row key={m.id}>
              <RowHeader className="app-wrap">
                <a className="govuk-link" href={`/studio/modules/${encodeURIComponent(m.id)}`}>
                  {m.title}
                  <span className="govuk-visually-hidden">: change what it asks</span>
                </a>
              </RowHeader>
              <Cell numeric>{m.scenarios}</Cell>
              <Cell>{w.reflectionsPerQuestion.say(m.fields.reflectionsPerQuestion)}</Cell>
              <Cell>{w.percentComplex.say(m.fields.percentComplex)}</Cell>
              <Cell>{w.nonAdherentAllowed.say(m.fields.nonAdherentAllowed)}</Cell>
              <Cell>{w.refresherMonths.say(m.fields.refresherMonths)}</Cell>
              <Cell>{w.requiresObservation.say(m.fields.requiresObservation)}</Cell>
              <Cell>
                {m.changed ? (
                  <>
                    <Tag colour="blue">Changed in Engage</Tag>
                    <span className="govuk-body-s">
                      {" "}
                      {m.changed.on}
                      {m.changed.by ? ` by ${m.changed.by}` : ""}
                    </span>
                  </>
                ) : (
                  <Tag colour="grey">Library file</Tag>
                )}
              </Cell>
            </Row>
          ))}
        </Table>
      </div>
    </>
  );
}
