// The sign-in lock-out under concurrency: a burst of guesses for one username, sent at once to two
// instances of Engage sharing one database (two SQLite connections, or two PostgreSQL pools), with
// the right password somewhere in the burst. At most five passwords are ever checked.
import { describe, expect, it } from "vitest";
import { MAX_GUESSES } from "~/auth/throttle";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { startTestServer } from "../support/app-server";
import { anotherInstance, testConfig, TEST_ENGINE } from "../support/database";
import { formBody, Probe, securityFixtures } from "./fixtures";

// Behind the (trusted) proxy each guess comes from its own address, so only the username's limit
// can stop them.
const config = testConfig({ TRUST_PROXY: "true" });
const f = await securityFixtures(config);
const second = await startTestServer(anotherInstance(f.db), config);
const probe = new Probe("lockout", f.server.url);

const BURST = 100;
const RIGHT_AT = 37;

describe("the sign-in lock-out", () => {
  it(`checks at most ${MAX_GUESSES} passwords of ${BURST} sent at once to two instances`, async () => {
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, i) => {
        const base = i % 2 === 0 ? f.server.url : second.url;
        const password = i === RIGHT_AT ? DEMO_PASSWORD : `wrong guess ${i}`;
        return probe.send(`${base}/sign-in`, {
          ...formBody({ username: "officer5", password }),
          headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": `198.51.100.${i}` },
        });
      }),
    );
    const statuses = answers.map((a) => a.status);
    const count = (s: number) => statuses.filter((x) => x === s).length;
    const checked = count(400) + count(302);
    const audit = await f.db
      .selectFrom("audit_events")
      .select(["action"])
      .where("action", "like", "sign_in.%")
      .execute();
    const audited = (action: string) => audit.filter((a) => a.action === action).length;
    console.log(
      `lock-out (${TEST_ENGINE}): ${BURST} sign-ins at once over 2 instances: ${checked} passwords checked, ` +
        `${count(429)} refused (429), ${count(302)} signed in`,
    );
    if (checked > MAX_GUESSES) probe.note(`${checked} passwords checked`);
    if (count(429) + checked !== BURST) probe.note(`unexpected statuses: ${[...new Set(statuses)].join(", ")}`);
    expect(checked).toBeLessThanOrEqual(MAX_GUESSES);
    expect(count(429)).toBe(BURST - checked);
    // Every check and every refusal is in the audit log.
    expect(audited("sign_in.failed") + audited("sign_in.succeeded")).toBe(checked);
    expect(audited("sign_in.refused")).toBe(count(429));

    // Still locked afterwards, even with the right password, whichever instance is asked.
    for (const base of [f.server.url, second.url]) {
      const after = await probe.send(`${base}/sign-in`, {
        ...formBody({ username: "officer5", password: DEMO_PASSWORD }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "203.0.113.200" },
      });
      if (count(302) === 0 && after.status !== 429) probe.note(`after the burst: status ${after.status}`);
    }
    expect(probe.unexpected).toEqual([]);
  });
});
