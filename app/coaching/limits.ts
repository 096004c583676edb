// How long the free-text parts of an observation may be: shared by the sheet in the browser and the
// server's forms (app/coaching/forms.server.ts), which keeps zod out of the browser.
export const NOTE_MAX = 500;
export const REFLECTION_MAX = 1000;
