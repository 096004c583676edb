// What every loader and action is handed by the server (Remix's load context): the one database
// handle, the configuration, the session store and a logger that carries the request id. Built
// once at start-up (app/server/), never looked up from a module-level variable.
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Database } from "~db/schema";
import type { OidcService } from "~/auth/oidc.server";
import type { SessionStore } from "~/auth/session.server";
import type { Config } from "~/config.server";

/** What is built once at start-up and shared by every request. */
export interface AppServices {
  db: Kysely<Database>;
  config: Config;
  sessions: SessionStore;
  /** single sign-on, when OIDC_ISSUER and its client are set */
  oidc: OidcService | null;
}

export interface AppContext extends AppServices {
  log: Logger;
  requestId: string;
  /** The client's address: behind TRUST_PROXY the one the proxy saw (for sign-in throttling). */
  clientAddress: string;
  /**
   * The browser's JavaScript asked (a Remix data request, to a `.data` URL), not a plain form or
   * link: an action may answer with the next page's data instead of redirecting to it.
   */
  dataRequest: boolean;
}
