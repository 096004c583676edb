// A table wider than a phone: it scrolls sideways inside a region keyboard users can focus (and
// screen readers announce by name), with its first column kept in view so each row stays labelled.
import type { ReactNode } from "react";

export function WideTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div
      className="app-table-scroll app-table-scroll--sticky"
      tabIndex={0}
      role="region"
      aria-label={`${label}, scrolls sideways`}
    >
      {children}
    </div>
  );
}
