// GOV.UK date inputs (Day, Month, Year), apart from the other fields: only the forms that ask for a date
// load them, so the officer's play page does not.
import { fieldId } from "~/components/error-summary";
import { FieldsetFrame } from "~/components/fields";

type DatePart = "day" | "month" | "year";

/** Date input NAME's message: the server puts it on the first field to correct (NAMEDay, NAMEMonth or NAMEYear). */
export const dateError = (errors: Record<string, string> | undefined, name: string): string | undefined =>
  errors?.[`${name}Day`] ?? errors?.[`${name}Month`] ?? errors?.[`${name}Year`];

/**
 * GOV.UK date input: fields NAMEDay, NAMEMonth and NAMEYear, or only NAMEMonth and NAMEYear `withoutDay`
 * (the design system's way to ask for a month). With an error, the fields in `wrong` are highlighted
 * (the whole date when it names none); the error summary links to the first of them.
 */
export function DateInput({
  name,
  legend,
  hint,
  error,
  wrong = [],
  values,
  withoutDay = false,
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  wrong?: readonly DatePart[];
  values: { day?: string; month?: string; year?: string };
  withoutDay?: boolean;
}) {
  const parts = [
    { key: "Day", width: 2, value: values.day, wrong: wrong.includes("day") },
    { key: "Month", width: 2, value: values.month, wrong: wrong.includes("month") },
    { key: "Year", width: 4, value: values.year, wrong: wrong.includes("year") },
  ].slice(withoutDay ? 1 : 0);
  return (
    <FieldsetFrame
      name={`${name}${parts[0]?.key ?? "Day"}`}
      legend={legend}
      legendClassName="govuk-fieldset__legend--s"
      hint={hint}
      error={error}
      group
    >
      <div className="govuk-date-input">
        {parts.map((p) => (
          <div className="govuk-date-input__item" key={p.key}>
            <div className="govuk-form-group">
              <label className="govuk-label govuk-date-input__label" htmlFor={fieldId(`${name}${p.key}`)}>
                {p.key}
              </label>
              <input
                className={`govuk-input govuk-date-input__input govuk-input--width-${p.width}${error && (p.wrong || wrong.length === 0) ? " govuk-input--error" : ""}`}
                id={fieldId(`${name}${p.key}`)}
                name={`${name}${p.key}`}
                type="text"
                inputMode="numeric"
                defaultValue={p.value}
              />
            </div>
          </div>
        ))}
      </div>
    </FieldsetFrame>
  );
}

/** A filter's two date inputs, "Date from" and "Date to" (fromDay, ..., toYear), as readDateRange reads them. */
export function DateRangeInputs({
  values,
  errors,
  wrong,
}: {
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  wrong: { from: readonly DatePart[]; to: readonly DatePart[] };
}) {
  return (["from", "to"] as const).map((name) => (
    <DateInput
      key={name}
      name={name}
      legend={name === "from" ? "Date from" : "Date to"}
      hint="For example, 27 3 2026"
      error={dateError(errors, name)}
      wrong={wrong[name]}
      values={{ day: values[`${name}Day`], month: values[`${name}Month`], year: values[`${name}Year`] }}
    />
  ));
}
