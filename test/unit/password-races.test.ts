// A password changed (or reset, or the account deactivated) between a password's check and the session
// it earns: that session must not outlive the change. The interleaving is made, not raced for: the
// check runs, then `meanwhile` (an administrator's action), then the rest of the request.
import { describe, expect, it, vi } from "vitest";
import { currentUserNamed, requestAs, testContext, testDatabase, userIdOf } from "../support/database";

let meanwhile: (() => Promise<unknown>) | null = null;
vi.mock("~/auth/password.server", async (importOriginal) => {
  const real = await importOriginal<typeof import("~/auth/password.server")>();
  return {
    ...real,
    async verifyPassword(password: string, stored: string) {
      const right = await real.verifyPassword(password, stored);
      const then = meanwhile;
      meanwhile = null;
      await then?.();
      return right;
    },
  };
});

const { resetPassword, setUserActive } = await import("~/admin/users.server");
const { verifyPassword } = await import("~/auth/password.server");
const { DEMO_PASSWORD } = await import("~/seed/demo.server");
const signInRoute = await import("~/routes/sign-in");
const passwordRoute = await import("~/routes/account.password");

const db = await testDatabase();
const context = testContext(db);
const admin = await currentUserNamed(context, "admin");
const RESET_TO = "a reset by the administrator, long enough";
const NEW_PASSWORD = "my own choice of words for the landing";

const form = (fields: Record<string, string>, cookie?: string) => ({
  method: "POST",
  headers: {
    "Content-Type": "application/x-www-form-urlencoded",
    ...(cookie ? { Cookie: cookie } : {}),
  },
  body: new URLSearchParams(fields).toString(),
});

async function signInAs(username: string) {
  try {
    const answer = (await signInRoute.action({
      request: new Request("http://localhost/sign-in", form({ username, password: DEMO_PASSWORD })),
      params: {},
      context,
    })) as unknown as { data: { errors: Record<string, string> }; init: { status: number } };
    return { status: answer.init.status, errors: answer.data.errors };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, errors: {} };
    throw thrown;
  }
}

const sessionsOf = async (username: string) =>
  db
    .selectFrom("sessions")
    .select("id")
    .where("user_id", "=", await userIdOf(db, username))
    .execute();
const auditOf = async (username: string) =>
  db
    .selectFrom("audit_events")
    .select(["action", "details"])
    .where("subject_user_id", "=", await userIdOf(db, username))
    .orderBy("id")
    .execute();

describe("a password changed while its old value is being used", () => {
  it("signs nobody in with the old password once a reset has ended their sessions", async () => {
    const id = await userIdOf(db, "officer2");
    meanwhile = () => resetPassword(db, admin, id, RESET_TO);
    const answer = await signInAs("officer2");
    expect(answer.status).toBe(400);
    expect(answer.errors.username).toBe("The username or password is not right, or the account is not active.");
    expect(await sessionsOf("officer2")).toEqual([]);
    const audit = (await auditOf("officer2")).map((a) => a.action);
    expect(audit).toEqual(["user.password_reset", "sign_in.failed"]);
    // The same sign-in, with nothing in between, goes through.
    expect(await signInAs("officer3")).toMatchObject({ status: 302 });
    expect(await sessionsOf("officer3")).toHaveLength(1);
  });

  it("signs nobody in whose account was deactivated after the check", async () => {
    const id = await userIdOf(db, "officer4");
    meanwhile = () => setUserActive(db, admin, id, false);
    expect(await signInAs("officer4")).toMatchObject({ status: 400 });
    expect(await sessionsOf("officer4")).toEqual([]);
  });

  it("keeps an administrator's reset made while someone changes their own password", async () => {
    const cookie = (await requestAs(context, "officer5", "/account/password")).headers.get("Cookie")!;
    const id = await userIdOf(db, "officer5");
    meanwhile = () => resetPassword(db, admin, id, RESET_TO);
    const answer = (await passwordRoute.action({
      request: new Request(
        "http://localhost/account/password",
        form({ currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, cookie),
      ),
      params: {},
      context,
    })) as unknown as { data: { errors: Record<string, string> }; init: { status: number } };
    expect(answer.init.status).toBe(400);
    expect(answer.data.errors.currentPassword).toBe("Your current password is not right");
    expect(await sessionsOf("officer5")).toEqual([]);
    const stored = await db.selectFrom("users").select("password_hash").where("id", "=", id).executeTakeFirstOrThrow();
    expect(await verifyPassword(RESET_TO, stored.password_hash)).toBe(true);
    expect((await auditOf("officer5")).map((a) => a.action)).toEqual(["user.password_reset"]);
  });
});
