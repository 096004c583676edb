// Which choices officers took in finished assessments of a published version, counted over one
// prison's officers only: a trainer sees their own prison, an admin chooses one. Counts under the
// small-number limit never leave the server (they are sent as 0 and shown as "fewer than 5").
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { getEstablishment, listEstablishments } from "~db/queries/establishments.server";
import { choiceCounts, countFinishedAssessments } from "~db/queries/studio-figures.server";
import { can } from "~/auth/capabilities";
import { notFound, type CurrentUser } from "~/auth/guard.server";
import { isSmallGroup } from "~/domain/reporting/suppression";
import { recordId } from "~/utils/query.server";

export interface FiguresScope {
  prison: { id: number; name: string } | null;
  /** every prison, for an admin's choice; empty for trainers */
  prisons: { id: number; name: string }[];
}

/** The prison whose figures are shown: the trainer's own; for an admin the one asked for (or the first). */
export async function figuresScope(
  db: Kysely<Database>,
  user: CurrentUser,
  asked: string | null,
): Promise<FiguresScope> {
  const askedId = asked === null ? null : (recordId.safeParse(asked).data ?? notFound());
  if (!can(user, "seeEveryPrison")) {
    if (askedId !== null && askedId !== user.establishmentId) notFound();
    const own = user.establishmentId === null ? undefined : await getEstablishment(db, user.establishmentId);
    return { prison: own ? { id: own.id, name: own.name } : null, prisons: [] };
  }
  const prisons = (await listEstablishments(db)).map((e) => ({ id: e.id, name: e.name }));
  const prison = askedId === null ? (prisons[0] ?? null) : (prisons.find((p) => p.id === askedId) ?? notFound());
  return { prison, prisons };
}

const suppressed = (n: number) => (isSmallGroup(n) ? 0 : n);

export async function choiceFigures(db: Kysely<Database>, versionId: number, establishmentId: number) {
  const [counts, assessments] = await Promise.all([
    choiceCounts(db, versionId, establishmentId),
    countFinishedAssessments(db, versionId, establishmentId),
  ]);
  return {
    taken: new Map(counts.map((r) => [`${r.node_id}/${r.choice_id}`, suppressed(Number(r.n))])),
    assessments: suppressed(assessments),
  };
}
