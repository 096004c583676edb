import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { endOwnSessions, listOwnSessions } from "~/auth/own-sessions.server";
import { SESSION_LIMITS } from "~/auth/session.server";
import { ErrorSummary } from "~/components/error-summary";
import { SummaryCard, SummaryList, Tag } from "~/components/page";
import { formatDateTime } from "~/domain/dates.server";
import { readFormData } from "~/utils/form-data.server";
import { readEndSessionsForm } from "~/auth/account-forms.server";
import { fieldError } from "~/utils/field-errors";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Where you are signed in");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const current = (await context.sessions.getSession(request)).id;
  const sessions = await listOwnSessions(context.db, user, current);
  // Dates become words on the server (domain/dates.server.ts), in UK time; the limits are the
  // session module's, which never reaches the browser.
  return {
    ...SESSION_LIMITS,
    sessions: sessions.map((s) => ({
      ...s,
      signedInAt: formatDateTime(s.signedInAt),
      lastSeenAt: formatDateTime(s.lastSeenAt),
      endsBy: formatDateTime(s.endsBy),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = readEndSessionsForm(await readFormData(request));
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const current = (await context.sessions.getSession(request)).id;
  const which = form.data.intent === "end-others" ? "others" : { handle: form.data.handle };
  const ended = await endOwnSessions(context.db, user, current, which);
  if (ended === 0 && which !== "others")
    return data(
      {
        errors: fieldError("form", "That session has already ended. The list shows where you are still signed in."),
      },
      { status: 409 },
    );
  return context.sessions.redirectWithNotice(
    request,
    "/account/sessions",
    ended === 0
      ? "You are not signed in anywhere else."
      : `Signed out of ${ended === 1 ? "1 other session" : `${ended} other sessions`}.`,
  );
}

export default function Sessions() {
  const { sessions, idleHours, absoluteDays } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={result?.errors} />
        <h1 className="govuk-heading-l">Where you are signed in</h1>
        <p className="govuk-body">
          You are signed out after {idleHours} hours without using Engage, and {absoluteDays} days after you signed in,
          whatever you are doing. If you do not recognise a session, sign it out and change your password.
        </p>
        {sessions.map((s) => (
          <SummaryCard
            key={s.handle}
            title={
              <>
                {s.browser} {s.current ? <Tag colour="green">This session</Tag> : null}
              </>
            }
            actions={
              s.current
                ? []
                : [
                    <Form key="end" method="post">
                      <input type="hidden" name="intent" value="end-one" />
                      <input type="hidden" name="handle" value={s.handle} />
                      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                        Sign out
                        <span className="govuk-visually-hidden">
                          {" "}
                          of {s.browser}, signed in {s.signedInAt}
                        </span>
                      </button>
                    </Form>,
                  ]
            }
          >
            <SummaryList
              rows={[
                { key: "Signed in", value: s.signedInAt },
                { key: "Last used", value: s.lastSeenAt },
                { key: "Ends by", value: s.endsBy },
              ]}
            />
          </SummaryCard>
        ))}
        {others > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="end-others" />
            <button type="submit" className="govuk-button govuk-button--warning">
              Sign out of all other sessions
            </button>
          </Form>
        ) : (
          <p className="govuk-body">You are not signed in anywhere else.</p>
        )}
      </div>
    </div>
  );
}
