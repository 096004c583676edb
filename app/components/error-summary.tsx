import { useEffect, useRef } from "react";

/** GOV.UK error summary: lists each problem, links to its field, and takes focus when shown. */
export function ErrorSummary({ errors, title = "There is a problem" }: { errors: Record<string, string | undefined> | undefined | null; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter((e): e is [string, string] => Boolean(e[1]));
  const key = entries.map((e) => e.join(":")).join("|");
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (entries.length === 0) return null;
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1} role="alert" data-module="govuk-error-summary">
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {entries.map(([field, message]) => (
              <li key={field}>
                {field === "form" ? message : <a href={`#${fieldId(field)}`}>{message}</a>}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export const fieldId = (name: string) => `field-${name}`;
