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

function FieldFrame({
  id,
  label,
  hint,
  error,
  labelClassName,
  children,
}: Omit<FieldProps, "name" | "idPrefix"> & { id: string; children: ReactNode }) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className={`govuk-label ${labelClassName ?? ""}`} htmlFor={id}>
        {label}
      </label>
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
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
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
  options: { value: string; label: ReactNode; hint?: ReactNode }[];
  defaultValue?: string;
  legendClassName?: string;
  small?: boolean;
  idPrefix?: string;
}) {
  const id = fieldId(name, idPrefix);
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
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
