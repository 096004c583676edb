// npm run seed:large: builds the large reports data set in its own database file
// (LARGE_DATABASE_PATH, default db/data/large.sqlite), replacing any earlier one.
// LARGE_SEED (default 20261126) and LARGE_SEED_END (YYYY-MM-DD, default today) make it reproducible.
import { ensureLargeDatabase } from "~/seed/large-file.server";

const started = Date.now();
const { file, totals } = await ensureLargeDatabase({ replace: true, log: console.log });
console.log(
  `Wrote ${file}: ${totals.officers} officers, ${totals.attempts} attempts, ${totals.steps} steps, ${totals.reviews} reviews in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(0);
