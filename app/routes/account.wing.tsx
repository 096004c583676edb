import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { listUnits } from "~db/queries/establishments.server";
import { readWingForm } from "~/auth/account-forms.server";
import { chooseOwnWing } from "~/auth/choose-wing.server";
import { requireUser, safeReturnPath } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { Radios } from "~/components/fields";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Choose your wing");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context, { can: "chooseWing" });
  const returnTo = safeReturnPath(new URL(request.url).searchParams.get("returnTo"));
  if (user.unitId !== null || user.establishmentId === null) throw redirect(returnTo);
  const wings = await listUnits(context.db, user.establishmentId);
  return { returnTo, prison: user.establishmentName, wings: wings.map((w) => ({ id: w.id, name: w.name })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "chooseWing" });
  const form = readWingForm(await readFormData(request));
  const result = form.ok
    ? await chooseOwnWing(context.db, user, form.data.unitId)
    : { ok: false as const, errors: form.errors };
  if (!result.ok) return data({ errors: result.errors }, { status: 400 });
  return context.sessions.redirectWithNotice(
    request,
    safeReturnPath(form.ok ? form.data.returnTo : undefined),
    "Your wing is saved. Your training is below.",
  );
}

export default function ChooseWing() {
  const { returnTo, prison, wings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={result?.errors} />
        <Form method="post" noValidate>
          <input type="hidden" name="returnTo" value={returnTo} />
          <Radios
            name="unitId"
            legend={<h1 className="govuk-fieldset__heading">Which wing or team do you work on?</h1>}
            legendClassName="govuk-fieldset__legend--l"
            hint={`Engage needs it once, to give you the training assigned to your wing at ${prison ?? "your prison"}. If you move, your administrator changes it.`}
            options={wings.map((w) => ({ value: String(w.id), label: w.name }))}
            error={result?.errors.unitId}
          />
          <button type="submit" className="govuk-button">
            Save and continue
          </button>
        </Form>
      </div>
    </div>
  );
}
