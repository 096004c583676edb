// Configuration, read from the environment once at start-up and validated here, nowhere else.
// A bad value stops the process with a message naming the variable, instead of failing later.
import { z } from "zod";

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

function schemaFor(production: boolean) {
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
    })
    .superRefine((env, ctx) => {
      if (production && !env.SESSION_SECRET && !env.ENGAGE_DEMO) {
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
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Reads the configuration from `env`; every problem names its variable. */
export function readConfig(env: Record<string, string | undefined> = process.env): ConfigResult {
  const production = env.NODE_ENV === "production";
  const parsed = schemaFor(production).safeParse(env);
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
    },
  };
}

/** For commands and the server: the configuration, or a message per problem and exit code 1. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  const result = readConfig(env);
  if (result.ok) return result.config;
  console.error("Engage cannot start: the configuration has problems.");
  for (const p of result.problems) console.error(`  ${p}`);
  console.error("See the Configuration section of README.md.");
  process.exit(1);
}
