import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guard.server";
import { idParam } from "~/utils/query.server";
import { ErrorSummary } from "~/components/error-summary";
import { WarningText } from "~/components/fields";
import { SummaryList } from "~/components/page";
import { describeCounts, importWarning, whatHappens } from "~/domain/staff-import";
import { confirmStaffImport, previewStaffImport } from "~/staff/import.server";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";
import { Cell, Row, Table } from "~/components/table";

export const meta: MetaFunction = () => title("Check the staff import");

const SHOWN = 500;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "manageStaff" });
  const preview = await previewStaffImport(context.db, user, idParam(params.importId));
  if (!preview) notFound();
  const rows = preview.plan?.rows.filter((r) => r.action !== "unchanged") ?? [];
  return {
    fileName: preview.upload.file_name,
    applied: preview.applied,
    counts: preview.plan?.counts ?? null,
    errors: preview.errors.map((e) => `Line ${e.line}: ${e.message}`),
    rows: rows.slice(0, SHOWN).map((r) => ({
      line: r.line,
      username: r.values.username,
      name: r.values.displayName,
      whatHappens: whatHappens(r),
    })),
    more: Math.max(0, rows.length - SHOWN),
    deactivate: preview.plan?.deactivate ?? [],
    warning: preview.plan ? importWarning(preview.plan) : null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "manageStaff" });
  await readFormData(request); // the confirm button's form: anything else is refused
  const result = await confirmStaffImport(context.db, user, idParam(params.importId));
  if (!result) notFound();
  // Their access went while importing, and with it their sessions: the sign-in page says why, as the page cannot.
  if (!result.ok && result.accessRemoved)
    return context.sessions.signOutWithNotice(request, "/sign-in", result.message);
  if (!result.ok) return data({ message: result.message }, { status: 409 });
  return context.sessions.redirectWithNotice(request, "/staff", `Staff imported: ${describeCounts(result.counts)}.`);
}

export default function PreviewImport() {
  const { fileName, applied, counts, errors, rows, more, deactivate, warning } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <>
      <a href="/staff/import" className="govuk-back-link">
        Upload a different file
      </a>
      <ErrorSummary errors={refused ? { form: refused.message } : null} details={errors} />
      <span className="govuk-caption-l">{fileName}</span>
      <h1 className="govuk-heading-l">{applied ? "This file has been imported" : "Check the staff import"}</h1>
      {counts ? (
        <>
          <p className="govuk-body">Nothing has been saved yet. This is what importing the file will do:</p>
          <SummaryList
            rows={[
              { key: "New staff", value: counts.new },
              { key: "Changed", value: counts.changed },
              { key: "Unchanged", value: counts.unchanged },
              { key: "Deactivated (missing from the file)", value: counts.deactivated },
            ]}
          />
          {rows.length ? (
            <Table
              caption="New and changed staff"
              head={["Line", "Username", "Name", "What happens"]}
              className="app-wrap"
            >
              {rows.map((r) => (
                <Row key={r.line}>
                  <Cell>{r.line}</Cell>
                  <Cell>{r.username}</Cell>
                  <Cell>{r.name}</Cell>
                  <Cell>{r.whatHappens}</Cell>
                </Row>
              ))}
            </Table>
          ) : null}
          {more ? <p className="govuk-body">And {more} more not shown here.</p> : null}
          {deactivate.length ? (
            <>
              <h2 className="govuk-heading-m">To be deactivated</h2>
              <ul className="govuk-list govuk-list--bullet">
                {deactivate.slice(0, SHOWN).map((d) => (
                  <li key={d.id}>
                    {d.displayName} ({d.username})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {errors.length === 0 ? (
            <Form method="post">
              {warning ? <WarningText>{warning}</WarningText> : null}
              <button type="submit" className="govuk-button">
                Import these staff
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
      <p className="govuk-body">
        <a className="govuk-link" href="/staff">
          {applied ? "Back to staff" : "Cancel and go back to staff"}
        </a>
      </p>
    </>
  );
}
