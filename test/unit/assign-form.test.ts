/**
 * The "Assign training" form as the server sends it, which is what a browser without JavaScript keeps:
 * each related question (the wing, the officers, the due date, the number of days) sits in a GOV.UK
 * conditional reveal straight after its radio, none hidden and no radio pointing at its reveal yet;
 * a refused form shows its values again, the error at its field; and the markup submits what the server reads.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AssignmentFields } from "~/assignments/assign-form";
import { parseAssignmentForm } from "~/assignments/forms.server";
import { controlsOf, formDataOf } from "../support/html-form";

const choices = {
  modules: [{ id: "listening", title: "Listening on the landing" }],
  wings: [
    { id: 1, name: "A wing" },
    { id: 2, name: "B wing" },
  ],
  officers: [
    { id: 7, name: "Priya Lindqvist", wing: "A wing" },
    { id: 8, name: "Sam Okafor", wing: null },
  ],
};

const render = (props: Partial<Parameters<typeof AssignmentFields>[0]> = {}) =>
  renderToStaticMarkup(createElement("form", null, createElement(AssignmentFields, { ...choices, ...props })));

/** The markup from a radio's item to the next item: the item and the reveal that follows it, if any. */
function itemOf(html: string, name: string, value: string) {
  const input = html.search(new RegExp(`<input[^>]*name="${name}"[^>]*value="${value}"`));
  const start = html.lastIndexOf('<div class="govuk-radios__item">', input);
  const next = html.indexOf('<div class="govuk-radios__item">', start + 1);
  const end = html.indexOf("</fieldset>", start);
  return html.slice(start, next === -1 || next > end ? end : next);
}

describe("the assignment form without JavaScript", () => {
  it("shows each related question under its option, none hidden and no aria-controls", () => {
    const html = render();
    expect(html).not.toContain("govuk-radios__conditional--hidden");
    expect(html).not.toContain("aria-expanded");
    expect(html).not.toContain("aria-controls");
    expect(itemOf(html, "audience", "prison")).not.toContain("govuk-radios__conditional");
    expect(itemOf(html, "audience", "wing")).toMatch(/govuk-radios__conditional"[^>]*>.*name="unitId"/s);
    const officers = itemOf(html, "audience", "officers");
    expect(officers).toMatch(
      /name="officerIds" type="checkbox" value="7".*name="officerIds" type="checkbox" value="8"/s,
    );
    expect(itemOf(html, "due", "date")).toContain('name="dueDay"');
    expect(itemOf(html, "due", "days")).toContain('name="dueDays"');
  });

  it("a refused form shows what was chosen and typed again, the error inside the reveal of its option", () => {
    const values = { moduleId: "listening", audience: "wing", unitId: "", due: "days", dueDays: "12" };
    const html = render({ values, errors: { unitId: "Choose the wing or team" } });
    const wing = itemOf(html, "audience", "wing");
    expect(wing).toMatch(/<input[^>]*checked=""[^>]*value="wing"/);
    expect(wing).toContain("Choose the wing or team");
    expect(wing).toContain("govuk-select--error");
    expect(itemOf(html, "due", "days")).toContain('value="12"');
    expect(html).toMatch(/<option value="listening" selected="">/);
  });

  it("submits what the server reads: a wing chosen in the reveal is assigned", () => {
    const data = formDataOf(controlsOf(render()), {
      moduleId: "listening",
      audience: "wing",
      unitId: "2",
      due: "days",
      dueDays: "30",
    });
    const parsed = parseAssignmentForm(data, "2026-12-03");
    expect(parsed).toMatchObject({ ok: true, data: { audience: "wing", unitId: 2, dueDays: 30, officerIds: [] } });
  });
});
