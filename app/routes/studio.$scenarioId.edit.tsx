import { formatDate, formatDateTime } from "~/domain/dates.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { notFound, requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { SummaryList } from "~/components/page";
import { MAX_FILE_BYTES, type Diagnostic } from "~/domain/scenario";
import { DiagnosticSummary, goToLine, ScenarioPageHeader } from "~/studio/components";
import { readSaveForm } from "~/studio/editor-forms.server";
import { savedNotice } from "~/studio/editor.server";
import { studioLinkOptions } from "~/studio/links.server";
import { checkStudioYaml, loadStudioScenario, saveDraft } from "~/studio/studio.server";
import { fieldError } from "~/utils/field-errors";
import { title } from "~/utils/meta";
import type { action as validateAction } from "./studio.validate";
import { readFormData } from "~/utils/form-data.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Edit the YAML of ${data.title}` : "Edit the YAML");

const TEXTAREA_ID = "field-yaml";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "authorScenarios" });
  const s = await loadStudioScenario(context.db, params.scenarioId ?? "");
  if (!s) notFound();
  const check = await checkStudioYaml(context.db, s.yaml, s.id);
  const { line } = studioLinkOptions(request);
  return {
    id: s.id,
    title: check.title ?? s.id,
    yaml: s.yaml,
    revision: s.revision,
    diagnostics: check.diagnostics,
    draft: s.draft && { updatedAt: formatDateTime(s.draft.updated_at), updatedBy: s.draft.updated_by_name },
    published: s.published && { at: formatDate(s.published.created_at), source: s.published.source },
    line,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "authorScenarios" });
  const s = await loadStudioScenario(context.db, params.scenarioId ?? "");
  if (!s) notFound();
  const form = readSaveForm(await readFormData(request));
  const yaml = (form.values.yaml ?? "").replace(/\r\n/g, "\n");
  if (!form.ok) return data({ errors: form.errors, yaml, diagnostics: [] as Diagnostic[] }, { status: 400 });
  if (Buffer.byteLength(yaml, "utf8") > MAX_FILE_BYTES) {
    return data(
      {
        errors: fieldError("yaml", "The scenario must be 256 KB or smaller. Nothing was saved."),
        yaml,
        diagnostics: [] as Diagnostic[],
      },
      { status: 400 },
    );
  }
  const saved = await saveDraft(context.db, user, s.id, yaml, form.data.revision);
  if (!saved.ok) {
    const check = await checkStudioYaml(context.db, yaml, s.id);
    return data({ errors: fieldError("form", saved.message), yaml, diagnostics: check.diagnostics }, { status: 409 });
  }
  const check = await checkStudioYaml(context.db, yaml, s.id);
  const errors = check.diagnostics.filter((d) => d.severity === "error").length;
  return context.sessions.redirectWithNotice(request, `/studio/${s.id}/edit`, savedNotice(errors));
}

// Checking as the trainer types saves nothing, so the draft is not reloaded after each check
// (a reload racing a save could show an older draft).
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction === "/studio/validate" ? false : defaultShouldRevalidate;

export default function EditScenario() {
  const loaded = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const fetcher = useFetcher<typeof validateAction>();
  const box = useRef<HTMLTextAreaElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  // The revision the trainer last typed into: after a save the page's own check is the fresh one again.
  const [typedOn, setTypedOn] = useState<number | null>(null);
  const typed = typedOn === loaded.revision;
  const live = typed && fetcher.data ? fetcher.data.diagnostics : null;
  const diagnostics = live ?? refused?.diagnostics ?? loaded.diagnostics;
  const errorCount = diagnostics.filter((d) => d.severity === "error").length;

  useEffect(() => {
    if (loaded.line && box.current) goToLine(box.current, loaded.line);
  }, [loaded.line]);
  useEffect(() => () => clearTimeout(timer.current), []);

  function onInput() {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setTypedOn(loaded.revision);
      fetcher.submit(
        { yaml: box.current?.value ?? "", scenarioId: loaded.id },
        { method: "post", action: "/studio/validate" },
      );
    }, 700);
  }

  return (
    <>
      <ScenarioPageHeader scenarioId={loaded.id} heading={loaded.title} current="edit">
        {refused?.errors ? <ErrorSummary errors={refused.errors} /> : null}
      </ScenarioPageHeader>
      <SummaryList
        rows={[
          {
            key: "Status",
            value: loaded.draft
              ? `Draft, last saved ${loaded.draft.updatedAt}${loaded.draft.updatedBy ? ` by ${loaded.draft.updatedBy}` : ""}`
              : "Published, no draft: saving makes a draft",
          },
          {
            key: "Published",
            value: loaded.published
              ? `${loaded.published.at} (${loaded.published.source === "library" ? "built-in library" : "studio"})`
              : "Not yet published",
          },
        ]}
      />
      <DiagnosticSummary
        key={live ? "live" : "saved"}
        diagnostics={diagnostics}
        textareaId={TEXTAREA_ID}
        focus={!live && !refused}
      />
      <p className="govuk-visually-hidden" role="status" aria-live="polite">
        {live ? (errorCount ? `${errorCount} error${errorCount === 1 ? "" : "s"} found` : "No errors found") : ""}
      </p>
      {!errorCount && !refused ? <p className="govuk-body">No errors found.</p> : null}
      <Form method="post" noValidate>
        <input type="hidden" name="revision" value={loaded.revision} />
        <div className={`govuk-form-group${refused?.errors?.yaml ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--m" htmlFor={TEXTAREA_ID}>
            Scenario YAML
          </label>
          <div id="yaml-hint" className="govuk-hint">
            Each error above names its line; choosing one moves the cursor there. Saving keeps your changes in the
            draft, errors and all; officers see nothing until you publish.
          </div>
          {refused?.errors?.yaml ? (
            <p id="yaml-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {refused.errors.yaml}
            </p>
          ) : null}
          <textarea
            ref={box}
            id={TEXTAREA_ID}
            name="yaml"
            className="govuk-textarea app-code-editor"
            rows={30}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            aria-describedby={refused?.errors?.yaml ? "yaml-hint yaml-error" : "yaml-hint"}
            defaultValue={refused?.yaml ?? loaded.yaml}
            onInput={onInput}
          />
        </div>
        <button type="submit" className="govuk-button">
          Save draft
        </button>
      </Form>
    </>
  );
}
