// The officer's practice forms: starting a scenario and taking a step. Kept out of the route
// modules so zod stays on the server: the browser's copy of a page needs none of it.
import { z } from "zod";
import { keepableReply, type KeptReply } from "~/auth/session.server";
import { stepKeyOf } from "~/components/kept-reply";
import { MAX_REPLY_CHARS, type StepInput } from "~/practice/attempts.server";
import { longText, parseForm, type FormResult, pageVersion } from "~/utils/forms";

const StepForm = z.object({
  nodeId: z.string().max(200),
  rowVersion: pageVersion(),
  choice: z.string().max(200).optional(),
  reply: longText("your reply", { max: MAX_REPLY_CHARS }).optional(),
});

/**
 * A step: what the officer chose to say or, on a write node (its form has a reply box), their own
 * words; one of them is required. A missing hidden field is reported like any other, so the page
 * can tell a forged or broken request from an unanswered one.
 */
export function readStepForm(formData: FormData): FormResult<StepInput> {
  const form = parseForm(StepForm, formData);
  if (!form.ok) return form;
  const { nodeId, rowVersion, choice, reply } = form.data;
  const { values } = form;
  if (formData.has("reply"))
    return reply
      ? { ok: true, data: { nodeId, rowVersion, text: reply }, values }
      : { ok: false, errors: { reply: "Enter your reply" }, values };
  return choice
    ? { ok: true, data: { nodeId, rowVersion, choiceId: choice }, values }
    : { ok: false, errors: { choice: "Select what you say" }, values };
}

/** What a step sent after the session ended keeps for after signing in again: the reply, if one was written. */
export function keptReplyOf(attempt: string, formData: FormData): KeptReply | null {
  const [nodeId, rowVersion, reply] = ["nodeId", "rowVersion", "reply"].map((name) => formData.get(name));
  if (typeof nodeId !== "string" || typeof rowVersion !== "string" || typeof reply !== "string" || !reply.trim())
    return null;
  return keepableReply({ attempt, step: stepKeyOf(nodeId, rowVersion), text: reply });
}

const StartForm = z.object({ mode: z.enum(["practice", "assessment"], { error: "Choose practice or assessment" }) });

export const readStartForm = (formData: FormData) => parseForm(StartForm, formData);
