import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "authorScenarios" });
  throw redirect(`/studio/${encodeURIComponent(params.scenarioId ?? "")}/nodes`);
}
