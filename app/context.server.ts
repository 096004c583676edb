// What every loader and action is handed by the server (Remix's load context): the one database
// handle, the configuration, the session store and a logger that carries the request id. Built
// once at start-up (app/server/), never looked up from a module-level variable.
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Database } from "~db/schema";
import type { OidcService } from "~/auth/oidc.server";
import type { SessionStore } from "~/auth/session.server";
import type { Config } from "~/config.server";

export interface AppContext {
  db: Kysely<Database>;
  config: Config;
  sessions: SessionStore;
  /** single sign-on, when OIDC_ISSUER and its client are set */
  oidc: OidcService | null;
  log: Logger;
  requestId: string;
  /** The client's address: behind TRUST_PROXY the one the proxy saw (for sign-in throttling). */
  clientAddress: string;
}
