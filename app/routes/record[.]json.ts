// My record as JSON: the same entries as the page and the CSV.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { downloadResponse } from "~/utils/download.server";
import { recordJson, recordOf } from "~/practice/record.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const json = recordJson(user, await recordOf(user.id));
  return downloadResponse(json, "application/json; charset=utf-8", `engage-record-${user.username}.json`);
}
