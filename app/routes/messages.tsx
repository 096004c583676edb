import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listMessagesOfUser } from "~db/queries/messages.server";
import { requireUser } from "~/auth/guard.server";
import { SummaryCard, Tag } from "~/components/page";
import { formatDateTime } from "~/domain/dates.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Your messages");

const STATUS = {
  pending: { text: "Waiting to be sent", colour: "grey" },
  sending: { text: "Being sent", colour: "grey" },
  sent: { text: "Sent by email", colour: "green" },
  failed: { text: "Not sent yet: will try again", colour: "yellow" },
  not_sent: { text: "Not emailed: shown here only", colour: "grey" },
} as const;

// What Engage has sent (or recorded) for the person signed in: reminders, summaries, notices.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "readMessages" });
  const messages = await listMessagesOfUser(context.db, user.id);
  return {
    messages: messages.map((m) => ({
      id: m.id,
      subject: m.subject,
      body: m.body,
      link: m.link,
      at: formatDateTime(m.sent_at ?? m.created_at),
      // With no email service a waiting message will only ever be shown here: say so now, not at the next run.
      status: STATUS[m.status === "pending" && !context.config.mail ? "not_sent" : m.status],
    })),
  };
}

export default function Messages() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">Your messages</h1>
      <p className="govuk-body">Reminders and notices Engage has sent you, newest first.</p>
      {messages.length === 0 ? <p className="govuk-body">Engage has not sent you any messages.</p> : null}
      {messages.map((m) => (
        <SummaryCard key={m.id} title={m.subject}>
          <p className="govuk-body-s">
            {m.at} <Tag colour={m.status.colour}>{m.status.text}</Tag>
          </p>
          <p className="govuk-body app-preserve-lines">
            {m.body}{" "}
            <a className="govuk-link" href={m.link}>
              {m.link === "/" ? "Your training" : "Open it in Engage"}
            </a>
          </p>
        </SummaryCard>
      ))}
    </>
  );
}
