// The audit log's filters: the kinds of event an admin can pick, and the form's schema. Shared by
// the page (which lists the kinds) and the server (which checks what was asked for).
import { z } from "zod";
import { isRealDay } from "~/reports/forms";

export const AUDIT_KINDS = [
  { value: "", label: "All events" },
  { value: "sign_in", label: "Sign-ins" },
  { value: "user.", label: "User changes" },
  { value: "prison.", label: "Prison changes" },
  { value: "unit.", label: "Wing and team changes" },
  { value: "record.", label: "Officer records viewed" },
  { value: "export.", label: "Exports and downloads" },
  { value: "session.", label: "Sessions ended" },
  { value: "scenario.", label: "Scenario publishing and imports" },
  { value: "reply.", label: "Written replies opened and rated" },
  { value: "target.", label: "Training targets set" },
  { value: "engagement.", label: "Programme engagement figures" },
] as const;

const optionalDay = (which: string) =>
  z
    .string()
    .default("")
    .transform((v) => v.trim())
    .refine(
      (v) => v === "" || isRealDay(v),
      `Enter the ${which} as a real date in the form YYYY-MM-DD, for example 2026-11-30`,
    );

export const AuditFilterForm = z
  .object({
    action: z
      .enum(AUDIT_KINDS.map((k) => k.value) as [string, ...string[]], { error: "Choose a kind of event from the list" })
      .default(""),
    from: optionalDay("first day"),
    to: optionalDay("last day"),
    person: z
      .string()
      .default("")
      .transform((v) => v.normalize("NFKC").trim())
      .pipe(z.string().max(100, "A name or username must be 100 characters or fewer")),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ["to"],
    message: "The last day must be the same as or after the first day",
  });
