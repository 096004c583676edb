import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { isConnectionFailure } from "~db/errors";
import { ErrorsShown, ErrorsShownContext } from "~/components/error-title";
import { NonceContext } from "~/components/nonce";
import { errorPage } from "~/server/error-page.server";
import { prefixTitle } from "~/server/error-title.server";
import { createNonce, setSecurityHeaders } from "~/server/security.server";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

// Requests whose loader or action lost the database: answered 503 (try again), not 500. Keyed by the
// request's load context, the one object Remix hands to both handleError and the render.
const unavailable = new WeakSet<AppLoadContext>();

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = createNonce();
  const waitForAll = isbot(request.headers.get("user-agent") || "") || remixContext.isSpaMode;
  if (unavailable.has(loadContext)) {
    // The page could not be read, so say so plainly rather than render a half-empty one.
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    responseHeaders.set("Retry-After", "30");
    setSecurityHeaders(responseHeaders, nonce);
    return new Response(errorPage(503), { status: 503, headers: responseHeaders });
  }
  const errors = new ErrorsShown();
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const send = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      // Signing out redirects the sign-out form to the sign-in service's end-session page.
      const signInService = loadContext.config.oidc ? [new URL(loadContext.config.oidc.issuer).origin] : [];
      setSecurityHeaders(responseHeaders, nonce, signInService);
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      );
      // The page is rendered by now (only its streamed data may follow), so its error summary has been.
      pipe(errors.shown ? prefixTitle(body) : body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <ErrorsShownContext.Provider value={errors}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </ErrorsShownContext.Provider>
      </NonceContext.Provider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) send();
        },
        onAllReady() {
          if (waitForAll) send();
          // Rendered: the render (and everything it holds) need not be kept for the abort timer.
          clearTimeout(timer);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- Remix gets what the render threw, unchanged
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) loadContext.log.error({ err: error }, "rendering failed");
        },
      },
    );
    const timer = setTimeout(abort, ABORT_DELAY + 1000);
  });
}

export const handleDataRequest: HandleDataRequestFunction = (response, { context }) => {
  setSecurityHeaders(response.headers);
  if (unavailable.has(context) && response.status === 500) {
    return new Response(response.body, { status: 503, headers: response.headers });
  }
  return response;
};

export function handleError(error: unknown, { request, context }: { request: Request; context: AppLoadContext }) {
  if (request.signal.aborted) return;
  // A 404 or 405 is an answer, not a fault: no stack trace for it.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  if (isConnectionFailure(error)) {
    unavailable.add(context);
    context.log.warn({ err: error }, "database unavailable");
    return;
  }
  context.log.error({ err: error }, "request failed");
}
