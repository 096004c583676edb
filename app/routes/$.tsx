// Every address no other route answers: the usual "Page not found". Without this route, an address
// under a real page (/record/x) was matched by nothing on the server but by that page's route in the
// browser, so the 404 page failed to hydrate and was drawn again from scratch.
import { notFound } from "~/auth/guard.server";

export const loader = () => notFound();
// A form sent to such an address too: 404, rather than Remix's 405 for a route without an action.
export const action = () => notFound();

export default function NoSuchPage() {
  return null; // never drawn: the loader always answers 404, which the root's error page shows
}
