import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { STUDIO_ROLES } from "~/studio/components";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { roles: [...STUDIO_ROLES] });
  throw redirect(`/studio/${encodeURIComponent(params.scenarioId ?? "")}/nodes`);
}
