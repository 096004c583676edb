// Checks YAML as a trainer types (the editor calls this after a pause); saves nothing.
// A resource route the editor calls with fetch: json() keeps its answer a plain JSON response.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { MAX_FILE_BYTES, type Diagnostic } from "~/domain/scenario";
import { checkStudioYaml } from "~/studio/studio.server";
import { readFormData } from "~/utils/form-data.server";

export async function action({ request, context }: ActionFunctionArgs) {
  await requireUser(request, context, { can: "authorScenarios" });
  const form = await readFormData(request);
  const yaml = form.get("yaml");
  const scenarioId = form.get("scenarioId");
  if (typeof yaml !== "string" || typeof scenarioId !== "string")
    return json({ diagnostics: [] as Diagnostic[], error: "Nothing to check." }, { status: 400 });
  if (Buffer.byteLength(yaml, "utf8") > MAX_FILE_BYTES) {
    return json({
      diagnostics: [
        {
          code: "file-too-large",
          severity: "error" as const,
          message: "The scenario is over 256 KB.",
          line: 1,
          column: 1,
        },
      ],
      error: null,
    });
  }
  const result = await checkStudioYaml(context.db, yaml, scenarioId);
  return json({ diagnostics: result.diagnostics, error: null });
}

// Only for the editor's fetcher: there is nothing to show at this address.
export async function loader({ request, context }: ActionFunctionArgs) {
  await requireUser(request, context, { can: "authorScenarios" });
  throw new Response("Not found", { status: 404 });
}
