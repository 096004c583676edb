// A real OpenID Provider for the tests (oidc-provider), on loopback: one client for Engage, test
// accounts with roles and prison codes, and a bare sign-in page where a test types a username
// (no consent step: Engage is a first-party client). Used by the integration tests in-process and
// by the end-to-end tests as a second web server (`tsx test/support/oidc-provider.ts`).
import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import Provider from "oidc-provider";

import { TEST_CLIENT } from "./oidc-test-client";

export { TEST_CLIENT };

/** The test accounts: preferred_username is the account id. */
export const TEST_ACCOUNTS: Record<string, Record<string, unknown>> = {
  "sso.officer": { name: "Rhiannon Pryce", email: "rhiannon.pryce@justice.example", prison: "HBK" },
  "sso.manager": {
    name: "Marcus Adeyemi",
    email: "marcus.adeyemi@justice.example",
    roles: ["ROLE_PRISON", "ROLE_ENGAGE_MANAGER"],
    prison: "HBK",
  },
  "sso.stranger": { name: "Uma Unknown", email: "uma@justice.example", prison: "ZZZ" },
};

export interface TestProvider {
  issuer: string;
  accounts: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startTestProvider({
  port,
  engageUrl,
  accounts = TEST_ACCOUNTS,
}: {
  port: number;
  engageUrl: string;
  accounts?: Record<string, Record<string, unknown>>;
}): Promise<TestProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const known = new Map(Object.entries(accounts));
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: [`${engageUrl}/auth/oidc/callback`],
        post_logout_redirect_uris: [`${engageUrl}/sign-in`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    findAccount(_ctx, id) {
      const claims = known.get(id);
      if (!claims) return undefined;
      return { accountId: id, claims: () => ({ sub: `subject-${id}`, preferred_username: id, ...claims }) };
    },
    claims: {
      openid: ["sub"],
      profile: ["name", "given_name", "family_name", "preferred_username", "roles", "prison"],
      email: ["email"],
    },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // First-party client: no consent step.
    async loadExistingGrant(ctx) {
      const { session, client } = ctx.oidc;
      if (!session || !client) return undefined; // only asked during a sign-in, which has both
      const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid profile email");
      await grant.save();
      return grant;
    },
    cookies: { keys: ["engage-test-provider-cookie-key"] },
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test", alg: "RS256", use: "sig" }] },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
  });
  const callback = provider.callback();

  const answer = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/.exec(req.url ?? "");
    if (!match) return callback(req, res);
    try {
      const [, uid, step] = match;
      if (step === "/abort") {
        return await provider.interactionFinished(req, res, { error: "access_denied", error_description: "Cancelled" });
      }
      if (step === "/login" && req.method === "POST") {
        let body = "";
        for await (const chunk of req) body += chunk;
        const login = new URLSearchParams(body).get("login") ?? "";
        if (known.has(login))
          return await provider.interactionFinished(
            req,
            res,
            { login: { accountId: login } },
            { mergeWithLastSubmission: false },
          );
        res.writeHead(200, { "content-type": "text/html" });
        return res.end(
          page(
            "Test sign-in service",
            `<p>No account ${escape(login)}.</p><a href="/interaction/${uid}">Try again</a>`,
          ),
        );
      }
      await provider.interactionDetails(req, res);
      res.writeHead(200, { "content-type": "text/html", "cache-control": "no-store" });
      res.end(
        page(
          "Test sign-in service",
          `<form method="post" action="/interaction/${uid}/login"><label for="login">Username</label> <input id="login" name="login" autocomplete="off"> <button type="submit">Continue</button></form><p><a href="/interaction/${uid}/abort">Cancel</a></p>`,
        ),
      );
    } catch (error) {
      res.writeHead(400, { "content-type": "text/plain" });
      res.end(`interaction failed: ${(error as Error).message}`);
    }
  };
  const server = http.createServer((req, res) => void answer(req, res));
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    issuer,
    accounts: known,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// As a program (the end-to-end tests' second web server): OIDC_TEST_PORT and ENGAGE_TEST_URL.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const port = Number(process.env.OIDC_TEST_PORT);
  const engageUrl = process.env.ENGAGE_TEST_URL ?? "";
  const provider = await startTestProvider({ port, engageUrl });
  console.log(`test OpenID Provider at ${provider.issuer}`);
  for (const signal of ["SIGTERM", "SIGINT"] as const)
    process.on(signal, () => void provider.close().then(() => process.exit(0)));
}
