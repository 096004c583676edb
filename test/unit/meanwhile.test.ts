/**
 * A whole form sent from a page another save made out of date (the module pages): what the trainer
 * changed stays theirs, what they left takes the other save's, and only a field both changed gets a
 * note of what the other saved.
 */
import { describe, expect, it } from "vitest";
import { keepOnClash } from "~/studio/meanwhile";

const note = (field: string, theirs: string) => `${field}: they saved ${theirs}`;
const shown = { title: "Old title", summary: "Old summary" };

describe("keeping a whole form on a clash", () => {
  it("keeps the trainer's change and takes the other save's where the trainer changed nothing", () => {
    expect(
      keepOnClash(
        shown,
        { title: "My title", summary: "Old summary" },
        { title: "Old title", summary: "Theirs" },
        note,
      ),
    ).toEqual({ values: { title: "My title", summary: "Theirs" }, errors: {}, clashes: false });
  });

  it("notes a field both changed, keeping the trainer's text in it", () => {
    expect(
      keepOnClash(
        shown,
        { title: "My title", summary: "Old summary" },
        { title: "Their title", summary: "Old summary" },
        note,
      ),
    ).toEqual({
      values: { title: "My title", summary: "Old summary" },
      errors: { title: "title: they saved Their title" },
      clashes: true,
    });
  });

  it("sees no clash where both made the same change", () => {
    expect(
      keepOnClash(shown, { title: "Same", summary: "Old summary" }, { title: "Same", summary: "Old summary" }, note),
    ).toMatchObject({ errors: {}, clashes: false });
  });

  it("takes every field as changed when the page did not say what it showed", () => {
    expect(
      keepOnClash(null, { title: "Old title", summary: "Mine" }, { title: "Their title", summary: "Mine" }, note),
    ).toEqual({
      values: { title: "Old title", summary: "Mine" },
      errors: { title: "title: they saved Their title" },
      clashes: true,
    });
  });
});
