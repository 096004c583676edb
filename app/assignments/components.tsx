// Pieces of the assignments page and the officer's task list: the GOV.UK date input, and a due
// date in words with its tag (colour never the only signal).
import { fieldId } from "~/components/error-summary";
import { Tag } from "~/components/page";
import { DUE_LABELS, type DueState } from "~/domain/assignments";
import { formatDay } from "~/domain/calendar-days";

export function DateInput({
  name,
  legend,
  hint,
  error,
  values,
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  values: { day?: string; month?: string; year?: string };
}) {
  const id = fieldId(`${name}Day`);
  const parts = [
    { key: "Day", label: "Day", width: 2, value: values.day },
    { key: "Month", label: "Month", width: 2, value: values.month },
    { key: "Year", label: "Year", width: 4, value: values.year },
  ];
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={described}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint ? (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        {error ? (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="govuk-date-input">
          {parts.map((p, i) => (
            <div className="govuk-date-input__item" key={p.key}>
              <div className="govuk-form-group">
                <label
                  className="govuk-label govuk-date-input__label"
                  htmlFor={i === 0 ? id : fieldId(`${name}${p.key}`)}
                >
                  {p.label}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input govuk-input--width-${p.width}${error ? " govuk-input--error" : ""}`}
                  id={i === 0 ? id : fieldId(`${name}${p.key}`)}
                  name={`${name}${p.key}`}
                  type="text"
                  inputMode="numeric"
                  defaultValue={p.value}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

const DUE_COLOURS = { on_track: "blue", due_soon: "yellow", overdue: "red" } as const;

/** "Overdue" or "Due soon" or "On track" as a tag. */
export function DueTag({ state, label }: { state: DueState; label: string }) {
  return <Tag colour={DUE_COLOURS[state]}>{label}</Tag>;
}

/** Under a status in the matrix: the due date, and Overdue when it is. */
export function DueText({ due }: { due: { dueOn: string; state: DueState; refresher: boolean } }) {
  return (
    <span className="app-due govuk-body-s govuk-!-display-block govuk-!-margin-top-1">
      {due.refresher ? "Refresher due" : "Due"} {formatDay(due.dueOn)}
      {due.state === "overdue" ? (
        <>
          {" "}
          <DueTag state="overdue" label={DUE_LABELS.overdue} />
        </>
      ) : null}
    </span>
  );
}
