// My observations as CSV: every recorded observation of the officer, with the coach's note.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditExport } from "~/audit/exports.server";
import { requireUser } from "~/auth/guard.server";
import { observationsCsv } from "~/coaching/exports";
import { observationsOfOfficer } from "~/coaching/officer.server";
import { csvDownload } from "~/utils/download.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "viewOwnRecord" });
  const observations = await observationsOfOfficer(context.db, user.id);
  await auditExport(context.db, user, "own_observations_csv", {
    establishmentId: user.establishmentId,
    subjectUserId: user.id,
    rows: observations.length,
  });
  const csv = observationsCsv(observations, { withOfficer: false });
  return csvDownload(csv, `engage-observations-${user.username}.csv`);
}
