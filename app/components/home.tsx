// The home page for each role.
import type { Home } from "~/home/home.server";
import { NotificationBanner, SummaryList, Tag } from "~/components/page";
import { NextStep } from "~/components/practice";
import { UptakeTable } from "~/components/uptake";
import { AssignedToYou } from "~/assignments/assigned-list";

type HomeOf<R extends Home["role"]> = Extract<Home, { role: R }>;

export function OfficerHome({ home }: { home: HomeOf<"officer"> }) {
  const { modules, resume, next } = home.progress;
  return (
    <>
      <span className="govuk-caption-l">{[home.unitName, home.establishmentName].filter(Boolean).join(", ")}</span>
      <h1 className="govuk-heading-l">Your training</h1>
      {home.chooseWing ? (
        <NotificationBanner title="Important" success={false}>
          <p className="govuk-notification-banner__heading">
            Engage does not know your wing or team yet.{" "}
            <a className="govuk-notification-banner__link" href="/account/wing">
              Choose your wing
            </a>{" "}
            so that training assigned to it reaches you.
          </p>
        </NotificationBanner>
      ) : null}
      <NextStepBox next={next} modules={modules} />
      {resume.length > 1 ? (
        <div className="govuk-inset-text">
          <h2 className="govuk-heading-s">Carry on where you left off</h2>
          <ul className="govuk-list">
            {resume.map((r) => (
              <li key={r.id}>
                <a className="govuk-link" href={`/attempts/${r.id}`}>
                  Continue {r.title}
                </a>{" "}
                ({r.mode}, started {r.startedAt}, {r.steps} response{r.steps === 1 ? "" : "s"} so far)
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <AssignedToYou items={home.assigned} />
      <p className="govuk-body">
        Take the modules in order. Practise each scenario with feedback, then take its assessment: a module is Competent
        when every scenario has an assessment that meets its levels.
      </p>
      {modules.length === 0 ? <p className="govuk-body">There are no modules yet.</p> : null}
      <ol className="govuk-list app-modules">
        {modules.map((m, i) => (
          <li key={m.id} className="app-modules__module">
            <h2 className="govuk-heading-m govuk-!-margin-bottom-2" id={`module-${m.id}`}>
              {i + 1}. {m.title}
            </h2>
            <p className="govuk-body govuk-!-margin-bottom-2">
              <span className="govuk-visually-hidden">Module status: </span>
              <Tag colour={m.status.colour} testId={`module-status-${m.id}`}>
                {m.status.label}
              </Tag>
            </p>
            <p className="govuk-body" data-testid={`module-left-${m.id}`}>
              {m.left}
            </p>
            <p className="govuk-body-s">{m.summary}</p>
            {m.requiresObservation ? (
              <p className="govuk-body-s">
                To be Competent in this module you also need a coach to observe one of your real conversations on the
                wing at the fair levels.
              </p>
            ) : null}
            <ul className="govuk-task-list" aria-labelledby={`module-${m.id}`}>
              {m.scenarios.map((s) => (
                <li className="govuk-task-list__item govuk-task-list__item--with-link" key={s.id}>
                  <div className="govuk-task-list__name-and-hint">
                    <a
                      className="govuk-link govuk-task-list__link"
                      href={`/scenarios/${s.id}`}
                      aria-describedby={`scenario-${s.id}-hint scenario-${s.id}-status`}
                    >
                      {s.title}
                    </a>
                    {s.hint ? (
                      <div className="govuk-task-list__hint" id={`scenario-${s.id}-hint`}>
                        {s.hint}
                      </div>
                    ) : null}
                  </div>
                  <div className="govuk-task-list__status" id={`scenario-${s.id}-status`}>
                    <Tag colour={s.status.colour}>{s.status.label}</Tag>
                  </div>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </>
  );
}

/** The one next thing to do, with its button; or, when nothing is left, that nothing is. */
function NextStepBox({
  next,
  modules,
}: {
  next: HomeOf<"officer">["progress"]["next"];
  modules: HomeOf<"officer">["progress"]["modules"];
}) {
  if (next) return <NextStep next={next} />;
  if (modules.length === 0) return null;
  return (
    <div className="govuk-inset-text" data-testid="next-step">
      <h2 className="govuk-heading-m">You are competent in every module</h2>
      <p className="govuk-body">Nothing is left to do for now. Each module below shows when its refresher is due.</p>
    </div>
  );
}

export function TrainerHome({ home }: { home: HomeOf<"trainer"> }) {
  return (
    <>
      <span className="govuk-caption-l">{home.establishmentName}</span>
      <h1 className="govuk-heading-l">Scenarios and reviews</h1>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href="/studio">
            Scenario studio
          </a>
          : {home.studio.published} published scenario{home.studio.published === 1 ? "" : "s"},{" "}
          {home.studio.drafts === 1 ? "1 draft" : `${home.studio.drafts} drafts`} in progress
        </li>
        <li>
          <a className="govuk-link" href="/studio/reviews">
            Written replies to review
          </a>
          : {home.studio.repliesWaiting === 1 ? "1 reply is" : `${home.studio.repliesWaiting} replies are`} waiting for
          a rating
        </li>
        <li>
          <a className="govuk-link" href="/studio/new">
            Create a scenario
          </a>
        </li>
      </ul>
    </>
  );
}

export function ManagerHome({ home }: { home: HomeOf<"manager"> }) {
  const r = home.report;
  return (
    <>
      <span className="govuk-caption-l">{home.establishmentName}</span>
      <h1 className="govuk-heading-l">Training in your prison</h1>
      <p className="govuk-body">
        {home.officers} active officer{home.officers === 1 ? "" : "s"} and {home.staff} active staff in all.{" "}
        <a className="govuk-link" href="/staff">
          See your staff
        </a>
      </p>
      {r ? (
        <>
          <SummaryList
            rows={[
              { key: "Completed the whole programme", value: r.completed },
              { key: "Competent in every module", value: r.competent },
              { key: "Refresher due", value: r.refresherDue },
              { key: "Target", value: r.target },
            ]}
          />
          <UptakeTable uptake={r.uptake} modules={r.modules} />
          <ul className="govuk-list">
            <li>
              <a className="govuk-link" href="/reports">
                Training overview and target
              </a>
            </li>
            <li>
              <a className="govuk-link" href="/reports/matrix">
                Training matrix
              </a>
            </li>
            <li>
              <a className="govuk-link" href="/reports/wings">
                By wing
              </a>
            </li>
            <li>
              <a className="govuk-link" href="/reports/assignments">
                Assign training with due dates
              </a>
            </li>
            <li>
              <a className="govuk-link" href="/staff/import">
                Import staff from a file
              </a>
            </li>
            <li>
              <a className="govuk-link" href="/reports/engagement">
                Record programme engagement figures
              </a>
            </li>
          </ul>
        </>
      ) : null}
    </>
  );
}

export function AdminHome({ home }: { home: HomeOf<"admin"> }) {
  return (
    <>
      <h1 className="govuk-heading-l">Administration</h1>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href="/admin/users">
            Users
          </a>{" "}
          ({home.users})
        </li>
        <li>
          <a className="govuk-link" href="/admin/prisons">
            Prisons and wings
          </a>{" "}
          ({home.prisons})
        </li>
        <li>
          <a className="govuk-link" href="/admin/audit">
            Audit log
          </a>
        </li>
      </ul>
    </>
  );
}
