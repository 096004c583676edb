// The practice pages' parts: the conversation as a transcript, the indicators table, and the
// written-reply box with the GOV.UK character count.
import { Form } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { keepReply, keptReply, type KeptReplyKey } from "./kept-reply";
import { useHydrated } from "./use-hydrated";
import type { IndicatorLine } from "~/domain/indicators";
import type { PrisonerLine, Turn } from "~/practice/attempt-view.server";
import type { NextStep as NextStepData } from "~/practice/progress.server";
import { fieldId } from "~/components/error-summary";
import { IndicatorLevelTag } from "~/components/levels";
import type { AttemptMode } from "~/domain/vocabulary";
import { ratingInWords } from "~/studio/hrq";

type Labels = "none" | "codes";

/** The conversation in order. With labels="codes", each turn shows its MI code or talk type and feedback. */
export function Transcript({
  personaName,
  opening,
  turns,
  labels,
}: {
  personaName: string;
  opening: PrisonerLine;
  turns: Turn[];
  labels: Labels;
}) {
  return (
    <ol className="app-transcript" aria-label="Conversation">
      <PrisonerTurn name={personaName} line={opening} labels={labels} />
      {turns.map((t) => (
        <Turnpair key={t.seq} turn={t} personaName={personaName} labels={labels} />
      ))}
    </ol>
  );
}

function Turnpair({ turn, personaName, labels }: { turn: Turn; personaName: string; labels: Labels }) {
  const o = turn.officer;
  return (
    <>
      <li className="app-transcript__turn app-transcript__turn--officer">
        <p className="govuk-body govuk-!-margin-bottom-1">
          <strong>You{o.written ? " (written reply)" : ""}:</strong>{" "}
          <span className="app-transcript__words">{o.text}</span>
        </p>
        {labels === "codes" ? (
          <>
            <p className="govuk-body-s govuk-!-margin-bottom-1">
              {o.code ? (
                <>
                  <strong className="govuk-tag govuk-tag--blue">{o.code}</strong> {o.codeDescription}
                </>
              ) : (
                <strong className="govuk-tag govuk-tag--grey">
                  Written reply: rated by a trainer, not counted in the indicators
                </strong>
              )}
            </p>
            {o.feedback ? (
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                {o.written ? "What a good reply does: " : ""}
                {o.feedback}
              </p>
            ) : null}
            {o.written ? <TrainerReview review={o.review} /> : null}
          </>
        ) : null}
      </li>
      <PrisonerTurn name={personaName} line={turn.prisoner} labels={labels} />
    </>
  );
}

function TrainerReview({ review }: { review: Turn["officer"]["review"] }) {
  if (!review) return <p className="govuk-body-s govuk-hint govuk-!-margin-bottom-1">Not yet rated by a trainer.</p>;
  return (
    <p className="govuk-body-s govuk-!-margin-bottom-1">
      Trainer's rating: {ratingInWords(review.rating)}
      {review.comment ? `. Comment: ${review.comment}` : ""}
    </p>
  );
}

function PrisonerTurn({ name, line, labels }: { name: string; line: PrisonerLine; labels: Labels }) {
  return (
    <li className="app-transcript__turn app-transcript__turn--prisoner">
      <p className="govuk-body govuk-!-margin-bottom-1">
        <strong>{name}:</strong> <span className="app-transcript__words">{line.text}</span>
      </p>
      {labels === "codes" ? (
        <p className="govuk-body-s govuk-!-margin-bottom-1">
          <strong className="govuk-tag govuk-tag--grey">{line.talk}</strong> {line.talkDescription}
        </p>
      ) : null}
    </li>
  );
}

/** What each mode means, said just above the button that starts it, and the button's words. */
const START: Record<AttemptMode, { means: string; button: string }> = {
  practice: {
    means: "Practice gives you feedback after each response, and it does not count towards being competent.",
    button: "Start practice",
  },
  assessment: {
    means: "An assessment gives you feedback only at the end, and it counts towards being competent.",
    button: "Start the assessment",
  },
};

/**
 * The one next thing to do, and its button. A step that starts practice or an assessment starts it
 * (the scenario page's own form, so it works without JavaScript), with what that mode means said
 * just above it, and the scenario's page a link away.
 */
export function NextStep({ next }: { next: NextStepData }) {
  const hidden = <span className="govuk-visually-hidden"> – {next.scenarioTitle}</span>;
  return (
    <div className="app-next-step" data-testid="next-step">
      <h2 className="govuk-heading-m">Your next step</h2>
      <p className="govuk-body">
        {next.text}: <strong>{next.scenarioTitle}</strong>
        {next.moduleTitle ? ` (${next.moduleTitle})` : ""}
      </p>
      {next.starts ? (
        <Form method="post" action={next.href}>
          <p className="govuk-body">{START[next.starts].means}</p>
          <input type="hidden" name="mode" value={next.starts} />
          <div className="govuk-button-group govuk-!-margin-bottom-0">
            <button type="submit" className="govuk-button" data-module="govuk-button" data-prevent-double-click="true">
              {START[next.starts].button}
              {hidden}
            </button>
            <a className="govuk-link" href={next.href}>
              Read about the scenario first{hidden}
            </a>
          </div>
        </Form>
      ) : (
        <a className="govuk-button govuk-!-margin-bottom-0" href={next.href} data-module="govuk-button">
          {next.text}
          {hidden}
        </a>
      )}
    </div>
  );
}

/** The indicators, plain words first: what the officer did, how it compares, then the technical measure. */
export function Indicators({ lines, title }: { lines: IndicatorLine[]; title: string }) {
  return (
    <section aria-labelledby="indicators-title">
      <h2 className="govuk-heading-m" id="indicators-title">
        {title}
      </h2>
      <ul className="govuk-list app-indicators" data-testid="indicators">
        {lines.map((l) => (
          <li key={l.key} className="app-indicators__item">
            <p className="govuk-body govuk-!-margin-bottom-2">{l.plain}.</p>
            {/* On a line of its own: inside the sentence a tag breaks across lines at a phone's width. A count
                with no levels has no tag: what it counts instead. */}
            <p className="govuk-body govuk-!-margin-bottom-2">
              {l.hasLevels ? <IndicatorLevelTag line={l} /> : `${l.explanation} ${l.why}.`}
            </p>
            <p className="govuk-body-s govuk-!-margin-bottom-0 app-indicators__technical">
              {l.hasLevels && l.why ? `${l.why}. ` : ""}
              {l.name}: {l.value}
              {l.hasLevels ? ` (fair ${l.fair}, good ${l.good})` : ""}. From {l.source}.
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** How many of each kind of response the officer gave, most first: the conversation in brief. */
export function ResponseCounts({ turns }: { turns: Turn[] }) {
  const counts = new Map<string, number>();
  for (const t of turns) {
    const label = t.officer.code ?? "Written reply";
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return (
    <ul className="govuk-list govuk-list--bullet">
      {[...counts]
        .sort((a, b) => b[1] - a[1])
        .map(([label, n]) => (
          <li key={label}>
            {label}: {n}
          </li>
        ))}
    </ul>
  );
}

/**
 * GOV.UK character count markup. Without JavaScript the hint states the limit and the server
 * enforces it; once hydrated the count updates as the officer types (the limit is never a
 * maxlength, so pasted text can be trimmed rather than silently cut).
 */
export function CharacterCount({
  name,
  label,
  max,
  error,
  defaultValue,
  restored: restoredFirst = false,
  keepAs,
}: {
  name: string;
  label: string;
  max: number;
  error?: string;
  defaultValue?: string;
  /** the default is what was written before signing in again */
  restored?: boolean;
  /** keep what is typed in this tab, to put back if the page comes again (after signing in again) */
  keepAs?: KeptReplyKey;
}) {
  const id = fieldId(name);
  const [length, setLength] = useState((defaultValue ?? "").length);
  const live = useHydrated();
  const box = useRef<HTMLTextAreaElement>(null);
  const [restored, setRestored] = useState(restoredFirst);
  const keepAttempt = keepAs?.attempt;
  const keepStep = keepAs?.step;
  useEffect(() => {
    if (!keepAttempt || !keepStep || !box.current || box.current.value) return;
    const text = keptReply({ attempt: keepAttempt, step: keepStep });
    if (!text) return;
    box.current.value = text;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the tab's storage is read only once hydrated
    setLength(text.replace(/\r\n/g, "\n").length);
    setRestored(true);
  }, [keepAttempt, keepStep]);
  const [announced, setAnnounced] = useState("");
  const remaining = max - length;
  const status =
    remaining >= 0
      ? `You have ${remaining.toLocaleString("en-GB")} character${remaining === 1 ? "" : "s"} remaining`
      : `You have ${(-remaining).toLocaleString("en-GB")} character${remaining === -1 ? "" : "s"} too many`;
  // Screen readers hear the count after a pause in typing, not on every key.
  useEffect(() => {
    if (!live) return;
    const timer = setTimeout(() => setAnnounced(status), 1000);
    return () => clearTimeout(timer);
  }, [status, live]);
  const over = remaining < 0;
  return (
    <div
      className={`govuk-form-group govuk-character-count${error ? " govuk-form-group--error" : ""}`}
      data-module="govuk-character-count"
      data-maxlength={max}
    >
      <h2 className="govuk-label-wrapper">
        <label className="govuk-label govuk-label--s" htmlFor={id}>
          {label}
        </label>
      </h2>
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {restored ? (
        <p id={`${id}-restored`} className="govuk-hint">
          What you had written here before has been put back.
        </p>
      ) : null}
      <textarea
        ref={box}
        className={`govuk-textarea govuk-js-character-count${error || over ? " govuk-textarea--error" : ""}`}
        id={id}
        name={name}
        rows={6}
        defaultValue={defaultValue}
        aria-describedby={[`${id}-info`, error ? `${id}-error` : "", restored ? `${id}-restored` : ""]
          .filter(Boolean)
          .join(" ")}
        onChange={(e) => {
          const text = e.currentTarget.value;
          setLength(text.replace(/\r\n/g, "\n").length);
          if (keepAs) keepReply(keepAs, text);
        }}
      />
      <div
        id={`${id}-info`}
        className={`govuk-hint govuk-character-count__message${live ? " govuk-visually-hidden" : ""}`}
      >
        You can enter up to {max.toLocaleString("en-GB")} characters
      </div>
      {live ? (
        <>
          <div
            className={`govuk-character-count__status ${over ? "govuk-error-message" : "govuk-hint"}`}
            aria-hidden="true"
          >
            {status}
          </div>
          <div className="govuk-character-count__sr-status govuk-visually-hidden" aria-live="polite">
            {announced}
          </div>
        </>
      ) : null}
    </div>
  );
}
