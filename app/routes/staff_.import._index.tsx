import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { can } from "~/auth/capabilities";
import { requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { CheckboxItems, FileUpload } from "~/components/fields";
import { MAX_STAFF_ROWS, STAFF_HEADER } from "~/domain/staff-import";
import { MAX_STAFF_FILE_BYTES, uploadStaffFile } from "~/staff/import.server";
import { isFormContentType, refuseNonForm } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Import staff from a file");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "manageStaff" });
  return { prison: can(user, "seeEveryPrison") ? null : user.establishmentName };
}

const refuse = (message: string, lines: string[] = [], status = 400) => data({ message, lines }, { status });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "manageStaff" });
  const tooLarge = `The file must be ${Math.round(MAX_STAFF_FILE_BYTES / 1000)} KB or smaller`;
  if (!isFormContentType(request.headers.get("Content-Type"), { multipartOnly: true })) refuseNonForm();
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_STAFF_FILE_BYTES + 16_384)
    return refuse(tooLarge, [], 413);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_STAFF_FILE_BYTES }),
    );
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) return refuse(tooLarge, [], 413);
    return refuse("Choose a CSV file to upload");
  }
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) return refuse("Choose a CSV file to upload");
  const name = "name" in file && typeof file.name === "string" ? file.name : "staff.csv";
  if (!/\.csv$/i.test(name)) return refuse("The file must be a CSV file ending in .csv");
  const result = await uploadStaffFile(
    context.db,
    user,
    { name, bytes: new Uint8Array(await file.arrayBuffer()) },
    form.get("deactivateMissing") === "yes",
  );
  if (!result.ok)
    return refuse(
      `The file has ${result.errors.length === 1 ? "a problem" : `${result.errors.length} problems`}: nothing has been imported. Correct the file and upload it again.`,
      result.errors.map((e) => `Line ${e.line}: ${e.message}`),
    );
  throw redirect(`/staff/import/${result.importId}`);
}

export default function ImportStaff() {
  const { prison } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href="/staff" className="govuk-back-link">
          Back to staff
        </a>
        <ErrorSummary errors={refused ? { file: refused.message } : null} details={refused?.lines} />
        <h1 className="govuk-heading-l">Import staff from a file</h1>
        <p className="govuk-body">
          Upload a CSV file exported from HR, of up to {MAX_STAFF_ROWS.toLocaleString("en-GB")} staff
          {prison ? ` of ${prison}` : ""}. Its first line must be the header:
        </p>
        <p className="govuk-inset-text">
          {/* A break may come after each comma: the header is wider than a phone. */}
          <code>
            {STAFF_HEADER.map((column, i) => (
              <Fragment key={column}>
                {i > 0 ? (
                  <>
                    ,<wbr />
                  </>
                ) : null}
                {column}
              </Fragment>
            ))}
          </code>
        </p>
        <ul className="govuk-list govuk-list--bullet">
          <li>prison is the prison&apos;s code, for example HBK; role is officer, trainer or manager</li>
          <li>email may be empty; officers need a wing or team, but an empty wing keeps the one someone already has</li>
          {prison ? (
            <li>
              your file can add and change officers; adding a trainer or a manager, changing someone&apos;s role and
              reactivating an account are for an administrator
            </li>
          ) : null}
          <li>you see what will change before anything is saved</li>
          <li>new staff sign in with their work account; an administrator can set a password for anyone without one</li>
        </ul>
        <Form method="post" encType="multipart/form-data" noValidate>
          <FileUpload name="file" label="Staff file (CSV)" accept=".csv,text/csv" error={refused?.message} />
          <div className="govuk-form-group">
            <CheckboxItems
              name="deactivateMissing"
              small
              options={[
                {
                  value: "yes",
                  label: "Deactivate staff who are missing from the file",
                  hint: prison
                    ? "Only officers of your prison. Trainers, managers and you are never deactivated by your file."
                    : "Only staff of the prisons in the file. Administrators and you are never deactivated.",
                },
              ]}
            />
          </div>
          <button type="submit" className="govuk-button">
            Check the file
          </button>
        </Form>
      </div>
    </div>
  );
}
