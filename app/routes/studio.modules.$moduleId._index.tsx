// One module: its title and summary (changed on their own page), and what it asks for competency:
// the form, then what the change would do to officers' statuses across every prison, then Save.
// Works as plain forms without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { SummaryList, Tag } from "~/components/page";
import { Radios, TextInput, WarningText } from "~/components/fields";
import { belowMitiFair } from "~/domain/competency";
import { formatDate } from "~/domain/dates.server";
import {
  fieldsOf,
  moduleOf,
  readSettingsForm,
  saveModuleSettings,
  settingsImpact,
  settingsOf,
} from "~/studio/module-settings.server";
import {
  asShown,
  SETTING_FIELDS,
  SETTING_WORDS,
  SettingsSummary,
  ShiftList,
  shownFrom,
  type SettingsFields,
} from "~/studio/module-settings";
import { readFormData } from "~/utils/form-data.server";
import { fieldError } from "~/utils/field-errors";
import { title } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `What ${data.title} asks for competency` : "Module");

async function moduleOrNotFound(request: Request, context: LoaderFunctionArgs["context"], moduleId = "") {
  const user = await requireUser(request, context, { can: "setCompetencyRules" });
  const module = await moduleOf(context.db, moduleId);
  if (!module) notFound();
  return { user, module };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { module } = await moduleOrNotFound(request, context, params.moduleId);
  return {
    id: module.id,
    title: module.title,
    summary: module.summary,
    addedInEngage: module.addedInEngage,
    scenarios: module.scenarios.length,
    offered: module.offered,
    wordsChanged: module.detailsChanged
      ? { by: module.detailsChanged.by, on: formatDate(module.detailsChanged.at) }
      : null,
    version: module.settingsVersion,
    fields: fieldsOf(settingsOf(module)),
    library: fieldsOf(module.librarySettings),
    changed: module.settingsChanged
      ? { by: module.settingsChanged.by, on: formatDate(module.settingsChanged.at) }
      : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, module } = await moduleOrNotFound(request, context, params.moduleId);
  const form = readSettingsForm(await readFormData(request));
  if (!form.ok) return data({ errors: form.errors, values: form.values, check: null }, { status: 400 });
  const { intent, version, settings, shown } = form.data;
  if (intent === "edit") return { errors: null, values: form.values, check: null };
  if (intent === "check") {
    const shifts = await settingsImpact(context.db, module.id, settings);
    const belowFair = belowMitiFair(settings.thresholds);
    return {
      errors: null,
      values: form.values,
      check: { fields: fieldsOf(settings), version, shifts, belowFair, shown },
    };
  }
  const saved = await saveModuleSettings(context.db, user, { moduleId: module.id, version, settings, shown });
  if (!saved.ok)
    // Refused after another trainer's save: the settings sent stay, with theirs beside them (module-settings.server).
    return data(
      {
        errors: { ...fieldError("form", saved.message), ...saved.kept?.errors },
        values: saved.kept?.values ?? null,
        check: null,
      },
      { status: 409 },
    );
  return context.sessions.redirectWithNotice(
    request,
    "/studio/modules",
    saved.changed
      ? `Saved what ${module.title} asks for competency. Officers' statuses follow it from now on.`
      : `Nothing changed: ${module.title} already asked for this.`,
  );
}

export default function ModuleSettingsPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const check = result?.check;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={result?.errors} />
        <span className="govuk-caption-l">Modules and competency</span>
        <h1 className="govuk-heading-l">{check ? `Check the change to ${d.title}` : d.title}</h1>
        {check ? (
          <CheckAndSave fields={check.fields} version={check.version} shown={check.shown}>
            {check.belowFair.length ? (
              <WarningText>
                Below the MITI 4.2.1 “fair” level: {check.belowFair.join("; ")}. Officers could be called competent with
                less than MITI counts as fair practice.
              </WarningText>
            ) : null}
            <h2 className="govuk-heading-m">What this does to officers' statuses</h2>
            <ShiftList shifts={check.shifts} />
          </CheckAndSave>
        ) : (
          <>
            <ModuleWords d={d} />
            <h2 className="govuk-heading-m">What it asks for competency</h2>
            <p className="govuk-body">
              {d.changed
                ? `Changed in Engage on ${d.changed.on}${d.changed.by ? ` by ${d.changed.by}` : ""}. `
                : d.addedInEngage
                  ? "These are the usual levels for a module added in Engage: MITI 4.2.1's “fair” levels for reflections, and no responses against MI. "
                  : "These are the library file's settings. "}
              What you change here applies to officers in every prison. You see what it does to their statuses before
              you save it.
            </p>
            <SettingsForm
              // A new version remounts the fields with the values sent (after a clash, the trainer's own).
              key={`v${versionOf(result?.values) ?? d.version}`}
              version={versionOf(result?.values) ?? d.version}
              fields={{ ...d.fields, ...pick(result?.values) }}
              shown={shownFrom(result?.values) ?? d.fields}
              errors={result?.errors ?? {}}
            />
            {d.changed ? (
              <Form method="post">
                <h2 className="govuk-heading-m">
                  {d.addedInEngage ? "The usual levels" : "The library file's settings"}
                </h2>
                <SettingsSummary fields={d.library} />
                <HiddenFields version={d.version} fields={d.library} shown={d.fields} intent="check" />
                <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                  {d.addedInEngage
                    ? "Check going back to the usual levels"
                    : "Check going back to the library file's settings"}
                </button>
              </Form>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}

function ModuleWords({ d }: { d: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const from = d.addedInEngage
    ? "Added in Engage"
    : d.wordsChanged
      ? "Library file, reworded in Engage"
      : "Library file";
  return (
    <>
      <SummaryList
        rows={[
          {
            key: "Title",
            value: d.title,
            action: (
              <a className="govuk-link" href={`/studio/modules/${encodeURIComponent(d.id)}/details`}>
                Change<span className="govuk-visually-hidden"> the title and summary</span>
              </a>
            ),
          },
          { key: "Summary", value: d.summary },
          {
            key: "Where it comes from",
            value: (
              <>
                <Tag colour={d.addedInEngage || d.wordsChanged ? "blue" : "grey"}>{from}</Tag>
                {d.wordsChanged ? ` ${d.wordsChanged.on}${d.wordsChanged.by ? ` by ${d.wordsChanged.by}` : ""}` : ""}
              </>
            ),
          },
          { key: "Scenarios", value: String(d.scenarios) },
        ]}
      />
      {d.offered ? null : (
        <div className="govuk-inset-text">
          No scenario is in this module yet, so officers do not see it. To put a scenario in it, choose this module in
          the scenario's details and publish the scenario. Added by mistake?{" "}
          <a className="govuk-link" href={`/studio/modules/${encodeURIComponent(d.id)}/remove`}>
            Remove this module
          </a>
          .
        </div>
      )}
    </>
  );
}

function SettingsForm({
  version,
  fields,
  shown,
  errors,
}: {
  version: number;
  fields: SettingsFields;
  shown: SettingsFields;
  errors: Record<string, string>;
}) {
  const w = SETTING_WORDS;
  const number = (name: Exclude<keyof SettingsFields, "requiresObservation">, width: string) => (
    <TextInput
      name={name}
      label={w[name].label}
      hint={w[name].hint}
      error={errors[name]}
      defaultValue={fields[name]}
      inputMode={name === "reflectionsPerQuestion" ? "decimal" : "numeric"}
      spellCheck={false}
      className={`govuk-input--width-${width}`}
    />
  );
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="intent" value="check" />
      <ShownFields shown={shown} />
      <div className="govuk-inset-text">
        If you raise the pass marks, officers who are competent keep it until their refresher is due; assessments from
        now on need the new marks. If you lower them, earlier assessments that meet the new marks count at once.
      </div>
      {number("reflectionsPerQuestion", "4")}
      {number("percentComplex", "3")}
      {number("nonAdherentAllowed", "3")}
      {number("refresherMonths", "3")}
      <Radios
        name="requiresObservation"
        legend={w.requiresObservation.label}
        hint={w.requiresObservation.hint}
        error={errors.requiresObservation}
        defaultValue={fields.requiresObservation}
        small
        options={[
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]}
      />
      <button type="submit" className="govuk-button" data-module="govuk-button">
        Check what this changes
      </button>
    </Form>
  );
}

function CheckAndSave({
  fields,
  version,
  shown,
  children,
}: {
  fields: SettingsFields;
  version: number;
  shown: SettingsFields | null;
  children: React.ReactNode;
}) {
  return (
    <>
      <SettingsSummary fields={fields} />
      {children}
      <Form method="post">
        <HiddenFields version={version} fields={fields} shown={shown} />
        <div className="govuk-button-group">
          <button type="submit" name="intent" value="save" className="govuk-button" data-module="govuk-button">
            Save these settings
          </button>
          <button
            type="submit"
            name="intent"
            value="edit"
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
          >
            Change them
          </button>
        </div>
      </Form>
    </>
  );
}

function HiddenFields({
  version,
  fields,
  shown,
  intent,
}: {
  version: number;
  fields: SettingsFields;
  shown: SettingsFields | null;
  intent?: string;
}) {
  return (
    <>
      <input type="hidden" name="version" value={version} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      {SETTING_FIELDS.map((name) => (
        <input key={name} type="hidden" name={name} value={fields[name]} />
      ))}
      <ShownFields shown={shown} />
    </>
  );
}

/** What the page showed before any change, carried to the save so a clash with another save keeps theirs. */
function ShownFields({ shown }: { shown: SettingsFields | null }) {
  return shown
    ? asShown(shown).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)
    : null;
}

/** The version a form shown again was made from (so a change since is still caught). */
function versionOf(values: Record<string, string> | null | undefined) {
  const v = values?.version;
  return v !== undefined && /^\d{1,10}$/.test(v) ? Number(v) : undefined;
}

/** The settings fields of a refused form, as typed, to show again. */
function pick(values: Record<string, string> | null | undefined): Partial<SettingsFields> {
  return Object.fromEntries(SETTING_FIELDS.filter((n) => values?.[n] !== undefined).map((n) => [n, values![n]]));
}
