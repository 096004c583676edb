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
 * A form that redirects to a part of the same page (`#id`: an option just added, the options after one is deleted)
 * scrolls there without JavaScript; with it, focus goes there too, so the keyboard and a screen reader carry on from
 * it rather than from the button that is gone or from the top. Call before useFocusOnNewPage, which then keeps it.
 */
export function useFocusOnFragment() {
  const { key, hash } = useLocation();
  const shown = useRef(key);
  useEffect(() => {
    if (shown.current === key) return;
    shown.current = key;
    const target = hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    if (!target) return;
    if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) target.setAttribute("tabindex", "-1");
    target.focus();
  }, [key, hash]);
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
