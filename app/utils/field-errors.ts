// The error shape every action returns, one message per field. Apart from the zod form reader
// (utils/forms.ts) so a page whose component only shows errors loads no zod in the browser.
export type FieldErrors = Record<string, string>;

/** One field's error ("form" for the form as a whole), in the shape every action returns. */
export const fieldError = (field: string, message: string): FieldErrors => ({ [field]: message });
