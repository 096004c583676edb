// GOV.UK's validation pattern: while a page shows an error summary its title starts "Error: ", so a
// screen reader says at once that something went wrong. The error summary is the one signal, whatever
// refused the form (an action, a filter read by a loader, a fetcher).
import { createContext, useContext, useEffect } from "react";

export const ERROR_PREFIX = "Error: ";

/**
 * The server's render of one page: told when an error summary is shown. Remix writes the title in the
 * head before the body is rendered, so the server puts the prefix in as the page is sent.
 */
export class ErrorsShown {
  shown = false;
  record() {
    this.shown = true;
  }
}

export const ErrorsShownContext = createContext<ErrorsShown | null>(null);

/** The title without the prefix: what the route's meta gave. */
export const plainTitle = (title: string) =>
  title.startsWith(ERROR_PREFIX) ? title.slice(ERROR_PREFIX.length) : title;

// Error summaries showing in the browser now (a page may have more than one).
let showing = 0;

/** Marks the page's title for as long as the calling error summary shows errors. */
export function useErrorTitle(shown: boolean) {
  const render = useContext(ErrorsShownContext);
  if (shown) render?.record();
  // On every render, not only when shown changes: a new title from the route's meta (after its data
  // changed) would otherwise lose the prefix while the errors stay on the page.
  useEffect(() => {
    if (!shown) return;
    showing += 1;
    markTitle();
    return () => {
      showing -= 1;
      markTitle();
    };
  });
}

function markTitle() {
  const plain = plainTitle(document.title);
  document.title = showing > 0 ? `${ERROR_PREFIX}${plain}` : plain;
}
