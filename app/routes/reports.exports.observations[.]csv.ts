// Every recorded observation of the prison's active officers as CSV, with the coaches' notes and
// officers' reflections: the same officers as Observed practice (an officer's observations follow
// them to a new prison). Each download is written to the audit log.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordedOfPrisonOfficers } from "~db/queries/observations.server";
import { auditExport } from "~/audit/exports.server";
import { observationsCsv } from "~/coaching/exports";
import { observationView } from "~/coaching/view";
import { dayOf } from "~/domain/dates.server";
import { csvFileName } from "~/domain/reporting/csv";
import { csvDownload } from "~/utils/download.server";
import { requireReportScope } from "~/reports/scope.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  const rows = await recordedOfPrisonOfficers(scope.db, scope.prison.id);
  await auditExport(scope.db, scope.user, "observations_csv", { establishmentId: scope.prison.id, rows: rows.length });
  return csvDownload(
    observationsCsv(rows.map(observationView), { withOfficer: true }),
    csvFileName("observations", scope.prison.name, dayOf(new Date())),
  );
}
