import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { idParam } from "~/utils/query.server";
import { ErrorSummary } from "~/components/error-summary";
import { Radios, Textarea } from "~/components/fields";
import { HRQ_LEVELS, ratingInWords } from "~/studio/hrq";
import { changeRating, nextUnrated, rateReply, openReplyToRate } from "~/studio/reviews.server";
import { fieldError } from "~/utils/field-errors";
import { title } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";
import { readChangeRatingForm, readRateForm } from "~/studio/forms.server";
import { SummaryList } from "~/components/page";
import { Cell, Row, Table } from "~/components/table";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  title(
    data
      ? `${data.reply.review ? "Change the rating of" : "Rate"} ${data.reply.officer}'s written reply in ${data.reply.scenarioTitle}`
      : "Rate a written reply",
  );

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "rateReplies" });
  const reply = await openReplyToRate(context.db, user, idParam(params.stepId));
  if (!reply) notFound();
  return { reply };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "rateReplies" });
  const stepId = idParam(params.stepId);
  const formData = await readFormData(request);
  // A rated reply's form carries the version of the rating it shows: it changes that rating.
  if (formData.has("version")) return changeAction(request, context, user, stepId, formData);
  const form = readRateForm(formData);
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

async function changeAction(
  request: Request,
  context: ActionFunctionArgs["context"],
  user: Awaited<ReturnType<typeof requireUser>>,
  stepId: number,
  formData: FormData,
) {
  const form = readChangeRatingForm(formData);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const { rating, comment, version } = form.data;
  const result = await changeRating(context.db, user, stepId, { rating, comment: comment || null, version });
  switch (result.kind) {
    case "not-found":
      return notFound();
    // The page is shown again with the rating saved now, not the refused values.
    case "stale":
      return data({ errors: fieldError("form", result.message), values: {} }, { status: 409 });
    case "unchanged":
      return context.sessions.redirectWithNotice(request, `/studio/reviews/${stepId}`, "The rating was not changed.");
    case "changed":
      return context.sessions.redirectWithNotice(
        request,
        `/studio/reviews/${stepId}`,
        "Rating changed. The officer has been told their rating was changed.",
      );
  }
}

export default function RateReply() {
  const { reply } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const review = reply.review;
  const values: Record<string, string | undefined> = result?.values ?? {};
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {review ? (
          <a href="/studio/reviews?list=rated" className="govuk-back-link">
            Back to rated replies
          </a>
        ) : (
          <a href="/studio/reviews" className="govuk-back-link">
            Back to the review queue
          </a>
        )}
        <ErrorSummary errors={result?.errors} />
        <span className="govuk-caption-l app-wrap">{reply.scenarioTitle}</span>
        <h1 className="govuk-heading-l">{review ? "A rated written reply" : "Rate a written reply"}</h1>
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
        <h2 className="govuk-heading-s">What the scenario says a good reply does</h2>
        {reply.guidance ? (
          <p className="govuk-body app-wrap app-preserve-lines" data-testid="guidance">
            {reply.guidance}
          </p>
        ) : (
          <p className="govuk-body" data-testid="guidance">
            The scenario does not say for this reply. Rate it on the scale alone.
          </p>
        )}
        {review ? (
          <>
            <h2 className="govuk-heading-m">The rating now</h2>
            <SummaryList
              rows={[
                { key: "Rating", value: ratingInWords(review.rating) },
                { key: "Rated by", value: review.by ?? "A former trainer" },
                { key: "When", value: review.on },
                { key: "Comment", value: review.comment ?? "None" },
              ]}
            />
            {/* Shown once the rating has been changed: the reply itself keeps only the latest. */}
            {reply.ratings.some((r) => r.from !== null) ? (
              <Table caption="Every rating of this reply" captionSize="s" head={["When", "Who", "What they did"]}>
                {reply.ratings.map((r, i) => (
                  <Row key={i}>
                    <Cell>{r.on}</Cell>
                    <Cell>{r.by}</Cell>
                    <Cell>
                      {r.from === null
                        ? `Rated it ${ratingInWords(r.rating)}`
                        : `Changed it from ${r.from} to ${ratingInWords(r.rating)}`}
                    </Cell>
                  </Row>
                ))}
              </Table>
            ) : null}
          </>
        ) : null}
        {/* Keyed by reply and rating version: after a save the next reply's page, or this reply's changed
            rating, reuses this component, and its fields must start from what is saved, not the last values. */}
        <Form method="post" noValidate key={`${reply.id}-${review?.version ?? 0}`}>
          {review ? <input type="hidden" name="version" value={review.version} /> : null}
          <Radios
            name="rating"
            legend={review ? "Change the rating" : "How well does the reply reflect what he said?"}
            legendClassName="govuk-fieldset__legend--m"
            hint={
              review
                ? "How well does the reply reflect what he said? The Helpful Responses Questionnaire scale. The officer is told when a rating changes."
                : "The Helpful Responses Questionnaire scale."
            }
            error={result?.errors.rating}
            defaultValue={values.rating ?? (review ? String(review.rating) : undefined)}
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
            defaultValue={values.comment ?? review?.comment ?? undefined}
            error={result?.errors.comment}
          />
          <button type="submit" className="govuk-button">
            {review ? "Change the rating" : "Save rating"}
          </button>
        </Form>
      </div>
    </div>
  );
}
