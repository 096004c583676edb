// The error shape every action returns, one message per field. Apart from the zod form reader
// (utils/forms.ts) so a page whose component only shows errors loads no zod in the browser.
export type FieldErrors = Record<string, string>;

/** Errors for one field, typed so every action returns the same shape. */
export const fieldErrors = (errors: FieldErrors): FieldErrors => errors;
