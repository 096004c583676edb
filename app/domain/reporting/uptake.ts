/**
 * Uptake per module: how many officers have started it, and where each of them stands now (one
 * status each, from the competency rules), so a week of first attempts shows as officers started
 * and in progress rather than as 0% competent. Shares follow the small-number rule.
 */
import type { ProgrammeProgress, Status } from "../competency";
import { share, type Share } from "./suppression";

export interface ModuleUptake {
  moduleId: string;
  /** officers with any attempt in the module (abandoned attempts aside) */
  started: Share;
  /** officers at each status, every officer counted once */
  byStatus: Record<Status, Share>;
}

export function uptakeByModule(moduleIds: string[], officers: ProgrammeProgress[], statuses: readonly Status[]) {
  const total = officers.length;
  return moduleIds.map((moduleId, i): ModuleUptake => {
    const counts = new Map<Status, number>();
    for (const p of officers) {
      const s = p.modules[i]?.status ?? "not_started";
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const byStatus = Object.fromEntries(statuses.map((s) => [s, share(counts.get(s) ?? 0, total)])) as Record<
      Status,
      Share
    >;
    return { moduleId, started: share(total - (counts.get("not_started") ?? 0), total), byStatus };
  });
}
