// Loaders, actions and the guard stop a request by throwing a Response (a redirect, a 403, a 404):
// these read what a call ended with, so a test can check it.

/** The call's value, or the Response it threw. */
export async function settled<T>(call: Promise<T>): Promise<T | Response> {
  try {
    return await call;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

/** The Response the call threw; fails the test if the call went through. */
export async function thrownResponse(call: Promise<unknown>): Promise<Response> {
  try {
    await call;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
  throw new Error("expected the request to be stopped with a Response");
}
