// My record as CSV: the officer's own training record (e.g. for a subject access request).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditExport } from "~/audit/exports.server";
import { requireUser } from "~/auth/guard.server";
import { csvDownload } from "~/utils/download.server";
import { recordCsv, recordOf } from "~/practice/record.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "viewOwnRecord" });
  const entries = await recordOf(context.db, user.id);
  await auditExport(context.db, user, "own_record_csv", {
    establishmentId: user.establishmentId,
    subjectUserId: user.id,
    rows: entries.length,
  });
  return csvDownload(recordCsv(entries), `engage-record-${user.username}.csv`);
}
