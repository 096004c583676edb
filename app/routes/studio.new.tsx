// A new scenario in two short steps: what it is about (title, module, the prisoner), then how it
// starts (his first line and the officer's first options). What it makes checks clean from its
// first save. Each step is a plain form; the first step's answers ride along in hidden fields, with
// the form's one-time key, so sending the last step twice makes one scenario.
import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { Radios, Select, Textarea, TextInput } from "~/components/fields";
import { MI_CODE_INFO, MI_CODES, TALK_TYPE_INFO, TALK_TYPES } from "~/domain/mi-codes";
import { createDraft, loadStudioScenario, moduleOptions, takenScenarioIds } from "~/studio/studio.server";
import { wizardScenario } from "~/studio/template.server";
import { ABOUT_FIELDS, optionField, WIZARD_OPTION_ROWS } from "~/studio/wizard-fields";
import { parseAboutStep, parseWizard, idFromTitle, readFormKey } from "~/studio/wizard.server";
import type { FieldErrors } from "~/utils/forms";
import { title } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export const meta: MetaFunction = () => title("Create a scenario");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "authorScenarios" });
  return { modules: await moduleOptions(context.db), formKey: randomUUID() };
}

type Step = { step: 1 | 2; errors: FieldErrors; values: Record<string, string> };
const step = (s: Step, status = 200) => data(s, { status });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "authorScenarios" });
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent !== "next" && intent !== "back" && intent !== "create")
    return step({ step: 1, errors: { form: "This form is out of date. Start again." }, values: {} }, 400);
  const modules = (await moduleOptions(context.db)).map((m) => m.id);
  const about = parseAboutStep(formData);
  const moduleError =
    about.ok && !modules.includes(about.data.module) ? { module: "Choose a module from the list" } : null;
  if (!about.ok || moduleError)
    return step({ step: 1, errors: about.ok ? moduleError! : about.errors, values: about.values }, 400);
  if (intent === "back" || intent === "next")
    return step({ step: intent === "back" ? 1 : 2, errors: {}, values: about.values });

  const wizard = parseWizard(formData);
  if (!wizard.ok) return step({ step: 2, errors: wizard.errors, values: wizard.values }, 400);
  const formKey = readFormKey(formData);
  // A form from before the key (or a forged one): the answers are kept, with a new key to send them again.
  if (!formKey)
    return step(
      {
        step: 2,
        errors: { form: "This form is out of date. Check your answers, then select Create the scenario again." },
        values: { ...wizard.values, formKey: randomUUID() },
      },
      400,
    );
  // The id comes from the title; if another trainer takes it at the same moment, the next is used.
  for (let attempt = 0; attempt < 3; attempt++) {
    const taken = await takenScenarioIds(context.db);
    const id = idFromTitle(wizard.answers.title, (candidate) => taken.has(candidate));
    const made = await createDraft(context.db, user, id, wizardScenario({ ...wizard.answers, id }), formKey);
    if (typeof made === "object") return sentAgain(request, context, made.sameForm);
    if (made)
      return context.sessions.redirectWithNotice(
        request,
        `/studio/${id}/nodes`,
        `Scenario ${id} created. After his first line it carries on as an example, and an option you left without feedback has example feedback: rewrite them in your own words. It cannot be published while any of the example's words are left.`,
      );
  }
  return step(
    { step: 2, errors: { form: "The scenario could not be created just now. Try again." }, values: wizard.values },
    409,
  );
}

/** The same form sent again: to the scenario its first submit made, which is not made twice. */
async function sentAgain(request: Request, context: ActionFunctionArgs["context"], scenarioId: string | null) {
  if (scenarioId && (await loadStudioScenario(context.db, scenarioId)))
    return context.sessions.redirectWithNotice(
      request,
      `/studio/${scenarioId}/nodes`,
      `This form had already created scenario ${scenarioId}, so no second scenario was made.`,
    );
  return context.sessions.redirectWithNotice(
    request,
    "/studio",
    `This form had already created scenario ${scenarioId ?? ""}, which has since been deleted.`,
  );
}

export default function NewScenario() {
  const { modules, formKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values ?? {};
  const errors = result?.errors ?? {};
  const second = result?.step === 2;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href="/studio" className="govuk-back-link">
          Back to the studio
        </a>
        <ErrorSummary errors={result?.errors} />
        <span className="govuk-caption-l">Create a scenario: step {second ? 2 : 1} of 2</span>
        <h1 className="govuk-heading-l">{second ? "How the conversation starts" : "About the scenario"}</h1>
        <Form method="post" noValidate key={second ? "how" : "about"}>
          <input type="hidden" name="formKey" value={values.formKey ?? formKey} />
          {second ? (
            <>
              {ABOUT_FIELDS.map((name) => (
                <input key={name} type="hidden" name={name} value={values[name] ?? ""} />
              ))}
              <OpeningFields values={values} errors={errors} />
              <div className="govuk-button-group">
                <button type="submit" name="intent" value="create" className="govuk-button">
                  Create the scenario
                </button>
                <button type="submit" name="intent" value="back" className="govuk-button govuk-button--secondary">
                  Back to step 1
                </button>
              </div>
            </>
          ) : (
            <>
              <TextInput name="title" label="Title officers see" defaultValue={values.title} error={errors.title} />
              <Select
                name="module"
                label="Module"
                options={[
                  { value: "", label: "Choose a module" },
                  ...modules.map((m) => ({ value: m.id, label: m.title })),
                ]}
                defaultValue={values.module ?? ""}
                error={errors.module}
              />
              <TextInput
                name="personaName"
                label="The prisoner's first name"
                hint="An invented name, never a real person's."
                defaultValue={values.personaName}
                error={errors.personaName}
                className="govuk-!-width-one-half"
              />
              <Textarea
                name="background"
                label="His background"
                hint="Age, sentence, job on the wing, family, and where he stands on the programme. Invented."
                rows={3}
                defaultValue={values.background}
                error={errors.background}
              />
              <Textarea
                name="voice"
                label="How he talks (optional)"
                hint="For writers only; officers never see it. At ease, anxious, angry and guarded: his own words, and the ones he never uses."
                rows={3}
                defaultValue={values.voice}
                error={errors.voice}
              />
              <Textarea
                name="summary"
                label="What the conversation is about"
                hint="One or two sentences officers read before they start."
                rows={3}
                defaultValue={values.summary}
                error={errors.summary}
              />
              <button type="submit" name="intent" value="next" className="govuk-button">
                Continue
              </button>
            </>
          )}
        </Form>
      </div>
    </div>
  );
}

function OpeningFields({ values, errors }: { values: Record<string, string>; errors: FieldErrors }) {
  const mi = [
    { group: "MI-consistent", options: MI_CODES.filter((c) => MI_CODE_INFO[c].isMiConsistentOption) },
    { group: "Others", options: MI_CODES.filter((c) => !MI_CODE_INFO[c].isMiConsistentOption) },
  ].map((g) => ({
    group: g.group,
    options: g.options.map((c) => ({ value: c, label: `${MI_CODE_INFO[c].label}: ${MI_CODE_INFO[c].description}` })),
  }));
  return (
    <>
      <Textarea
        name="opening"
        label="What he says first"
        hint="For example: They'll just use what I say against me at parole."
        rows={2}
        defaultValue={values.opening}
        error={errors.opening}
      />
      <Radios
        name="openingTalk"
        legend="What kind of talk is his first line?"
        small
        defaultValue={values.openingTalk}
        error={errors.openingTalk}
        options={TALK_TYPES.map((t) => ({
          value: t,
          label: TALK_TYPE_INFO[t].label,
          hint: TALK_TYPE_INFO[t].description,
        }))}
      />
      <h2 className="govuk-heading-m">The officer's first options</h2>
      <p className="govuk-body">
        Write two to four things the officer could say back. At least one should be MI-consistent (a reflection, an
        affirmation, an open question, seeking collaboration or emphasising autonomy).
      </p>
      <p className="govuk-body">
        After each option, an example conversation carries on from what that kind of reply tends to get: he starts
        talking about change after an MI-consistent option, gives a flat answer against it after a closed question or
        information he did not ask for, is unsure after advice he agreed to hear, and walks off after confronting or
        persuading. You then rewrite the example.
      </p>
      {Array.from({ length: WIZARD_OPTION_ROWS }, (_, i) => (
        <fieldset key={i} className="govuk-fieldset app-editor-option">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
            Option {i + 1}
            {i >= 2 ? " (optional)" : ""}
          </legend>
          <Textarea
            name={optionField(i, "say")}
            label="What the officer says"
            rows={2}
            defaultValue={values[optionField(i, "say")]}
            error={errors[optionField(i, "say")]}
          />
          <Select
            name={optionField(i, "mi")}
            label="MI code"
            options={[{ value: "", label: "Choose the MI code" }, ...mi]}
            defaultValue={values[optionField(i, "mi")] ?? ""}
            error={errors[optionField(i, "mi")]}
          />
          <Textarea
            name={optionField(i, "feedback")}
            label="Feedback after this option (optional)"
            hint="Name the behaviour and what it did to the conversation. Left blank, it starts as an example for its MI code, which you rewrite before publishing."
            rows={2}
            defaultValue={values[optionField(i, "feedback")]}
            error={errors[optionField(i, "feedback")]}
          />
        </fieldset>
      ))}
    </>
  );
}
