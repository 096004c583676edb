// The training matrix as CSV, with the matrix page's filters.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvFileName } from "~/domain/reporting/csv";
import { matrixCsv } from "~/reports/exports.server";
import { requireReportScope } from "~/reports/scope.server";
import { downloadResponse, filterErrorResponse } from "~/reports/download.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  const result = await matrixCsv(scope.db, scope.prison.id, new URL(request.url).searchParams);
  if (result.errors) return filterErrorResponse(result.errors);
  return downloadResponse(
    result.csv!,
    "text/csv; charset=utf-8",
    csvFileName("training-matrix", scope.prison.name, new Date().toISOString().slice(0, 10)),
  );
}
