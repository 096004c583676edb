import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { FileUpload } from "~/components/fields";
import { MAX_FILE_BYTES, type Diagnostic } from "~/domain/scenario";
import { importScenario } from "~/studio/studio.server";
import { isFormContentType, refuseNonForm } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Import a scenario");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "authorScenarios" });
  return null;
}

type Refusal = { message: string; diagnostics: Diagnostic[] };
const refuse = (message: string, diagnostics: Diagnostic[] = [], status = 400) =>
  data<Refusal>({ message, diagnostics }, { status });
const TOO_LARGE = "The file must be 256 KB or smaller";

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "authorScenarios" });
  // Refuse an oversized body before reading it; the upload handler stops at the limit as well.
  if (!isFormContentType(request.headers.get("Content-Type"), { multipartOnly: true })) refuseNonForm();
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > MAX_FILE_BYTES + 16_384) return refuse(TOO_LARGE, [], 413);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES }),
    );
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) return refuse(TOO_LARGE, [], 413);
    return refuse("Choose a YAML file to upload");
  }
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) return refuse("Choose a YAML file to upload");
  const name = "name" in file && typeof file.name === "string" ? file.name : "the file";
  if (!/\.ya?ml$/i.test(name)) return refuse("The file must be a YAML file ending in .yaml or .yml");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return refuse("The file must be text saved as UTF-8");
  }
  const result = await importScenario(context.db, user, name, text.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n"));
  if (!result.ok) return refuse(result.message, result.check?.diagnostics.filter((d) => d.severity === "error") ?? []);
  return context.sessions.redirectWithNotice(
    request,
    `/studio/${result.scenarioId}/edit`,
    `Imported ${result.scenarioId} as a draft. Check it, then publish it.`,
  );
}

export default function ImportScenario() {
  const refused = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href="/studio" className="govuk-back-link">
          Back to the studio
        </a>
        <ErrorSummary
          errors={refused ? { file: refused.message } : null}
          details={refused?.diagnostics.map((d) => `Line ${d.line}: ${d.message}`)}
        />
        <h1 className="govuk-heading-l">Import a scenario</h1>
        <p className="govuk-body">
          Upload a scenario YAML file of 256 KB or less. It is checked first and becomes a draft; nothing is imported if
          it has errors or its id is already used.
        </p>
        <Form method="post" encType="multipart/form-data" noValidate>
          <FileUpload
            name="file"
            label="Scenario file"
            accept=".yaml,.yml,application/yaml,text/yaml"
            error={refused?.message}
          />
          <button type="submit" className="govuk-button">
            Import
          </button>
        </Form>
      </div>
    </div>
  );
}
