/** Engage's client at the test OpenID Provider (test/support/oidc-provider.ts). */
export const TEST_CLIENT = { id: "engage-test", secret: "engage-test-secret-that-is-long-enough" };
