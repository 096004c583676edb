// A page whose error summary the server rendered is sent with "Error: " at the start of its title,
// wherever the stream happens to cut the head; only the head's title is touched.
import { PassThrough, Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { plainTitle } from "~/components/error-title";
import { prefixTitle } from "~/server/error-title.server";

const page = Buffer.from(
  "<!DOCTYPE html><html><head><title>Sign in – Engage</title></head><body><svg><title>x</title></svg></body></html>",
);
function sent(chunks: Buffer[]) {
  const body = new PassThrough();
  Readable.from(chunks).pipe(prefixTitle(body));
  return text(body);
}

describe("the title of a page sent with errors", () => {
  it.each([
    ["in one piece", [page]],
    ["cut inside <title>", [page.subarray(0, 30), page.subarray(30)]],
    ["a byte at a time", [...page].map((byte) => Buffer.from([byte]))],
  ])("starts with Error: when the page comes %s", async (_, chunks) => {
    expect(await sent(chunks)).toBe(
      "<!DOCTYPE html><html><head><title>Error: Sign in – Engage</title></head><body><svg><title>x</title></svg></body></html>",
    );
  });

  it("ends the page with the render's failure, as an unprefixed page would", async () => {
    const body = new PassThrough();
    prefixTitle(body).destroy(new Error("render failed"));
    await expect(text(body)).rejects.toThrow();
  });

  it("loses the prefix again for the browser's own render", () => {
    expect(plainTitle("Error: Sign in – Engage")).toBe("Sign in – Engage");
    expect(plainTitle("Sign in – Engage")).toBe("Sign in – Engage");
  });
});
