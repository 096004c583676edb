// A user's own account forms: changing their password, ending their sessions and choosing their
// wing. Kept out of the route modules so zod stays on the server: the browser's copy of a page needs
// none of it.
import { z } from "zod";
import { newPassword, optionalId, parseForm } from "~/utils/forms";

const ChangePasswordForm = z
  .object({
    currentPassword: z
      .string({ error: "Enter your current password" })
      .min(1, "Enter your current password")
      .max(200, "Password must be 200 characters or fewer"),
    newPassword: newPassword(),
    confirmPassword: z.string().default(""),
  })
  .refine((f) => f.newPassword === f.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords do not match",
  });

export const readChangePasswordForm = (formData: FormData) => parseForm(ChangePasswordForm, formData);

const EndSessionsForm = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("end-one"),
      handle: z.string().regex(/^[\w-]{22}$/, "Choose a session from the list"),
    }),
    z.object({ intent: z.literal("end-others") }),
  ],
  { error: "Use the buttons on the page" },
);

export const readEndSessionsForm = (formData: FormData) => parseForm(EndSessionsForm, formData);

const WingForm = z.object({ unitId: optionalId(), returnTo: z.string().optional() });

export const readWingForm = (formData: FormData) => parseForm(WingForm, formData);
