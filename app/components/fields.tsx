// GOV.UK form fields as React components: label, hint and error message wired to the control
// with ids and aria-describedby, as the design system's markup does.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { fieldId } from "~/components/error-summary";

interface FieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Advice that does not stop the form (the studio's teaching warnings), shown as GOV.UK warning text. */
  warning?: ReactNode;
  labelClassName?: string;
}

function describedBy(name: string, hint: unknown, error: unknown, extra?: string, warning?: unknown) {
  const id = fieldId(name);
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : "", warning ? `${id}-warning` : "", extra ?? ""];
  return ids.some(Boolean) ? ids.filter(Boolean).join(" ") : undefined;
}

/** GOV.UK warning text: advice that does not stop anything. */
export function WarningText({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <div id={id} className="govuk-warning-text govuk-!-margin-bottom-2">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <div className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </div>
    </div>
  );
}

function FieldMessages({ name, error, warning }: { name: string; error?: string; warning?: ReactNode }) {
  return (
    <>
      {error ? (
        <p id={`${fieldId(name)}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {warning ? <WarningText id={`${fieldId(name)}-warning`}>{warning}</WarningText> : null}
    </>
  );
}

function FieldFrame({
  name,
  label,
  hint,
  error,
  warning,
  labelClassName,
  children,
}: FieldProps & { children: ReactNode }) {
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
      <FieldMessages name={name} error={error} warning={warning} />
      {children}
    </div>
  );
}

export function TextInput({
  name,
  label,
  hint,
  error,
  warning,
  labelClassName,
  className,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} warning={warning} labelClassName={labelClassName}>
      <input
        className={`govuk-input${error ? " govuk-input--error" : ""} ${className ?? ""}`}
        id={fieldId(name)}
        name={name}
        type="text"
        aria-describedby={describedBy(name, hint, error, undefined, warning)}
        aria-invalid={error ? true : undefined}
        {...input}
      />
    </FieldFrame>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export function Select({
  name,
  label,
  hint,
  error,
  warning,
  labelClassName,
  options,
  ...select
}: FieldProps &
  SelectHTMLAttributes<HTMLSelectElement> & {
    /** Options, or labelled groups of options (an `<optgroup>` each). */
    options: (SelectOption | { group: string; options: SelectOption[] })[];
  }) {
  const option = (o: SelectOption) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} warning={warning} labelClassName={labelClassName}>
      <select
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={fieldId(name)}
        name={name}
        aria-describedby={describedBy(name, hint, error, undefined, warning)}
        {...select}
      >
        {options.map((o) =>
          "group" in o ? (
            <optgroup key={o.group} label={o.group}>
              {o.options.map(option)}
            </optgroup>
          ) : (
            option(o)
          ),
        )}
      </select>
    </FieldFrame>
  );
}

export function Textarea({
  name,
  label,
  hint,
  error,
  warning,
  labelClassName,
  describedByExtra,
  ...textarea
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement> & { describedByExtra?: string }) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} warning={warning} labelClassName={labelClassName}>
      <textarea
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={fieldId(name)}
        name={name}
        aria-describedby={describedBy(name, hint, error, describedByExtra, warning)}
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
  warning,
  options,
  defaultValue,
  legendClassName = "govuk-fieldset__legend--s",
  small,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  warning?: ReactNode;
  options: { value: string; label: ReactNode; hint?: ReactNode }[];
  defaultValue?: string;
  legendClassName?: string;
  small?: boolean;
}) {
  const id = fieldId(name);
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(name, hint, error, undefined, warning)}>
        <legend className={`govuk-fieldset__legend ${legendClassName}`}>{legend}</legend>
        {hint ? (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        <FieldMessages name={name} error={error} warning={warning} />
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
