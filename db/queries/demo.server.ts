// Storing the demo prison's plan (app/seed/demo-plan.ts): its wings, staff, attempts with their
// steps, trainers' ratings, engagement figures and target, in batches, inside the caller's transaction.
import type { Transaction } from "kysely";
import type { DemoPlan } from "~/seed/demo-plan";
import type { Database } from "../schema";
import { usernameKey } from "./users.server";

const BATCH = 500;

async function inBatches<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function insertDemoHistory(
  trx: Transaction<Database>,
  establishmentId: number,
  plan: DemoPlan,
  { passwordHash, attemptIds }: { passwordHash: string; attemptIds: string[] },
) {
  const created = plan.people.reduce((min, p) => (p.createdAt < min ? p.createdAt : min), new Date().toISOString());
  const units = await trx
    .insertInto("units")
    .values(
      plan.units.map((u) => ({ establishment_id: establishmentId, name: u.name, kind: u.kind, created_at: created })),
    )
    .returning(["id", "name"])
    .execute();
  const unitIds = new Map(units.map((u) => [u.name, u.id]));

  const users = await trx
    .insertInto("users")
    .values(
      plan.people.map((p) => ({
        username: p.username,
        username_key: usernameKey(p.username),
        display_name: p.displayName,
        role: p.role,
        establishment_id: p.role === "admin" ? null : establishmentId,
        unit_id: p.unit ? unitIds.get(p.unit)! : null,
        password_hash: passwordHash,
        active: p.active,
        mi_coach: p.miCoach ?? false,
        created_at: p.createdAt,
        updated_at: p.createdAt,
      })),
    )
    .returning(["id", "username"])
    .execute();
  const userIds = new Map(users.map((u) => [u.username, u.id]));
  const trainerId = userIds.get("trainer")!;
  const managerId = userIds.get("manager")!;

  await inBatches(plan.attempts, BATCH, (chunk) => {
    const offset = plan.attempts.indexOf(chunk[0]!);
    return trx
      .insertInto("attempts")
      .values(
        chunk.map((a, i) => ({
          id: attemptIds[offset + i]!,
          officer_id: userIds.get(a.officer)!,
          establishment_id: establishmentId,
          scenario_version_id: a.versionId,
          scenario_id: a.scenarioId,
          module_id: a.moduleId,
          mode: a.mode,
          status: a.status,
          snapshot: a.snapshot,
          shuffle_seed: a.shuffleSeed,
          row_version: a.steps.length,
          step_count: a.steps.length,
          started_at: a.startedAt,
          updated_at: a.updatedAt,
          finished_at: a.finishedAt,
          ending_node: a.endingNode,
          outcome: a.outcome,
          open_questions: a.counts.openQuestions,
          closed_questions: a.counts.closedQuestions,
          simple_reflections: a.counts.simpleReflections,
          complex_reflections: a.counts.complexReflections,
          mi_adherent: a.counts.miAdherent,
          mi_non_adherent: a.counts.miNonAdherent,
        })),
      )
      .execute();
  });

  const steps = plan.attempts.flatMap((a, i) =>
    a.steps.map((s, k) => ({
      attempt_id: attemptIds[i]!,
      seq: k + 1,
      node_id: s.nodeId,
      choice_id: s.choiceId,
      mi_code: s.miCode,
      reply_node_id: s.replyNodeId,
      reply_talk: s.replyTalk,
      free_text: s.freeText,
      at: s.at,
    })),
  );
  await inBatches(steps, BATCH, (chunk) => trx.insertInto("attempt_steps").values(chunk).execute());

  // Ratings point at step ids, known only now.
  const rated = new Set(plan.reviews.map((r) => attemptIds[r.attempt]!));
  const stepIds = new Map<string, number>();
  await inBatches([...rated], BATCH, async (chunk) => {
    const rows = await trx
      .selectFrom("attempt_steps")
      .select(["id", "attempt_id", "seq"])
      .where("attempt_id", "in", chunk)
      .where("free_text", "is not", null)
      .execute();
    for (const r of rows) stepIds.set(`${r.attempt_id}:${r.seq}`, r.id);
  });
  await inBatches(plan.reviews, BATCH, (chunk) =>
    trx
      .insertInto("written_reply_reviews")
      .values(
        chunk.map((r) => ({
          step_id: stepIds.get(`${attemptIds[r.attempt]}:${r.seq}`)!,
          reviewer_id: trainerId,
          rating: r.rating,
          comment: r.comment,
          at: r.at,
        })),
      )
      .execute(),
  );

  await trx
    .insertInto("engagement_figures")
    .values(
      plan.figures.map((f) => ({
        establishment_id: establishmentId,
        month: f.month,
        eligible: f.eligible,
        not_engaging: f.notEngaging,
        recorded_by: managerId,
        recorded_at: f.recordedAt,
      })),
    )
    .execute();
  await trx
    .insertInto("establishment_targets")
    .values({
      establishment_id: establishmentId,
      target_percent: plan.target.percent,
      target_date: plan.target.date,
      set_by: managerId,
      set_at: plan.target.setAt,
    })
    .execute();
}
