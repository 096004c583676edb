import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ObservationCard, ObservationDetails } from "~/components/observation";
import { Indicators } from "~/components/practice";
import { observationView, type ObservationViewRow } from "~/coaching/view";
import { countBehaviours, describeIndicators, indicatorsOf } from "~/domain/indicators";

// How the levels of practice indicators read on the pages: what a figure is set against, and its tag.

/** A recorded observation with questions but no reflections, one affirm and one confront. */
const noReflections = observationView({
  id: 1,
  status: "recorded",
  officer_id: 2,
  officer_name: "Sam Officer",
  officer_wing: "B wing",
  coach_name: "Dana Whitfield",
  started_at: "2026-11-02T10:00:00Z",
  recorded_at: "2026-11-02T10:08:00Z",
  minutes: 8,
  questions: 3,
  simple_reflections: 0,
  complex_reflections: 0,
  affirms: 1,
  seeking_collaboration: 0,
  emphasizing_autonomy: 0,
  giving_information: 0,
  persuade_with_permission: 0,
  persuades: 0,
  confronts: 1,
  cultivating_change_talk: 3,
  softening_sustain_talk: 3,
  partnership: 4,
  empathy: 4,
  strengths: null,
  next_step: null,
  officer_reflection: null,
  reflected_at: null,
  calibration_partner_id: null,
} satisfies ObservationViewRow);

/** The text of the summary list row whose key starts with `name`, tags and all. */
function row(html: string, name: string): string {
  const rows = html.split('<div class="govuk-summary-list__row').slice(1);
  const found = rows.find((r) => r.includes(`<dt class="govuk-summary-list__key">${name}`));
  if (!found) throw new Error(`no row for ${name}`);
  return found;
}

/** The practice review's item for the indicator named `name` (its technical line names it). */
function item(html: string, name: string): string {
  const found = html.split("<li ").find((i) => i.includes(`${name}: `));
  if (!found) throw new Error(`no item for ${name}`);
  return found;
}

/** The words of each GOV.UK tag in a piece of a page. */
const tags = (html: string) => [...html.matchAll(/<strong class="govuk-tag[^"]*">([^<]*)<\/strong>/g)].map((m) => m[1]);

describe("an observation's page", () => {
  it("sets a figure against fair and good only where MITI sets them: never 'Fair: more is better'", () => {
    const html = renderToStaticMarkup(createElement(ObservationDetails, { view: noReflections }));
    expect(row(html, "Reflection-to-question ratio")).toContain("Fair: 1 : 1. Good: 2 : 1.");
    expect(row(html, "Technical global")).toContain("Fair: 3.0. Good: 4.0.");
    for (const name of ["MI-adherent responses", "MI-non-adherent responses"]) {
      expect(row(html, name)).not.toContain("Fair:");
      expect(row(html, name)).toContain("No fair or good level");
    }
  });
});

describe("a level indicator with nothing to judge, and a count with no levels", () => {
  // The same conversation in practice (three questions, an affirm, a confront, no reflections) and observed.
  const review = renderToStaticMarkup(
    createElement(Indicators, {
      title: "How you did",
      lines: describeIndicators(
        indicatorsOf(countBehaviours(["closed_question", "open_question", "closed_question", "affirm", "confront"])),
      ),
    }),
  );
  const card = renderToStaticMarkup(
    createElement(ObservationCard, { view: noReflections, href: "/record/observations/1", linkText: "Read it" }),
  );
  const details = renderToStaticMarkup(createElement(ObservationDetails, { view: noReflections }));
  const pages = {
    review: (n: string) => item(review, n),
    card: (n: string) => row(card, n),
    details: (n: string) => row(details, n),
  };

  it.each(Object.entries(pages))("the %s says 'Not judged' in a grey tag when there were no reflections", (_, at) => {
    expect(tags(at("Complex reflections"))).toEqual(["Not judged"]);
    expect(at("Complex reflections")).toContain('<strong class="govuk-tag govuk-tag--grey">Not judged</strong>');
    expect(tags(at("Reflection-to-question ratio"))).toEqual(["Below fair"]);
  });

  it.each(Object.entries(pages))("the %s gives the counts MITI sets no level for no tag at all", (_, at) => {
    for (const name of ["MI-adherent responses", "MI-non-adherent responses"]) expect(tags(at(name))).toEqual([]);
  });
});
