// The report forms' fields: a prison's target and a month's programme engagement figures.
import { z } from "zod";
import { parseForm, wholeNumber } from "~/utils/forms";
import { formatDay, furthestAhead, isRealDay, MONTH_PATTERN } from "~/domain/dates.server";

export function targetForm(today: string) {
  return z.object({
    percent: wholeNumber("the target percentage", { min: 1, max: 100 }),
    date: z
      .string({ error: "Enter the target date" })
      .trim()
      .min(1, "Enter the target date")
      .refine(isRealDay, "Enter the target date as a real date in the form YYYY-MM-DD, for example 2027-03-31")
      .refine((v) => !isRealDay(v) || v > today, "The target date must be in the future")
      .refine(
        (v) => !isRealDay(v) || v <= furthestAhead(today),
        `The target date must be no later than ${formatDay(furthestAhead(today))}`,
      ),
  });
}

export function engagementForm(thisMonth: string) {
  return (
    z
      .object({
        month: z
          .string({ error: "Enter the month" })
          .trim()
          .min(1, "Enter the month")
          .regex(MONTH_PATTERN, "Enter the month in the form YYYY-MM, for example 2026-03")
          .refine((v) => v <= thisMonth, "The month must not be in the future"),
        eligible: wholeNumber("the number of men eligible", { min: 1, max: 100_000 }),
        notEngaging: wholeNumber("the number refusing or not engaging", { min: 0, max: 100_000 }),
      })
      // Only compared when both numbers are valid: otherwise their own messages say what is wrong.
      .refine(
        (v) => typeof v.eligible !== "number" || typeof v.notEngaging !== "number" || v.notEngaging <= v.eligible,
        {
          path: ["notEngaging"],
          message: "The number refusing or not engaging must not be more than the number eligible",
        },
      )
  );
}

export const readTargetForm = (formData: FormData, today: string) => parseForm(targetForm(today), formData);
export const readEngagementForm = (formData: FormData, thisMonth: string) =>
  parseForm(engagementForm(thisMonth), formData);
