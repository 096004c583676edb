// Attempts as CSV, with the exports page's filters. Each download is audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditExport } from "~/audit/exports.server";
import { csvFileName } from "~/domain/reporting/csv";
import { attemptsCsv, parseAttemptFilters } from "~/reports/exports.server";
import { requireReportScope } from "~/reports/scope.server";
import { filterErrorResponse } from "~/reports/download.server";
import { csvDownload } from "~/utils/download.server";
import { dayOf } from "~/domain/dates.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  const filters = await parseAttemptFilters(scope.db, scope.prison.id, new URL(request.url).searchParams);
  if (Object.keys(filters.errors).length) return filterErrorResponse(filters.errors);
  const { body, rows } = await attemptsCsv(scope.db, scope.prison.id, filters.filter);
  await auditExport(scope.db, scope.user, "attempts_csv", {
    establishmentId: scope.prison.id,
    filters: filters.values,
    rows,
  });
  return csvDownload(body, csvFileName("attempts", scope.prison.name, dayOf(new Date())));
}
