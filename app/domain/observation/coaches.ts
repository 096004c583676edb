/**
 * Who may observe officers: trainers, managers, and officers an admin marks as MI coaches, each for
 * the officers of their own prison only.
 */
export interface Person {
  role: "officer" | "trainer" | "manager" | "admin";
  miCoach?: boolean;
  establishmentId: number | null;
}

export function isCoach(p: Person): boolean {
  if (p.establishmentId === null) return false;
  return p.role === "trainer" || p.role === "manager" || (p.role === "officer" && p.miCoach === true);
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
