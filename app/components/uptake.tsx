// Uptake by module: officers who have started each module, and how many are at each status now.
import type { ModuleUptake } from "~/domain/reporting/uptake";
import type { Status } from "~/domain/competency";
import { progressLabel } from "~/domain/vocabulary";
import { describeShare } from "~/domain/reporting/suppression";
import { WideTable } from "~/components/wide-table";

export function UptakeTable({
  uptake,
  modules,
  caption = "Uptake by module",
}: {
  uptake: ModuleUptake[];
  modules: { id: string; title: string }[];
  caption?: string;
}) {
  const statuses = Object.keys(uptake[0]?.byStatus ?? {}) as Status[];
  return (
    <WideTable label={caption}>
      <table className="govuk-table app-matrix" id="uptake">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Module
            </th>
            <th scope="col" className="govuk-table__header">
              Started
            </th>
            {statuses.map((s) => (
              <th key={s} scope="col" className="govuk-table__header">
                {progressLabel(s)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {uptake.map((u) => (
            <tr key={u.moduleId} className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                {modules.find((m) => m.id === u.moduleId)?.title ?? u.moduleId}
              </th>
              <td className="govuk-table__cell">{describeShare(u.started)}</td>
              {statuses.map((s) => (
                <td key={s} className="govuk-table__cell">
                  {describeShare(u.byStatus[s])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </WideTable>
  );
}
