// The report forms' fields: a prison's target and a month's programme engagement figures.
import { z } from "zod";
import { parseForm, wholeNumber } from "~/utils/forms";
import { MONTH_PATTERN, readDayAhead } from "~/domain/dates.server";
import { parseFormWithDate } from "~/utils/query.server";

const TargetFields = z.object({ percent: wholeNumber("the target percentage", { min: 1, max: 100 }) });

/** The target: a percentage, and a date after today typed in the date input "date" (dateDay, dateMonth, dateYear). */
export function readTargetForm(formData: FormData, today: string) {
  return parseFormWithDate(TargetFields, formData, "date", (typed) =>
    readDayAhead(typed, "The target date", { today, enter: "Enter the target date", afterToday: true }),
  );
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

export const readEngagementForm = (formData: FormData, thisMonth: string) =>
  parseForm(engagementForm(thisMonth), formData);
