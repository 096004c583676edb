// The request a piece of work is done for, set by the server around each request. It lets audit
// rows (and log lines) carry the request id without threading it through every call.
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestScope {
  requestId: string;
  /** the HTTP method of the request being served */
  method?: string;
}

// One instance per process, even though the server entry and the Remix build each bundle a copy
// of this module.
const KEY = Symbol.for("engage.request-scope");
const holder = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestScope> };
export const requestScope: AsyncLocalStorage<RequestScope> = (holder[KEY] ??= new AsyncLocalStorage<RequestScope>());

export function currentRequestId(): string | null {
  return requestScope.getStore()?.requestId ?? null;
}

/**
 * What a request's loaders may share look-ups under (who is signed in, their session). Remix
 * hands each loader its own copy of the Request, so on a GET, which changes nothing, the request's
 * scope is the key: the root and page loaders then read the session and the user once between them.
 * A POST keeps its own Request as the key: loaders that run after its action look again, since the
 * action may have signed someone in or out. Outside the server (route tests) the Request is the key.
 */
export function requestKeyOf(request: Request): object {
  const scope = requestScope.getStore();
  return scope && (scope.method === "GET" || scope.method === "HEAD") ? scope : request;
}
