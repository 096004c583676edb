// Checks YAML as a trainer types (the editor calls this after a pause); saves nothing.
import type { ActionFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { MAX_FILE_BYTES } from "~/domain/scenario";
import { STUDIO_ROLES } from "~/studio/components";
import { checkStudioYaml } from "~/studio/studio.server";
import { readFormData } from "~/utils/form-data.server";

export async function action({ request, context }: ActionFunctionArgs) {
  await requireUser(request, context, { roles: [...STUDIO_ROLES] });
  const form = await readFormData(request);
  const yaml = form.get("yaml");
  const scenarioId = form.get("scenarioId");
  if (typeof yaml !== "string" || typeof scenarioId !== "string")
    return data({ diagnostics: [], error: "Nothing to check." }, { status: 400 });
  if (Buffer.byteLength(yaml, "utf8") > MAX_FILE_BYTES) {
    return data({
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
  return { diagnostics: result.diagnostics, error: null };
}

// Only for the editor's fetcher: there is nothing to show at this address.
export async function loader({ request, context }: ActionFunctionArgs) {
  await requireUser(request, context, { roles: [...STUDIO_ROLES] });
  throw new Response("Not found", { status: 404 });
}
