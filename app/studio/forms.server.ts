// The trainers' studio forms that need no editor: publish, roll back, retire or return, delete a draft
// never published, and rate a written reply or change its rating. Kept out of the route modules so zod
// stays on the server: the browser's copy of a page needs none of it.
import { z } from "zod";
import { longText, parseForm, pageVersion } from "~/utils/forms";

const PublishForm = z.object({
  revision: pageVersion(),
  changeNote: longText("a change note", { min: 1, max: 500 }),
});

export const readPublishForm = (formData: FormData) => parseForm(PublishForm, formData);

const RollbackForm = z.object({
  currentVersionId: pageVersion(),
  changeNote: longText("why you are rolling back", { min: 1, max: 400 }),
});

export const readRollbackForm = (formData: FormData) => parseForm(RollbackForm, formData);

// The confirmation carries the draft revision it showed: a draft saved since is not deleted.
const DeleteDraftForm = z.object({ revision: pageVersion() });

export const readDeleteDraftForm = (formData: FormData) => parseForm(DeleteDraftForm, formData);

const ModuleForm = z.object({ intent: z.enum(["retire", "return"], { error: "Choose retire or return" }) });

export const readModuleForm = (formData: FormData) => parseForm(ModuleForm, formData);

const RateForm = z.object({
  rating: z.enum(["1", "2", "3", "4", "5"], { error: "Choose a rating from 1 to 5" }).transform(Number),
  comment: longText("a comment", { max: 1000 }),
});

export const readRateForm = (formData: FormData) => parseForm(RateForm, formData);

// A change carries the version of the rating it was made from.
const ChangeRatingForm = RateForm.extend({ version: pageVersion() });

export const readChangeRatingForm = (formData: FormData) => parseForm(ChangeRatingForm, formData);
