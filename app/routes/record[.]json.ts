// My record as JSON: the same entries as the page and the CSV.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { setSecurityHeaders } from "~/security.server";
import { downloadHeaders, recordJson, recordOf } from "~/practice/record.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const json = recordJson(user, await recordOf(user.id));
  return new Response(json, { headers: setSecurityHeaders(new Headers(downloadHeaders("application/json; charset=utf-8", `engage-record-${user.username}.json`))) });
}
