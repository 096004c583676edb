// The audit log as CSV, with the audit page's filters. Downloading it is itself audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditCsv, parseAuditQuery } from "~/audit/log.server";
import { requireUser } from "~/auth/guard.server";
import { dayOf } from "~/domain/dates.server";
import { csvFileName } from "~/domain/reporting/csv";
import { csvDownload } from "~/utils/download.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireUser(request, context, { can: "readAuditLog" });
  const result = await auditCsv(context.db, admin, parseAuditQuery(new URL(request.url).searchParams));
  if (!result.ok)
    return new Response(`${result.message}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return csvDownload(result.csv, csvFileName("audit-log", dayOf(new Date())));
}
