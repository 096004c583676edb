import { describe, expect, it } from "vitest";
import { currentUserOf, testContext, testDatabase, userIdOf } from "../support/database";
import { settled, thrownResponse as thrown } from "../support/responses";

const { ABSOLUTE_MS, ENDED_KEPT_MS, SESSION_ENDED } = await import("~/auth/session.server");
const { forgetExpired } = await import("~/auth/housekeeping.server");
const { editUser, resetPassword, setUserActive } = await import("~/admin/users.server");
const { requireUser } = await import("~/auth/guard.server");
const { sessionHandle } = await import("~/auth/own-sessions.server");
const { describeBrowser } = await import("~/auth/browser");
const sessionsRoute = await import("~/routes/account.sessions");
const signInRoute = await import("~/routes/sign-in");
const signOutRoute = await import("~/routes/sign-out");
const root = await import("~/root");
const { DEMO_PASSWORD } = await import("~/seed/demo.server");

const db = await testDatabase();
const context = testContext(db);

const EDGE =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0";
const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

async function signedIn(username: string, userAgent: string) {
  const cookie = await context.sessions.startUserSession(
    new Request("http://localhost/sign-in", { headers: { "User-Agent": userAgent } }),
    await userIdOf(db, username),
  );
  return cookie.split(";")[0];
}

const page = (cookie: string, init: RequestInit = {}) =>
  new Request("http://localhost/account/sessions", { ...init, headers: { Cookie: cookie, ...init.headers } });

describe("session lifetime", () => {
  it("ends a session a week after sign-in, however recently it was used", async () => {
    const cookie = await signedIn("officer2", EDGE);
    expect((await requireUser(page(cookie), context)).username).toBe("officer2");
    // Signed in 7 days ago and used a minute ago: still over.
    await db
      .updateTable("sessions")
      .set({
        created_at: new Date(Date.now() - ABSOLUTE_MS - 1000).toISOString(),
        last_seen_at: new Date(Date.now() - 60_000).toISOString(),
      })
      .where("user_id", "=", await userIdOf(db, "officer2"))
      .execute();
    expect(await importantOn(cookie)).toBe(SESSION_ENDED.lifetime);
  });

  it("tells a person whose session ended after a shift without use why they must sign in, once", async () => {
    const cookie = await signedIn("officer", EDGE);
    const userId = await userIdOf(db, "officer");
    const lastUsed = new Date(Date.now() - 9 * 60 * 60 * 1000);
    await db
      .updateTable("sessions")
      .set({ last_seen_at: lastUsed.toISOString(), expires_at: new Date(Date.now() - 60 * 60 * 1000).toISOString() })
      .where("user_id", "=", userId)
      .execute();
    expect(await importantOn(cookie)).toBe(SESSION_ENDED.idle);
    expect(await importantOn(cookie)).toBe("no new session");
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", userId).execute()).toEqual([]);
  });

  it("never slides the idle expiry past the absolute end", async () => {
    const cookie = await signedIn("officer3", EDGE);
    const userId = await userIdOf(db, "officer3");
    const createdAt = new Date(Date.now() - ABSOLUTE_MS + 60 * 60 * 1000); // an hour left
    await db
      .updateTable("sessions")
      .set({ created_at: createdAt.toISOString(), last_seen_at: createdAt.toISOString() })
      .where("user_id", "=", userId)
      .execute();
    await requireUser(page(cookie), context); // used now: the expiry is moved on
    const row = await db.selectFrom("sessions").select("expires_at").where("user_id", "=", userId).executeTakeFirst();
    expect(new Date(row!.expires_at).getTime()).toBe(createdAt.getTime() + ABSOLUTE_MS);
  });

  it("treats a stored session it cannot read as no session: sign in again", async () => {
    const cookie = await signedIn("officer6", EDGE);
    const userId = await userIdOf(db, "officer6");
    expect((await context.sessions.getSession(page(cookie))).get("userId")).toBe(userId);
    await db
      .updateTable("sessions")
      .set({ data: JSON.stringify({ userId: String(userId) }) }) // not the shape this version writes
      .where("user_id", "=", userId)
      .execute();
    expect((await context.sessions.getSession(page(cookie))).get("userId")).toBeUndefined();
    expect((await thrown(requireUser(page(cookie), context))).status).toBe(302);
  });
});

describe("where you are signed in", () => {
  it("names browsers plainly", () => {
    expect(describeBrowser(EDGE)).toBe("Edge on Windows");
    expect(describeBrowser(IPHONE)).toBe("Safari on iOS");
    expect(describeBrowser(null)).toBe("A browser");
  });

  it("lists a person's sessions, this one first, without their ids, and ends one or all the others", async () => {
    const phone = await signedIn("officer4", IPHONE);
    const desk = await signedIn("officer4", EDGE);
    const third = await signedIn("officer4", EDGE);
    const someoneElse = await signedIn("officer5", EDGE);

    const { sessions } = await sessionsRoute.loader({ request: page(desk), params: {}, context });
    expect(sessions).toHaveLength(3);
    expect(sessions[0]).toMatchObject({ current: true, browser: "Edge on Windows" });
    const ids = (await db.selectFrom("sessions").select("id").execute()).map((r) => r.id);
    for (const id of ids) expect(JSON.stringify(sessions)).not.toContain(id);

    // Ending the phone's session by its handle.
    const phoneHandle = sessions.find((s) => s.browser === "Safari on iOS")!.handle;
    const form = (fields: Record<string, string>) => ({
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
    const res = (await sessionsRoute.action({
      request: page(desk, form({ intent: "end-one", handle: phoneHandle })),
      params: {},
      context,
    })) as Response;
    expect(res.status).toBe(302);
    expect((await thrown(requireUser(page(phone), context))).status).toBe(302);

    // Another person's session cannot be ended from here, even by its handle.
    const otherId = (
      await db
        .selectFrom("sessions")
        .select("id")
        .where("user_id", "=", await userIdOf(db, "officer5"))
        .executeTakeFirstOrThrow()
    ).id;
    const refused = (await sessionsRoute.action({
      request: page(desk, form({ intent: "end-one", handle: sessionHandle(otherId) })),
      params: {},
      context,
    })) as unknown as { init: { status: number } };
    expect(refused.init.status).toBe(409);
    expect((await requireUser(page(someoneElse), context)).username).toBe("officer5");

    // All the others: this session stays.
    await sessionsRoute.action({ request: page(desk, form({ intent: "end-others" })), params: {}, context });
    expect(await importantOn(third)).toBe(SESSION_ENDED.endedElsewhere);
    expect((await requireUser(page(desk), context)).username).toBe("officer4");
    const audit = await db.selectFrom("audit_events").select("details").where("action", "=", "session.ended").execute();
    expect(audit).toHaveLength(2);
  });
});

/** Where the guard sends this browser (the sign-in page), and what that page's "Important" banner says. */
async function importantOn(cookie: string) {
  const res = await thrown(requireUser(page(cookie), context));
  expect(res.headers.get("Location")).toMatch(/^\/sign-in\?returnTo=/);
  const next = res.headers.get("Set-Cookie")?.split(";")[0];
  return next ? (await context.sessions.getSession(page(next))).get("important") : "no new session";
}

describe("a session an administrator's change ends", () => {
  it("sends that browser to the sign-in page, which says why", async () => {
    const admin = await currentUserOf(context, "admin");
    const id = await userIdOf(db, "officer6");
    const versionOf = async () =>
      (await db.selectFrom("users").select("row_version").where("id", "=", id).executeTakeFirstOrThrow()).row_version;
    const user = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

    const deactivated = await signedIn("officer6", EDGE);
    expect(await setUserActive(db, admin, id, false)).toEqual({ ok: true });
    expect(await importantOn(deactivated)).toBe(SESSION_ENDED.deactivated);
    // Told once: the ended session is gone, so the next page is an ordinary sign-in.
    expect(await importantOn(deactivated)).toBe("no new session");
    expect(await setUserActive(db, admin, id, true)).toEqual({ ok: true });

    const moved = await signedIn("officer6", EDGE);
    expect(
      await editUser(db, admin, id, {
        version: await versionOf(),
        displayName: user.display_name,
        role: "trainer",
        establishmentId: user.establishment_id,
        unitId: null,
      }),
    ).toEqual({ ok: true });
    expect(await importantOn(moved)).toBe(SESSION_ENDED.accessChanged);

    const reset = await signedIn("officer6", EDGE);
    expect(await resetPassword(db, admin, id, "a long new password for officer six")).toEqual({ ok: true });
    expect(await importantOn(reset)).toBe(SESSION_ENDED.passwordReset);
    // No session keeps the person once ended.
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", id).execute()).toEqual([]);
  });
});

describe("sessions kept after they end", () => {
  it("keeps why a session ended for 30 days, then forgets it", async () => {
    const admin = await currentUserOf(context, "admin");
    const id = await userIdOf(db, "officer2");
    const deactivated = await signedIn("officer2", EDGE);
    expect(await setUserActive(db, admin, id, false)).toEqual({ ok: true });
    const idle = await signedIn("officer3", EDGE);
    const idleId = await userIdOf(db, "officer3");
    const hour = 60 * 60 * 1000;
    const endedAgo = (ms: number) =>
      db
        .updateTable("sessions")
        .set({ expires_at: new Date(Date.now() - ms).toISOString() })
        .where((eb) => eb.or([eb("user_id", "=", idleId), eb("user_id", "is", null)]))
        .execute();
    // Both ran out a day ago: the reason someone's change gave is kept over the session's own.
    await endedAgo(24 * hour);
    // A session that never had a user (a sign-in begun, a message shown) has nothing to say: gone once expired.
    const anonymous = { user_id: null, data: '{"__flash_notice__":"Saved"}', user_agent: null };
    const at = new Date(Date.now() - 2 * hour).toISOString();
    await db
      .insertInto("sessions")
      .values({ id: "anonymous-expired", ...anonymous, created_at: at, last_seen_at: at, expires_at: at })
      .execute();
    await forgetExpired(db, new Date());
    expect(await db.selectFrom("sessions").select("id").where("id", "=", "anonymous-expired").execute()).toEqual([]);
    expect(await importantOn(deactivated)).toBe(SESSION_ENDED.deactivated);
    expect(await setUserActive(db, admin, id, true)).toEqual({ ok: true });

    await endedAgo(ENDED_KEPT_MS + hour);
    await forgetExpired(db, new Date());
    expect(await importantOn(idle)).toBe("no new session");
  });
});

describe("a reply sent after the session ended", () => {
  const keep = (form: FormData) => ({ attempt: "a1", step: "n1-3", text: form.get("reply") as string });
  const post = (cookie: string | null, reply: string) =>
    new Request("http://localhost/attempts/a1", {
      method: "POST",
      body: new URLSearchParams({ reply }),
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "http://localhost",
        ...(cookie ? { Cookie: cookie } : {}),
      },
    });
  const sessionCount = async () => (await db.selectFrom("sessions").select("id").execute()).length;

  it("is kept through signing in again only when a session of someone's ended, and never makes a session otherwise", async () => {
    const before = await sessionCount();
    const anonymous = await thrown(requireUser(post(null, "Sounds like a long week."), context, { keep }));
    expect(anonymous.headers.get("Set-Cookie")).toBeNull();
    expect(await sessionCount()).toBe(before);

    const admin = await currentUserOf(context, "admin");
    const id = await userIdOf(db, "officer5");
    const cookie = await signedIn("officer5", EDGE);
    expect(await setUserActive(db, admin, id, false)).toEqual({ ok: true });
    const ended = await thrown(requireUser(post(cookie, "Sounds like a long week."), context, { keep }));
    const next = ended.headers.get("Set-Cookie")!.split(";")[0];
    expect(await setUserActive(db, admin, id, true)).toEqual({ ok: true });
    const signedInAgain = await context.sessions.startUserSession(page(next), id);
    const session = await context.sessions.getSession(page(signedInAgain.split(";")[0]));
    expect(session.get("keptReply")).toEqual({ attempt: "a1", step: "n1-3", text: "Sounds like a long week." });
  });
});

describe("the sign-in page opened straight (a bookmark, the home page's link) by a browser whose session ended", () => {
  const signInPage = (cookie: string | null, path = "/sign-in") =>
    new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  /** The sign-in page's loader: the redirect it answers with, or null when it shows the page. */
  const openSignIn = async (cookie: string | null, path?: string) => {
    const answer = await settled(signInRoute.loader({ request: signInPage(cookie, path), params: {}, context }));
    return answer instanceof Response ? answer : null;
  };
  /** What the page's banners say (the layout's loader reads them): "Important", and success (a notice). */
  const bannersOn = async (cookie: string | null) => {
    const answer = (await root.loader({ request: signInPage(cookie), params: {}, context })) as unknown as {
      data: { important: string | null; notice: string | null };
    };
    return answer.data;
  };
  const bannerOn = async (cookie: string) => (await bannersOn(cookie)).important;
  /** The sign-out button pressed in the browser holding `cookie`. */
  const signOutOf = async (cookie: string) =>
    (await signOutRoute.action({
      request: new Request("http://localhost/sign-out", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", Cookie: cookie },
        body: "",
      }),
      params: {},
      context,
    })) as Response;
  const endIdle = async (username: string) =>
    db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 60 * 60 * 1000).toISOString() })
      .where("user_id", "=", await userIdOf(db, username))
      .execute();

  it("says why, once, and signing in from it works", async () => {
    const cookie = await signedIn("officer", EDGE);
    await endIdle("officer");
    const sent = await openSignIn(cookie, "/sign-in?returnTo=%2Frecord");
    // Back to the same page, now with the reason in a one-time message of a new session.
    expect(sent?.status).toBe(302);
    expect(sent?.headers.get("Location")).toBe("/sign-in?returnTo=%2Frecord");
    const next = sent!.headers.get("Set-Cookie")!.split(";")[0];
    expect(await openSignIn(next)).toBeNull();
    expect(await bannerOn(next)).toBe(SESSION_ENDED.idle);
    // A reload, with either cookie, says nothing more.
    expect(await bannerOn(next)).toBeNull();
    expect(await openSignIn(cookie)).toBeNull();
    expect(await bannerOn(cookie)).toBeNull();

    const signIn = await thrown(
      signInRoute.action({
        request: new Request("http://localhost/sign-in", {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", Cookie: next },
          body: new URLSearchParams({ username: "officer", password: DEMO_PASSWORD, returnTo: "/record" }),
        }),
        params: {},
        context,
      }),
    );
    expect(signIn.headers.get("Location")).toBe("/record");
    expect((await requireUser(page(signIn.headers.get("Set-Cookie")!.split(";")[0]), context)).username).toBe(
      "officer",
    );
  });

  it("says why beside a wrong password sent from a sign-in page left open while the session ended, at once", async () => {
    // Another tab signed in; the session ended; the sign-in page left open sends a wrong password.
    const cookie = await signedIn("officer6", EDGE);
    await endIdle("officer6");
    const sent = (await signInRoute.action({
      request: new Request("http://localhost/sign-in", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", Cookie: cookie },
        body: new URLSearchParams({ username: "officer6", password: "not the password", returnTo: "/" }),
      }),
      params: {},
      context,
    })) as unknown as { data: { errors: Record<string, string>; ended: string | null }; init: ResponseInit };
    expect(sent.init.status).toBe(400);
    expect(sent.data.errors.username).toMatch(/^The username or password is not right/);
    expect(sent.data.ended).toBe(SESSION_ENDED.idle);
    // The ended session is gone, so the page the answer is shown on (its loaders run next, with the same cookie)
    // shows the errors rather than sending the browser away to say why, and a reload says nothing more.
    expect(new Headers(sent.init.headers).get("Set-Cookie")).toMatch(/^engage_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await openSignIn(cookie)).toBeNull();
    expect(await bannerOn(cookie)).toBeNull();
  });

  it("says the reason someone's change gave", async () => {
    const admin = await currentUserOf(context, "admin");
    const id = await userIdOf(db, "officer2");
    const cookie = await signedIn("officer2", EDGE);
    expect(await resetPassword(db, admin, id, "a long new password for officer two")).toEqual({ ok: true });
    const sent = await openSignIn(cookie);
    expect(sent?.headers.get("Location")).toBe("/sign-in?returnTo=%2F");
    expect(await bannerOn(sent!.headers.get("Set-Cookie")!.split(";")[0])).toBe(SESSION_ENDED.passwordReset);
  });

  it("says once, to the browser that signed out, that it did; never to one that merely opens the page", async () => {
    expect(await bannersOn(null)).toMatchObject({ notice: null, important: null });
    const cookie = await signedIn("officer3", EDGE);
    const out = await signOutOf(cookie);
    expect(out.headers.get("Location")).toBe("/sign-in");
    const next = out.headers.get("Set-Cookie")!.split(";")[0];
    expect(await openSignIn(next)).toBeNull();
    expect(await bannersOn(next)).toMatchObject({ notice: "You have signed out.", important: null });
    expect(await bannersOn(next)).toMatchObject({ notice: null, important: null });
    // The new session holds the message and no one.
    expect(await requireUser(page(next), context).catch((e: unknown) => e)).toBeInstanceOf(Response);
  });

  it("says nothing with no session, one signed out of, or one housekeeping has forgotten", async () => {
    expect(await openSignIn(null)).toBeNull();

    const signedOut = await signedIn("officer3", EDGE);
    const signOut = await signOutOf(signedOut);
    expect(signOut.headers.get("Location")).toBe("/sign-in");
    // Signing out deletes the session: a browser that kept its cookie all the same is told nothing.
    expect(
      await db
        .selectFrom("sessions")
        .select("id")
        .where("user_id", "=", await userIdOf(db, "officer3"))
        .execute(),
    ).toEqual([]);
    expect(await openSignIn(signedOut)).toBeNull();
    expect(await bannerOn(signedOut)).toBeNull();

    const forgotten = await signedIn("officer4", EDGE);
    await endIdle("officer4");
    await db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - ENDED_KEPT_MS - 60 * 60 * 1000).toISOString() })
      .where("user_id", "=", await userIdOf(db, "officer4"))
      .execute();
    await forgetExpired(db, new Date());
    expect(await openSignIn(forgotten)).toBeNull();
    expect(await bannerOn(forgotten)).toBeNull();
  });
});
