import { useEffect, useRef, type MouseEvent } from "react";
import { useErrorTitle } from "~/components/error-title";

/** GOV.UK error summary: lists each problem, links to its field, takes focus and marks the page title when shown. */
export function ErrorSummary({
  errors,
  details = [],
  title = "There is a problem",
  idPrefix,
}: {
  errors: Record<string, string | undefined> | undefined | null;
  /** further lines with no field to link to (for example a file's problems, line by line) */
  details?: string[];
  title?: string;
  /** the fields' idPrefix, when a page has two forms with a field of the same name */
  idPrefix?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter((e): e is [string, string] => Boolean(e[1]));
  const key = entries.map((e) => e.join(":")).join("|");
  useErrorTitle(entries.length > 0);
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (entries.length === 0) return null;
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1} role="alert" data-module="govuk-error-summary">
      <div>
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {entries.map(([field, message]) => (
              <li key={field}>
                {field === "form" ? (
                  message
                ) : (
                  <a href={`#${fieldId(field, idPrefix)}`} onClick={focusField}>
                    {message}
                  </a>
                )}
              </li>
            ))}
            {details.map((line, i) => (
              <li key={`detail-${i}`}>{line}</li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/**
 * Moves to the field as GOV.UK's error summary script does: its label or legend in view, the field
 * focused. Left to the browser, the fragment would be a navigation for the router, which forgets
 * the action's errors; without JavaScript the plain link does the same job.
 */
function focusField(event: MouseEvent<HTMLAnchorElement>) {
  const id = decodeURIComponent(event.currentTarget.hash.slice(1));
  const field = document.getElementById(id);
  if (!field) return;
  event.preventDefault();
  const legend = field.closest("fieldset")?.querySelector("legend");
  const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
  (legend ?? label ?? field).scrollIntoView();
  field.focus({ preventScroll: true });
}

/** A field's id; a prefix keeps ids unique when two forms on a page share a field name. */
export const fieldId = (name: string, prefix?: string) => (prefix ? `field-${prefix}-${name}` : `field-${name}`);
