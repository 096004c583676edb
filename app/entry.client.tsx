import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { plainTitle } from "~/components/error-title";

// The server put "Error: " before the title that the route's meta gives; the page must hydrate with the
// title React renders, and the error summary puts the prefix back as it is hydrated.
document.title = plainTitle(document.title);

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
