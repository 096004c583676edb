// Delivering one email: through GOV.UK Notify (notifications-node-client) when NOTIFY_API_KEY and
// its templates are set, or through SMTP (nodemailer) when SMTP_URL is set. With neither there is
// no sender: messages are recorded and shown in Engage, not sent.
import nodemailer from "nodemailer";
import { NotifyClient } from "notifications-node-client";
import type { MailConfig } from "~/config.server";
import type { MessageKind } from "~db/schema";

export interface Outgoing {
  to: string;
  name: string;
  kind: MessageKind;
  subject: string;
  /** the full text, with the link back to Engage */
  text: string;
  link: string;
  /** unique per message: Notify's reference, the email's Message-ID */
  reference: string;
}

export interface Sender {
  channel: "notify" | "smtp";
  send(message: Outgoing): Promise<{ ref: string | null }>;
  close(): void;
}

export function createSender(mail: MailConfig | null, host = "engage.invalid"): Sender | null {
  if (!mail) return null;
  if (mail.kind === "notify") {
    const client = mail.baseUrl ? new NotifyClient(mail.baseUrl, mail.apiKey) : new NotifyClient(mail.apiKey);
    return {
      channel: "notify",
      async send(m) {
        // Templates show ((subject)) and ((body)); ((name)) and ((link)) are there for templates
        // that word things their own way.
        const response = await client.sendEmail(mail.templates[m.kind], m.to, {
          personalisation: { name: m.name, subject: m.subject, body: m.text, link: m.link },
          reference: m.reference,
        });
        return { ref: (response.data as { id?: string } | undefined)?.id ?? null };
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(mail.url);
  return {
    channel: "smtp",
    async send(m) {
      const info = await transport.sendMail({
        from: mail.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: `<${m.reference}@${host}>`,
      });
      return { ref: info.messageId ?? null };
    },
    close: () => transport.close(),
  };
}
