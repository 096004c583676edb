// The tally sheet a coach fills in on the wing. Without JavaScript it is a plain form: a number
// field per behaviour, the ratings and the note, saved and recorded by ordinary posts. With
// JavaScript the number fields become large tally buttons with an undo, a timer fills in the
// length, and progress is saved on the server a moment after each change, so a radio call or a
// locked phone loses nothing.
import { Form, useFetcher, useSubmit } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { ErrorSummary } from "~/components/error-summary";
import { useHydrated } from "~/components/use-hydrated";
import { Radios, Textarea, TextInput } from "~/components/fields";
import {
  BEHAVIOUR_INFO,
  MAX_COUNT,
  MAX_MINUTES,
  MIN_MINUTES,
  OBSERVED_BEHAVIOURS,
  type ObservedBehaviour,
  type ObservedCounts,
} from "~/domain/observation/behaviours";
import { GLOBAL_INFO, GLOBAL_RATINGS, RATING_VALUES } from "~/domain/observation/globals";
import { NOTE_MAX } from "~/coaching/limits";
import { fieldId } from "~/components/error-summary";

/** The sheet as last saved, or as just submitted (every field as typed, by field name). */
export interface SheetValues {
  rowVersion: number;
  fields: Record<string, string>;
}

function countsFrom(fields: Record<string, string>): ObservedCounts {
  return Object.fromEntries(
    OBSERVED_BEHAVIOURS.map((b) => {
      const n = Number(fields[b]);
      return [b, Number.isInteger(n) ? Math.min(MAX_COUNT, Math.max(0, n)) : 0];
    }),
  ) as ObservedCounts;
}

type SaveReply = { saved: true; rowVersion: number } | { saved: false; problem: string };

const SAVE_DELAY_MS = 800;

export function ObservationSheet({
  observationId,
  officerName,
  values,
  errors,
}: {
  observationId: number;
  officerName: string;
  values: SheetValues;
  errors?: Record<string, string>;
}) {
  const enhanced = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);
  const [counts, setCounts] = useState(() => countsFrom(values.fields));
  const [taps, setTaps] = useState<ObservedBehaviour[]>([]);
  const [heard, setHeard] = useState("");
  const [rowVersion, setRowVersion] = useState(values.rowVersion);
  const saver = useAutosave(formRef, setRowVersion);
  const submit = useSubmit();

  const tap = (b: ObservedBehaviour) => {
    if (counts[b] >= MAX_COUNT) return;
    const next = { ...counts, [b]: counts[b] + 1 };
    setCounts(next);
    setTaps([...taps, b]);
    setHeard(`${BEHAVIOUR_INFO[b].label}: ${next[b]}`);
    saver.soon();
  };
  const undo = () => {
    const b = taps.at(-1);
    if (!b) return;
    const next = { ...counts, [b]: Math.max(0, counts[b] - 1) };
    setCounts(next);
    setTaps(taps.slice(0, -1));
    setHeard(`Undone. ${BEHAVIOUR_INFO[b].label}: ${next[b]}`);
    saver.soon();
  };

  // An explicit save or record waits for an automatic save in flight, so it carries the newest
  // row version and nothing is refused as stale.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (!enhanced) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    saver.cancel();
    if (saver.busy()) {
      event.preventDefault();
      saver.whenIdle(() => submit(submitter ?? formRef.current, { method: "post" }));
    }
  };

  const lastTap = taps.at(-1);
  return (
    <Form method="post" ref={formRef} noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={errors} />
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          No prisoner is identified. Do not write his name, prison number or anything else that could identify him:
          Engage refuses notes that look like a prison number or a name your prison lists.
        </strong>
      </div>
      <input type="hidden" name="rowVersion" value={rowVersion} />

      <h2 className="govuk-heading-m">Length of the conversation</h2>
      {enhanced ? (
        <Timer
          observationId={observationId}
          startMinutes={values.fields.minutes}
          onMinutes={saver.soon}
          formRef={formRef}
        />
      ) : null}
      <TextInput
        name="minutes"
        label="Minutes"
        hint={`${MIN_MINUTES} to ${MAX_MINUTES} minutes.${enhanced ? " The timer fills this in." : ""} If it went on longer, tally and rate the first ${MAX_MINUTES} minutes.`}
        inputMode="numeric"
        className="govuk-input--width-3"
        defaultValue={values.fields.minutes}
        error={errors?.minutes}
        onBlur={saver.soon}
      />

      <fieldset className="govuk-fieldset" aria-describedby="tally-hint">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
          <h2 className="govuk-fieldset__heading">What {officerName} does</h2>
        </legend>
        <div id="tally-hint" className="govuk-hint">
          {enhanced
            ? "Tap a button each time the officer does it. Undo takes back the last tap."
            : `Count each time the officer does it, and enter the totals (0 to ${MAX_COUNT}).`}{" "}
          Open and closed questions both count as questions, as MITI 4.2.1 counts them.
        </div>
        {enhanced ? (
          <>
            <div className="app-tally">
              {OBSERVED_BEHAVIOURS.map((b) => (
                <button
                  key={b}
                  type="button"
                  className="govuk-button govuk-button--secondary app-tally__button"
                  onClick={() => tap(b)}
                  data-testid={`tally-${b}`}
                >
                  <span className="app-tally__label">{BEHAVIOUR_INFO[b].label}</span>
                  <span className="app-tally__count">{counts[b]}</span>
                </button>
              ))}
            </div>
            {OBSERVED_BEHAVIOURS.map((b) => (
              <input key={b} type="hidden" name={b} value={counts[b]} />
            ))}
            <button type="button" className="govuk-button govuk-button--warning" onClick={undo} disabled={!lastTap}>
              {lastTap ? `Undo last tap (${BEHAVIOUR_INFO[lastTap].label.toLowerCase()})` : "Undo last tap"}
            </button>
            <p className="govuk-visually-hidden" aria-live="polite">
              {heard}
            </p>
            {OBSERVED_BEHAVIOURS.some((b) => errors?.[b]) ? (
              <p className="govuk-error-message">
                {OBSERVED_BEHAVIOURS.map((b) => errors?.[b])
                  .filter(Boolean)
                  .join(". ")}
              </p>
            ) : null}
          </>
        ) : (
          OBSERVED_BEHAVIOURS.map((b) => (
            <TextInput
              key={b}
              name={b}
              label={BEHAVIOUR_INFO[b].label}
              hint={BEHAVIOUR_INFO[b].hint}
              inputMode="numeric"
              className="govuk-input--width-3"
              defaultValue={values.fields[b]}
              error={errors?.[b]}
            />
          ))
        )}
        {enhanced ? (
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">What to tally under each button</span>
            </summary>
            <div className="govuk-details__text">
              <dl className="govuk-summary-list govuk-summary-list--no-border">
                {OBSERVED_BEHAVIOURS.map((b) => (
                  <div className="govuk-summary-list__row" key={b}>
                    <dt className="govuk-summary-list__key">{BEHAVIOUR_INFO[b].label}</dt>
                    <dd className="govuk-summary-list__value">{BEHAVIOUR_INFO[b].hint}</dd>
                  </div>
                ))}
              </dl>
            </div>
          </details>
        ) : null}
      </fieldset>

      <h2 className="govuk-heading-m">Global ratings</h2>
      <p className="govuk-body">
        Rate the whole conversation once it ends, 1 (low) to 5 (high), as MITI 4.2.1 rates it.
      </p>
      <div onChange={saver.soon}>
        {GLOBAL_RATINGS.map((r) => (
          <Radios
            key={r}
            name={r}
            legend={GLOBAL_INFO[r].name}
            legendClassName="govuk-fieldset__legend--s"
            hint={GLOBAL_INFO[r].question}
            small
            options={RATING_VALUES.map((v) => ({
              value: String(v),
              label: String(v),
              hint: GLOBAL_INFO[r].levels[v - 1],
            }))}
            defaultValue={values.fields[r]}
            error={errors?.[r]}
          />
        ))}
      </div>

      <h2 className="govuk-heading-m">Your note for {officerName}</h2>
      <Textarea
        name="strengths"
        label="Strengths"
        labelClassName="govuk-label--s"
        hint={`What went well, in a line or two. Up to ${NOTE_MAX} characters.`}
        rows={3}
        defaultValue={values.fields.strengths}
        error={errors?.strengths}
        onBlur={saver.soon}
      />
      <Textarea
        name="nextStep"
        label="Next step"
        labelClassName="govuk-label--s"
        hint={`One thing to try next time. Up to ${NOTE_MAX} characters.`}
        rows={3}
        defaultValue={values.fields.nextStep}
        error={errors?.nextStep}
        onBlur={saver.soon}
      />
      {enhanced ? (
        <p className="govuk-body-s" data-testid="save-status">
          {saver.status}
        </p>
      ) : null}
      {saver.problem ? (
        <p className="govuk-error-message" role="alert">
          {saver.problem}
        </p>
      ) : null}
      <div className="govuk-button-group">
        <button type="submit" name="intent" value="record" className="govuk-button">
          Record observation
        </button>
        <button type="submit" name="intent" value="save" className="govuk-button govuk-button--secondary">
          Save progress
        </button>
      </div>
    </Form>
  );
}

/**
 * Saves the sheet on the server a moment after a change, one save at a time: a change made while a
 * save is on its way is saved when it returns, with the row version that save was given.
 */
function useAutosave(formRef: React.RefObject<HTMLFormElement | null>, setRowVersion: (v: number) => void) {
  const fetcher = useFetcher<SaveReply>();
  const fetcherRef = useRef(fetcher);
  useEffect(() => {
    fetcherRef.current = fetcher;
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);
  const waiting = useRef<(() => void) | null>(null);
  const [status, setStatus] = useState("");
  const [problem, setProblem] = useState("");

  // Reads refs only, so a timer set in an earlier render still sees the present state.
  const save = useCallback(() => {
    timer.current = null;
    const form = formRef.current;
    if (!form) return;
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    const data = new FormData(form);
    data.set("intent", "save");
    data.set("autosave", "1");
    setStatus("Saving…");
    fetcherRef.current.submit(data, { method: "post" });
  }, [formRef]);

  // The fetcher's reply to a save is an event from the network, handled once (inFlight says whether it is ours).
  useEffect(() => {
    if (fetcher.state !== "idle" || !inFlight.current) return;
    inFlight.current = false;
    const reply = fetcher.data;
    if (reply?.saved) {
      setRowVersion(reply.rowVersion);
      // eslint-disable-next-line react-hooks/set-state-in-effect -- a reply from the server, not state derivable in render
      setProblem("");
      setStatus(`Progress saved at ${new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}`);
    } else {
      setStatus("Not saved");
      setProblem(reply?.problem ?? "Not saved: the connection failed. Your taps are still here: try Save progress.");
    }
    // The new row version reaches the form on the next render: carry on after it.
    if (waiting.current) {
      const next = waiting.current;
      waiting.current = null;
      again.current = false;
      setTimeout(next, 0);
    } else if (again.current && reply?.saved) {
      again.current = false;
      setTimeout(save, 0);
    }
  }, [fetcher.state, fetcher.data, save, setRowVersion]);

  // Hidden (phone locked, another app): save now rather than in a moment.
  useEffect(() => {
    const flush = () => {
      if (document.visibilityState === "hidden" && timer.current) {
        clearTimeout(timer.current);
        save();
      }
    };
    document.addEventListener("visibilitychange", flush);
    return () => document.removeEventListener("visibilitychange", flush);
  }, [save]);

  return {
    status,
    problem,
    soon: () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(save, SAVE_DELAY_MS);
    },
    cancel: () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      again.current = false;
    },
    busy: () => inFlight.current,
    whenIdle: (then: () => void) => {
      waiting.current = then;
    },
  };
}

interface TimerState {
  elapsedMs: number;
  runningSince: number | null;
}

const LIMIT_MS = MAX_MINUTES * 60_000;

/** A stopwatch kept in the browser (it survives a reload); it writes whole minutes into the field. */
function Timer({
  observationId,
  startMinutes,
  onMinutes,
  formRef,
}: {
  observationId: number;
  /** The minutes the sheet was loaded with, where a timer not kept in this browser starts. */
  startMinutes: string | undefined;
  onMinutes: () => void;
  formRef: React.RefObject<HTMLFormElement | null>;
}) {
  const key = `engage-observation-timer-${observationId}`;
  const onMinutesRef = useRef(onMinutes);
  useEffect(() => {
    onMinutesRef.current = onMinutes;
  });
  const [state, setState] = useState<TimerState>(() => {
    try {
      const saved = JSON.parse(window.localStorage.getItem(key) ?? "null") as TimerState | null;
      if (saved && typeof saved.elapsedMs === "number") return saved;
    } catch {
      // no storage (private browsing): start afresh
    }
    const minutes = Number(startMinutes || 0);
    return { elapsedMs: Number.isFinite(minutes) ? minutes * 60_000 : 0, runningSince: null };
  });
  const [now, setNow] = useState(() => Date.now());
  const elapsed = Math.min(LIMIT_MS, state.elapsedMs + (state.runningSince ? now - state.runningSince : 0));
  const atLimit = elapsed >= LIMIT_MS;

  useEffect(() => {
    try {
      window.localStorage.setItem(key, JSON.stringify(state));
    } catch {
      // storage full or refused: the timer still runs for this page
    }
  }, [key, state]);
  useEffect(() => {
    const since = state.runningSince;
    if (!since) return;
    const tick = setInterval(() => {
      const t = Date.now();
      // At the limit the stopwatch stops itself.
      if (state.elapsedMs + (t - since) >= LIMIT_MS) setState({ elapsedMs: LIMIT_MS, runningSince: null });
      setNow(t);
    }, 1000);
    return () => clearInterval(tick);
  }, [state.elapsedMs, state.runningSince]);

  const wholeMinutes = Math.round(elapsed / 60_000);
  useEffect(() => {
    const field = formRef.current?.querySelector<HTMLInputElement>(`#${fieldId("minutes")}`) ?? null;
    // Nothing to write before the first minute: a blank field is better than "0".
    if (!field || wholeMinutes === 0) return;
    if (field.value !== String(wholeMinutes)) {
      field.value = String(wholeMinutes);
      onMinutesRef.current();
    }
  }, [wholeMinutes, formRef]);

  const mm = Math.floor(elapsed / 60_000);
  const ss = Math.floor((elapsed % 60_000) / 1000);
  const running = state.runningSince !== null;
  return (
    <div className="app-timer">
      <p className="govuk-body app-timer__time" role="timer" aria-label="Time observed">
        {String(mm).padStart(2, "0")}:{String(ss).padStart(2, "0")}
      </p>
      <div className="govuk-button-group">
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          disabled={atLimit}
          onClick={() =>
            setState(
              running
                ? { elapsedMs: elapsed, runningSince: null }
                : { elapsedMs: state.elapsedMs, runningSince: Date.now() },
            )
          }
        >
          {running ? "Pause timer" : elapsed > 0 ? "Carry on timing" : "Start timer"}
        </button>
      </div>
      {atLimit ? (
        <p className="govuk-inset-text" role="status">
          {MAX_MINUTES} minutes observed: stop tallying here, and rate what you saw in these {MAX_MINUTES} minutes.
        </p>
      ) : null}
    </div>
  );
}
