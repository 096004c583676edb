// Pieces shared by the studio's pages: the tabs of one scenario and the validator's findings.
import { useEffect, useRef, type ReactNode } from "react";
import type { Diagnostic } from "~/domain/scenario";
import { SubNavigation, Tag } from "~/components/page";

const TABS = [
  { path: "nodes", text: "Edit" },
  { path: "edit", text: "YAML" },
  { path: "map", text: "Map" },
  { path: "play", text: "Preview" },
  { path: "history", text: "History" },
  { path: "publish", text: "Publish" },
] as const;

export type ScenarioTab = (typeof TABS)[number]["path"];

function ScenarioTabs({ scenarioId, current }: { scenarioId: string; current: ScenarioTab }) {
  const base = `/studio/${encodeURIComponent(scenarioId)}`;
  return (
    <SubNavigation
      label="Scenario"
      items={[
        ...TABS.map((t) => ({ href: `${base}/${t.path}`, text: t.text, current: t.path === current })),
        { href: `${base}/export`, text: "Export YAML", download: true },
      ]}
    />
  );
}

/** The top of every page about one scenario: back link, its id, a heading and the tabs. */
export function ScenarioPageHeader({
  scenarioId,
  heading,
  current,
  children,
}: {
  scenarioId: string;
  heading: string;
  current: ScenarioTab;
  children?: ReactNode;
}) {
  return (
    <>
      <a href="/studio" className="govuk-back-link">
        Back to the studio
      </a>
      {children}
      <span className="govuk-caption-l">{scenarioId}</span>
      <h1 className="govuk-heading-l app-wrap">{heading}</h1>
      <ScenarioTabs scenarioId={scenarioId} current={current} />
    </>
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
export function DiagnosticSummary({
  diagnostics,
  textareaId,
  focus,
}: {
  diagnostics: Diagnostic[];
  textareaId: string;
  focus: boolean;
}) {
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
        <div
          className="govuk-error-summary"
          ref={ref}
          tabIndex={-1}
          data-module="govuk-error-summary"
          aria-labelledby="diagnostics-title"
        >
          <h2 className="govuk-error-summary__title" id="diagnostics-title">
            {errors.length === 1
              ? "There is 1 error in the scenario"
              : `There are ${errors.length} errors in the scenario`}
          </h2>
          <div className="govuk-error-summary__body">
            <DiagnosticList
              className="govuk-list govuk-error-summary__list"
              diagnostics={errors}
              textareaId={textareaId}
            />
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
            {warnings.length === 1
              ? "1 warning about the teaching"
              : `${warnings.length} warnings about the teaching`}{" "}
            (these do not stop publishing):
            <DiagnosticList className="govuk-list govuk-list--bullet" diagnostics={warnings} textareaId={textareaId} />
          </div>
        </div>
      ) : null}
    </>
  );
}

function DiagnosticList({
  className,
  diagnostics,
  textareaId,
}: {
  className: string;
  diagnostics: Diagnostic[];
  textareaId: string;
}) {
  return (
    <ul className={className}>
      {diagnostics.map((d, i) => (
        <li key={i}>
          <DiagnosticLink d={d} textareaId={textareaId} />
        </li>
      ))}
    </ul>
  );
}

/** The wizard's example words still in a draft or a node: allowed while writing, refused at publishing. */
export function ExampleWordsTag({ count }: { count: number }) {
  return <Tag colour="grey">{count === 1 ? "Example words in 1 place" : `Example words in ${count} places`}</Tag>;
}
