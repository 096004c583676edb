import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Feedback } from "~/components/conversation-step";

// Practice feedback after a written reply says how a trainer will rate it, with the scale in words.
describe("practice feedback", () => {
  it("after a written reply, explains the Helpful Responses scale", () => {
    const html = renderToStaticMarkup(
      createElement(Feedback, {
        last: { said: "You want to be there for her.", code: null, codeDescription: null, feedback: null },
      }),
    );
    expect(html).toContain("A trainer will rate your written reply from 1 to 5 by how well it reflects what he said");
    expect(html).toContain("What the ratings of written replies mean");
    expect(html).toContain("5: Reflection with feeling");
  });

  it("after a chosen option, names its code and leaves the scale out", () => {
    const html = renderToStaticMarkup(
      createElement(Feedback, {
        last: {
          said: "Tell me more.",
          code: "Open question",
          codeDescription: "Invites him to say more.",
          feedback: "Good: it leaves room for his view.",
        },
      }),
    );
    expect(html).toContain("<strong>Open question:</strong> Invites him to say more.");
    expect(html).not.toContain("Helpful Responses");
  });
});
