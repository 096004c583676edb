import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { idParam } from "~/utils/query.server";
import { ErrorSummary } from "~/components/error-summary";
import { Radios, Textarea } from "~/components/fields";
import { HRQ_LEVELS, ratingInWords } from "~/studio/hrq";
import { nextUnrated, rateReply, openReplyToRate } from "~/studio/reviews.server";
import { fieldError } from "~/utils/field-errors";
import { title } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";
import { readRateForm } from "~/studio/forms.server";
import { SummaryList } from "~/components/page";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(data ? `Rate ${data.reply.officer}'s written reply in ${data.reply.scenarioTitle}` : "Rate a written reply");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "rateReplies" });
  const reply = await openReplyToRate(context.db, user, idParam(params.stepId));
  if (!reply) notFound();
  return { reply };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "rateReplies" });
  const stepId = idParam(params.stepId);
  const form = readRateForm(await readFormData(request));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await rateReply(context.db, user, stepId, form.data.rating, form.data.comment || null);
  if (!result.ok && result.notFound) notFound();
  if (!result.ok) return data({ errors: fieldError("form", result.message), values: form.values }, { status: 409 });
  const next = await nextUnrated(context.db, user);
  return context.sessions.redirectWithNotice(
    request,
    next ? `/studio/reviews/${next}` : "/studio/reviews",
    "Rating saved. The officer can see it in their record.",
  );
}

export default function RateReply() {
  const { reply } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href="/studio/reviews" className="govuk-back-link">
          Back to the review queue
        </a>
        <ErrorSummary errors={result?.errors} />
        <span className="govuk-caption-l app-wrap">{reply.scenarioTitle}</span>
        <h1 className="govuk-heading-l">Rate a written reply</h1>
        {reply.prisoner ? (
          <p className="govuk-body app-wrap">
            <strong>He said:</strong> “{reply.prisoner}”
          </p>
        ) : null}
        {reply.prompt ? <p className="govuk-body app-wrap">Prompt: {reply.prompt}</p> : null}
        <div className="govuk-inset-text app-wrap">
          <p className="govuk-body">
            <strong>{reply.officer} wrote</strong> ({reply.mode === "assessment" ? "assessment" : "practice"}):
          </p>
          <p className="govuk-body app-preserve-lines">{reply.text}</p>
        </div>
        {reply.review ? (
          <>
            <p className="govuk-body">
              This reply has already been rated{reply.review.by ? ` by ${reply.review.by}` : ""} on {reply.review.on}:
            </p>
            <SummaryList
              rows={[
                { key: "Rating", value: ratingInWords(reply.review.rating) },
                { key: "Comment", value: reply.review.comment ?? "None" },
              ]}
            />
          </>
        ) : (
          // Keyed by reply: after "Save rating" the next reply's page reuses this component, and its
          // fields must start empty, not keep the last officer's rating and comment.
          <Form method="post" noValidate key={reply.id}>
            <Radios
              name="rating"
              legend="How well does the reply reflect what he said?"
              legendClassName="govuk-fieldset__legend--m"
              hint="The Helpful Responses Questionnaire scale."
              error={result?.errors.rating}
              defaultValue={result?.values.rating}
              options={HRQ_LEVELS.map((l) => ({
                value: String(l.rating),
                label: `${l.rating} – ${l.label}`,
                hint: l.description,
              }))}
            />
            <Textarea
              name="comment"
              label="Comment for the officer (optional)"
              labelClassName="govuk-label--s"
              rows={3}
              defaultValue={result?.values.comment}
              error={result?.errors.comment}
            />
            <button type="submit" className="govuk-button">
              Save rating
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}
