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
}

function describedBy(name: string, hint: unknown, error: unknown, extra?: string) {
  const ids = [hint ? `${fieldId(name)}-hint` : "", error ? `${fieldId(name)}-error` : "", extra ?? ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function FieldFrame({ name, label, hint, error, labelClassName, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className={`govuk-label ${labelClassName ?? ""}`} htmlFor={fieldId(name)}>
        {label}
      </label>
      {hint ? (
        <div id={`${fieldId(name)}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${fieldId(name)}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {children}
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
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} labelClassName={labelClassName}>
      <input
        className={`govuk-input${error ? " govuk-input--error" : ""} ${className ?? ""}`}
        id={fieldId(name)}
        name={name}
        type="text"
        aria-describedby={describedBy(name, hint, error)}
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
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} labelClassName={labelClassName}>
      <select
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={fieldId(name)}
        name={name}
        aria-describedby={describedBy(name, hint, error)}
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
  ...textarea
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement> & { describedByExtra?: string }) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} labelClassName={labelClassName}>
      <textarea
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={fieldId(name)}
        name={name}
        aria-describedby={describedBy(name, hint, error, describedByExtra)}
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
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: { value: string; label: ReactNode; hint?: ReactNode }[];
  defaultValue?: string;
  legendClassName?: string;
  small?: boolean;
}) {
  const id = fieldId(name);
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend className={`govuk-fieldset__legend ${legendClassName}`}>{legend}</legend>
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
        <div className={`govuk-radios${small ? " govuk-radios--small" : ""}`} data-module="govuk-radios">
          {options.map((o, i) => {
            // The first radio carries the field id so the error summary link lands on it; an option's
            // hint is "-item-hint" (as GOV.UK's macro names it), never the fieldset's "-hint".
            const optionId = i === 0 ? id : `${id}-${i + 1}`;
            return (
              <div className="govuk-radios__item" key={o.value}>
                <input
                  className="govuk-radios__input"
                  id={optionId}
                  name={name}
                  type="radio"
                  value={o.value}
                  defaultChecked={defaultValue === o.value}
                  aria-describedby={o.hint ? `${optionId}-item-hint` : undefined}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={optionId}>
                  {o.label}
                </label>
                {o.hint ? (
                  <div id={`${optionId}-item-hint`} className="govuk-hint govuk-radios__hint">
                    {o.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
