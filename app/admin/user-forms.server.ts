// The admin user forms' schemas, read on the server so zod stays out of the browser.
import { z } from "zod";
import { ROLE_VALUES } from "~/admin/roles";
import { newPassword, optionalEmail, optionalId, parseForm, text, username, pageVersion } from "~/utils/forms";
import { anId, oneOf, page, readQuery, search } from "~/utils/query.server";

const placement = {
  displayName: text("the person's full name", { max: 120 }),
  email: optionalEmail(),
  role: z.enum(ROLE_VALUES, { error: "Choose a role" }),
  establishmentId: optionalId(),
  unitId: optionalId(),
};

// In the order the form shows its fields, so the error summary lists them in that order too.
export const NewUserForm = z.object({ username: username(), ...placement, password: newPassword() });
export const EditUserForm = z.object({
  intent: z.literal("edit"),
  // The user's row_version the form was made from, so a save from an out-of-date form is refused.
  version: pageVersion(),
  ...placement,
  // A checkbox: sent as "yes" when ticked, not sent at all when not.
  miCoach: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "yes", "Tick the box or leave it empty")
    .transform((v) => v === "yes"),
});
const ResetPasswordForm = z.object({ intent: z.literal("reset-password"), password: newPassword() });
const ActiveForm = z.object({ intent: z.enum(["deactivate", "reactivate"]) });

export const readNewUserForm = (formData: FormData) => parseForm(NewUserForm, formData);
export const readEditUserForm = (formData: FormData) => parseForm(EditUserForm, formData);
export const readResetPasswordForm = (formData: FormData) => parseForm(ResetPasswordForm, formData);
export const readActiveForm = (formData: FormData) => parseForm(ActiveForm, formData);

// The users list's filters. A prison, wing or role that makes no sense is no filter, as before.
const UserFilters = z.object({
  prison: anId("").catch(null),
  unit: anId("").catch(null),
  role: oneOf(ROLE_VALUES, "").catch(null),
  q: search,
  page,
});
export const readUserFilters = (params: URLSearchParams) => readQuery(UserFilters, params).data;
