// The "Assign training" form's questions: what, to whom and by when. The wing select, the officers and the two kinds of
// due date are each revealed under the option they belong to (GOV.UK's conditionally revealed questions).
import { WHOLE_PROGRAMME } from "~/assignments/form";
import { ConditionalRadios } from "~/components/conditional-radios";
import { CheckboxItems, FieldsetFrame, Select, TextInput } from "~/components/fields";
import { DateInput } from "~/components/date-input";
import type { FieldErrors } from "~/utils/field-errors";

const CHOOSE = { value: "", label: "Choose" };

interface AssignFormChoices {
  modules: { id: string; title: string }[];
  wings: { id: number; name: string }[];
  officers: { id: number; name: string; wing: string | null }[];
}

export function AssignmentFields({
  modules,
  wings,
  officers,
  errors = {},
  values: v = {},
}: AssignFormChoices & {
  errors?: FieldErrors;
  values?: Record<string, string>;
}) {
  const chosen = new Set((v.officerIds ?? "").split(","));
  return (
    <>
      <Select
        name="moduleId"
        label="What to assign"
        defaultValue={v.moduleId ?? ""}
        error={errors.moduleId}
        options={[
          CHOOSE,
          { value: WHOLE_PROGRAMME, label: "The whole programme (every module)" },
          ...modules.map((m) => ({ value: m.id, label: m.title })),
        ]}
      />
      <ConditionalRadios
        name="audience"
        legend="Who to assign it to"
        defaultValue={v.audience}
        error={errors.audience}
        options={[
          { value: "prison", label: "Every officer in the prison" },
          {
            value: "wing",
            label: "A wing or team",
            hint: "Officers who join it later get it too",
            conditional: (
              <Select
                name="unitId"
                label="Wing or team"
                defaultValue={v.unitId ?? ""}
                error={errors.unitId}
                options={[CHOOSE, ...wings.map((w) => ({ value: String(w.id), label: w.name }))]}
              />
            ),
          },
          {
            value: "officers",
            label: "Named officers",
            conditional: (
              <FieldsetFrame
                name="officerIds"
                legend="Officers"
                legendClassName="govuk-fieldset__legend--s"
                error={errors.officerIds}
              >
                <details className="govuk-details" open={chosen.size > 1 || Boolean(errors.officerIds)}>
                  <summary className="govuk-details__summary">
                    <span className="govuk-details__summary-text">Choose officers ({officers.length})</span>
                  </summary>
                  <CheckboxItems
                    name="officerIds"
                    small
                    defaultValues={[...chosen]}
                    options={officers.map((o) => ({
                      value: String(o.id),
                      label: `${o.name} (${o.wing ?? "no wing"})`,
                    }))}
                  />
                </details>
              </FieldsetFrame>
            ),
          },
        ]}
      />
      <ConditionalRadios
        name="due"
        legend="When it is due"
        defaultValue={v.due}
        error={errors.due}
        options={[
          {
            value: "date",
            label: "By a date",
            conditional: (
              <DateInput
                name="due"
                legend="Due date"
                hint="For example, 31 3 2027"
                error={errors.dueDay}
                values={{ day: v.dueDay, month: v.dueMonth, year: v.dueYear }}
              />
            ),
          },
          {
            value: "days",
            label: "Within a number of days of joining",
            hint: "New starters get that many days from joining; everyone else from today",
            conditional: (
              <TextInput
                name="dueDays"
                label="Number of days"
                hint="From 1 to 365"
                inputMode="numeric"
                className="govuk-input--width-4"
                defaultValue={v.dueDays}
                error={errors.dueDays}
              />
            ),
          },
        ]}
      />
    </>
  );
}
