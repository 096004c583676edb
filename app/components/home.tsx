// The home page for each role.
import type { Home } from "~/home.server";
import { Placeholder } from "~/components/page";

type HomeOf<R extends Home["role"]> = Extract<Home, { role: R }>;

export function OfficerHome({ home }: { home: HomeOf<"officer"> }) {
  return (
    <>
      <span className="govuk-caption-l">{[home.unitName, home.establishmentName].filter(Boolean).join(", ")}</span>
      <h1 className="govuk-heading-l">Your training</h1>
      <Placeholder>
        Practice scenarios are not available yet. When they are, your modules and your progress will be listed here.
      </Placeholder>
    </>
  );
}

export function TrainerHome({ home }: { home: HomeOf<"trainer"> }) {
  return (
    <>
      <span className="govuk-caption-l">{home.establishmentName}</span>
      <h1 className="govuk-heading-l">Scenarios and reviews</h1>
      <Placeholder>
        The scenario studio and the review queue for officers' written replies are not available yet. They will appear here.
      </Placeholder>
    </>
  );
}

export function ManagerHome({ home }: { home: HomeOf<"manager"> }) {
  return (
    <>
      <span className="govuk-caption-l">{home.establishmentName}</span>
      <h1 className="govuk-heading-l">Training in your prison</h1>
      <p className="govuk-body">
        {home.officers} active officer{home.officers === 1 ? "" : "s"} and {home.staff} active staff in all.{" "}
        <a className="govuk-link" href="/staff">See your staff</a>
      </p>
      <Placeholder>Training reports (completion, competency by wing, progress to target) are not available yet.</Placeholder>
    </>
  );
}

export function AdminHome({ home }: { home: HomeOf<"admin"> }) {
  return (
    <>
      <h1 className="govuk-heading-l">Administration</h1>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href="/admin/users">Users</a> ({home.users})
        </li>
        <li>
          <a className="govuk-link" href="/admin/prisons">Prisons and wings</a> ({home.prisons})
        </li>
        <li>
          <a className="govuk-link" href="/admin/audit">Audit log</a>
        </li>
      </ul>
    </>
  );
}
