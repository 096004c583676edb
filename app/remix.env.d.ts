/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import "@remix-run/node";
import type { AppContext } from "~/context.server";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  // Loaders and actions receive the server's context (see app/context.server.ts).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}
