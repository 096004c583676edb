// The modules and what each asks for competency: from the library file, or as a trainer changed it,
// and the modules trainers added in Engage.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { SummaryCard, Tag } from "~/components/page";
import { getCurriculum } from "~/curriculum/curriculum.server";
import { formatDate } from "~/domain/dates.server";
import { fieldsOf, settingsOf } from "~/studio/module-settings.server";
import { SettingsSummary } from "~/studio/module-settings";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Modules and competency");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "setCompetencyRules" });
  const curriculum = await getCurriculum(context.db, { withUnoffered: true });
  return {
    modules: curriculum.map((m) => ({
      id: m.id,
      title: m.title,
      scenarios: m.scenarios.length,
      addedInEngage: m.addedInEngage,
      offered: m.offered,
      fields: fieldsOf(settingsOf(m)),
      changed: m.settingsChanged ? { by: m.settingsChanged.by, on: formatDate(m.settingsChanged.at) } : null,
    })),
  };
}

export default function StudioModules() {
  const { modules } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Modules and competency</h1>
        <p className="govuk-body">
          An officer is Competent in a module when an assessment of each of its scenarios reaches what the module asks.
          The built-in library's file sets these for its modules, and modules added here start at the usual levels; a
          change made here applies to every prison, and you see what it does to officers' statuses before you save it.
        </p>
        <div className="govuk-button-group">
          <a
            href="/studio/modules/new"
            role="button"
            draggable="false"
            className="govuk-button"
            data-module="govuk-button"
          >
            Add a module
          </a>
          <a href="/studio/modules/order" className="govuk-link">
            Change the order of the modules
          </a>
        </div>
        {modules.map((m) => (
          <SummaryCard
            key={m.id}
            id={`module-${m.id}`}
            title={m.title}
            actions={[
              <a key="change" className="govuk-link" href={`/studio/modules/${encodeURIComponent(m.id)}`}>
                Change<span className="govuk-visually-hidden"> what {m.title} asks</span>
              </a>,
            ]}
          >
            <SettingsSummary
              fields={m.fields}
              more={[
                {
                  key: "Scenarios",
                  value: m.offered ? (
                    String(m.scenarios)
                  ) : (
                    <>
                      <Tag colour="yellow">Not yet seen by officers</Tag> none yet: publish a scenario in it
                    </>
                  ),
                },
                ...(m.addedInEngage
                  ? [{ key: "Where it comes from", value: <Tag colour="blue">Added in Engage</Tag> }]
                  : []),
                {
                  key: "Set by",
                  value: m.changed ? (
                    <>
                      <Tag colour="blue">Changed in Engage</Tag> {m.changed.on}
                      {m.changed.by ? ` by ${m.changed.by}` : ""}
                    </>
                  ) : (
                    <Tag colour="grey">{m.addedInEngage ? "The usual levels" : "Library file"}</Tag>
                  ),
                },
              ]}
            />
          </SummaryCard>
        ))}
      </div>
    </div>
  );
}
