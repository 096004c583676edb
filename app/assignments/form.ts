// The assignment form: what (a module or the whole programme), to whom (the prison, a wing or
// team, or named officers) and by when (a date, or within N days of joining). Read on the server by
// forms.server.ts, so zod stays out of the browser.

export const WHOLE_PROGRAMME = "all";

export interface AssignmentInput {
  moduleId: string | null;
  audience: "prison" | "wing" | "officers";
  unitId: number | null;
  officerIds: number[];
  dueOn: string | null;
  dueDays: number | null;
}
