// Pieces every report page shares: the heading with the prison (and the admin's prison
// switcher), the reports sub-navigation, status tags and suppressed shares.
import { Form, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Status } from "~/domain/competency";
import { PROGRESS } from "~/domain/vocabulary";
import { describeShare, type Share } from "~/domain/reporting/suppression";
import { Select } from "~/components/fields";
import { SubNavigation, Tag } from "~/components/page";

const REPORT_PAGES = [
  { path: "/reports", text: "Overview" },
  { path: "/reports/matrix", text: "Training matrix" },
  { path: "/reports/wings", text: "By wing" },
  { path: "/reports/skills", text: "Skills" },
  { path: "/reports/observed", text: "Observed practice" },
  { path: "/reports/trend", text: "Trend" },
  { path: "/reports/engagement", text: "Programme engagement" },
  { path: "/reports/exports", text: "Exports" },
  { path: "/reports/assignments", text: "Assignments" },
];

export interface PrisonChoice {
  prison: { id: number; name: string };
  prisons: { id: number; name: string }[];
}

/** A report link that keeps the admin's chosen prison. */
export function reportHref(path: string, scope: PrisonChoice, query: Record<string, string> = {}) {
  const q = new URLSearchParams({
    ...(scope.prisons.length ? { prison: String(scope.prison.id) } : {}),
    ...query,
  }).toString();
  return q ? `${path}?${q}` : path;
}

export function ReportsHeader({
  scope,
  title,
  children,
}: {
  scope: PrisonChoice;
  title: string;
  children?: ReactNode;
}) {
  const { pathname } = useLocation();
  return (
    <>
      <span className="govuk-caption-l">{scope.prison.name}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      {scope.prisons.length ? (
        <PrisonSwitcher
          idPrefix="report"
          label="Prison"
          action={pathname}
          prisons={scope.prisons}
          current={scope.prison}
        />
      ) : null}
      <SubNavigation
        label="Reports"
        items={REPORT_PAGES.map((p) => ({
          href: reportHref(p.path, scope),
          text: p.text,
          current: pathname === p.path,
        }))}
      />
      {children}
    </>
  );
}

/** The admin's choice of prison: a GET form that keeps `keep` (other query values) as it goes. */
export function PrisonSwitcher({
  idPrefix,
  label,
  action,
  prisons,
  current,
  keep = {},
}: {
  /** tells this switcher's field apart from any other "prison" field on the page */
  idPrefix: string;
  label: string;
  action?: string;
  prisons: { id: number; name: string }[];
  current: { id: number } | null;
  keep?: Record<string, string>;
}) {
  return (
    <Form method="get" action={action} className="app-filter-row">
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Select
        name="prison"
        idPrefix={idPrefix}
        label={label}
        defaultValue={current?.id}
        options={prisons.map((p) => ({ value: String(p.id), label: p.name }))}
      />
      <button type="submit" className="govuk-button govuk-button--secondary">
        Change prison
      </button>
    </Form>
  );
}

/** A status in words with its colour: the colour is never the only signal. */
export function StatusTag({ status }: { status: Status }) {
  return <Tag colour={PROGRESS[status].colour}>{PROGRESS[status].label}</Tag>;
}

/** A month's label from the labels the loader worked out (domain/dates.server.ts). */
export const monthName = (labels: Record<string, { long: string; short: string }>, month: string, short = false) =>
  labels[month]?.[short ? "short" : "long"] ?? month;

export function ShareText({ share }: { share: Share }) {
  return <>{describeShare(share)}</>;
}
