// The request a piece of work is done for, set by the server around each request. It lets audit
// rows (and log lines) carry the request id without threading it through every call.
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestScope {
  requestId: string;
}

// One instance per process, even though the server entry and the Remix build each bundle a copy
// of this module.
const KEY = Symbol.for("engage.request-scope");
const holder = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestScope> };
export const requestScope: AsyncLocalStorage<RequestScope> = (holder[KEY] ??= new AsyncLocalStorage<RequestScope>());

export function currentRequestId(): string | null {
  return requestScope.getStore()?.requestId ?? null;
}
