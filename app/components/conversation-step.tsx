// One step of a conversation as officers see it: who he is, feedback on what they just said (in
// practice), his line, and their options as radios with "Say this" (or a reply box). The officers'
// play page and the studio's preview both use it, so a trainer previews exactly what officers get.
import { Form, type FetcherWithComponents } from "@remix-run/react";
import { useEffect, useRef, type ReactNode, type RefObject } from "react";
import { Radios } from "~/components/fields";
import { CharacterCount } from "~/components/practice";
import { RatingsExplained } from "~/components/ratings-explained";

export interface LastResponse {
  said: string;
  /** The MI code's label and meaning; null for a written reply. */
  code: string | null;
  codeDescription: string | null;
  feedback: string | null;
}

export function ConversationStep({
  caption,
  title,
  progress,
  persona,
  last,
  history,
  prisoner,
  write,
  options,
  errors,
  replyDefault,
  replyRestored,
  method,
  FormComponent = Form,
  hidden,
  stepKey,
  keepReplyOf,
}: {
  caption: string;
  title: string;
  /** How far the officer is, under the title (the play page). */
  progress?: ReactNode;
  persona: { name: string; background: string };
  /** Feedback on the last response (practice only). */
  last: LastResponse | null;
  /** The conversation so far, when there is some. */
  history?: ReactNode;
  prisoner: string;
  write: { prompt: string; max: number } | null;
  options: { value: string; label: string }[];
  errors?: { choice?: string; reply?: string };
  replyDefault?: string;
  /** The default is the reply sent before signing in again: the box says it was put back. */
  replyRestored?: boolean;
  method: "get" | "post";
  /** The play page sends a step through a fetcher (one request with JavaScript); the preview uses Form. */
  FormComponent?: typeof Form | FetcherWithComponents<unknown>["Form"];
  /** The hidden fields that say where in the conversation this step is. */
  hidden: ReactNode;
  /** Changes with each step: focus then moves to what changed, for screen reader users. */
  stepKey: string;
  /** The attempt whose written reply is kept in the tab as it is typed (the play page; not the preview). */
  keepReplyOf?: string;
}) {
  const feedbackRef = useRef<HTMLHeadingElement>(null);
  const lineRef = useRef<HTMLQuoteElement>(null);
  const liveRef = useRef<HTMLParagraphElement>(null);
  const firstRender = useRef(true);
  // Without a page load, move focus to what changed so screen reader users hear it: his new line
  // (read out as it takes focus), or in practice the feedback, with his line announced after it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (!feedbackRef.current) return lineRef.current?.focus();
    feedbackRef.current.focus();
    if (liveRef.current) liveRef.current.textContent = `${persona.name} says: ${prisoner}`;
  }, [stepKey, persona.name, prisoner]);
  return (
    <>
      <span className="govuk-caption-l">{caption}</span>
      {progress ? (
        <>
          <h1 className="govuk-heading-l govuk-!-margin-bottom-2">{title}</h1>
          <p className="govuk-body-s app-progress" data-testid="progress">
            {progress}
          </p>
        </>
      ) : (
        <h1 className="govuk-heading-l">{title}</h1>
      )}
      <div className="govuk-inset-text">
        <p className="govuk-body">
          <strong>{persona.name}:</strong> {persona.background}
        </p>
      </div>

      <p className="govuk-visually-hidden" role="status" ref={liveRef} />
      {last ? <Feedback last={last} headingRef={feedbackRef} /> : null}

      {history ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">The conversation so far</span>
          </summary>
          <div className="govuk-details__text">{history}</div>
        </details>
      ) : null}

      <h2 className="govuk-heading-m">{persona.name} says</h2>
      <blockquote className="app-prisoner-line" data-testid="prisoner-line" tabIndex={-1} ref={lineRef}>
        <p className="govuk-body-l">{prisoner}</p>
      </blockquote>

      <FormComponent method={method} noValidate key={stepKey}>
        {hidden}
        {write ? (
          <CharacterCount
            name="reply"
            label={write.prompt}
            max={write.max}
            error={errors?.reply}
            defaultValue={replyDefault}
            restored={replyRestored}
            keepAs={keepReplyOf ? { attempt: keepReplyOf, step: stepKey } : undefined}
          />
        ) : (
          <Radios
            name="choice"
            legend={<h2 className="govuk-fieldset__heading">What do you say?</h2>}
            legendClassName="govuk-fieldset__legend--m"
            error={errors?.choice}
            options={options}
          />
        )}
        <button type="submit" className="govuk-button" data-module="govuk-button">
          {write ? "Send reply" : "Say this"}
        </button>
      </FormComponent>
    </>
  );
}

/** Feedback on the officer's last response, as practice gives it. */
export function Feedback({ last, headingRef }: { last: LastResponse; headingRef?: RefObject<HTMLHeadingElement> }) {
  return (
    <div className="app-feedback" data-testid="feedback">
      <h2 className="govuk-heading-m" tabIndex={-1} ref={headingRef}>
        Feedback on what you said
      </h2>
      <p className="govuk-body">
        You said: <q>{last.said}</q>
      </p>
      {last.code ? (
        <p className="govuk-body">
          <strong>{last.code}:</strong> {last.codeDescription}
        </p>
      ) : (
        <p className="govuk-body">
          A trainer will rate your written reply from 1 to 5 by how well it reflects what he said; it does not count in
          your indicators.
        </p>
      )}
      {last.feedback ? <p className="govuk-body">{last.feedback}</p> : null}
      {last.code ? null : <RatingsExplained />}
    </div>
  );
}
