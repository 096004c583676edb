// What a change to a scenario's module would do to officers' statuses, in words, before the
// trainer makes it (the figures come from impact.server.ts), and the button that makes it.
import type { ReactNode } from "react";
import type { Impact } from "~/studio/impact.server";
import { ShiftList } from "~/studio/module-settings";

const officers = (n: number) => (n === 1 ? "1 officer" : `${n} officers`);

export function ImpactSummary({ impact, moduleTitles }: { impact: Impact; moduleTitles: Record<string, string> }) {
  const c = impact.change;
  const title = (id: string) => moduleTitles[id] ?? id;
  const what =
    c.kind === "join"
      ? `This adds the scenario to ${title(c.moduleId)}.`
      : c.kind === "move"
        ? `This moves the scenario from ${title(c.from)} to ${title(c.to)}.`
        : c.kind === "leave"
          ? `This takes the scenario out of ${title(c.moduleId)}. Officers' attempts at it stay in their records, and unfinished ones can still be finished.`
          : c.retired
            ? "The scenario is retired, so this keeps it out of every module: officers cannot start it until you return it to its module."
            : "The scenario stays in its module. Passes on earlier versions still count, so no officer's status changes.";
  return (
    <div data-testid="impact">
      <p className="govuk-body">{what}</p>
      {impact.opensModule ? (
        <div className="govuk-inset-text">
          <p className="govuk-body">
            This is the first scenario in {title(impact.opensModule)}, a module added in Engage: officers in every
            prison see the module from now on, as Not started, and are Competent in the whole programme only once they
            are Competent in it too.
          </p>
          <p className="govuk-body">
            {impact.programmeCompetent === 0
              ? "No officer is Competent in the whole programme today, so no officer loses that status."
              : `${officers(impact.programmeCompetent ?? 0)} ${impact.programmeCompetent === 1 ? "is" : "are"} Competent in the whole programme today. Once this is published, they will not be until they are Competent in this module too.`}
          </p>
        </div>
      ) : null}
      {c.kind !== "none" ? <ShiftList shifts={impact.shifts} /> : null}
      {impact.keptCompetent > 0 ? (
        <p className="govuk-body">
          {officers(impact.keptCompetent)} who{" "}
          {impact.keptCompetent === 1 ? "is Competent stays" : "are Competent stay"} Competent: they will need this
          scenario by their next refresher.
        </p>
      ) : null}
    </div>
  );
}

/** The button that makes the change, and the way back to the publish page without making it. */
export function ConfirmOrCancel({
  scenarioId,
  warning = false,
  children,
}: {
  scenarioId: string;
  warning?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="govuk-button-group">
      <button
        type="submit"
        className={`govuk-button${warning ? " govuk-button--warning" : ""}`}
        data-module="govuk-button"
      >
        {children}
      </button>
      <a className="govuk-link" href={`/studio/${scenarioId}/publish`}>
        Cancel
      </a>
    </div>
  );
}
