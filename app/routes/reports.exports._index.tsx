import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { listWings } from "~db/queries/reports.server";
import { auditExport } from "~/audit/exports.server";
import { ErrorSummary } from "~/components/error-summary";
import { Select } from "~/components/fields";
import { DateRangeInputs } from "~/components/date-input";
import { NotificationBanner } from "~/components/page";
import { reportHref, ReportsHeader } from "~/components/reports";
import { getCurriculum } from "~/curriculum/curriculum.server";
import { parseAttemptFilters, statementPages, xapiBaseUrl } from "~/reports/exports.server";
import { deliverStatements } from "~/reports/lrs.server";
import { requireReportForm, requireReportScope } from "~/reports/scope.server";
import { title } from "~/utils/meta";
import { can } from "~/auth/capabilities";

export const meta: MetaFunction = () => title("Exports");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const scope = await requireReportScope(request, context);
  const [wings, curriculum, filters] = await Promise.all([
    listWings(scope.db, scope.prison.id),
    getCurriculum(context.db),
    parseAttemptFilters(scope.db, scope.prison.id, new URL(request.url).searchParams),
  ]);
  return {
    scope: { prison: scope.prison, prisons: scope.prisons },
    wings,
    modules: curriculum.map((m) => ({ id: m.id, title: m.title })),
    filters: { values: filters.values, errors: filters.errors, wrongDates: filters.wrongDates },
    lrsConfigured: context.config.lrs !== null,
    // Who sets up the learning record store: only they are told how (the server's settings).
    setsUpEngage: can(scope.user, "managePrisons"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { scope } = await requireReportForm(request, context);
  const lrs = context.config.lrs;
  if (!lrs) return data({ ok: false, message: LRS_NOT_SET_UP }, { status: 400 });
  const result = await deliverStatements(
    scope.db,
    statementPages(scope.db, scope.prison.id, {}, xapiBaseUrl(request, context.config)),
    lrs,
  );
  await auditExport(scope.db, scope.user, "lrs_delivery", {
    establishmentId: scope.prison.id,
    rows: result.sent,
    more: {
      alreadySent: result.alreadySent,
      failed: result.failed,
      lrs: new URL(lrs.endpoint).host,
      // For administrators: what the learning record store answered, in the raw record.
      ...(result.error ? { status: result.error.status, reason: result.error.plain, error: result.error.message } : {}),
    },
  });
  if (result.error)
    return data(
      {
        ok: false,
        message: `${result.sent} statements sent; ${result.failed} not sent. ${result.error.message} Try again later: statements already sent will not be sent twice.`,
      },
      { status: 502 },
    );
  return {
    ok: true,
    message: `${result.sent} new statement${result.sent === 1 ? "" : "s"} sent to the Learning Record Store (${result.alreadySent} sent before).`,
  };
}

const NOT_SET_UP = "Sending finished attempts to a learning record store is not set up.";
const LRS_NOT_SET_UP = `${NOT_SET_UP} Your Engage administrator can set it up.`;

export default function Exports() {
  const { scope, wings, modules, filters, lrsConfigured, setsUpEngage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const v = filters.values;
  const query: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (val) query[k] = val;
  const ok = Object.keys(filters.errors).length === 0;
  return (
    <ReportsHeader scope={scope} title="Exports">
      <ErrorSummary errors={filters.errors} />
      {result ? (
        result.ok ? (
          <NotificationBanner>{result.message}</NotificationBanner>
        ) : (
          <NotificationBanner success={false} title="Not sent">
            {result.message}
          </NotificationBanner>
        )
      ) : null}
      <h2 className="govuk-heading-m">Training matrix</h2>
      <p className="govuk-body">
        The matrix with its filters: choose them on the{" "}
        <a className="govuk-link" href={reportHref("/reports/matrix", scope)}>
          training matrix
        </a>{" "}
        page and use its download link, or{" "}
        <a className="govuk-link" href={reportHref("/reports/exports/matrix.csv", scope)} download>
          download the whole prison's matrix as CSV
        </a>
        .
      </p>
      <h2 className="govuk-heading-m">Observations on the wing</h2>
      <p className="govuk-body">
        Every observation coaches have recorded in the prison, with its indicators, ratings, the coach’s note and the
        officer’s reflection:{" "}
        <a className="govuk-link" href={reportHref("/reports/exports/observations.csv", scope)} download>
          download observations as CSV
        </a>
        . Each download is written to the audit log.
      </p>
      <h2 className="govuk-heading-m">Attempts and xAPI statements</h2>
      <Form method="get" aria-label="Filter attempts">
        {scope.prisons.length ? <input type="hidden" name="prison" value={scope.prison.id} /> : null}
        <div className="app-filter-row">
          <Select
            name="wing"
            label="Wing"
            defaultValue={v.wing}
            error={filters.errors.wing}
            options={[{ value: "", label: "All wings" }, ...wings.map((w) => ({ value: String(w.id), label: w.name }))]}
          />
          <Select
            name="module"
            label="Module"
            defaultValue={v.module}
            error={filters.errors.module}
            options={[{ value: "", label: "All modules" }, ...modules.map((m) => ({ value: m.id, label: m.title }))]}
          />
          <Select
            name="mode"
            label="Mode"
            defaultValue={v.mode}
            error={filters.errors.mode}
            options={[
              { value: "", label: "Practice and assessment" },
              { value: "practice", label: "Practice" },
              { value: "assessment", label: "Assessment" },
            ]}
          />
          <Select
            name="status"
            label="Status"
            defaultValue={v.status}
            error={filters.errors.status}
            options={[
              { value: "", label: "Any status" },
              { value: "finished", label: "Finished" },
              { value: "in_progress", label: "In progress" },
              { value: "abandoned", label: "Abandoned" },
            ]}
          />
        </div>
        <p className="govuk-body">Attempts started between two dates, both days included.</p>
        <div className="app-filter-row">
          <DateRangeInputs values={v} errors={filters.errors} wrong={filters.wrongDates} />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Apply filters
          </button>
        </div>
      </Form>
      {ok ? (
        <ul className="govuk-list">
          <li>
            <a className="govuk-link" href={reportHref("/reports/exports/attempts.csv", scope, query)} download>
              Download attempts as CSV
            </a>
          </li>
          <li>
            <a className="govuk-link" href={reportHref("/reports/exports/statements.json", scope, query)} download>
              Download xAPI statements (finished attempts) as JSON
            </a>
          </li>
        </ul>
      ) : (
        <p className="govuk-body">Correct the filters to download.</p>
      )}
      <h2 className="govuk-heading-m">Learning Record Store</h2>
      {lrsConfigured ? (
        <Form method="post" action={reportHref("/reports/exports", scope)}>
          {scope.prisons.length ? <input type="hidden" name="prison" value={scope.prison.id} /> : null}
          <p className="govuk-body">
            Send every finished attempt in this prison not yet sent. Each statement is sent once.
          </p>
          <button type="submit" className="govuk-button">
            Send statements to the learning record store
          </button>
        </Form>
      ) : (
        <>
          <p className="govuk-body">{setsUpEngage ? NOT_SET_UP : LRS_NOT_SET_UP}</p>
          {setsUpEngage ? (
            <details className="govuk-details">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">How to set it up</span>
              </summary>
              <div className="govuk-details__text">
                Whoever runs Engage’s server sets <code>LRS_ENDPOINT</code> to the learning record store’s xAPI address,
                and <code>LRS_USERNAME</code> and <code>LRS_PASSWORD</code> to the sign-in it gives Engage, then
                restarts Engage (Configuration in Engage’s README).
              </div>
            </details>
          ) : null}
        </>
      )}
    </ReportsHeader>
  );
}
