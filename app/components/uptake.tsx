// Uptake by module: officers who have started each module, and how many are at each status now.
import type { ModuleUptake } from "~/domain/reporting/uptake";
import type { Status } from "~/domain/competency";
import { progressLabel } from "~/domain/vocabulary";
import { describeShare } from "~/domain/reporting/suppression";
import { WideTable } from "~/components/wide-table";
import { Cell, Row, RowHeader, Table } from "~/components/table";

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
      <Table
        caption={caption}
        head={["Module", "Started", ...statuses.map((s) => progressLabel(s))]}
        id="uptake"
        className="app-matrix"
      >
        {uptake.map((u) => (
          <Row key={u.moduleId}>
            <RowHeader>{modules.find((m) => m.id === u.moduleId)?.title ?? u.moduleId}</RowHeader>
            <Cell>{describeShare(u.started)}</Cell>
            {statuses.map((s) => (
              <Cell key={s}>{describeShare(u.byStatus[s])}</Cell>
            ))}
          </Row>
        ))}
      </Table>
    </WideTable>
  );
}
