// The order officers take the modules in, for every prison: each module moves one place at a time,
// a plain form per button, so it works without JavaScript and a keyboard user hears what moves.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/error-summary";
import { getCurriculum } from "~/curriculum/curriculum.server";
import { moveModule, orderKey, readMoveForm } from "~/studio/module-details.server";
import { readFormData } from "~/utils/form-data.server";
import { fieldError } from "~/utils/field-errors";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Change the order of the modules");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context, { can: "setCompetencyRules" });
  const modules = await getCurriculum(context.db, { withUnoffered: true });
  return { order: orderKey(modules), modules: modules.map((m) => ({ id: m.id, title: m.title })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context, { can: "setCompetencyRules" });
  const form = readMoveForm(await readFormData(request));
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const moved = await moveModule(context.db, user, form.data);
  if (!moved.ok) return data({ errors: fieldError("form", moved.message) }, { status: 409 });
  const module = (await getCurriculum(context.db, { withUnoffered: true })).find((m) => m.id === form.data.moduleId);
  return context.sessions.redirectWithNotice(
    request,
    "/studio/modules/order",
    `Moved ${module?.title ?? form.data.moduleId} ${form.data.direction}: it is now ${moved.position} of ${moved.of}.`,
  );
}

export default function ModuleOrder() {
  const { order, modules } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <a href="/studio/modules" className="govuk-back-link">
          Back to modules
        </a>
        <ErrorSummary errors={result?.errors} />
        <span className="govuk-caption-l">Modules and competency</span>
        <h1 className="govuk-heading-l">Change the order of the modules</h1>
        <p className="govuk-body">
          Officers in every prison see the modules in this order and are encouraged to take them in it. Moving a module
          changes no one's status.
        </p>
        <ol className="govuk-list app-module-order">
          {modules.map((m, i) => (
            <li key={m.id} className="app-module-order__item">
              <p className="govuk-body govuk-!-margin-bottom-2">
                <span className="govuk-!-font-weight-bold">{i + 1}.</span> {m.title}
              </p>
              <div className="govuk-button-group govuk-!-margin-bottom-0">
                {i > 0 ? <MoveButton id={m.id} title={m.title} order={order} direction="up" /> : null}
                {i < modules.length - 1 ? (
                  <MoveButton id={m.id} title={m.title} order={order} direction="down" />
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}

function MoveButton({
  id,
  title,
  order,
  direction,
}: {
  id: string;
  title: string;
  order: string;
  direction: "up" | "down";
}) {
  return (
    <Form method="post">
      <input type="hidden" name="moduleId" value={id} />
      <input type="hidden" name="direction" value={direction} />
      <input type="hidden" name="order" value={order} />
      <button
        type="submit"
        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
        data-module="govuk-button"
      >
        Move {direction}
        <span className="govuk-visually-hidden"> {title}</span>
      </button>
    </Form>
  );
}
