// The free-text rule: what ordinary writing needs is taken, characters that hide or reorder text
// are not; names stay stricter. A version sent back in a hidden field asks for a reload, not a fix.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { longText, pageVersion, parseForm, text } from "~/utils/forms";

const Reply = z.object({ reply: longText("your reply") });
const Title = z.object({ title: text("a title") });
const reply = (value: string) => parseForm(Reply, new URLSearchParams({ reply: value }));
const title = (value: string) => parseForm(Title, new URLSearchParams({ title: value }));

describe("free text", () => {
  it.each([
    ["an emoji joined with U+200D", "I can see why you shrug 🤷‍♂️ at that"],
    ["a soft hyphen pasted from Word", "re\u00adcorded"],
    ["Persian with a zero-width non-joiner", "می‌خواهم بدانم"],
    ["a right-to-left mark", "he said \u200fشكرا"],
    ["England's flag (tag characters)", "come on 🏴󠁧󠁢󠁥󠁮󠁧󠁿"],
    ["tabs and line breaks", "first\tline\r\nsecond"],
  ])("takes %s", (_, value) => {
    expect(reply(value)).toMatchObject({ ok: true });
  });

  it.each([
    ["a right-to-left override", "abc\u202eevil"],
    ["a directional isolate", "abc\u2066x\u2069"],
    ["a zero-width space", "zw\u200bsp"],
    ["a byte-order mark", "b\ufeffom"],
    ["a control character", "bell\u0007"],
    ["a private-use character", "x\ue000"],
  ])("refuses %s with a message", (_, value) => {
    expect(reply(value)).toMatchObject({
      ok: false,
      errors: { reply: "Your reply must not contain hidden or control characters" },
    });
  });

  it("keeps names strict: a joiner in a title is refused", () => {
    expect(title("Listening\u200don the landing")).toMatchObject({ ok: false });
    expect(title("Listening on the landing")).toMatchObject({ ok: true });
  });
});

describe("the version a form was made from", () => {
  const Form = z.object({ version: pageVersion({ min: 1 }) });
  const sent = (fields: Record<string, string>) => parseForm(Form, new URLSearchParams(fields));

  it("takes the number the page sent", () => {
    expect(sent({ version: " 7 " })).toMatchObject({ ok: true, data: { version: 7 } });
  });

  // A hidden field the person never saw: naming it would ask them to fix what they cannot.
  it.each([
    ["missing", {}],
    ["empty", { version: "" }],
    ["not a number", { version: "7x" }],
    ["below the least", { version: "0" }],
  ])("answers %s with: reload the page", (_, fields) => {
    expect(sent(fields)).toMatchObject({
      ok: false,
      errors: { version: "This page is out of date. Reload it and try again." },
    });
  });
});
