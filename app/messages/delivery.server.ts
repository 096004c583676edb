// Sending the messages waiting in the database. Each is claimed first (only one instance can
// claim it), then sent, then marked sent; a failure is marked and tried again on a later run, so
// a retry never sends a message that went. Without a sender, or an address, a message is marked
// "not sent" and stays visible in Engage.
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Database } from "~db/schema";
import { claimMessage, finishMessage, getMessageToSend, listDeliverable } from "~db/queries/messages.server";
import type { Sender } from "~/messages/sender.server";
import { sentText } from "~/domain/reminders";

export interface DeliveryCount {
  sent: number;
  failed: number;
  notSent: number;
}

export async function deliverPending(
  db: Kysely<Database>,
  sender: Sender | null,
  { baseUrl, log, limit = 500 }: { baseUrl: string; log?: Logger; limit?: number },
): Promise<DeliveryCount> {
  const count: DeliveryCount = { sent: 0, failed: 0, notSent: 0 };
  for (const { id } of await listDeliverable(db, limit)) {
    if (!(await claimMessage(db, id))) continue; // another instance has it
    const m = await getMessageToSend(db, id);
    if (!sender || !m.email || !m.active) {
      const error = !sender
        ? "no email service is set up"
        : !m.active
          ? "the account is deactivated"
          : "no email address";
      await finishMessage(db, id, { status: "not_sent", error });
      count.notSent++;
      continue;
    }
    const link = `${baseUrl}${m.link}`;
    try {
      const { ref } = await sender.send({
        to: m.email,
        name: m.display_name,
        kind: m.kind,
        subject: m.subject,
        text: sentText(m.body, link),
        link,
        reference: `engage-message-${m.id}`,
      });
      await finishMessage(db, id, { status: "sent", channel: sender.channel, email: m.email, ref });
      count.sent++;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      await finishMessage(db, id, { status: "failed", channel: sender.channel, email: m.email, error: text });
      log?.warn({ messageId: id, err: error }, "a message could not be sent; it will be tried again");
      count.failed++;
    }
  }
  return count;
}
