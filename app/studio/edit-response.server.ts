// What the editor's pages answer after a form edit: a redirect with a notice once saved (or when
// nothing changed), else the page again with the messages (400 for bad input, 409 for a stale page).
import { data, type AppLoadContext } from "@remix-run/node";
import type { FieldErrors } from "~/utils/forms";
import { savedNotice, type EditOutcome } from "./editor.server";
import { fieldError } from "~/utils/field-errors";
import type { UnsavedText } from "./meanwhile";

export function respondToEdit(
  context: AppLoadContext,
  request: Request,
  outcome: EditOutcome,
  /**
   * Where to go once saved (given the node to show next, if the edit made or renamed one, and the
   * edited node's new id, if renamed), and when nothing changed.
   */
  to: { saved: (nodeId?: string, renamed?: string) => string; unchanged: string },
) {
  switch (outcome.kind) {
    case "saved":
      return context.sessions.redirectWithNotice(
        request,
        to.saved(outcome.nodeId, outcome.renamed),
        [outcome.meanwhile, savedNotice(outcome.errors)].filter(Boolean).join(" "),
      );
    case "unchanged":
      return context.sessions.redirectWithNotice(request, to.unchanged, "Nothing had changed, so nothing was saved.");
    case "invalid":
      return refused(outcome.errors, outcome.values, 400);
    case "stale":
      // What was typed stays: in its field, or listed to copy from when the form's fields changed.
      return refused({ ...fieldError("form", outcome.message), ...outcome.errors }, outcome.values ?? {}, 409, {
        unsaved: outcome.unsaved ?? [],
      });
    case "not-editable":
      return refused(fieldError("form", outcome.message), {}, 409);
  }
}

/** The page again, with a message per field and what was typed (and, after a clash, what could not go back in a field). */
export function refused(
  errors: FieldErrors,
  values: Record<string, string>,
  status: 400 | 409,
  { unsaved = [] }: { unsaved?: UnsavedText[] } = {},
) {
  return data({ errors, values, ...(unsaved.length ? { unsaved } : {}) }, { status });
}
