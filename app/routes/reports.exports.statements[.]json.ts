// xAPI 1.0.3 statements, one per finished attempt matching the exports page's filters. Each
// download is audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditExport } from "~/audit/exports.server";
import { parseAttemptFilters, statementsJson, xapiBaseUrl } from "~/reports/exports.server";
import { requireReportScope } from "~/reports/scope.server";
import { filterErrorResponse } from "~/reports/download.server";
import { downloadResponse } from "~/utils/download.server";
import { csvFileName } from "~/domain/reporting/csv";
import { dayOf } from "~/domain/dates.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  const filters = await parseAttemptFilters(scope.db, scope.prison.id, new URL(request.url).searchParams);
  if (Object.keys(filters.errors).length) return filterErrorResponse(filters.errors);
  const { body, rows } = await statementsJson(
    scope.db,
    scope.prison.id,
    filters.filter,
    xapiBaseUrl(request, context.config),
  );
  await auditExport(scope.db, scope.user, "statements_json", {
    establishmentId: scope.prison.id,
    filters: filters.values,
    rows,
  });
  const name = csvFileName("xapi-statements", scope.prison.name, dayOf(new Date())).replace(/\.csv$/, ".json");
  return downloadResponse(body, "application/json; charset=utf-8", name);
}
