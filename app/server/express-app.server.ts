// The HTTP server around the Remix app: request ids and JSON request logs, body-size limits,
// forwarded headers only behind a trusted proxy, static files, and the load context every loader
// and action receives.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import onHeaders from "on-headers";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import { requestScope } from "~db/request-scope";
import type { AppServices } from "~/context.server";
import { crossSiteReason, siteHostOf, STRICT_TRANSPORT_SECURITY, writeHeadersOf } from "~/server/security.server";
import { errorPage } from "./error-page.server";
import { createRequestHandler } from "./remix-handler.server";

/** The largest request body accepted: forms are limited to far less, uploads to 256 KB. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface AppParts {
  build: ServerBuild;
  /** Where the Remix browser build lives (public/build, or another build directory's assets). */
  assetsDir: string;
  publicDir: string;
  log: Logger;
  context: AppServices;
}

export function createApp({ build, assetsDir, publicDir, log, context }: AppParts) {
  const app = express();
  app.disable("x-powered-by");
  // Behind TRUST_PROXY the client's address, protocol and host come from X-Forwarded-* headers
  // set by the one proxy in front (the address it saw, not one the client wrote into the header);
  // otherwise those headers are removed so nothing downstream can be fooled by them.
  app.set("trust proxy", context.config.trustProxy ? 1 : false);
  if (!context.config.trustProxy) app.use(dropForwardedHeaders);

  app.use(
    pinoHttp({
      logger: log,
      genReqId(req, res) {
        const given = context.config.trustProxy ? req.headers["x-request-id"] : undefined;
        const id = typeof given === "string" && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      // Every line logged for a request (by pino-http or the app through context.log) carries reqId.
      quietReqLogger: true,
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? "error" : "info"),
      autoLogging: { ignore: (req) => isStaticPath(req.url ?? "") },
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(onlyEngageMethods);
  app.use(compression());
  app.use(transportAndCacheHeaders(context.config.trustProxy));
  app.use("/build", express.static(assetsDir, { immutable: true, maxAge: "1y" }));
  app.use(publicFiles(publicDir));
  app.use(limitBody);
  app.use(refuseCrossSiteWrites);

  const handleRequest = createRequestHandler({
    build,
    mode: context.config.production ? "production" : "development",
    getLoadContext: (req) => ({
      ...context,
      log: req.log,
      requestId: requestIdOf(req),
      clientAddress: req.ip ?? "unknown",
      dataRequest: req.path.endsWith(".data"),
    }),
  });
  app.use(refuseUnreadableAddresses);
  // app.use, not app.all("*"): a route pattern makes Express decode the path again.
  app.use((req, res, next) => {
    // Remix's handler passes its own failures to next(), so nothing is left to catch here.
    requestScope.run({ requestId: requestIdOf(req), method: req.method }, () => void handleRequest(req, res, next));
  });

  // Anything Remix did not answer itself: logged once, and a plain page without details. A client's
  // fault that static files report (a Range past a file's end) keeps its 4xx and is no error of ours.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = clientFaultOf(error);
    if (status) req.log.info({ status }, "request refused by the file server");
    else req.log.error({ err: error }, "request failed");
    if (!res.headersSent)
      res
        .status(status ?? 500)
        .type("html")
        .send(errorPage(status ?? 500));
    else res.end();
  });
  return app;
}

/**
 * The files in public/ (stylesheets, fonts, the icon), looked for only under the names public/
 * holds, so a page or data request costs no file-system look-up.
 */
function publicFiles(publicDir: string) {
  const serve = express.static(publicDir, { maxAge: "1h" });
  const names = new Set(fs.existsSync(publicDir) ? fs.readdirSync(publicDir) : []);
  return (req: Request, res: Response, next: NextFunction) => {
    const first = req.path.split("/", 2)[1] ?? "";
    if (names.has(first)) serve(req, res, next);
    else next();
  };
}

// genReqId above always answers a string; pino-http types a request id more widely.
const requestIdOf = (req: Request) => req.id as string;

function isStaticPath(url: string) {
  return url.startsWith("/build/") || url.startsWith("/assets/") || url === "/favicon.ico";
}

function clientFaultOf(error: unknown): number | null {
  const status = typeof error === "object" && error !== null && "status" in error ? error.status : null;
  return typeof status === "number" && status >= 400 && status < 500 ? status : null;
}

/** Engage answers pages and data (GET, HEAD) and forms (POST); nothing here answers another method. */
const METHODS = ["GET", "HEAD", "POST"];

/**
 * Any other method gets 405 (OPTIONS: 204, as Engage offers no cross-site access), before a loader
 * runs: OPTIONS on a download ran its loader, and TRACE reached Remix as a 500.
 */
function onlyEngageMethods(req: Request, res: Response, next: NextFunction) {
  if (METHODS.includes(req.method)) return next();
  res.setHeader("Allow", METHODS.join(", "));
  if (req.method === "OPTIONS") return void res.status(204).end();
  res.status(405).type("html").send(errorPage(405));
  req.log.info({ status: 405 }, "method not allowed");
}

function dropForwardedHeaders(req: Request, _res: Response, next: NextFunction) {
  for (const name of ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"]) {
    delete req.headers[name];
  }
  next();
}

/**
 * Refuses oversized bodies before anything reads them: 413 when the declared length is over the
 * limit, 411 when a body comes without a length (browsers always send one for forms and uploads).
 */
function limitBody(req: Request, res: Response, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const declared = req.headers["content-length"];
  const chunked = /chunked/i.test(req.headers["transfer-encoding"] ?? "");
  if (declared === undefined && chunked) return refuse(req, res, 411);
  if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) return refuse(req, res, 413);
  next();
}

/**
 * Pages and data are never stored by browsers or proxies (they carry personal data) unless a
 * response says otherwise (static files do); HSTS only when the browser came over HTTPS through
 * the trusted proxy, never over plain HTTP.
 */
function transportAndCacheHeaders(trustProxy: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (trustProxy && req.secure) res.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    onHeaders(res, () => {
      if (!res.getHeader("Cache-Control")) res.setHeader("Cache-Control", "no-store");
    });
    next();
  };
}

/**
 * Writes from another site are refused before Remix sees them (Remix's own check answers a bare
 * 500 with a stack trace): 403, the plain error page and one log line.
 */
function refuseCrossSiteWrites(req: Request, res: Response, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const headers = { get: (name: string) => req.get(name) };
  const reason = crossSiteReason(writeHeadersOf(headers), siteHostOf(headers, ""));
  if (!reason) return next();
  res.status(403).type("html").send(errorPage(403));
  req.log.warn({ reason, origin: req.get("origin") ?? null }, "cross-site request refused");
}

/**
 * An address with a broken %-escape (/%FF) names no page: a 404 and one info line, before Express's
 * routing (a 500 and a stack trace) or Remix's (an unstructured warning) tries to decode it. So does
 * one asking for Remix 1's ?_data (Engage's pages use .data): Remix logs each as an error.
 */
function refuseUnreadableAddresses(req: Request, res: Response, next: NextFunction) {
  let reason = Object.hasOwn(req.query, "_data") ? "a ?_data address" : null;
  try {
    decodeURIComponent(req.path);
  } catch {
    reason = "address with a broken %-escape";
  }
  if (!reason) return next();
  res.status(404).type("html").send(errorPage(404));
  req.log.info({ status: 404 }, reason);
}

function refuse(req: Request, res: Response, status: 411 | 413) {
  // Close the connection: the unread body is not worth reading.
  res.setHeader("Connection", "close");
  res.status(status).type("html").send(errorPage(status));
  req.log.info({ status }, status === 413 ? "request body too large" : "request body without a length");
}
