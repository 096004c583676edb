// The training matrix as CSV, with the matrix page's filters, which its file name carries so a filtered file is not
// taken for the whole prison's. Each download is audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditExport } from "~/audit/exports.server";
import { csvFileName } from "~/domain/reporting/csv";
import { matrixCsv } from "~/reports/exports.server";
import { requireReportScope } from "~/reports/scope.server";
import { filterErrorResponse } from "~/reports/download.server";
import { csvDownload } from "~/utils/download.server";
import { dayOf } from "~/domain/dates.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  const result = await matrixCsv(scope.db, scope.prison.id, new URL(request.url).searchParams);
  if (result.errors) return filterErrorResponse(result.errors);
  await auditExport(scope.db, scope.user, "matrix_csv", {
    establishmentId: scope.prison.id,
    filters: result.filters,
    rows: result.rows,
  });
  return csvDownload(
    result.body,
    csvFileName("training-matrix", scope.prison.name, ...result.filteredBy, dayOf(new Date())),
  );
}
