// File downloads (CSV, JSON exports): a file name, no caching of personal data, and the same
// security headers as every page.
import { setSecurityHeaders } from "~/security.server";

export function downloadResponse(body: string, type: string, fileName: string) {
  const headers = new Headers({
    "Content-Type": type,
    "Content-Disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "-")}"`,
    "Cache-Control": "private, no-store",
  });
  return new Response(body, { headers: setSecurityHeaders(headers) });
}
