// The prison and unit forms' schemas, read on the server so zod stays out of the browser.
import { z } from "zod";
import { longText, parseForm, text, pageVersion } from "~/utils/forms";

// Name before code, as the forms show them, so the error summary lists them in that order.
const PrisonForm = z.object({
  name: text("the prison's name", { max: 120 }),
  code: text("a short code", { max: 10 })
    .refine((v) => /^[A-Za-z0-9]{2,10}$/.test(v), "Code must be 2 to 10 letters or numbers")
    .transform((v) => v.toUpperCase()),
});

/** Adding a wing or team, and renaming one: the same two fields. */
const UnitForm = z.object({
  name: text("a name for the wing or team", { max: 60 }),
  kind: z.enum(["wing", "team"], { error: "Choose whether this is a wing or a team" }),
});

// Forms that change a row in place carry the row_version they were made from, so a save from an
// out-of-date form is refused rather than undoing someone else's change.
const version = pageVersion();

const ListedNamesForm = z.object({
  version,
  names: longText("the list", { max: 20_000 }),
});

export const readPrisonForm = (formData: FormData) => parseForm(PrisonForm, formData);
export const readEditPrisonForm = (formData: FormData) => parseForm(PrisonForm.extend({ version }), formData);
export const readUnitForm = (formData: FormData) => parseForm(UnitForm, formData);
export const readRenameUnitForm = (formData: FormData) => parseForm(UnitForm.extend({ version }), formData);
export const readListedNamesForm = (formData: FormData) => parseForm(ListedNamesForm, formData);
