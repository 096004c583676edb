// The assignment forms, read on the server so zod stays out of the browser's copy of the page.
import { z } from "zod";
import { readDayAhead } from "~/domain/dates.server";
import { ID_TEXT, optionalId, parseForm, wholeNumber, type FieldErrors, type FormResult } from "~/utils/forms";
import { WHOLE_PROGRAMME, type AssignmentInput } from "./form";

const Fields = z.object({
  moduleId: z.string({ error: "Choose what to assign" }).trim().min(1, "Choose what to assign").max(100),
  audience: z.enum(["prison", "wing", "officers"], { error: "Choose who to assign it to" }),
  unitId: optionalId(),
  due: z.enum(["date", "days"], { error: "Choose when it is due" }),
  dueDay: z.string().default(""),
  dueMonth: z.string().default(""),
  dueYear: z.string().default(""),
  dueDays: z.string().default(""),
});

export function parseAssignmentForm(formData: FormData, today: string): FormResult<AssignmentInput> {
  const form = parseForm(Fields, formData);
  const officerIds = formData.getAll("officerIds").filter((v): v is string => typeof v === "string");
  const values = { ...form.values, officerIds: officerIds.join(",") };
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  if (!form.ok) return { ok: false, errors, values };
  const f = form.data;

  if (f.audience === "wing" && f.unitId === null) errors.unitId = "Choose the wing or team";
  const ids = officerIds.filter((v) => ID_TEXT.test(v)).map(Number);
  if (f.audience === "officers" && (ids.length === 0 || ids.length !== officerIds.length))
    errors.officerIds = "Choose at least one officer";
  if (ids.length > 2000) errors.officerIds = "Choose 2,000 officers or fewer, or assign to the prison or a wing";

  let dueOn: string | null = null;
  let dueDays: number | null = null;
  if (f.due === "date") {
    const typed = { day: f.dueDay, month: f.dueMonth, year: f.dueYear };
    const reading = readDayAhead(typed, "The due date", { today, enter: "Enter the date it is due" });
    if (reading.kind === "wrong") errors.dueDay = reading.message;
    else dueOn = reading.day;
  } else {
    const days = wholeNumber("the number of days", { min: 1, max: 365 }).safeParse(f.dueDays);
    if (days.success) dueDays = days.data;
    else errors.dueDays = days.error.issues[0]?.message ?? "Enter the number of days";
  }
  if (Object.keys(errors).length) return { ok: false, errors, values };
  return {
    ok: true,
    values,
    data: {
      moduleId: f.moduleId === WHOLE_PROGRAMME ? null : f.moduleId,
      audience: f.audience,
      unitId: f.audience === "wing" ? f.unitId : null,
      officerIds: f.audience === "officers" ? [...new Set(ids)] : [],
      dueOn,
      dueDays,
    },
  };
}
