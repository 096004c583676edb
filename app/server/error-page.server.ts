// A plain error page for what the server refuses before the Remix app runs (and for faults it
// cannot render): the GOV.UK look, no details of the fault.
const MESSAGES: Record<number, { title: string; body: string }> = {
  403: {
    title: "Request refused",
    body: "Engage only accepts forms sent from its own pages. Go back to Engage and try again from the page.",
  },
  404: {
    title: "Page not found",
    body: "If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.",
  },
  405: { title: "Request not handled", body: "Engage does not answer this kind of request. Go back to the page." },
  411: { title: "Request not handled", body: "The request did not say how long it was. Try again from the page." },
  413: {
    title: "Request too large",
    body: "What you sent is larger than Engage accepts (1 MB). Send less, or a smaller file.",
  },
  416: { title: "Request not handled", body: "The part of the file asked for is not in it." },
  500: { title: "Sorry, there is a problem with the service", body: "Try again later." },
  503: {
    title: "Sorry, the service is unavailable",
    body: "Engage cannot reach its database just now. Nothing you sent was saved. Try again in a few minutes.",
  },
};

export function errorPage(status: number): string {
  const { title, body } = MESSAGES[status] ?? MESSAGES[500];
  return `<!DOCTYPE html>
<html lang="en-GB" class="govuk-template govuk-template--rebranded">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Engage</title><link rel="stylesheet" href="/assets/engage.css"></head>
<body class="govuk-template__body">
<main class="govuk-main-wrapper govuk-width-container" id="main-content">
<h1 class="govuk-heading-l">${title}</h1>
<p class="govuk-body">${body}</p>
<p class="govuk-body"><a class="govuk-link" href="/">Go to the Engage home page</a></p>
</main>
</body>
</html>`;
}
