// Hands Express requests to Remix and sends its answers back. Hand-written rather than taken from
// @remix-run/express for the sending: that adapter writes a body chunk by chunk through the
// compression middleware and flushes it after each one (a page went out as eight or so compressed
// pieces, and even a 15-byte answer was compressed), and a compression stream costs several times
// compressing the same bytes in one call. Here a body complete within its first 64 KB goes out in
// one piece with its length, gzipped in one call when it is worth it; longer bodies (exports)
// stream through the compression middleware, flushed as each chunk arrives, at the pace the client
// reads them.
import { once } from "node:events";
import { gzipSync } from "node:zlib";
import {
  createReadableStreamFromReadable,
  createRequestHandler as createRemixHandler,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";

/** Bodies up to this size are sent whole; past it they stream. */
const WHOLE_BODY_BYTES = 64 * 1024;
/** As the compression middleware: smaller bodies gain less than compressing them costs. */
const COMPRESS_FROM_BYTES = 1024;
const COMPRESSIBLE = /^\s*(text\/|application\/(json|javascript|xml)\b|[^;]*\+(json|xml)\b)/i;
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;

export function createRequestHandler({
  build,
  mode,
  getLoadContext,
}: {
  build: ServerBuild;
  mode: "production" | "development";
  getLoadContext: (req: Request) => AppLoadContext;
}) {
  const handle = createRemixHandler(build, mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const response = await handle(remixRequestOf(req, res), getLoadContext(req));
      await send(req, res, response);
    } catch (error) {
      next(error);
    }
  };
}

function remixRequestOf(req: Request, res: Response): globalThis.Request {
  // req.hostname and req.protocol follow the trusted proxy's headers (TRUST_PROXY) or the request's own.
  const port = (req.get("x-forwarded-host") ?? req.get("host") ?? "").split(":")[1] ?? "";
  const url = `${req.protocol}://${req.hostname}${/^\d+$/.test(port) ? `:${port}` : ""}${req.originalUrl}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  // Loaders and actions are told when the client has gone before the answer was sent.
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(url, {
    method: req.method,
    headers,
    signal: controller.signal,
    ...(hasBody ? { body: createReadableStreamFromReadable(req), duplex: "half" } : {}),
  });
}

async function send(req: Request, res: Response, response: globalThis.Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers) res.append(name, value);
  if (!response.body) return void res.end();

  const reader = response.body.getReader();
  const start: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return void endWhole(req, res, Buffer.concat(start, size));
    start.push(value);
    size += value.byteLength;
    if (size >= WHOLE_BODY_BYTES) break;
  }

  // A long body: streamed, and the reading stops if the client goes away.
  let gone = false;
  const closed = new Promise<void>((resolve) =>
    res.once("close", () => {
      gone = true;
      reader.cancel().catch(() => {});
      resolve();
    }),
  );
  const flush = () => (res as Response & { flush?: () => void }).flush?.();
  try {
    let chunk: Uint8Array | undefined = Buffer.concat(start, size);
    while (chunk && !gone) {
      const ready = res.write(chunk);
      flush();
      if (!ready) await Promise.race([once(res, "drain"), closed]);
      const next = await reader.read();
      chunk = next.done ? undefined : next.value;
    }
    if (!gone) res.end();
  } catch (error) {
    res.destroy(error as Error);
    throw error;
  }
}

/** A whole body in one write, with its length; gzipped when the client takes it and it is worth it. */
function endWhole(req: Request, res: Response, body: Buffer) {
  if (
    body.length >= COMPRESS_FROM_BYTES &&
    req.method !== "HEAD" &&
    !res.getHeader("Content-Encoding") &&
    COMPRESSIBLE.test(String(res.getHeader("Content-Type") ?? "")) &&
    !NO_TRANSFORM.test(String(res.getHeader("Cache-Control") ?? "")) &&
    req.acceptsEncodings("gzip") === "gzip"
  ) {
    res.vary("Accept-Encoding");
    res.setHeader("Content-Encoding", "gzip");
    return void res.end(gzipSync(body));
  }
  res.end(body);
}
