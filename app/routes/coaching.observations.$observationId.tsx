// One observation. While it is a draft, its coach fills in the tally sheet here; once recorded, its
// coach, the other coach of a calibration pair, and the prison's managers and trainers read it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { notFound, requireCoach, requireUser } from "~/auth/guard.server";
import { idParam } from "~/utils/query.server";
import { calibrationView } from "~/coaching/calibration.server";
import { CalibrationForm, DraftForm, RecordForm } from "~/coaching/forms.server";
import {
  discardDraft,
  linkCalibration,
  observationFor,
  recordObservation,
  saveProgress,
  type SheetResult,
  whyNotObservable,
} from "~/coaching/observations.server";
import { ObservationSheet } from "~/coaching/sheet";
import { observationView, sheetFieldsOf } from "~/coaching/view";
import { CalibrationAgreement } from "~/components/calibration";
import { ErrorSummary } from "~/components/error-summary";
import { Select, WarningText } from "~/components/fields";
import { ObservationDetails } from "~/components/observation";
import { fieldError } from "~/utils/field-errors";
import { parseForm } from "~/utils/forms";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `${data.kind === "draft" ? "Observing" : "Observation of"} ${data.officerName}` : "Observation");

const idOf = (params: { observationId?: string }) => idParam(params.observationId);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // Officers read observations of them in My record; here are coaches and those who read their prison's.
  const user = await requireUser(request, context, { can: ["observeOfficers", "readObservations"] });
  const o = (await observationFor(context.db, user, idOf(params))) ?? notFound();
  if (o.status === "draft") {
    return {
      kind: "draft" as const,
      id: o.id,
      officerName: o.officer_name,
      notObservable: await whyNotObservable(context.db, user, o),
      values: { rowVersion: o.row_version, fields: sheetFieldsOf(o) },
    };
  }
  return {
    kind: "recorded" as const,
    officerName: o.officer_name,
    view: observationView(o),
    calibration: await calibrationView(context.db, user, o),
  };
}

// Saving as the coach goes changes nothing else on the page: no loader needs to run again.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("autosave") === "1" ? false : defaultShouldRevalidate;

const STALE =
  "This sheet was changed on another device or tab since you opened it, so this change was not saved. Reload the page to see it as last saved.";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const coach = await requireCoach(request, context);
  const id = idOf(params);
  const here = `/coaching/observations/${id}`;
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const autosave = formData.get("autosave") === "1";
  const { sessions, db } = context;

  if (intent === "save" || intent === "record") {
    const form = parseForm(intent === "record" ? RecordForm : DraftForm, formData);
    const refused = (errors: Record<string, string>) =>
      autosave
        ? data({ saved: false as const, problem: `Not saved: ${Object.values(errors)[0]}` }, { status: 400 })
        : data({ errors, values: form.values }, { status: 400 });
    if (!form.ok) return refused(form.errors);
    const result: SheetResult =
      intent === "record"
        ? await recordObservation(db, coach, id, form.data)
        : await saveProgress(db, coach, id, form.data);
    switch (result.kind) {
      case "ok":
        if (autosave) return { saved: true as const, rowVersion: result.rowVersion };
        return sessions.redirectWithNotice(
          request,
          intent === "record" ? here : "/coaching",
          intent === "record"
            ? "Observation recorded. The officer can now read it in their record."
            : "Progress saved. Carry on with it from your drafts below.",
        );
      case "invalid":
        return refused(result.errors);
      case "stale":
        if (autosave) return data({ saved: false as const, problem: STALE }, { status: 409 });
        return sessions.redirectWithNotice(
          request,
          here,
          "This sheet had been changed on another device or tab, so nothing was saved. Here it is as last saved: make your change again.",
        );
      case "recorded":
        if (autosave)
          return data({ saved: false as const, problem: "This observation is already recorded." }, { status: 409 });
        return sessions.redirectWithNotice(
          request,
          here,
          "This observation was already recorded: nothing was recorded twice.",
        );
      case "not-found":
        notFound();
    }
  }
  if (intent === "discard") {
    if (!(await discardDraft(db, coach, id))) notFound();
    return sessions.redirectWithNotice(request, "/coaching", "Draft observation discarded.");
  }
  if (intent === "calibrate") {
    const form = parseForm(CalibrationForm, formData);
    if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
    const result = await linkCalibration(db, coach, id, form.data.partnerId);
    if (!result.ok) return data({ errors: result.errors, values: form.values }, { status: 400 });
    return sessions.redirectWithNotice(request, here, "Linked as a calibration pair: your agreement is below.");
  }
  return data(
    { errors: fieldError("form", "That action is not recognised. Use the buttons on the page."), values: {} },
    { status: 400 },
  );
}

export default function ObservationPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && "errors" in result ? result.errors : undefined;
  const values = result && "values" in result ? result.values : undefined;
  if (page.kind === "draft") {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <a href="/coaching" className="govuk-back-link">
            Back to coaching
          </a>
          <span className="govuk-caption-l">Observation on the wing</span>
          <h1 className="govuk-heading-l">Observing {page.officerName}</h1>
          {page.notObservable ? <WarningText>{page.notObservable}</WarningText> : null}
          <ObservationSheet
            key={page.values.rowVersion}
            observationId={page.id}
            officerName={page.officerName}
            values={values ? { rowVersion: page.values.rowVersion, fields: values } : page.values}
            errors={errors}
          />
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Discard this draft</span>
            </summary>
            <div className="govuk-details__text">
              <p className="govuk-body">
                If this conversation should not be recorded, discard the draft. It cannot be undone.
              </p>
              <Form method="post">
                <button type="submit" name="intent" value="discard" className="govuk-button govuk-button--warning">
                  Discard draft
                </button>
              </Form>
            </div>
          </details>
        </div>
      </div>
    );
  }
  const { view, calibration } = page;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href={calibration.mine ? "/coaching" : "/coaching/calibration"} className="govuk-back-link">
          {calibration.mine ? "Back to coaching" : "Back to calibration"}
        </a>
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">Observation on the wing, {view.date}</span>
        <h1 className="govuk-heading-l">{view.officer.name}</h1>
        <ObservationDetails view={view}>
          {view.reflection ? (
            <>
              <h2 className="govuk-heading-m">{view.officer.name}’s reflection</h2>
              <p className="govuk-body app-pre-wrap">{view.reflection}</p>
            </>
          ) : null}
        </ObservationDetails>
        <h2 className="govuk-heading-m">Calibration</h2>
        {calibration.agreement ? (
          <CalibrationAgreement agreement={calibration.agreement} />
        ) : calibration.mine && calibration.candidates.length ? (
          <Form method="post" noValidate>
            <p className="govuk-body">
              Another coach recorded {view.officer.name} at about the same time. If you both observed this same
              conversation, link your sheets to see how far you agree.
            </p>
            <Select
              name="partnerId"
              label="The other coach’s observation"
              options={[
                { value: "", label: "Choose an observation" },
                ...calibration.candidates.map((c) => ({ value: String(c.id), label: c.label })),
              ]}
              error={errors?.partnerId}
            />
            <button type="submit" name="intent" value="calibrate" className="govuk-button govuk-button--secondary">
              Link as a calibration pair
            </button>
          </Form>
        ) : (
          <p className="govuk-body">
            Not linked with another coach’s sheet. When two coaches observe the same conversation independently, either
            of them can link the two sheets here once both are recorded.
          </p>
        )}
      </div>
    </div>
  );
}
