// Drives a sign-in through the test OpenID Provider as a browser would, without one: Engage's
// start route, the provider's redirects (with its cookies), its sign-in form, and back to the
// callback address, which the test then hands to Engage's callback loader.
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";

/** Runs a loader or action and returns its Response, whether returned or thrown. */
export async function responseOf(run: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await run();
    if (result instanceof Response) return result;
    // Remix's data() returns a DataWithResponseInit object.
    const init = (result as { init?: ResponseInit; data?: unknown })?.init;
    return new Response(JSON.stringify((result as { data?: unknown })?.data ?? result), init ?? undefined);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export const cookieOf = (response: Response) => response.headers.get("Set-Cookie")?.split(";")[0] ?? "";

/** Follows the provider from its authorization URL until it redirects to Engage's callback. */
export async function signInAtProvider(authorizationUrl: string, login: string, engageOrigin: string): Promise<string> {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers ?? {}), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  let url = authorizationUrl;
  for (let hops = 0; hops < 10; hops++) {
    if (url.startsWith(engageOrigin)) return url;
    const response = await send(url);
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get("location")!, url).href;
      continue;
    }
    const html = await response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`the provider answered ${response.status}: ${html.slice(0, 300)}`);
    const posted = await send(new URL(action, url).href, {
      method: "POST",
      body: new URLSearchParams({ login }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    if (posted.status < 300 || posted.status >= 400) throw new Error(`login refused: ${await posted.text()}`);
    url = new URL(posted.headers.get("location")!, url).href;
  }
  throw new Error("too many redirects at the provider");
}

export interface Started {
  cookie: string;
  location: string;
}

/** Engage's start route: where it sends the browser, and the session cookie it set. */
export async function startSignIn(
  loader: (args: LoaderFunctionArgs) => Promise<unknown>,
  context: AppLoadContext,
  returnTo = "/",
): Promise<Started> {
  const response = await responseOf(() =>
    loader({
      request: new Request(`http://localhost/auth/oidc?returnTo=${encodeURIComponent(returnTo)}`),
      params: {},
      context,
    }),
  );
  if (response.status !== 302) throw new Error(`start answered ${response.status}`);
  return { cookie: cookieOf(response), location: response.headers.get("location")! };
}
