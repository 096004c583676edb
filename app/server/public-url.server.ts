// The address people reach Engage at, for links that leave the page: the sign-in service's
// callback and links in messages. ENGAGE_URL when set; otherwise where the request came to, or
// (for commands with no request) this machine's own address.
import type { Config } from "~/config.server";

export function publicUrl(config: Pick<Config, "publicUrl" | "port">, request?: Request): string {
  if (config.publicUrl) return config.publicUrl;
  return request ? new URL(request.url).origin : `http://localhost:${config.port}`;
}
