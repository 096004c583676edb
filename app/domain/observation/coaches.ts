/**
 * Who may observe officers: those the role-to-capability table lets observe (trainers, managers,
 * and officers an admin marks as MI coaches), each for the officers of their own prison only.
 */
import { can, type Holder } from "~/auth/capabilities";

export interface Person extends Holder {
  establishmentId: number | null;
}

export function isCoach(p: Person): boolean {
  return p.establishmentId !== null && can(p, "observeOfficers");
}

/** Whether `coach` may observe `officer`: an active officer of the coach's prison, never themselves. */
export function mayObserve(
  coach: Person & { id: number },
  officer: { id: number; role: Person["role"]; active: boolean; establishmentId: number | null },
): boolean {
  return (
    isCoach(coach) &&
    officer.role === "officer" &&
    officer.active &&
    officer.id !== coach.id &&
    officer.establishmentId === coach.establishmentId
  );
}
