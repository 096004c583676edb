// GOV.UK form fields as React components: label, hint and error message wired to the control
// with ids and aria-describedby, as the design system's markup does.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { fieldId } from "~/components/error-summary";

interface FieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  labelClassName?: string;
  /** set when another form on the page has a field of the same name (see ErrorSummary's idPrefix) */
  idPrefix?: string;
}

function describedBy(id: string, hint: unknown, error: unknown, extra?: string) {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : "", extra ?? ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
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
    </>
  );
}

function FieldFrame({
  id,
  label,
  hint,
  error,
  labelClassName,
  children,
}: Omit<FieldProps, "name" | "idPrefix"> & {
  id: string;
  children: ReactNode;
}) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className={`govuk-label ${labelClassName ?? ""}`} htmlFor={id}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

/** A fieldset of several controls; `name` is the control the hint, the error and the error summary point at. */
export function FieldsetFrame({
  name,
  legend,
  legendClassName,
  hint,
  error,
  group,
  idPrefix,
  children,
}: {
  name: string;
  legend: ReactNode;
  legendClassName: string;
  hint?: ReactNode;
  error?: string;
  group?: boolean;
  idPrefix?: string;
  children: ReactNode;
}) {
  const id = fieldId(name, idPrefix);
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset
        className="govuk-fieldset"
        role={group ? "group" : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        <legend className={`govuk-fieldset__legend ${legendClassName}`}>{legend}</legend>
        <HintAndError id={id} hint={hint} error={error} />
        {children}
      </fieldset>
    </div>
  );
}

export function TextInput({
  name,
  label,
  hint,
  error,
  labelClassName,
  className,
  idPrefix,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = fieldId(name, idPrefix);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} labelClassName={labelClassName}>
      <input
        className={`govuk-input${error ? " govuk-input--error" : ""} ${className ?? ""}`}
        id={id}
        name={name}
        type="text"
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...input}
      />
    </FieldFrame>
  );
}

export function Select({
  name,
  label,
  hint,
  error,
  labelClassName,
  options,
  idPrefix,
  ...select
}: FieldProps &
  SelectHTMLAttributes<HTMLSelectElement> & {
    options: { value: string; label: string }[];
  }) {
  const id = fieldId(name, idPrefix);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} labelClassName={labelClassName}>
      <select
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={id}
        name={name}
        aria-describedby={describedBy(id, hint, error)}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function Textarea({
  name,
  label,
  hint,
  error,
  labelClassName,
  describedByExtra,
  idPrefix,
  ...textarea
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement> & { describedByExtra?: string }) {
  const id = fieldId(name, idPrefix);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} labelClassName={labelClassName}>
      <textarea
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={id}
        name={name}
        aria-describedby={describedBy(id, hint, error, describedByExtra)}
        {...textarea}
      />
    </FieldFrame>
  );
}

export function Radios({
  name,
  legend,
  hint,
  error,
  options,
  defaultValue,
  legendClassName = "govuk-fieldset__legend--s",
  small,
  idPrefix,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: Choice[];
  defaultValue?: string;
  legendClassName?: string;
  small?: boolean;
  idPrefix?: string;
}) {
  return (
    <FieldsetFrame
      name={name}
      legend={legend}
      legendClassName={legendClassName}
      hint={hint}
      error={error}
      idPrefix={idPrefix}
    >
      <ChoiceItems
        type="radio"
        name={name}
        options={options}
        checked={[defaultValue]}
        small={small}
        idPrefix={idPrefix}
      />
    </FieldsetFrame>
  );
}

/** GOV.UK date input: fields NAMEDay, NAMEMonth and NAMEYear; the error summary links to the day. */
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
  const parts = [
    { key: "Day", width: 2, value: values.day },
    { key: "Month", width: 2, value: values.month },
    { key: "Year", width: 4, value: values.year },
  ];
  return (
    <FieldsetFrame
      name={`${name}Day`}
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
                className={`govuk-input govuk-date-input__input govuk-input--width-${p.width}${error ? " govuk-input--error" : ""}`}
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

/** GOV.UK checkboxes (put them in a FieldsetFrame when there are several). */
export function CheckboxItems({
  name,
  options,
  defaultValues = [],
  small,
  idPrefix,
}: {
  name: string;
  options: Choice[];
  defaultValues?: string[];
  small?: boolean;
  idPrefix?: string;
}) {
  return (
    <ChoiceItems
      type="checkbox"
      name={name}
      options={options}
      checked={defaultValues}
      small={small}
      idPrefix={idPrefix}
    />
  );
}

type Choice = { value: string; label: ReactNode; hint?: ReactNode };

/** Radio buttons or checkboxes, each with its label and hint; the first carries the field id, so the error summary link lands on it. */
function ChoiceItems({
  type,
  name,
  options,
  checked,
  small,
  idPrefix,
}: {
  type: "radio" | "checkbox";
  name: string;
  options: Choice[];
  checked: (string | undefined)[];
  small?: boolean;
  idPrefix?: string;
}) {
  const id = fieldId(name, idPrefix);
  const kind = type === "radio" ? "radios" : "checkboxes";
  return (
    <div className={`govuk-${kind}${small ? ` govuk-${kind}--small` : ""}`} data-module={`govuk-${kind}`}>
      {options.map((o, i) => {
        // An option's hint is "-item-hint" (as GOV.UK's macro names it), never the fieldset's "-hint".
        const optionId = i === 0 ? id : `${id}-${i + 1}`;
        return (
          <div className={`govuk-${kind}__item`} key={o.value}>
            <input
              className={`govuk-${kind}__input`}
              id={optionId}
              name={name}
              type={type}
              value={o.value}
              defaultChecked={checked.includes(o.value)}
              aria-describedby={o.hint ? `${optionId}-item-hint` : undefined}
            />
            <label className={`govuk-label govuk-${kind}__label`} htmlFor={optionId}>
              {o.label}
            </label>
            {o.hint ? (
              <div id={`${optionId}-item-hint`} className={`govuk-hint govuk-${kind}__hint`}>
                {o.hint}
              </div>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
