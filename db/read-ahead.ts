import type { Kysely } from "kysely";
import type { Database } from "./schema";
import { isPostgres } from "./migrations/helpers";

/**
 * Reads a long list a slice at a time. On PostgreSQL the next slice is asked for before this one
 * is handed over, so the server works on one page while Node writes out the last (they run on
 * different cores; at most two pages are held). SQLite reads in Node's own thread, where reading
 * ahead only delays the first page, so there the slices are read one after another.
 */
export async function* readAhead<T, R>(
  db: Kysely<Database>,
  items: readonly T[],
  perPage: number,
  read: (slice: T[]) => Promise<R>,
): AsyncGenerator<R> {
  if (!isPostgres(db)) {
    for (let i = 0; i < items.length; i += perPage) yield await read(items.slice(i, i + perPage));
    return;
  }
  const start = (i: number) => {
    const page = read(items.slice(i, i + perPage));
    // Handled here so a page read for a caller that has stopped (a download cut off) cannot end
    // the process as an unhandled rejection; a caller still reading gets the error from its await.
    page.catch(() => undefined);
    return page;
  };
  let next = items.length ? start(0) : null;
  for (let i = 0; next; i += perPage) {
    const page: R = await next;
    next = i + perPage < items.length ? start(i + perPage) : null;
    // One turn of the event loop, so the next query is sent now: a caller that writes the page out
    // without waiting on anything would otherwise hold it back until the page was done.
    if (next) await new Promise((resolve) => setImmediate(resolve));
    yield page;
  }
}
