// Sending statements to a Learning Record Store (xAPI 1.0.3 POST /statements), in batches with
// retries. A statement is sent once: xapi_deliveries remembers each id the LRS accepted, and ids
// are stable, so a batch retried after a lost reply is stored once by the LRS as well.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { deliveredStatementIds, recordDeliveries } from "~db/queries/reports.server";
import type { StatementOfAttempt } from "~/reports/exports.server";
import pRetry, { AbortError } from "p-retry";

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

/**
 * Sends the statements not sent before, page by page as they are read (each page in batches of
 * `batchSize`), and stops at the first batch the LRS will not take.
 */
export async function deliverStatements(
  db: Kysely<Database>,
  pages: AsyncIterable<StatementOfAttempt[]>,
  config: LrsConfig,
): Promise<DeliveryResult> {
  const { batchSize = 50, retries = 3, backoffMs = 500, timeoutMs = 15_000 } = config;
  const doFetch = config.fetch ?? fetch;
  const url = `${config.endpoint.replace(/\/+$/, "")}/statements`;
  const headers: Record<string, string> = { "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3" };
  if (config.username || config.password)
    headers.Authorization = `Basic ${Buffer.from(`${config.username ?? ""}:${config.password ?? ""}`).toString("base64")}`;
  let sent = 0;
  let alreadySent = 0;
  for await (const items of pages) {
    const done = await deliveredStatementIds(
      db,
      items.map((i) => i.id),
    );
    alreadySent += done.size;
    const pending = items.filter((i) => !done.has(i.id));
    for (let b = 0; b < pending.length; b += batchSize) {
      const batch = pending.slice(b, b + batchSize);
      const error = await send(batch);
      if (error) return { sent, alreadySent, failed: await unsent(pending.length - b), error };
      await recordDeliveries(
        db,
        batch.map((i) => ({ statementId: i.id, attemptId: i.attemptId })),
      );
      sent += batch.length;
    }
  }
  return { sent, alreadySent, failed: 0, error: null };

  /** The error that stopped a batch after its retries (doubling waits, p-retry), or null once the LRS took it. */
  async function send(batch: StatementOfAttempt[]): Promise<string | null> {
    try {
      await pRetry(() => post(batch), { retries, minTimeout: backoffMs, factor: 2, randomize: false });
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }

  async function post(batch: StatementOfAttempt[]): Promise<void> {
    let res: Response;
    try {
      res = await doFetch(url, {
        method: "POST",
        headers,
        body: `[${batch.map((i) => i.json).join(",")}]`,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new Error(`The LRS could not be reached (${e instanceof Error ? e.message : String(e)})`);
    }
    await res.text().catch(() => "");
    if (res.ok) return;
    const error = new Error(`The LRS answered ${res.status}`);
    // A client error will not change on a retry (bad credentials, a refused statement).
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new AbortError(error);
    throw error;
  }

  /** The statements left unsent when delivery stopped: the rest of this page and the pages after it, not yet sent. */
  async function unsent(restOfPage: number): Promise<number> {
    let n = restOfPage;
    for await (const items of pages) {
      const done = await deliveredStatementIds(
        db,
        items.map((i) => i.id),
      );
      alreadySent += done.size;
      n += items.length - done.size;
    }
    return n;
  }
}
