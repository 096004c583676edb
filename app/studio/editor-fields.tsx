/**
 * Pieces the studio's forms share: what a page knows about each field (findings, a refused save,
 * what was typed), the props each GOV.UK field gets from it, findings about a whole part, and the
 * error summaries that link to fields. Browser-safe: no `yaml`, no `zod`.
 */
import { useEffect, useRef, useState, type RefObject } from "react";
import { keepForm, restoreForm } from "~/components/kept-reply";
import { fieldId } from "~/components/error-summary";
import { Radios, WarningText, type SelectOption } from "~/components/fields";
import { WARNING_ADVICE, type Diagnostic, type WarningCode } from "~/domain/scenario/diagnostics";
import { fieldName, NEW_NODE } from "~/domain/scenario/editor/form-model";

/** What the page knows about each field: the validator's findings, a refused save's message, what was typed. */
export interface FieldState {
  findings: Record<string, Pick<Diagnostic, "code" | "severity" | "message">[]>;
  /** Messages from a save the form refused (nothing was saved), by field name. */
  refused?: Record<string, string>;
  /** The values submitted with a refused save, so nothing typed is lost. */
  values?: Record<string, string>;
}

/** Radios that keep a value the form does not know (so saving unchanged keeps it, and its error shows). */
export function ChoiceRadios({
  known,
  options,
  unknownLabel,
  ...radios
}: Parameters<typeof Radios>[0] & { known: readonly string[]; unknownLabel: string }) {
  const value = radios.defaultValue;
  const extra = value && !known.includes(value) ? [{ value, label: `${value} ${unknownLabel}`.trim() }] : [];
  return <Radios {...radios} options={[...extra, ...options]} small />;
}

/** Findings about a whole part (the node, an option, a goto). `anchor` when no enclosing element has the part's id. */
export function NodeLevelFindings({ name, f, anchor }: { name: string; f: Fields; anchor?: boolean }) {
  const { error, warning } = f.messages(name);
  if (!error && !warning) return null;
  return (
    <div
      className={error ? "govuk-form-group govuk-form-group--error" : "govuk-form-group"}
      id={anchor ? fieldId(name) : undefined}
      tabIndex={anchor ? -1 : undefined}
    >
      {error ? (
        <p className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {warning ? <WarningText>{warning}</WarningText> : null}
    </div>
  );
}

export type Fields = ReturnType<typeof fieldsOf>;

// Props for each field from the page's state: its value (typed, else the model's), its error and its warning.
export function fieldsOf(state: FieldState) {
  const messages = (name: string) => {
    const findings = state.findings[name] ?? [];
    const errors = [state.refused?.[name], ...findings.filter((d) => d.severity === "error").map((d) => d.message)];
    const warnings = findings.filter((d) => d.severity === "warning");
    return {
      error: errors.filter(Boolean).join(" ") || undefined,
      warning: warnings.length ? (
        <>
          {warnings.map((w, i) => (
            <WarningAdvice key={i} d={w} />
          ))}
        </>
      ) : undefined,
    };
  };
  const typed = (name: string) => state.values?.[name];
  const named = (name: string, value: string | null) => {
    const m = messages(name);
    return { name, defaultValue: typed(name) ?? value ?? "", error: m.error, warning: m.warning };
  };
  return {
    messages,
    typed,
    named,
    at: (path: (string | number)[], value: string | null) => named(fieldName(path), value),
    select: (path: (string | number)[], value: string | null) => named(fieldName(path), value),
    radios: (path: (string | number)[], value: string | null) => {
      const name = fieldName(path);
      const m = messages(name);
      return { name, defaultValue: typed(name) ?? value ?? undefined, error: m.error, warning: m.warning };
    },
    /** A placeholder when there is no value, and the value itself when it is not one the list offers. */
    extraOptions: (
      path: (string | number)[],
      value: string | null,
      known: readonly string[],
      placeholder: string,
      unknownLabel: string,
    ): SelectOption[] => {
      const current = typed(fieldName(path)) ?? value;
      if (!current) return [{ value: "", label: placeholder }];
      if (current === NEW_NODE || known.includes(current)) return [];
      return [{ value: current, label: `${current} ${unknownLabel}` }];
    },
  };
}

function WarningAdvice({ d }: { d: Pick<Diagnostic, "code" | "message"> }) {
  const advice = WARNING_ADVICE[d.code as WarningCode];
  return (
    <p className="govuk-body-s govuk-!-margin-bottom-1">
      {advice ? (
        <>
          {advice.why} <strong>What to do:</strong> {advice.fix}{" "}
        </>
      ) : null}
      <span className="govuk-hint govuk-body-s">({d.message})</span>
    </p>
  );
}

/**
 * The GOV.UK error summary for a form of the editor: a refused save's messages and the validator's
 * errors, each linking to its field; the teaching warnings below, also linked.
 */
export function FindingsSummary({ state, focus }: { state: FieldState; focus: boolean }) {
  const entries = Object.entries(state.findings);
  const refused = Object.entries(state.refused ?? {});
  const link = (field: string) => (field === "form" ? null : `#${fieldId(field)}`);
  return (
    <LinkedFindings
      title={refused.length ? "There is a problem: nothing was saved" : undefined}
      focus={focus}
      errors={[
        ...refused.map(([field, message]) => ({ href: link(field), message })),
        ...entries.flatMap(([field, ds]) =>
          ds.filter((d) => d.severity === "error").map((d) => ({ href: link(field), message: d.message })),
        ),
      ]}
      warnings={entries.flatMap(([field, ds]) =>
        ds.filter((d) => d.severity === "warning").map((d) => ({ href: link(field), message: d.message })),
      )}
    />
  );
}

/** Every finding of a draft, each linking to its field on the page that shows it. */
export function FindingLinks({
  scenarioId,
  findings,
}: {
  scenarioId: string;
  findings: { field: string; nodeId: string | null; severity: string; message: string }[];
}) {
  const base = `/studio/${encodeURIComponent(scenarioId)}`;
  const href = (f: (typeof findings)[number]) =>
    `${base}/${f.nodeId === null ? "details" : `nodes/${encodeURIComponent(f.nodeId)}`}#${fieldId(f.field)}`;
  const item = (f: (typeof findings)[number]) => ({
    href: href(f),
    message: f.nodeId === null ? f.message : `Node ${f.nodeId}: ${f.message}`,
  });
  return (
    <LinkedFindings
      focus={false}
      errors={findings.filter((f) => f.severity === "error").map(item)}
      warnings={findings.filter((f) => f.severity === "warning").map(item)}
    />
  );
}

function LinkedFindings({
  title,
  errors,
  warnings,
  focus,
}: {
  title?: string;
  errors: { href: string | null; message: string }[];
  warnings: { href: string | null; message: string }[];
  focus: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((e) => e.message).join("|");
  useEffect(() => {
    if (focus && key) ref.current?.focus();
  }, [focus, key]);
  const line = (e: { href: string | null; message: string }) => (e.href ? <a href={e.href}>{e.message}</a> : e.message);
  return (
    <>
      {errors.length ? (
        <div className="govuk-error-summary" ref={ref} tabIndex={-1} role="alert" data-module="govuk-error-summary">
          <div>
            <h2 className="govuk-error-summary__title">
              {title ?? (errors.length === 1 ? "There is 1 error to fix" : `There are ${errors.length} errors to fix`)}
            </h2>
            <div className="govuk-error-summary__body">
              <ul className="govuk-list govuk-error-summary__list">
                {errors.map((e, i) => (
                  <li key={i}>{line(e)}</li>
                ))}
              </ul>
            </div>
          </div>
        </div>
      ) : null}
      {warnings.length ? (
        <WarningText>
          {warnings.length === 1 ? "1 warning about the teaching" : `${warnings.length} warnings about the teaching`}{" "}
          (these do not stop publishing):
          <ul className="govuk-list govuk-list--bullet">
            {warnings.map((w, i) => (
              <li key={i}>{line(w)}</li>
            ))}
          </ul>
        </WarningText>
      ) : null}
    </>
  );
}

/** After a clash with another trainer's save: what this trainer typed that no field of the page can hold now. */
export function UnsavedTexts({ texts }: { texts?: { field: string; words: string; text: string }[] }) {
  if (!texts?.length) return null;
  return (
    <div className="govuk-inset-text" id="unsaved-text">
      <h2 className="govuk-heading-s">Your text (not saved)</h2>
      <dl className="govuk-summary-list">
        {texts.map((t) => (
          <div className="govuk-summary-list__row" key={t.field}>
            <dt className="govuk-summary-list__key">{t.words}</dt>
            <dd className="govuk-summary-list__value app-wrap">{t.text}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/**
 * Keeps a form's changes in this tab as the trainer types (as officers' written replies are kept),
 * and puts them back when the page comes again at the same revision: after a form sent once the
 * session had ended, and signing in again. Kept under the `person` who typed them, so whoever signs in
 * next at that tab is not given them. Returns whether anything was put back, and what to call on a change.
 */
export function useKeptForm(form: RefObject<HTMLFormElement | null>, person: number, page: string, revision: number) {
  const [restored, setRestored] = useState(false);
  const key = { attempt: `studio:${person}:${page}`, step: String(revision) };
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the tab's storage is read only once hydrated
    if (form.current && restoreForm(key, form.current)) setRestored(true);
  }, [key.attempt, key.step]); // eslint-disable-line react-hooks/exhaustive-deps -- the key's two parts
  return { restored, keep: () => form.current && keepForm(key, form.current) };
}

/** Said when a form's kept changes were put back. */
export function RestoredNotice({ restored }: { restored: boolean }) {
  return (
    <div role="status">
      {restored ? (
        <p className="govuk-inset-text">
          What you typed here earlier and did not save has been put back. It is not saved yet: save it to keep it.
        </p>
      ) : null}
    </div>
  );
}
