// Sending statements to a Learning Record Store (xAPI 1.0.3 POST /statements), in batches with
// retries. A statement is sent once: xapi_deliveries remembers each id the LRS accepted, and ids
// are stable, so a batch retried after a lost reply is stored once by the LRS as well.
import { STATUS_CODES } from "node:http";
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
  error: DeliveryError | null;
}

export interface DeliveryError {
  /** what went wrong in plain words, the technical term in brackets, then whether Engage tried again */
  message: string;
  /** what went wrong in plain words alone ("Engage could not reach the learning record store"), for the audit log */
  plain: string;
  /** the learning record store's HTTP status, kept for administrators; null when it could not be reached */
  status: number | null;
}

/** Why a batch was not taken: `plain` for the manager, `technical` (in brackets after it) for whoever looks into it. */
class NotTaken extends Error {
  constructor(
    readonly plain: string,
    technical: string,
    readonly status: number | null = null,
  ) {
    super(technical);
  }
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

  /** What stopped a batch after its retries (doubling waits, p-retry), or null once the LRS took it. */
  async function send(batch: StatementOfAttempt[]): Promise<DeliveryError | null> {
    let tries = 0;
    try {
      await pRetry(
        () => {
          tries++;
          return post(batch);
        },
        { retries, minTimeout: backoffMs, factor: 2, randomize: false },
      );
      return null;
    } catch (e) {
      const why = e instanceof NotTaken ? e : new NotTaken("Sending the statements failed", String(e));
      // Said only as it happened: Engage tries again within this one sending, never later by itself.
      const after =
        tries > 1
          ? `Engage tried ${tries - 1} more time${tries === 2 ? "" : "s"}, then stopped.`
          : retries > 0
            ? "Engage did not try again: the same statements would get the same answer."
            : "Engage did not try again.";
      return { message: `${why.plain} (${why.message}). ${after}`, plain: why.plain, status: why.status };
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
      throw new NotTaken(
        "Engage could not reach the learning record store",
        e instanceof Error ? e.message : String(e),
      );
    }
    await res.text().catch(() => "");
    if (res.ok) return;
    const name = STATUS_CODES[res.status];
    const error = new NotTaken(
      "The learning record store did not accept the statements",
      `it answered ${res.status}${name ? `, ${name.toLowerCase()}` : ""}`,
      res.status,
    );
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
