// Pieces of the assignments page, the matrix and the officer's task list: a due date in words with
// its tag (colour never the only signal). Dates arrive as words from the loader (domain/dates.server.ts).
import { Tag } from "~/components/page";
import { DUE_LABELS, type DueState } from "~/domain/assignments";

const DUE_COLOURS = { on_track: "blue", due_soon: "yellow", overdue: "red" } as const;

/** "Overdue" or "Due soon" or "On track" as a tag. */
export function DueTag({ state, label }: { state: DueState; label: string }) {
  return <Tag colour={DUE_COLOURS[state]}>{label}</Tag>;
}

/** Under a status in the matrix: the due date, and Overdue when it is. */
export function DueText({ due }: { due: { dueText: string; state: DueState; refresher: boolean } }) {
  return (
    <span className="app-due govuk-body-s govuk-!-display-block govuk-!-margin-top-1">
      {due.refresher ? "Refresher due" : "Due"} {due.dueText}
      {due.state === "overdue" ? (
        <>
          {" "}
          <DueTag state="overdue" label={DUE_LABELS.overdue} />
        </>
      ) : null}
    </span>
  );
}
