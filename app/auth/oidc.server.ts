// Single sign-on with the prison service's OpenID Connect provider: the authorization code flow
// with PKCE, state and nonce (openid-client), discovery from the issuer, and sign-out through the
// provider's end-session endpoint when it has one. Discovery happens on first use and is kept;
// a provider that is down makes sign-in fail with a message, never the server's start.
import * as client from "openid-client";
import type { Config } from "~/config.server";
import type { SessionData } from "~/auth/session.server";

export type PendingSignIn = SessionData["oidc"];

/** How long someone may take at the sign-in service before the sign-in expires. */
const PENDING_MS = 10 * 60 * 1000;

export type FinishResult =
  | { ok: true; claims: Record<string, unknown>; idToken: string | undefined }
  | { ok: false; reason: "denied" | "expired" | "failed"; message: string };

export interface OidcService {
  start(redirectUri: string, returnTo: string): Promise<{ url: string; pending: PendingSignIn }>;
  finish(callbackUrl: URL, pending: PendingSignIn | undefined, now?: number): Promise<FinishResult>;
  /** Where to send someone signing out, or null when the provider has no end-session endpoint. */
  endSessionUrl(idToken: string | undefined, after: string): Promise<string | null>;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function createOidc(settings: NonNullable<Config["oidc"]>): OidcService {
  let discovered: Promise<client.Configuration> | null = null;
  const issuer = new URL(settings.issuer);
  // Plain http only for a provider on this machine (the tests' provider); anything else is https.
  const insecureAllowed = issuer.protocol === "http:" && LOOPBACK.has(issuer.hostname);

  function configuration() {
    discovered ??= client
      .discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
        execute: insecureAllowed ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .then((config) => {
        // Providers differ in how clients authenticate: Basic is the default OpenID Connect expects.
        const methods = config.serverMetadata().token_endpoint_auth_methods_supported;
        if (methods && !methods.includes("client_secret_basic") && methods.includes("client_secret_post"))
          return config;
        return new client.Configuration(
          config.serverMetadata(),
          settings.clientId,
          settings.clientSecret,
          client.ClientSecretBasic(settings.clientSecret),
        );
      })
      .then((config) => {
        if (insecureAllowed) client.allowInsecureRequests(config);
        return config;
      });
    discovered.catch(() => (discovered = null)); // try again next time
    return discovered;
  }

  return {
    async start(redirectUri, returnTo) {
      const config = await configuration();
      const pending: PendingSignIn = {
        state: client.randomState(),
        verifier: client.randomPKCECodeVerifier(),
        nonce: client.randomNonce(),
        returnTo,
        redirectUri,
        startedAt: Date.now(),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.scopes,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: "S256",
      });
      return { url: url.href, pending };
    },

    async finish(callbackUrl, pending, now = Date.now()) {
      if (!pending || now - pending.startedAt > PENDING_MS)
        return {
          ok: false,
          reason: "expired",
          message: "This sign-in has expired or has already been used. Start again from the sign-in page.",
        };
      const config = await configuration();
      // The provider sends people back to the address it was given: check that one, whatever
      // address a proxy passed on.
      const current = new URL(pending.redirectUri);
      current.search = callbackUrl.search;
      try {
        const tokens = await client.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        const idClaims = tokens.claims();
        if (!idClaims) return { ok: false, reason: "failed", message: "The sign-in service did not say who you are." };
        let claims: Record<string, unknown> = { ...idClaims };
        if (config.serverMetadata().userinfo_endpoint) {
          const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
          claims = { ...claims, ...info, sub: idClaims.sub };
        }
        return { ok: true, claims, idToken: tokens.id_token };
      } catch (error) {
        if (error instanceof client.AuthorizationResponseError)
          return {
            ok: false,
            reason: "denied",
            message:
              "The sign-in service did not sign you in (it was cancelled or refused). Start again if you want to.",
          };
        return {
          ok: false,
          reason: "failed",
          message: "Your sign-in could not be completed: it may have expired or already been used. Start again.",
        };
      }
    },

    async endSessionUrl(idToken, after) {
      const config = await configuration().catch(() => null);
      if (!config?.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(config, {
        post_logout_redirect_uri: after,
        client_id: settings.clientId,
        ...(idToken ? { id_token_hint: idToken } : {}),
      }).href;
    },
  };
}
