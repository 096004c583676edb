// My record as CSV: the officer's own training record (e.g. for a subject access request).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { downloadResponse } from "~/utils/download.server";
import { recordCsv, recordOf } from "~/practice/record.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { roles: ["officer"] });
  const csv = recordCsv(await recordOf(context.db, user.id));
  return downloadResponse(csv, "text/csv; charset=utf-8", `engage-record-${user.username}.csv`);
}
