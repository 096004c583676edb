// Pieces shared by the studio's pages: the tabs of one scenario and the validator's findings.
import { useEffect, useRef } from "react";
import type { Diagnostic } from "~/domain/scenario";

export const STUDIO_ROLES = ["trainer", "admin"] as const;

const TABS = [
  { path: "edit", text: "Edit" },
  { path: "map", text: "Map" },
  { path: "play", text: "Play-test" },
  { path: "publish", text: "Publish" },
] as const;

export function ScenarioTabs({ scenarioId, current }: { scenarioId: string; current: (typeof TABS)[number]["path"] }) {
  return (
    <nav className="moj-sub-navigation" aria-label="Scenario">
      <ul className="moj-sub-navigation__list">
        {TABS.map((t) => (
          <li className="moj-sub-navigation__item" key={t.path}>
            <a className="moj-sub-navigation__link" href={`/studio/${encodeURIComponent(scenarioId)}/${t.path}`} aria-current={t.path === current ? "page" : undefined}>
              {t.text}
            </a>
          </li>
        ))}
        <li className="moj-sub-navigation__item">
          <a className="moj-sub-navigation__link" href={`/studio/${encodeURIComponent(scenarioId)}/export`} download>
            Export YAML
          </a>
        </li>
      </ul>
    </nav>
  );
}

/** Moves the cursor of the YAML box to the start of a line and shows it. */
export function goToLine(textarea: HTMLTextAreaElement, line: number) {
  const lines = textarea.value.split("\n");
  const n = Math.max(1, Math.min(line, lines.length));
  const start = lines.slice(0, n - 1).reduce((sum, l) => sum + l.length + 1, 0);
  textarea.focus();
  textarea.setSelectionRange(start, start + lines[n - 1].length);
  // Scroll so the line sits near the top of the box.
  const lineHeight = textarea.scrollHeight / Math.max(lines.length, 1);
  textarea.scrollTop = Math.max(0, (n - 3) * lineHeight);
}

function DiagnosticLink({ d, textareaId }: { d: Diagnostic; textareaId: string }) {
  return (
    <a
      href={`#${textareaId}`}
      data-line={d.line}
      onClick={(e) => {
        const box = document.getElementById(textareaId);
        if (box instanceof HTMLTextAreaElement) {
          e.preventDefault();
          goToLine(box, d.line);
        }
      }}
    >
      Line {d.line}: {d.message}
    </a>
  );
}

/**
 * Errors as a GOV.UK error summary, each linking to the YAML box (with JavaScript, to its line);
 * warnings below it. `focus` moves focus to the summary, as after a save, not while typing.
 */
export function DiagnosticSummary({ diagnostics, textareaId, focus }: { diagnostics: Diagnostic[]; textareaId: string; focus: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const errors = diagnostics.filter((d) => d.severity === "error");
  const warnings = diagnostics.filter((d) => d.severity === "warning");
  useEffect(() => {
    if (focus && errors.length) ref.current?.focus();
    // Only on first show: later updates while typing must not pull focus from the box.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <>
      {errors.length ? (
        <div className="govuk-error-summary" ref={ref} tabIndex={-1} data-module="govuk-error-summary" aria-labelledby="diagnostics-title">
          <h2 className="govuk-error-summary__title" id="diagnostics-title">
            {errors.length === 1 ? "There is 1 error in the scenario" : `There are ${errors.length} errors in the scenario`}
          </h2>
          <div className="govuk-error-summary__body">
            <ul className="govuk-list govuk-error-summary__list">
              {errors.map((d, i) => (
                <li key={i}>
                  <DiagnosticLink d={d} textareaId={textareaId} />
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {warnings.length ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {warnings.length === 1 ? "1 warning about the teaching" : `${warnings.length} warnings about the teaching`} (these do not stop publishing):
            <ul className="govuk-list govuk-list--bullet">
              {warnings.map((d, i) => (
                <li key={i}>
                  <DiagnosticLink d={d} textareaId={textareaId} />
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
    </>
  );
}
