// Sending statements to a Learning Record Store (xAPI 1.0.3 POST /statements), in batches with
// retries. A statement is sent once: xapi_deliveries remembers each id the LRS accepted, and ids
// are stable, so a batch retried after a lost reply is stored once by the LRS as well.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { deliveredStatementIds, recordDeliveries } from "~db/queries/reports.server";
import type { StatementWithAttempt } from "~/reports/exports.server";

export interface LrsConfig {
  endpoint: string;
  username?: string;
  password?: string;
  batchSize?: number;
  retries?: number;
  /** first wait between tries in ms; doubles each time */
  backoffMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface DeliveryResult {
  sent: number;
  alreadySent: number;
  failed: number;
  error: string | null;
}

export async function deliverStatements(
  db: Kysely<Database>,
  items: StatementWithAttempt[],
  config: LrsConfig,
): Promise<DeliveryResult> {
  const { batchSize = 50, retries = 3, backoffMs = 500, timeoutMs = 15_000 } = config;
  const doFetch = config.fetch ?? fetch;
  const done = await deliveredStatementIds(
    db,
    items.map((i) => i.statement.id),
  );
  const pending = items.filter((i) => !done.has(i.statement.id));
  const url = `${config.endpoint.replace(/\/+$/, "")}/statements`;
  const headers: Record<string, string> = { "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3" };
  if (config.username || config.password)
    headers.Authorization = `Basic ${Buffer.from(`${config.username ?? ""}:${config.password ?? ""}`).toString("base64")}`;
  let sent = 0;
  for (let b = 0; b < pending.length; b += batchSize) {
    const batch = pending.slice(b, b + batchSize);
    let lastError = "";
    let ok = false;
    for (let attempt = 0; attempt <= retries && !ok; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, backoffMs * 2 ** (attempt - 1)));
      try {
        const res = await doFetch(url, {
          method: "POST",
          headers,
          body: JSON.stringify(batch.map((i) => i.statement)),
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.text().catch(() => "");
        if (res.ok) ok = true;
        else {
          lastError = `The LRS answered ${res.status}`;
          // A client error will not change on a retry (bad credentials, a refused statement).
          if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) break;
        }
      } catch (e) {
        lastError = `The LRS could not be reached (${e instanceof Error ? e.message : String(e)})`;
      }
    }
    if (!ok) return { sent, alreadySent: done.size, failed: pending.length - b, error: lastError };
    await recordDeliveries(
      db,
      batch.map((i) => ({ statementId: i.statement.id, attemptId: i.attemptId })),
    );
    sent += batch.length;
  }
  return { sent, alreadySent: done.size, failed: 0, error: null };
}
