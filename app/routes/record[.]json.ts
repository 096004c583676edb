// My record as JSON: the same entries as the page and the CSV.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { downloadResponse } from "~/utils/download.server";
import { recordJson, recordOf } from "~/practice/record.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { roles: ["officer"] });
  const json = recordJson(user, await recordOf(context.db, user.id));
  return downloadResponse(json, "application/json; charset=utf-8", `engage-record-${user.username}.json`);
}
