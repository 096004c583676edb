// Downloads a scenario's YAML: the draft, or the published version with ?version=published. Audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditExport } from "~/audit/exports.server";
import { notFound, requireUser } from "~/auth/guard.server";
import { loadStudioScenario } from "~/studio/studio.server";
import { studioLinkOptions } from "~/studio/links.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "authorScenarios" });
  const s = await loadStudioScenario(context.db, params.scenarioId ?? "");
  if (!s) notFound();
  const published = studioLinkOptions(request).version === "published";
  if (published && !s.published) notFound();
  const yaml = published ? s.published!.yaml : s.yaml;
  await auditExport(context.db, user, "scenario_yaml", {
    establishmentId: null,
    rows: 1,
    more: { scenario: s.id, version: published ? "published" : "draft" },
  });
  return new Response(yaml, {
    headers: {
      "Content-Type": "application/yaml; charset=utf-8",
      // The id is a slug, so it is safe in the header as it is.
      "Content-Disposition": `attachment; filename="${s.id}.yaml"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
