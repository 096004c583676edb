// The data layer behaves the same on both engines: searches with wildcard characters, audit rows
// carrying the request id, booleans and times as the app expects them.
import { describe, expect, it } from "vitest";
import { foldForSearch } from "~db/fold";
import { checkSearchFolding, foldedColumn } from "~db/like";
import { listAudit, recordAudit } from "~db/queries/audit.server";
import { insertUser, listUsers } from "~db/queries/users.server";
import { requestScope } from "~db/request-scope";
import { TEST_ENGINE, blankDatabase, testDatabase } from "../support/database";

const db = await testDatabase();

/** One officer per username, named as given, and a check of which of them a search finds. */
async function officersNamed(names: Record<string, string>) {
  const base = { role: "officer" as const, establishment_id: null, unit_id: null, password_hash: "x", active: true };
  const ids = new Map<string, number>();
  for (const [username, display_name] of Object.entries(names))
    ids.set(username, await insertUser(db, { ...base, username, display_name }));
  const found = async (search: string) => (await listUsers(db, { search, limit: 50 })).map((u) => u.id).sort();
  const expectFinds = async (search: string, ...usernames: string[]) =>
    expect(await found(search), search).toEqual(usernames.map((u) => ids.get(u)).sort());
  return { ids, found, expectFinds };
}

describe(`data layer on ${TEST_ENGINE}`, () => {
  it("finds users by a search containing _ or %, case-insensitively, taking the wildcards literally", async () => {
    const base = { role: "officer" as const, establishment_id: null, unit_id: null, password_hash: "x", active: true };
    await insertUser(db, { ...base, username: "sam_o", display_name: "Sam O'Brien" });
    await insertUser(db, { ...base, username: "samxo", display_name: "Sam Xo" });
    await insertUser(db, { ...base, username: "pct", display_name: "Ninety% Sure" });
    expect((await listUsers(db, { search: "SAM_O", limit: 50 })).map((u) => u.username)).toEqual(["sam_o"]);
    expect((await listUsers(db, { search: "90%", limit: 50 })).map((u) => u.username)).toEqual([]);
    expect((await listUsers(db, { search: "ty% s", limit: 50 })).map((u) => u.username)).toEqual(["pct"]);
    expect((await listUsers(db, { search: "%", limit: 50 })).map((u) => u.username)).toEqual(["pct"]);
    // Full-width ％ and ＿ fold to % and _, and stay literal: the text is folded before it is escaped.
    expect((await listUsers(db, { search: "ty％ s", limit: 50 })).map((u) => u.username)).toEqual(["pct"]);
    expect((await listUsers(db, { search: "SAM＿O", limit: 50 })).map((u) => u.username)).toEqual(["sam_o"]);
  });

  it("finds users and their audit events ignoring case and accents, either way round", async () => {
    const base = { role: "officer" as const, establishment_id: null, unit_id: null, password_hash: "x", active: true };
    const elodie = await insertUser(db, { ...base, username: "ÉAberg", display_name: "Élodie Åberg" });
    await insertUser(db, { ...base, username: "zob", display_name: "Zoë O'Brien" });
    await insertUser(db, { ...base, username: "eaberg2", display_name: "Elodie Aberg" });
    const found = async (search: string) =>
      (await listUsers(db, { search, limit: 50 })).map((u) => u.display_name).sort();
    const both = ["Elodie Aberg", "Élodie Åberg"];
    expect(await found("elodie")).toEqual(both);
    expect(await found("élodie")).toEqual(both); // accented text finds the name without accents too
    expect(await found("ABERG")).toEqual(both);
    expect(await found("ÅBERG")).toEqual(both);
    expect(await found("zoe")).toEqual(["Zoë O'Brien"]);
    expect(await found("ZOË O'")).toEqual(["Zoë O'Brien"]);
    expect(await found("éa")).toEqual(both); // the usernames
    await recordAudit(db, { actorUserId: null, action: "test.folded", subjectUserId: elodie });
    for (const person of ["ÉLODIE", "elodie a"]) {
      const events = await listAudit(db, { person, limit: 50, offset: 0 });
      expect(events.map((e) => e.action)).toEqual(["test.folded"]);
    }
  });

  it("finds a name whichever Unicode form it was stored or typed in", async () => {
    const base = { role: "officer" as const, establishment_id: null, unit_id: null, password_hash: "x", active: true };
    // From an HR file in decomposed form (e + U+0301), and typed in the composed form (é).
    const amelie = await insertUser(db, { ...base, username: "anoren", display_name: "Ame\u0301lie Nore\u0301n" });
    const noel = await insertUser(db, { ...base, username: "ynoel", display_name: "Yve\u0300s No\u00EBl" });
    const found = async (search: string) => (await listUsers(db, { search, limit: 50 })).map((u) => u.id);
    expect(await found("Amélie Norén")).toEqual([amelie]);
    expect(await found("amelie noren")).toEqual([amelie]);
    expect(await found("noe\u0308l")).toEqual([noel]); // typed in decomposed form, stored composed
    expect(await found("yves noel")).toEqual([noel]);
    // Full-width letters and ligatures as the letters people type; a mark from each block search removes.
    expect(await found("ＡＭＥＬＩＥ")).toEqual([amelie]);
    const mark = await insertUser(db, {
      ...base,
      username: "mk",
      display_name: "Ma\u1AB0r\u1DC0k\u20D0s\uFE20on Ｇriﬃn",
    });
    expect(await found("markson griffin")).toEqual([mark]);
  });

  it("finds names with letters that have no accent to take off, as the plain letters people type", async () => {
    const base = { role: "officer" as const, establishment_id: null, unit_id: null, password_hash: "x", active: true };
    const names = {
      oyvind: "Øyvind Ødegård",
      lodz: "Łucja Łódź",
      dorde: "Đorđe Đurić",
      strasse: "Grete Straße",
      aeth: "Æthelred Lærke",
      oeuvre: "Œdipe Cœur",
      thor: "Þórr Guðrún",
      ilkin: "Ilkın Yıldız",
      hamrun: "Ħamrun Borg",
      ante: "Ŧanja Áŧŧe",
      gross: "Rolf GROẞ", // the capital sharp s
    };
    const ids = new Map<string, number>();
    for (const [username, display_name] of Object.entries(names))
      ids.set(username, await insertUser(db, { ...base, username, display_name }));
    const found = async (search: string) => (await listUsers(db, { search, limit: 50 })).map((u) => u.id);
    const expectFinds = async (search: string, username: string) =>
      expect(await found(search), search).toEqual([ids.get(username)]);
    await expectFinds("oyvind odegard", "oyvind");
    await expectFinds("OYVIND", "oyvind");
    await expectFinds("ØYVIND", "oyvind");
    await expectFinds("lucja lodz", "lodz");
    await expectFinds("ŁÓDŹ", "lodz");
    await expectFinds("dorde duric", "dorde");
    await expectFinds("ĐORĐE", "dorde");
    await expectFinds("grete strasse", "strasse");
    await expectFinds("straße", "strasse");
    await expectFinds("STRAẞE", "strasse");
    await expectFinds("aethelred laerke", "aeth");
    await expectFinds("ÆTHEL", "aeth");
    await expectFinds("oedipe coeur", "oeuvre");
    await expectFinds("thorr gudrun", "thor");
    await expectFinds("ÞÓRR GUÐRÚN", "thor");
    await expectFinds("ilkin yildiz", "ilkin");
    await expectFinds("YILDIZ", "ilkin");
    await expectFinds("hamrun", "hamrun");
    await expectFinds("tanja atte", "ante");
    await expectFinds("rolf gross", "gross");
    await expectFinds("groß", "gross");
    // A length-changing letter next to a wildcard: the wildcard stays literal.
    expect(await found("stra_e")).toEqual([]);
    await recordAudit(db, { actorUserId: null, action: "test.plain-letters", subjectUserId: ids.get("lodz") });
    for (const person of ["lodz", "ŁUCJA"]) {
      const events = await listAudit(db, { person, limit: 50, offset: 0 });
      expect(events.map((e) => e.action)).toEqual(["test.plain-letters"]);
    }
  });

  it("finds names with eng, kra, letters of African alphabets or the Catalan middle dot by the plain letters", async () => {
    const names = {
      akan: "Kwabena Ɔsɛi",
      tones: "Kɔ\u0301fi Ɛ\u0301si", // tone marks stored as separate marks
      hausa: "Ɗahiru Ƙanƙara Ƴar'Adua",
      fula: "Ɓello Ɲama",
      ewe: "Ƒiafe Ʋiʋi Ɖogbe",
      sami: "Máret Áŋŋel",
      kra: "Jens ĸaĸortoĸ",
      catalan: "Jordi Col·lom",
      ela: "Laia Coŀlom", // ŀ, one letter
    };
    const { ids, found, expectFinds } = await officersNamed(names);
    await expectFinds("kwabena osei", "akan");
    await expectFinds("ƆSƐI", "akan");
    await expectFinds("kofi esi", "tones");
    await expectFinds("kɔ́fi", "tones");
    await expectFinds("dahiru kankara yar'adua", "hausa");
    await expectFinds("ƊAHIRU ƘANƘARA ƳAR", "hausa");
    await expectFinds("bello nama", "fula");
    await expectFinds("ƁELLO ƝAMA", "fula");
    await expectFinds("fiafe vivi dogbe", "ewe");
    await expectFinds("ƑIAFE ƲIƲI ƉOGBE", "ewe");
    await expectFinds("maret annel", "sami");
    await expectFinds("ÁŊŊEL", "sami");
    expect(await found("angngel")).toEqual([]); // eng is n, not ng: see PLAIN_LETTERS
    await expectFinds("jens kakortok", "kra");
    await expectFinds("collom", "catalan", "ela");
    await expectFinds("col·lom", "catalan", "ela");
    await expectFinds("COĿLOM", "catalan", "ela");
    await expectFinds("jordi coŀlom", "catalan");
    await recordAudit(db, { actorUserId: null, action: "test.african-letters", subjectUserId: ids.get("akan") });
    for (const person of ["osei", "ƆSƐI"]) {
      const events = await listAudit(db, { person, limit: 50, offset: 0 });
      expect(events.map((e) => e.action)).toEqual(["test.african-letters"]);
    }
  });

  it("finds names with gamma, schwa, turned e, t with a hook or esh by the plain letters", async () => {
    const names = {
      gamma: "Yawo Ɣeɖe Agbeɣa",
      azeri: "Əli Məmmədov",
      turned: "Ǝkǝ Nǝnǝ",
      hook: "Ƭaaƭ Ndiaye",
      esh: "Ʃaka Ɔʃe",
    };
    const { ids, expectFinds } = await officersNamed(names);
    await expectFinds("yawo gede agbega", "gamma");
    await expectFinds("ƔEƉE AGBEƔA", "gamma");
    await expectFinds("eli memmedov", "azeri");
    await expectFinds("ƏLI MƏMMƏDOV", "azeri");
    await expectFinds("eke nene", "turned");
    await expectFinds("ƎKƎ NƎNƎ", "turned");
    await expectFinds("taat ndiaye", "hook");
    await expectFinds("ƬAAƬ", "hook");
    await expectFinds("saka ose", "esh");
    await expectFinds("ƩAKA ƆƩE", "esh");
    await recordAudit(db, { actorUserId: null, action: "test.more-letters", subjectUserId: ids.get("azeri") });
    for (const person of ["memmedov", "MƏMMƏDOV"]) {
      const events = await listAudit(db, { person, limit: 50, offset: 0 });
      expect(events.map((e) => e.action)).toEqual(["test.more-letters"]);
    }
  });

  it("folds names in the database exactly as foldForSearch does", async () => {
    const base = { role: "officer" as const, establishment_id: null, unit_id: null, password_hash: "x", active: true };
    const names = [
      "Øyvind Ødegård",
      "ŁUKASZ Łódź",
      "Đorđe ĐOKOVIĆ",
      "Guðrún ÐÓRA",
      "Þórr ÞORSTEINN",
      "Straße STRASSE GROẞ",
      "Æthelred ÆLFRIC ǽ Ǽ",
      "Œdipe Cœur",
      "Ilkın İSTANBUL IŞIK",
      "Ħamrun ĦAŻ",
      "Ŧanja Ŧ",
      "Ǿ ǿ ǣ", // letters of the table with an accent on top
      "Ame\u0301lie Nore\u0301n",
      "ＡＭＥＬＩＥ ﬃ ½",
      "Ĳsbrand ŀ ĸ Ŋ ŋ ſ", // decomposed by NFKD, some then folded by the table
      "Ŋŋ ĸ Ɛɛ Ɔɔ Ɓɓ Ɗɗ Ɖɖ Ƙƙ Ƴƴ Ɲɲ Ʋʋ Ƒƒ",
      "Ɣɣ Əə Ǝǝ Ƭƭ Ʃʃ",
      "Col·lom COĿLOM coŀlom Kɔ\u0301fi ·\u0387",
      "ΟΔΥΣΣΕΑΣ Ἀθῆναι",
      "Юлия Ёлкина Йошкар",
      "50% of_the \\ name",
    ];
    const usernames = names.map((_, i) => `fold${i}`);
    for (const [i, display_name] of names.entries())
      await insertUser(db, { ...base, username: usernames[i] ?? "", display_name });
    const rows = await db
      .selectFrom("users")
      .select(["display_name", foldedColumn(db, "users.display_name").as("folded")])
      .where("username", "in", usernames)
      .execute();
    expect(rows.map((r) => [r.display_name, r.folded]).sort()).toEqual(
      names.map((name) => [name, foldForSearch(name)]).sort(),
    );
    expect(foldForSearch("Øyvind Łódź Đorđe Guðrún Þórr Straße GROẞ Æthel Œdipe Ilkın Ħamrun Ŧanja")).toBe(
      "oyvind lodz dorde gudrun thorr strasse gross aethel oedipe ilkin hamrun tanja",
    );
    const fold = (name: string) => rows.find((r) => r.display_name === name)?.folded;
    expect(fold("Ŋŋ ĸ Ɛɛ Ɔɔ Ɓɓ Ɗɗ Ɖɖ Ƙƙ Ƴƴ Ɲɲ Ʋʋ Ƒƒ")).toBe("nn k ee oo bb dd dd kk yy nn vv ff");
    expect(fold("Col·lom COĿLOM coŀlom Kɔ\u0301fi ·\u0387")).toBe("collom collom collom kofi ");
    expect(fold("Ɣɣ Əə Ǝǝ Ƭƭ Ʃʃ")).toBe("gg ee ee tt ss");
  });

  it("starts only where it can search so (PostgreSQL with ICU, in UTF8, as the test server is)", async () => {
    await expect(checkSearchFolding(db)).resolves.toBeUndefined();
  });

  it.runIf(TEST_ENGINE === "postgres")("refuses to start on a PostgreSQL database not in UTF8", async () => {
    const { db: latin1 } = await blankDatabase({ encoding: "LATIN1" });
    try {
      await expect(checkSearchFolding(latin1)).rejects.toThrow(
        "this PostgreSQL database's encoding is LATIN1, but searches need UTF8: create it with ENCODING 'UTF8'",
      );
    } finally {
      await latin1.destroy();
    }
  });

  it("filters the audit log by an action prefix with an underscore (sign_in)", async () => {
    await recordAudit(db, { actorUserId: null, action: "sign_in.failed" });
    await recordAudit(db, { actorUserId: null, action: "signxin.other" });
    const rows = await listAudit(db, { action: "sign_in", limit: 50, offset: 0 });
    expect(rows.map((r) => r.action)).toEqual(["sign_in.failed"]);
  });

  it("records the request id with each audit row written during a request", async () => {
    await requestScope.run({ requestId: "req-123" }, () =>
      recordAudit(db, { actorUserId: null, action: "test.scoped" }),
    );
    const row = await db
      .selectFrom("audit_events")
      .select(["request_id", "at"])
      .where("action", "=", "test.scoped")
      .executeTakeFirstOrThrow();
    expect(row.request_id).toBe("req-123");
    // Times come back as ISO 8601 UTC strings on both engines.
    expect(row.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("gives flags as booleans and compares times as times", async () => {
    const user = await db
      .selectFrom("users")
      .select(["active", "created_at"])
      .where("username_key", "=", "officer")
      .executeTakeFirstOrThrow();
    expect(user.active).toBe(true);
    const later = await db
      .selectFrom("users")
      .select("id")
      .where("username_key", "=", "officer")
      .where("created_at", "<", new Date(Date.now() + 60_000).toISOString())
      .execute();
    expect(later).toHaveLength(1);
  });
});
