// npm run users:create-admin: creates an administrator with a password the operator chooses
// (the same rules as everywhere: at least 12 characters and the NCSC deny-list). This is how a new
// installation gets its first user: outside the demo, Engage itself creates no sign-ins.
//
// At a terminal it asks for anything not given, and for the password twice without showing it.
// From a script, give --username and --name and send the password twice on standard input:
//   printf '%s\n%s\n' "$PASSWORD" "$PASSWORD" | npm run users:create-admin -- --username jo.admin --name "Jo Admin"
import { parseArgs } from "node:util";
import { read } from "read";
import { z } from "zod";
import { migrateToLatest, openDatabase } from "~db/connection.server";
import { createUserAccount } from "~/admin/users.server";
import { loadConfigOrExit } from "~/config.server";
import { newPassword, text, username as usernameField } from "~/utils/forms";
import { describeTarget } from "./database-name";

const { values: args } = parseArgs({ options: { username: { type: "string" }, name: { type: "string" } } });
const interactive = Boolean(process.stdin.isTTY);
const piped = interactive ? [] : (await readAll(process.stdin)).split(/\r?\n/);

async function ask(prompt: string, silent = false): Promise<string> {
  if (interactive) return read({ prompt, silent, replace: silent ? "*" : undefined });
  return piped.shift() ?? "";
}

function check<T>(schema: z.ZodType<T>, value: string): { ok: true; value: T } | { ok: false; message: string } {
  const result = schema.safeParse(value);
  return result.success ? { ok: true, value: result.data } : { ok: false, message: result.error.issues[0].message };
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let all = "";
  for await (const chunk of stream) all += chunk.toString();
  return all;
}

if (!interactive && (!args.username || !args.name))
  fail("Give --username and --name, and send the password twice on standard input (see README).");

const username = check(usernameField(), args.username ?? (await ask("Username: ")));
if (!username.ok) fail(username.message);
const name = check(text("the person's full name", { max: 120 }), args.name ?? (await ask("Full name: ")));
if (!name.ok) fail(name.message);

const config = loadConfigOrExit("command");
const db = openDatabase(config.database);
try {
  await migrateToLatest(db);
  // At a terminal, a refused password is asked for again (three tries).
  for (let tries = 1; ; tries++) {
    const password = check(
      newPassword(),
      await ask("Password (at least 12 characters; three or four unrelated words work well): ", true),
    );
    const again = await ask("The same password again: ", true);
    let problem: string | null = null;
    if (!password.ok) problem = password.message;
    else if (again !== password.value) problem = "The two passwords do not match";
    else {
      const result = await createUserAccount(db, null, {
        username: username.value,
        displayName: name.value,
        password: password.value,
        role: "admin",
        establishmentId: null,
        unitId: null,
      });
      if (result.ok) {
        console.log(`Created the administrator ${username.value} in ${describeTarget(config.database)}.`);
        console.log("Sign in to Engage with that username and the password you chose.");
        break;
      }
      if (result.errors.username) fail(result.errors.username);
      problem = Object.values(result.errors)[0] ?? "The administrator could not be created";
    }
    if (!interactive || tries >= 3) fail(problem);
    console.error(`${problem}. Try again.`);
  }
} finally {
  await db.destroy();
}
