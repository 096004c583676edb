// Configuration, read from the environment once at start-up and validated here, nowhere else.
// A bad value stops the process with a message naming the variable, instead of failing later.
import { z } from "zod";
import { parseRoleMap, type ClaimRules } from "~/domain/sso-claims";

const flag = (fallback: boolean) =>
  z
    .enum(["true", "false"], { message: 'must be "true" or "false"' })
    .optional()
    .transform((v) => (v === undefined ? fallback : v === "true"));

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v));

const optionalUrl = (protocols: string[]) =>
  optionalText.pipe(
    z
      .url({ message: "must be a full address such as https://example.org/path" })
      .refine((v) => URL.canParse(v) && protocols.includes(new URL(v).protocol), {
        message: `must start with ${protocols.map((p) => `${p}//`).join(" or ")}`,
      })
      .optional(),
  );

const port = z.coerce
  .number({ message: "must be a whole number" })
  .int({ message: "must be a whole number" })
  .min(1, { message: "must be between 1 and 65535" })
  .max(65535, { message: "must be between 1 and 65535" });

/**
 * What the configuration is for: the server signs session cookies; a command (app/cli) signs no
 * one in and reads no cookie, so it needs no SESSION_SECRET.
 */
type ConfigPurpose = "server" | "command";

function schemaFor(production: boolean, purpose: ConfigPurpose) {
  return z
    .object({
      NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
      PORT: port.default(3000),
      // Loopback unless told otherwise: in a container set HOST=0.0.0.0.
      HOST: z.string().min(1).default("127.0.0.1"),
      DATABASE_URL: optionalUrl(["postgres:", "postgresql:"]),
      DATABASE_PATH: z.string().min(1).default("db/data/engage.sqlite"),
      DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
      SESSION_SECRET: optionalText.pipe(
        z
          .string()
          .min(32, { message: "must be at least 32 characters (for example 32 random bytes in base64)" })
          .optional(),
      ),
      TRUST_PROXY: flag(false),
      // The demo prison with its published sign-ins: only when asked for in production.
      ENGAGE_DEMO: flag(!production),
      ENGAGE_SCENARIOS_DIR: optionalText,
      LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
      LRS_ENDPOINT: optionalUrl(["http:", "https:"]),
      LRS_USERNAME: optionalText,
      LRS_PASSWORD: optionalText,
      XAPI_BASE_URL: optionalUrl(["http:", "https:"]),
      // The git commit being run, shown by /info (the server fills it from git when it can).
      ENGAGE_COMMIT: optionalText,
      // The address people reach Engage at: links in messages, and the sign-in service's callback.
      ENGAGE_URL: optionalUrl(["http:", "https:"]),
      OIDC_ISSUER: optionalUrl(["http:", "https:"]),
      OIDC_CLIENT_ID: optionalText,
      OIDC_CLIENT_SECRET: optionalText,
      OIDC_SCOPES: z.string().min(1).default("openid profile email"),
      OIDC_ROLE_CLAIM: z.string().min(1).default("roles"),
      OIDC_ROLE_MAP: z
        .string()
        .default("")
        .transform((v, ctx) => {
          const parsed = parseRoleMap(v);
          if (parsed.ok) return parsed.map;
          ctx.addIssue({ code: "custom", message: parsed.problem });
          return z.NEVER;
        }),
      OIDC_REQUIRE_ROLE: flag(false),
      OIDC_PRISON_CLAIM: z.string().min(1).default("prison"),
      PASSWORD_SIGN_IN: flag(true),
      SMTP_URL: optionalUrl(["smtp:", "smtps:"]),
      SMTP_FROM: optionalText,
      NOTIFY_API_KEY: optionalText.pipe(
        z.string().min(74, { message: "must be a GOV.UK Notify API key (name-service id-secret)" }).optional(),
      ),
      NOTIFY_BASE_URL: optionalUrl(["http:", "https:"]),
      NOTIFY_TEMPLATE_DUE_REMINDER: optionalText,
      NOTIFY_TEMPLATE_MANAGER_SUMMARY: optionalText,
      NOTIFY_TEMPLATE_REPLY_RATED: optionalText,
      REMINDERS_IN_SERVER: flag(true),
      REMINDER_HOUR: z.coerce
        .number({ message: "must be a whole number from 0 to 23" })
        .int({ message: "must be a whole number from 0 to 23" })
        .min(0, { message: "must be a whole number from 0 to 23" })
        .max(23, { message: "must be a whole number from 0 to 23" })
        .default(7),
    })
    .superRefine((env, ctx) => {
      const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
      if (oidc.some(Boolean) && !oidc.every(Boolean))
        for (const name of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const)
          if (!env[name])
            ctx.addIssue({ code: "custom", path: [name], message: "is required with the other OIDC_ settings" });
      if (!env.PASSWORD_SIGN_IN && !env.OIDC_ISSUER)
        ctx.addIssue({
          code: "custom",
          path: ["PASSWORD_SIGN_IN"],
          message: "can only be false when single sign-on is set up (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)",
        });
      if (env.SMTP_URL && !env.SMTP_FROM)
        ctx.addIssue({
          code: "custom",
          path: ["SMTP_FROM"],
          message: "is required with SMTP_URL, e.g. engage@prison.example",
        });
      if (env.NOTIFY_API_KEY)
        for (const name of [
          "NOTIFY_TEMPLATE_DUE_REMINDER",
          "NOTIFY_TEMPLATE_MANAGER_SUMMARY",
          "NOTIFY_TEMPLATE_REPLY_RATED",
        ] as const)
          if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "is required with NOTIFY_API_KEY" });
      if (production && (env.SMTP_URL || env.NOTIFY_API_KEY || env.OIDC_ISSUER) && !env.ENGAGE_URL)
        ctx.addIssue({
          code: "custom",
          path: ["ENGAGE_URL"],
          message: "is required in production with single sign-on or email: the address people reach Engage at",
        });
      if (purpose === "server" && production && !env.SESSION_SECRET && !env.ENGAGE_DEMO) {
        ctx.addIssue({
          code: "custom",
          path: ["SESSION_SECRET"],
          message: "is required in production (NODE_ENV=production): at least 32 random characters",
        });
      }
    });
}

type Env = z.output<ReturnType<typeof schemaFor>>;

export interface Config {
  production: boolean;
  port: number;
  host: string;
  database: { engine: "sqlite"; path: string } | { engine: "postgres"; url: string; poolSize: number };
  sessionSecret: string | undefined;
  trustProxy: boolean;
  demo: boolean;
  scenariosDir: string | undefined;
  logLevel: Env["LOG_LEVEL"];
  lrs: { endpoint: string; username?: string; password?: string } | null;
  xapiBaseUrl: string | undefined;
  commit: string | undefined;
  /** the address people reach Engage at; else the address a request came to */
  publicUrl: string | undefined;
  oidc: { issuer: string; clientId: string; clientSecret: string; scopes: string; claims: ClaimRules } | null;
  /** false: only administrators (and the demo) sign in with a password */
  passwordSignIn: boolean;
  mail: MailConfig | null;
  reminders: { inServer: boolean; hour: number };
}

export type MailConfig =
  | {
      kind: "notify";
      apiKey: string;
      baseUrl: string | undefined;
      templates: { due_reminder: string; manager_summary: string; reply_rated: string };
    }
  | { kind: "smtp"; url: string; from: string };

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Reads the configuration from `env` for the server or a command; every problem names its variable. */
export function readConfig(
  env: Record<string, string | undefined> = process.env,
  purpose: ConfigPurpose = "server",
): ConfigResult {
  const production = env.NODE_ENV === "production";
  const parsed = schemaFor(production, purpose).safeParse(env);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join(".") || "environment"} ${i.message}`) };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      production,
      port: e.PORT,
      host: e.HOST,
      database: e.DATABASE_URL
        ? { engine: "postgres", url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
        : { engine: "sqlite", path: e.DATABASE_PATH },
      sessionSecret: e.SESSION_SECRET,
      trustProxy: e.TRUST_PROXY,
      demo: e.ENGAGE_DEMO,
      scenariosDir: e.ENGAGE_SCENARIOS_DIR,
      logLevel: e.LOG_LEVEL,
      lrs: e.LRS_ENDPOINT ? { endpoint: e.LRS_ENDPOINT, username: e.LRS_USERNAME, password: e.LRS_PASSWORD } : null,
      xapiBaseUrl: e.XAPI_BASE_URL,
      commit: e.ENGAGE_COMMIT,
      publicUrl: e.ENGAGE_URL?.replace(/\/+$/, ""),
      oidc:
        e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
          ? {
              issuer: e.OIDC_ISSUER,
              clientId: e.OIDC_CLIENT_ID,
              clientSecret: e.OIDC_CLIENT_SECRET,
              scopes: e.OIDC_SCOPES,
              claims: {
                roleClaim: e.OIDC_ROLE_CLAIM,
                roleMap: e.OIDC_ROLE_MAP,
                requireRole: e.OIDC_REQUIRE_ROLE,
                prisonClaim: e.OIDC_PRISON_CLAIM,
              },
            }
          : null,
      passwordSignIn: e.PASSWORD_SIGN_IN,
      // GOV.UK Notify first when both are set: it is the service's own email route.
      mail: e.NOTIFY_API_KEY
        ? {
            kind: "notify",
            apiKey: e.NOTIFY_API_KEY,
            baseUrl: e.NOTIFY_BASE_URL,
            templates: {
              due_reminder: e.NOTIFY_TEMPLATE_DUE_REMINDER!,
              manager_summary: e.NOTIFY_TEMPLATE_MANAGER_SUMMARY!,
              reply_rated: e.NOTIFY_TEMPLATE_REPLY_RATED!,
            },
          }
        : e.SMTP_URL
          ? { kind: "smtp", url: e.SMTP_URL, from: e.SMTP_FROM! }
          : null,
      reminders: { inServer: e.REMINDERS_IN_SERVER, hour: e.REMINDER_HOUR },
    },
  };
}

/** For commands and the server: the configuration, or a message per problem and exit code 1. */
export function loadConfigOrExit(
  purpose: ConfigPurpose,
  env: Record<string, string | undefined> = process.env,
): Config {
  const result = readConfig(env, purpose);
  if (result.ok) return result.config;
  console.error("Engage cannot start: the configuration has problems.");
  for (const p of result.problems) console.error(`  ${p}`);
  console.error("See the Configuration section of README.md.");
  process.exit(1);
}
