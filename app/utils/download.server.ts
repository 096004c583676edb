// File downloads (CSV, JSON exports): a file name, no caching of personal data, and the same
// security headers as every page.
import { setSecurityHeaders } from "~/server/security.server";

export function downloadResponse(body: string | ReadableStream<Uint8Array>, type: string, fileName: string) {
  const headers = new Headers({
    "Content-Type": type,
    "Content-Disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "-")}"`,
    "Cache-Control": "private, no-store",
  });
  return new Response(body, { headers: setSecurityHeaders(headers) });
}

/** The UTF-8 byte order mark: without it Excel on Windows reads a CSV as the old Windows code page (Zoë as ZoÃ«). */
const BOM = "\uFEFF";

function withBom(body: string | ReadableStream<Uint8Array>): string | ReadableStream<Uint8Array> {
  if (typeof body === "string") return BOM + body;
  const reader = body.getReader();
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          return controller.enqueue(new TextEncoder().encode(BOM));
        }
        const next = await reader.read();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

/** A CSV download, marked as UTF-8 for spreadsheets. */
export function csvDownload(body: string | ReadableStream<Uint8Array>, fileName: string) {
  return downloadResponse(withBom(body), "text/csv; charset=utf-8", fileName);
}

/**
 * A download body written part by part as the client reads it: the next part is asked for only
 * when the one before has been taken, so a slow download holds one part in memory, not the file.
 */
export function streamOf(parts: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await parts.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await parts.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
