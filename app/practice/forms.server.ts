// The officer's practice forms: starting a scenario and taking a step. Kept out of the route
// modules so zod stays on the server: the browser's copy of a page needs none of it.
import { z } from "zod";
import { MAX_REPLY_CHARS } from "~/practice/attempts.server";
import { longText, parseForm, wholeNumber } from "~/utils/forms";

const StepForm = z.object({
  nodeId: z.string().max(200),
  rowVersion: wholeNumber("the page version"),
  choice: z.string().max(200).optional(),
  reply: longText("your reply", { max: MAX_REPLY_CHARS }).optional(),
});

export const readStepForm = (formData: FormData) => parseForm(StepForm, formData);

const StartForm = z.object({ mode: z.enum(["practice", "assessment"], { error: "Choose practice or assessment" }) });

export const readStartForm = (formData: FormData) => parseForm(StartForm, formData);
