import { pipeline, Transform, type Writable } from "node:stream";
import { ERROR_PREFIX } from "~/components/error-title";

const TITLE = Buffer.from("<title>");

/**
 * Where to send a page that goes on to `into` with "Error: " at the start of its title: for a page whose
 * error summary the render has shown, since Remix wrote the title before it got to the summary. Holds
 * back only the start of the page, up to the title in the head.
 */
export function prefixTitle(into: Writable): Writable {
  let head = Buffer.alloc(0);
  let done = false;
  const prefixed = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      if (done) return next(null, chunk);
      head = Buffer.concat([head, chunk]);
      const at = head.indexOf(TITLE);
      if (at === -1) return next();
      done = true;
      const end = at + TITLE.length;
      next(null, Buffer.concat([head.subarray(0, end), Buffer.from(ERROR_PREFIX), head.subarray(end)]));
    },
    flush(next) {
      next(null, done ? undefined : head);
    },
  });
  // A render that fails ends `into` with it, as it would unprefixed; the failure is logged where it happens.
  pipeline(prefixed, into, () => {});
  return prefixed;
}
