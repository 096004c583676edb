// The new-scenario wizard's field names, shared by its page and the server that checks it.

/** The first step's fields (about the scenario and the prisoner), carried through the second. */
export const ABOUT_FIELDS = ["title", "module", "personaName", "background", "voice", "summary"] as const;

/** Rows for the officer's first options; blank rows are skipped. */
export const WIZARD_OPTION_ROWS = 4;

export const optionField = (i: number, field: "say" | "mi" | "feedback") => `options.${i}.${field}`;
