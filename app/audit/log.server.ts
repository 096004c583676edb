// The audit log for admins: events in people's words with the raw record beside them, filtered by
// kind, by days and by person, a page at a time or all of them as CSV (the download is itself
// written to the log, in the same transaction that reads it).
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "~db/schema";
import { countAudit, listAudit, type AuditFilter, type AuditRow } from "~db/queries/audit.server";
import { listEstablishments, listUnits } from "~db/queries/establishments.server";
import { listModuleDetails } from "~db/queries/module-details.server";
import { scenarioTitles } from "~db/queries/scenario-versions.server";
import { auditExport } from "~/audit/exports.server";
import { AUDIT_KINDS } from "~/audit/log-filters";
import { roleLabel, ROLE_VALUES } from "~/admin/roles";
import type { CurrentUser } from "~/auth/guard.server";
import { pageAt } from "~/components/pagination";
import { askedPage } from "~/utils/query.server";
import { describeAudit, parseDetails } from "~/domain/audit-words";
import { toCsv } from "~/domain/reporting/csv";
import { getCurriculum } from "~/curriculum/curriculum.server";
import {
  endOfDay,
  formatDate,
  formatDateTime,
  monthLabel,
  MONTH_PATTERN,
  startOfDay,
  type DatePart,
} from "~/domain/dates.server";
import { dateFields, readDateRange, readQuery, withDateFields } from "~/utils/query.server";

const AUDIT_PAGE_SIZE = 50;
/** More than this in one download: narrow the filters (a year of a large prison's sign-ins fits). */
const AUDIT_EXPORT_LIMIT = 100_000;

export interface AuditQuery {
  filter: AuditFilter;
  /** what was typed, to show back in the form and keep in links */
  values: Record<string, string>;
  errors: Record<string, string>;
  /** the fields of each date to highlight */
  wrongDates: { from: DatePart[]; to: DatePart[] };
}

const AuditFilterForm = z.object({
  action: z
    .enum(AUDIT_KINDS.map((k) => k.value) as [string, ...string[]], { error: "Choose a kind of event from the list" })
    .default(""),
  ...dateFields("from"),
  ...dateFields("to"),
  person: z
    .string()
    .default("")
    .transform((v) => v.normalize("NFKC").trim())
    .pipe(z.string().max(100, "A name or username must be 100 characters or fewer")),
});

/**
 * Days are whole London days: from the start of the first to the end of the last, in UK time. They are
 * typed in date inputs (fromDay, fromMonth, fromYear and to...); an older link's `from=2026-03-27` and
 * `to=` still work.
 */
export function parseAuditQuery(params: URLSearchParams): AuditQuery {
  const form = readQuery(AuditFilterForm, withDateFields(params, ["from", "to"]));
  const dates = readDateRange(form.values);
  // Only the filters given, to keep links and the download's address short.
  const values = Object.fromEntries(Object.entries(form.values).filter(([, v]) => v !== ""));
  const errors = { ...form.errors, ...dates.errors };
  if (!form.ok || Object.keys(errors).length) return { filter: {}, values, errors, wrongDates: dates.wrong };
  const f = form.data;
  const { from, to } = dates.days;
  return {
    filter: {
      action: f.action || undefined,
      from: from ? startOfDay(from).toISOString() : undefined,
      to: to ? endOfDay(to).toISOString() : undefined,
      person: f.person || undefined,
    },
    values,
    errors: {},
    wrongDates: dates.wrong,
  };
}

const DAY_PATTERN = /^\d{4}-\d\d-\d\d$/;

/** A detail shown as it was stored: nothing for a missing value, JSON (not "[object Object]") for a list or map. */
function asStored(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/** Turns stored rows into what a person reads, with the raw record kept beside it. */
async function wordsFor(db: Kysely<Database>, rows: AuditRow[]) {
  const [prisons, units, scenarios, curriculum, moduleDetails] = await Promise.all([
    listEstablishments(db),
    listUnits(db),
    scenarioTitles(db),
    getCurriculum(db, { withUnoffered: true }),
    listModuleDetails(db),
  ]);
  const titles = new Map(scenarios.map((s) => [s.scenario_id, s.title]));
  // Modules in use by their titles now; a module removed since, by its last title.
  const moduleTitles = new Map([
    ...moduleDetails.map((d): [string, string] => [d.module_id, d.title]),
    ...curriculum.map((m): [string, string] => [m.id, m.title]),
  ]);
  const prisonNames = new Map(prisons.map((p) => [p.id, p.name]));
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const names = {
    prison: (id: unknown) => (typeof id === "number" ? (prisonNames.get(id) ?? null) : null),
    unit: (id: unknown) => (typeof id === "number" ? (unitNames.get(id) ?? null) : null),
    role: (role: unknown) =>
      ROLE_VALUES.find((r) => r === role) ? roleLabel(role as (typeof ROLE_VALUES)[number]) : asStored(role),
    scenario: (id: unknown) => (typeof id === "string" ? (titles.get(id) ?? null) : null),
    module: (id: unknown) => (typeof id === "string" ? (moduleTitles.get(id) ?? null) : null),
    // As every page shows them; a value that is not a day or month is shown as it was stored.
    day: (v: unknown) => (typeof v === "string" && DAY_PATTERN.test(v) ? formatDate(v) : asStored(v)),
    month: (v: unknown) => (typeof v === "string" && MONTH_PATTERN.test(v) ? monthLabel(v) : asStored(v)),
  };
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    when: formatDateTime(r.at),
    sentence: describeAudit({
      action: r.action,
      actor: r.actor_name,
      subject: r.subject_name,
      prison: r.establishment_name,
      details: parseDetails(r.details),
      names,
    }),
    raw: {
      action: r.action,
      actor: r.actor_name ? `${r.actor_name} (${r.actor_username}, user ${r.actor_user_id})` : null,
      subject: r.subject_name ? `${r.subject_name} (${r.subject_username}, user ${r.subject_user_id})` : null,
      prison: r.establishment_name,
      details: r.details,
      requestId: r.request_id,
    },
  }));
}

export type AuditEvent = Awaited<ReturnType<typeof wordsFor>>[number];

export async function auditPage(db: Kysely<Database>, query: AuditQuery, url: URL) {
  if (Object.keys(query.errors).length) return { events: [], total: 0, page: 1, pages: 1 };
  const total = await countAudit(db, query.filter);
  const { page, pages, offset } = pageAt(askedPage(url.searchParams), total, AUDIT_PAGE_SIZE);
  const rows = await listAudit(db, { ...query.filter, limit: AUDIT_PAGE_SIZE, offset });
  return { events: await wordsFor(db, rows), total, page, pages };
}

export type AuditCsvResult = { ok: true; csv: string; events: number } | { ok: false; message: string };

/** Every matching event as CSV; the download is recorded in the log in the same transaction. */
export async function auditCsv(db: Kysely<Database>, admin: CurrentUser, query: AuditQuery): Promise<AuditCsvResult> {
  if (Object.keys(query.errors).length)
    return {
      ok: false,
      message: `The audit log was not downloaded:\n${Object.values(query.errors)
        .map((e) => `- ${e}`)
        .join("\n")}`,
    };
  return db.transaction().execute(async (trx) => {
    const total = await countAudit(trx, query.filter);
    if (total > AUDIT_EXPORT_LIMIT)
      return {
        ok: false as const,
        message: `${total.toLocaleString("en-GB")} events match: more than ${AUDIT_EXPORT_LIMIT.toLocaleString("en-GB")} can be downloaded at once. Choose fewer days, a kind of event or a person.`,
      };
    const rows = await listAudit(trx, { ...query.filter, limit: AUDIT_EXPORT_LIMIT, offset: 0 });
    await auditExport(trx, admin, "audit_csv", { establishmentId: null, filters: query.values, rows: rows.length });
    const events = await wordsFor(trx, rows);
    const csv = toCsv(
      ["When", "Time (UTC, ISO 8601)", "What happened", "Who", "To whom", "Prison", "Action", "Details", "Request id"],
      events.map((e) => [
        e.when,
        e.at,
        e.sentence,
        e.raw.actor,
        e.raw.subject,
        e.raw.prison,
        e.raw.action,
        e.raw.details,
        e.raw.requestId,
      ]),
    );
    return { ok: true as const, csv, events: rows.length };
  });
}
