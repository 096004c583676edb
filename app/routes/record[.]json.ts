// My record as JSON: the same entries as the page and the CSV.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditExport } from "~/audit/exports.server";
import { requireUser } from "~/auth/guard.server";
import { downloadResponse } from "~/utils/download.server";
import { recordJson, recordOf } from "~/practice/record.server";
import { observationsOfOfficer } from "~/coaching/officer.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "viewOwnRecord" });
  const [entries, observations] = await Promise.all([
    recordOf(context.db, user.id),
    observationsOfOfficer(context.db, user.id),
  ]);
  await auditExport(context.db, user, "own_record_json", {
    establishmentId: user.establishmentId,
    subjectUserId: user.id,
    rows: entries.length + observations.length,
  });
  const json = recordJson(user, entries, observations);
  return downloadResponse(json, "application/json; charset=utf-8", `engage-record-${user.username}.json`);
}
