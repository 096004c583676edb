// The report forms' fields: a prison's target and a month's programme engagement figures.
import { z } from "zod";
import { wholeNumber } from "~/utils/forms";
import {
  MONTH_PARTS,
  readDayAhead,
  readTypedMonth,
  type TypedDate,
  type TypedMonthReading,
} from "~/domain/dates.server";
import { parseFormWithDate } from "~/utils/query.server";

const TargetFields = z.object({ percent: wholeNumber("the target percentage", { min: 1, max: 100 }) });

/** The target: a percentage, and a date after today typed in the date input "date" (dateDay, dateMonth, dateYear). */
export function readTargetForm(formData: FormData, today: string) {
  return parseFormWithDate(TargetFields, formData, "date", (typed) =>
    readDayAhead(typed, "The target date", { today, enter: "Enter the target date", afterToday: true }),
  );
}

const EngagementFields = z
  .object({
    eligible: wholeNumber("the number of men eligible", { min: 1, max: 100_000 }),
    notEngaging: wholeNumber("the number refusing or not engaging", { min: 0, max: 100_000 }),
  })
  // Only compared when both numbers are valid: otherwise their own messages say what is wrong.
  .refine((v) => typeof v.eligible !== "number" || typeof v.notEngaging !== "number" || v.notEngaging <= v.eligible, {
    path: ["notEngaging"],
    message: "The number refusing or not engaging must not be more than the number eligible",
  });

/** The month the figures are for, typed as month and year: this month or one before it. */
function readFiguresMonth(typed: TypedDate, thisMonth: string): Exclude<TypedMonthReading, { kind: "empty" }> {
  const reading = readTypedMonth(typed, "The month");
  const wrong = (message: string) => ({ kind: "wrong" as const, message, parts: [...MONTH_PARTS] });
  if (reading.kind === "empty") return wrong("Enter the month the figures are for");
  if (reading.kind === "month" && reading.month > thisMonth)
    return wrong("The month must be this month or in the past");
  return reading;
}

/**
 * A month's programme engagement figures: the numbers, and the month typed in the date input
 * "month" without its day (monthMonth, monthYear).
 */
export const readEngagementForm = (formData: FormData, thisMonth: string) =>
  parseFormWithDate(EngagementFields, formData, "month", (typed) => readFiguresMonth(typed, thisMonth));
