// "Assigned to you" on an officer's task list: assigned modules in the order they are due, each
// with its due date and Overdue, Due soon or On track.
import type { AssignedItem } from "~/assignments/assignments.server";
import { DueTag } from "~/assignments/components";

export function AssignedToYou({ items }: { items: AssignedItem[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h2 className="govuk-heading-m" id="assigned">
        Assigned to you
      </h2>
      <ul className="govuk-task-list" aria-labelledby="assigned">
        {items.map((a) => (
          <li className="govuk-task-list__item govuk-task-list__item--with-link" key={a.moduleId}>
            <div className="govuk-task-list__name-and-hint">
              <a
                className="govuk-link govuk-task-list__link"
                href={`#module-${a.moduleId}`}
                aria-describedby={`assigned-${a.moduleId}-status`}
              >
                {a.title}
              </a>
              <div className="govuk-task-list__hint">
                {a.refresher ? "Refresher due by" : "Due by"} {a.dueOn}
              </div>
            </div>
            <div className="govuk-task-list__status" id={`assigned-${a.moduleId}-status`}>
              <DueTag state={a.state} label={a.stateLabel} />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
