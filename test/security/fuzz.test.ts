// Bad input on every form: fast-check builds forms from each route's valid sample with at least
// one field spoiled (a control or hidden character, or far too long), other fields kept, dropped
// or repeated. No answer may be a 500, and nothing stored may change. Bounded: a few cases per form, the same seed each run.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { databaseDigest, PEOPLE, Probe, securityFixtures, withCookie, type Who } from "./fixtures";
import { allowed, ROUTES, type FormCase, type RouteCase } from "./routes";

const f = await securityFixtures();
const probe = new Probe("fuzz", f.server.url);
const RUNS_PER_FORM = 8;

// Characters no field of Engage accepts: C0 controls, bidi override and isolate, zero-width space and
// BOM, private use. (Joiners and direction marks are not here: free text takes them, names do not.)
const POISON_CHARS = ["\u0000", "\u0007", "\u001b", "\u007f", "\u202e", "\u2066", "\u200b", "\ufeff", "\ue000"];
const poisoned = fc.oneof(
  fc
    .tuple(fc.string({ maxLength: 30 }), fc.constantFrom(...POISON_CHARS), fc.string({ maxLength: 30 }))
    .map(([a, p, b]) => `${a}${p}${b}`),
  fc.constant("x".repeat(300_001)),
);
type Treatment = "keep" | "drop" | "repeat" | "poison";

const forms = Object.entries(ROUTES).filter(
  (e): e is [string, RouteCase & { form: FormCase }] => typeof e[1].form === "object",
);

function formCase(sample: Record<string, string>) {
  const names = Object.keys(sample);
  return fc
    .tuple(
      fc.array(fc.constantFrom<Treatment>("keep", "drop", "repeat", "poison"), {
        minLength: names.length,
        maxLength: names.length,
      }),
      fc.array(poisoned, { minLength: names.length, maxLength: names.length }),
      fc.nat({ max: names.length - 1 }),
    )
    .map(([treatments, poisons, forced]) => {
      treatments[forced] = "poison"; // at least one field is bad
      const fields: [string, string][] = [];
      names.forEach((name, i) => {
        const t = treatments[i];
        if (t === "keep" || t === "repeat") fields.push([name, sample[name]]);
        if (t === "repeat") fields.push([name, poisons[i]]);
        if (t === "poison") fields.push([name, poisons[i]]);
      });
      return fields;
    });
}

function body(fields: [string, string][], multipart: boolean): RequestInit {
  if (multipart) {
    const form = new FormData();
    for (const [name, value] of fields) form.append(name, new Blob([value]), "fuzz.yaml");
    return { method: "POST", body: form };
  }
  const params = new URLSearchParams();
  for (const [name, value] of fields) params.append(name, value);
  return {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: params.toString(),
  };
}

const show = (fields: [string, string][]) =>
  JSON.stringify(fields.map(([n, v]) => [n, v.length > 40 ? `${v.slice(0, 40)}… (${v.length})` : v]));

describe("bad input on every form", () => {
  it(`answers without a 500 and changes nothing (${RUNS_PER_FORM} generated forms each)`, async () => {
    const from = probe.unexpected.length;
    for (const [id, c] of forms) {
      const who = (c.access === "public" ? "anonymous" : PEOPLE.find((w) => w !== "anonymous" && allowed(c, w))) as Who;
      const url = c.page!(f).split("?")[0];
      const samples = c.form.samples(f);
      const cases = fc.oneof(...samples.map(formCase));
      await fc.assert(
        fc.asyncProperty(cases, async (fields) => {
          const before = await databaseDigest(f.db, c.form.writes);
          const res = await probe.send(url, withCookie(await f.cookie(who), body(fields, Boolean(c.form.multipart))));
          await res.arrayBuffer();
          if (res.status >= 500) probe.note(`${id} ${show(fields)}: status ${res.status}`);
          if ((await databaseDigest(f.db, c.form.writes)) !== before)
            probe.note(`${id} ${show(fields)}: the database changed`);
        }),
        { numRuns: RUNS_PER_FORM, seed: 20261130, endOnFailure: true },
      );
    }
    expect(probe.since(from)).toEqual([]);
  });
});
