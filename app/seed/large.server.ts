// A large, realistic data set for the reports benchmark: prisons of officers on wings, and a
// year of practice and assessment attempts with their steps and some trainer-rated written
// replies. Reproducible: the same seed and end date give the same rows.
import type { Insertable, Kysely } from "kysely";
import type { Database } from "~db/schema";
import { DEFAULT_THRESHOLDS, passesAssessment } from "~/domain/competency";
import { countBehaviours } from "~/domain/indicators";
import type { MiCode } from "~/domain/mi-codes";
import { uuidV5 } from "~/domain/reporting/xapi";
import { mulberry32 } from "~/domain/shuffle";

export interface LargeOptions {
  seed: number;
  prisons: number;
  officersPerPrison: number;
  wingsPerPrison: number;
  months: number;
  end: Date;
  passwordHash: string;
  /** scenarios in module order, with the version each attempt is made on */
  modules: { id: string; scenarios: { id: string; versionId: number }[] }[];
  log?: (line: string) => void;
}

const FIRST = [
  "Sam",
  "Priya",
  "Tom",
  "Jo",
  "Kieran",
  "Dana",
  "Alex",
  "Chris",
  "Morgan",
  "Jamie",
  "Ravi",
  "Aisha",
  "Owen",
  "Megan",
  "Tariq",
  "Lucy",
  "Callum",
  "Zara",
  "Ben",
  "Hannah",
  "Marek",
  "Niamh",
  "Kwame",
  "Ellie",
];
const LAST = [
  "Okafor",
  "Lindqvist",
  "Haverly",
  "Marchetti",
  "Ashdown",
  "Whitfield",
  "Rowan",
  "Pemberton",
  "Ellery",
  "Bannerjee",
  "Kowalski",
  "Doyle",
  "Mensah",
  "Hughes",
  "Farrah",
  "Quinn",
  "Sato",
  "Novak",
  "Ridley",
  "Osei",
  "Turner",
  "Byrne",
  "Chowdhury",
  "Walsh",
];
const PRISONS = [
  "HMP Larkmoor (large)",
  "HMP Fenwick Vale (large)",
  "HMP Stonecross (large)",
  "HMP Ashby Fields (large)",
  "HMP Redwater (large)",
];
const OUTCOMES = ["engaged", "undecided", "disengaged"] as const;
const DAY = 24 * 3600 * 1000;

export async function generateLarge(db: Kysely<Database>, o: LargeOptions) {
  const rand = mulberry32(o.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const start = o.end.getTime() - o.months * 30.4 * DAY;
  const created = new Date(start - 30 * DAY).toISOString();
  let attemptNo = 0;
  const totals = { officers: 0, attempts: 0, steps: 0, reviews: 0 };

  for (let p = 0; p < o.prisons; p++) {
    await db.transaction().execute(async (trx) => {
      const { id: establishmentId } = await trx
        .insertInto("establishments")
        .values({ code: `LG${p + 1}`, name: PRISONS[p % PRISONS.length], created_at: created })
        .returning("id")
        .executeTakeFirstOrThrow();
      const wingIds: number[] = [];
      for (let w = 0; w < o.wingsPerPrison; w++) {
        const row = await trx
          .insertInto("units")
          .values({
            establishment_id: establishmentId,
            name: `${String.fromCharCode(65 + w)} wing`,
            kind: "wing",
            created_at: created,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        wingIds.push(row.id);
      }
      const staff: Pick<Insertable<Database["users"]>, "username" | "display_name" | "role" | "unit_id">[] = [
        {
          username: `manager-lg${p + 1}`,
          display_name: `${pick(FIRST)} ${pick(LAST)}`,
          role: "manager" as const,
          unit_id: null,
        },
        {
          username: `trainer-lg${p + 1}`,
          display_name: `${pick(FIRST)} ${pick(LAST)}`,
          role: "trainer" as const,
          unit_id: null,
        },
      ];
      for (let i = 0; i < o.officersPerPrison; i++) {
        staff.push({
          username: `officer-lg${p + 1}-${i + 1}`,
          display_name: `${pick(FIRST)} ${pick(LAST)}`,
          role: "officer",
          unit_id: wingIds[i % wingIds.length],
        });
      }
      const userIds: { id: number; role: string }[] = [];
      for (let i = 0; i < staff.length; i += 500) {
        const rows = await trx
          .insertInto("users")
          .values(
            staff.slice(i, i + 500).map((s) => ({
              username: s.username,
              username_key: s.username,
              display_name: s.display_name,
              role: s.role,
              establishment_id: establishmentId,
              unit_id: s.unit_id,
              password_hash: o.passwordHash,
              active: true,
              created_at: created,
              updated_at: created,
            })),
          )
          .returning(["id", "role"])
          .execute();
        userIds.push(...rows);
      }
      const trainerId = userIds.find((u) => u.role === "trainer")!.id;
      const managerId = userIds.find((u) => u.role === "manager")!.id;
      // A target a year and a half out, and monthly programme engagement figures starting near the
      // strategy article's 252 of 575 men refusing or not engaging.
      const endYear = o.end.getUTCFullYear();
      await trx
        .insertInto("establishment_targets")
        .values({
          establishment_id: establishmentId,
          target_percent: 60,
          target_date: `${endYear + 1}-06-30`,
          set_by: managerId,
          set_at: created,
        })
        .execute();
      const figures = [];
      for (let m = o.months - 1; m >= 0; m--) {
        const month = new Date(Date.UTC(endYear, o.end.getUTCMonth() - m, 1)).toISOString().slice(0, 7);
        const eligible = 560 + Math.floor(rand() * 30);
        const notEngaging = Math.round(
          eligible * (0.44 - (0.08 * (o.months - 1 - m)) / o.months + (rand() - 0.5) * 0.03),
        );
        figures.push({
          establishment_id: establishmentId,
          month,
          eligible,
          not_engaging: notEngaging,
          recorded_by: managerId,
          recorded_at: created,
        });
      }
      await trx.insertInto("engagement_figures").values(figures).execute();

      const attempts: Insertable<Database["attempts"]>[] = [];
      const steps: Insertable<Database["attempt_steps"]>[] = [];
      const writtenSteps: { attemptId: string; seq: number; rating: number; at: string }[] = [];
      for (const officer of userIds.filter((u) => u.role === "officer")) {
        totals.officers++;
        if (rand() < 0.12) continue; // never started
        const skill = rand(); // how well this officer's reflections come
        const pace = 0.3 + rand() * 4; // days between sessions
        let t = start + rand() * (o.end.getTime() - start) * 0.9;
        for (const module of o.modules) {
          if (t > o.end.getTime() || rand() < 0.08) break; // stopped for now
          for (const scenario of module.scenarios) {
            const practices = Math.floor(rand() * 2);
            const plan: ("practice" | "assessment")[] = [
              ...Array.from({ length: practices }, () => "practice" as const),
              "assessment",
              "assessment",
              "assessment",
            ];
            for (const mode of plan) {
              if (t > o.end.getTime()) break;
              const id = uuidV5(`large:${o.seed}:${attemptNo++}`);
              const stepCount = 5 + Math.floor(rand() * 5);
              const startedAt = new Date(t);
              const codes: MiCode[] = [];
              for (let s = 1; s <= stepCount; s++) {
                const write = rand() < 0.04;
                const code = write ? null : chooseCode(rand, skill);
                if (code) codes.push(code);
                const at = new Date(t + s * (20_000 + rand() * 40_000)).toISOString();
                steps.push({
                  attempt_id: id,
                  seq: s,
                  node_id: `n${s}`,
                  choice_id: write ? null : `c${s}`,
                  mi_code: code,
                  reply_node_id: `n${s + 1}`,
                  reply_talk: pick(["change", "sustain", "neutral", "discord"]),
                  free_text: write ? "It sounds like you want to be there for your kids." : null,
                  at,
                });
                if (write && rand() < 0.6)
                  writtenSteps.push({
                    attemptId: id,
                    seq: s,
                    rating: Math.max(1, Math.min(5, Math.round(1 + skill * 4 + (rand() - 0.5) * 1.5))),
                    at,
                  });
              }
              const abandoned = rand() < 0.05;
              const finishedAt = new Date(t + stepCount * 45_000);
              const inProgress = finishedAt.getTime() > o.end.getTime();
              const status = inProgress ? "in_progress" : abandoned ? "abandoned" : "finished";
              const c = countBehaviours(codes);
              const outcome =
                status === "finished"
                  ? skill > 0.3
                    ? pick(["engaged", "engaged", "undecided"] as const)
                    : pick(OUTCOMES)
                  : null;
              attempts.push({
                id,
                officer_id: officer.id,
                establishment_id: establishmentId,
                scenario_version_id: scenario.versionId,
                scenario_id: scenario.id,
                module_id: module.id,
                mode,
                status,
                snapshot: "{}",
                shuffle_seed: Math.floor(rand() * 2 ** 31),
                row_version: stepCount,
                step_count: stepCount,
                started_at: startedAt.toISOString(),
                updated_at: finishedAt.toISOString(),
                finished_at: status === "finished" ? finishedAt.toISOString() : null,
                ending_node: status === "finished" ? "end" : null,
                outcome,
                open_questions: c.openQuestions,
                closed_questions: c.closedQuestions,
                simple_reflections: c.simpleReflections,
                complex_reflections: c.complexReflections,
                mi_adherent: c.miAdherent,
                mi_non_adherent: c.miNonAdherent,
              });
              // A passed assessment ends the scenario; a failed one is tried again later.
              t += (0.2 + rand()) * pace * DAY;
              const record = {
                scenarioId: scenario.id,
                mode,
                status,
                startedAt: startedAt.toISOString(),
                finishedAt: finishedAt.toISOString(),
                outcome,
                counts: c,
              } as const;
              if (passesAssessment(record, DEFAULT_THRESHOLDS)) break;
            }
          }
        }
      }
      for (let i = 0; i < attempts.length; i += 400)
        await trx
          .insertInto("attempts")
          .values(attempts.slice(i, i + 400))
          .execute();
      for (let i = 0; i < steps.length; i += 1000)
        await trx
          .insertInto("attempt_steps")
          .values(steps.slice(i, i + 1000))
          .execute();
      totals.attempts += attempts.length;
      totals.steps += steps.length;
      // Reviews point at step ids, known only once the steps are stored.
      for (let i = 0; i < writtenSteps.length; i += 300) {
        const chunk = writtenSteps.slice(i, i + 300);
        const ids = await trx
          .selectFrom("attempt_steps")
          .select(["id", "attempt_id", "seq"])
          .where(
            "attempt_id",
            "in",
            chunk.map((w) => w.attemptId),
          )
          .where("free_text", "is not", null)
          .execute();
        const byKey = new Map(ids.map((r) => [`${r.attempt_id}:${r.seq}`, r.id]));
        const values = chunk.map((w) => ({
          step_id: byKey.get(`${w.attemptId}:${w.seq}`)!,
          reviewer_id: trainerId,
          rating: w.rating,
          comment: null,
          at: w.at,
        }));
        await trx
          .insertInto("written_reply_reviews")
          .values(values)
          .onConflict((oc) => oc.column("step_id").doNothing())
          .execute();
        totals.reviews += values.length;
      }
      o.log?.(
        `  ${PRISONS[p % PRISONS.length]}: ${o.officersPerPrison} officers, ${attempts.length} attempts, ${steps.length} steps`,
      );
    });
  }
  return totals;
}

/** A plausible choice: skilled officers reflect more, and more often with complex reflections. */
function chooseCode(rand: () => number, skill: number): MiCode {
  const r = rand();
  if (r < (1 - skill) ** 2 * 0.12) return rand() < 0.5 ? "confront" : "persuade";
  if (r < 0.14) return rand() < 0.5 ? "affirm" : "emphasizing_autonomy";
  if (r < 0.14 + 0.3 + skill * 0.3) return rand() < 0.3 + skill * 0.5 ? "complex_reflection" : "simple_reflection";
  return rand() < 0.3 + skill * 0.5 ? "open_question" : "closed_question";
}
