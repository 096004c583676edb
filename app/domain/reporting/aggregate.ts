/**
 * Prison and wing summaries built from each officer's ProgrammeProgress (competency.ts): counts
 * of Practised-or-better, Competent and Refresher due per module and for the whole programme.
 */
import { isPractisedOrBetter, type ProgrammeProgress, type Status } from "../competency";
import { besideSmallGroups, share as shareOf, type Share } from "./suppression";

export interface OfficerProgress {
  officerId: number;
  name: string;
  wingId: number | null;
  wingName: string | null;
  progress: ProgrammeProgress;
}

export interface ModuleSummary {
  moduleId: string;
  completed: Share;
  competent: Share;
  refresherDue: Share;
}

export interface GroupSummary {
  officers: number;
  modules: ModuleSummary[];
  programme: { completed: Share; competent: Share; refresherDue: Share };
}

/** besideSmall: hide this group's shares to protect a small group beside it (besideSmallGroups). */
export function summarise(moduleIds: string[], officers: ProgrammeProgress[], besideSmall = false): GroupSummary {
  const total = officers.length;
  const share = (count: number) => shareOf(count, total, besideSmall);
  const modules = moduleIds.map((moduleId, i): ModuleSummary => {
    let completed = 0;
    let competent = 0;
    let refresherDue = 0;
    for (const p of officers) {
      const status = p.modules[i]?.status ?? "not_started";
      if (isPractisedOrBetter(status)) completed++;
      if (status === "competent") competent++;
      if (status === "refresher_due") refresherDue++;
    }
    return {
      moduleId,
      completed: share(completed),
      competent: share(competent),
      refresherDue: share(refresherDue),
    };
  });
  const count = (f: (p: ProgrammeProgress) => boolean) => officers.reduce((n, p) => n + (f(p) ? 1 : 0), 0);
  return {
    officers: total,
    modules,
    programme: {
      completed: share(count((p) => p.completed)),
      competent: share(count((p) => p.competent)),
      refresherDue: share(count((p) => p.refresherDue)),
    },
  };
}

export interface WingSummary extends GroupSummary {
  wingId: number | null;
  wingName: string;
}

/**
 * One summary per wing (officers without a wing grouped as "No wing"), wings in name order; a
 * wing beside a lone small one is hidden too, since the whole prison's figures are shown.
 */
export function summariseByWing(moduleIds: string[], officers: OfficerProgress[]): WingSummary[] {
  const groups = new Map<number | null, { name: string; list: ProgrammeProgress[] }>();
  for (const o of officers) {
    let g = groups.get(o.wingId);
    if (!g) groups.set(o.wingId, (g = { name: o.wingName ?? "No wing", list: [] }));
    g.list.push(o.progress);
  }
  const entries = [...groups.entries()].sort(([a, ga], [b, gb]) => byWing([a, ga.name], [b, gb.name]));
  const beside = besideSmallGroups(entries.map(([, g]) => g.list.length));
  return entries.map(([wingId, g], i) => ({ wingId, wingName: g.name, ...summarise(moduleIds, g.list, beside[i]) }));
}

/** Wings (id, name) in name order, "No wing" (no id) last: the order every by-wing table lists them in. */
export const byWing = ([a, aName]: [number | null, string], [b, bName]: [number | null, string]) =>
  a === null ? 1 : b === null ? -1 : aName.localeCompare(bName);

/** How far an officer is through the programme, for sorting: 0 (nothing) to 5 per module. */
const STATUS_RANK: Record<Status, number> = {
  not_started: 0,
  in_progress: 1,
  practised: 2,
  assessed: 3,
  observation_next: 4,
  refresher_due: 4,
  competent: 5,
};
export const statusRank = (s: Status) => STATUS_RANK[s];
export function progressRank(p: ProgrammeProgress): number {
  return p.modules.reduce((n, m) => n + statusRank(m.status), 0);
}
