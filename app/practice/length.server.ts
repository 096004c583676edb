/**
 * How long a scenario usually takes (domain/typical-length.ts) for the scenario page and the
 * play page. Worked out at most every few minutes per scenario: the play page shows it on every
 * step, and a figure a few minutes old is just as true.
 */
import type { Kysely } from "kysely";
import { LRUCache } from "lru-cache";
import type { Database } from "~db/schema";
import { recentFinishedAttempts } from "~db/queries/attempts.server";
import { getScenarioVersion, type LoadedVersion } from "~/curriculum/curriculum.server";
import { scenarioStats } from "~/domain/scenario";
import { describeLength, typicalLength, type TypicalLength } from "~/domain/typical-length";

const caches = new WeakMap<Kysely<Database>, LRUCache<number, { length: TypicalLength | null }>>();

export async function scenarioLength(db: Kysely<Database>, version: LoadedVersion) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new LRUCache({ max: 500, ttl: 5 * 60_000 })));
  let entry = cache.get(version.id);
  if (!entry) {
    const rows = await recentFinishedAttempts(db, version.scenarioId);
    const length = typicalLength(
      scenarioStats(version.scenario),
      rows.map((r) => ({ startedAt: r.started_at, finishedAt: r.finished_at!, responses: r.step_count })),
    );
    cache.set(version.id, (entry = { length }));
  }
  return entry.length && { ...entry.length, text: describeLength(entry.length) };
}

export async function lengthOfVersion(db: Kysely<Database>, versionId: number) {
  const version = await getScenarioVersion(db, versionId);
  return version ? scenarioLength(db, version) : null;
}
