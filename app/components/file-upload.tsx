// The GOV.UK file upload field, with its error message wired to the control.
import { fieldId } from "~/components/error-summary";

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
  const errorId = `${fieldId(name)}-error`;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={fieldId(name)}>
        {label}
      </label>
      {error ? (
        <p id={errorId} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <input
        className={`govuk-file-upload${error ? " govuk-file-upload--error" : ""}`}
        id={fieldId(name)}
        name={name}
        type="file"
        accept={accept}
        aria-describedby={error ? errorId : undefined}
      />
    </div>
  );
}
