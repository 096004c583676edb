// GOV.UK form fields as React components: label, hint and error message wired to the control
// with ids and aria-describedby, as the design system's markup does.
import {
  Fragment,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { fieldId } from "~/components/error-summary";

interface FieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Advice that does not stop the form (the studio's teaching warnings), shown as GOV.UK warning text. */
  warning?: ReactNode;
  labelClassName?: string;
  /** set when another form on the page has a field of the same name (see ErrorSummary's idPrefix) */
  idPrefix?: string;
}

function describedBy(id: string, hint: unknown, error: unknown, extra?: string, warning?: unknown) {
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

/** A GOV.UK confirmation page's buttons: the warning button that does it (pressed once), and Cancel. */
export function ConfirmOrCancel({ confirm, cancelHref }: { confirm: string; cancelHref: string }) {
  return (
    <div className="govuk-button-group">
      <button
        type="submit"
        className="govuk-button govuk-button--warning"
        data-module="govuk-button"
        data-prevent-double-click="true"
      >
        {confirm}
      </button>
      <a className="govuk-link" href={cancelHref}>
        Cancel
      </a>
    </div>
  );
}

/** The hint, the error and the warning (the studio's teaching advice) of one field or fieldset. */
function HintAndMessages({
  id,
  hint,
  error,
  warning,
}: {
  id: string;
  hint?: ReactNode;
  error?: string;
  warning?: ReactNode;
}) {
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
      {warning ? <WarningText id={`${id}-warning`}>{warning}</WarningText> : null}
    </>
  );
}

function FieldFrame({
  id,
  label,
  hint,
  error,
  warning,
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
      <HintAndMessages id={id} hint={hint} error={error} warning={warning} />
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
  warning,
  group,
  idPrefix,
  children,
}: {
  name: string;
  legend: ReactNode;
  legendClassName: string;
  hint?: ReactNode;
  error?: string;
  warning?: ReactNode;
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
        aria-describedby={describedBy(id, hint, error, undefined, warning)}
      >
        <legend className={`govuk-fieldset__legend ${legendClassName}`}>{legend}</legend>
        <HintAndMessages id={id} hint={hint} error={error} warning={warning} />
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
  warning,
  labelClassName,
  className,
  idPrefix,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = fieldId(name, idPrefix);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} warning={warning} labelClassName={labelClassName}>
      <input
        className={`govuk-input${error ? " govuk-input--error" : ""} ${className ?? ""}`}
        id={id}
        name={name}
        type="text"
        aria-describedby={describedBy(id, hint, error, undefined, warning)}
        aria-invalid={error ? true : undefined}
        {...input}
      />
    </FieldFrame>
  );
}

/** GOV.UK file upload. */
export function FileUpload({
  name,
  label,
  accept,
  error,
}: {
  name: string;
  label: string;
  accept: string;
  error?: string;
}) {
  const id = fieldId(name);
  return (
    <FieldFrame id={id} label={label} error={error} labelClassName="govuk-label--s">
      <input
        className={`govuk-file-upload${error ? " govuk-file-upload--error" : ""}`}
        id={id}
        name={name}
        type="file"
        accept={accept}
        aria-describedby={describedBy(id, undefined, error)}
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
  idPrefix,
  ...select
}: FieldProps &
  SelectHTMLAttributes<HTMLSelectElement> & {
    /** Options, or labelled groups of options (an `<optgroup>` each). */
    options: (SelectOption | { group: string; options: SelectOption[] })[];
  }) {
  const id = fieldId(name, idPrefix);
  const option = (o: SelectOption) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} warning={warning} labelClassName={labelClassName}>
      <select
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={id}
        name={name}
        aria-describedby={describedBy(id, hint, error, undefined, warning)}
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
  idPrefix,
  ...textarea
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement> & { describedByExtra?: string }) {
  const id = fieldId(name, idPrefix);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} warning={warning} labelClassName={labelClassName}>
      <textarea
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={id}
        name={name}
        aria-describedby={describedBy(id, hint, error, describedByExtra, warning)}
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
  idPrefix,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  warning?: ReactNode;
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
      warning={warning}
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

/** `input` adds to an option's control and `after` follows its item: a conditional reveal (conditional-radios.tsx). */
type Choice = {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  input?: InputHTMLAttributes<HTMLInputElement>;
  after?: ReactNode;
};

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
          <Fragment key={o.value}>
            <div className={`govuk-${kind}__item`}>
              <input
                className={`govuk-${kind}__input`}
                id={optionId}
                name={name}
                type={type}
                value={o.value}
                defaultChecked={checked.includes(o.value)}
                aria-describedby={o.hint ? `${optionId}-item-hint` : undefined}
                {...o.input}
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
            {o.after}
          </Fragment>
        );
      })}
    </div>
  );
}
