// Every time personal data leaves Engage in bulk, or a trainer opens an officer's own words, the
// audit log says who, what, with which filters and how many rows: the same shape for every kind,
// so the audit page can filter them together ("export.").
import type { Kysely, Transaction } from "kysely";
import type { Database } from "~db/schema";
import { recordAudit } from "~db/queries/audit.server";
import type { CurrentUser } from "~/auth/guard.server";

export type ExportKind =
  | "matrix_csv"
  | "attempts_csv"
  | "statements_json"
  | "lrs_delivery"
  | "own_record_csv"
  | "own_record_json"
  | "observations_csv"
  | "own_observations_csv"
  | "scenario_yaml"
  | "audit_csv";

export interface ExportAudit {
  /** the prison the rows belong to (null for the studio's scenarios) */
  establishmentId: number | null;
  /** the filters as asked for; empty values are left out */
  filters?: Record<string, string>;
  rows: number;
  /** whose data it is, when it is one person's */
  subjectUserId?: number;
  /** anything else worth knowing (a scenario id, delivery counts) */
  more?: Record<string, unknown>;
}

export function auditExport(
  db: Kysely<Database> | Transaction<Database>,
  actor: CurrentUser,
  kind: ExportKind,
  e: ExportAudit,
) {
  const filters = Object.fromEntries(Object.entries(e.filters ?? {}).filter(([, v]) => v !== ""));
  return recordAudit(db, {
    actorUserId: actor.id,
    action: `export.${kind}`,
    subjectUserId: e.subjectUserId ?? null,
    establishmentId: e.establishmentId,
    details: { filters, rows: e.rows, ...e.more },
  });
}
