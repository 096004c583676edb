// Dates as officers read them, in UK time, formatted on the server so the page never changes
// after hydration.
const DATE = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});
const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  hour12: true,
  timeZone: "Europe/London",
});

export const formatDate = (iso: string) => DATE.format(new Date(iso));
export const formatDateTime = (iso: string) =>
  DATE_TIME.format(new Date(iso)).replace(" am", "am").replace(" pm", "pm");

const DAY = new Intl.DateTimeFormat("en-CA", {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  timeZone: "Europe/London",
});

/** Today's date in the UK, YYYY-MM-DD. */
export const londonDay = (at = new Date()) => DAY.format(at);
