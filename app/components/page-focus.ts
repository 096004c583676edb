// A new page reached without a page load (a form that redirects, such as the last step of a
// conversation) would leave focus on nothing and say nothing to a screen reader: focus its heading,
// as a page load would start reading it, unless the page already put focus somewhere (an error summary).
import { useLocation } from "@remix-run/react";
import { useEffect, useRef, type MouseEvent } from "react";

export function useFocusOnNewPage() {
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    const main = document.getElementById("main-content");
    if (!main || main.contains(document.activeElement)) return;
    const heading = main.querySelector("h1");
    if (!heading) return main.focus();
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }, [pathname]);
}

/**
 * The skip link moves focus as GOV.UK's skip-link script does. Left to the browser, the fragment
 * would be a navigation for the router, which forgets a refused form's errors and what was typed.
 */
export function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById("main-content");
  if (!main) return;
  event.preventDefault();
  main.focus();
}
