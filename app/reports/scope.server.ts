// Which prison a report is about. Managers see only their own prison: asking for another one
// (in the address or in a forged form field) gives a 404, never a hint that it exists. Admins
// choose any prison with the prison switcher; anyone who may not see reports gets a 403.
import type { AppLoadContext } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { getEstablishment, listEstablishments } from "~db/queries/establishments.server";
import { can, type Capability } from "~/auth/capabilities";
import { notFound, requireUser, type CurrentUser } from "~/auth/guard.server";
import { recordId } from "~/utils/query.server";
import { readFormData } from "~/utils/form-data.server";

export interface ReportScope {
  user: CurrentUser;
  db: Kysely<Database>;
  prison: { id: number; name: string };
  /** every prison, for the admin's switcher; empty for managers */
  prisons: { id: number; name: string }[];
}

export async function requireReportScope(
  request: Request,
  context: AppLoadContext,
  formPrison?: FormDataEntryValue | null,
  capability: Capability = "viewReports",
): Promise<ReportScope> {
  const user = await requireUser(request, context, { can: capability });
  const { db } = context;
  const fromUrl = new URL(request.url).searchParams.get("prison");
  const asked = [fromUrl, typeof formPrison === "string" ? formPrison : null].filter(
    (v): v is string => v !== null && v !== "",
  );
  const ids = asked.map((v) => recordId.safeParse(v));
  if (ids.some((r) => !r.success) || new Set(asked).size > 1) notFound();
  const askedId = ids[0]?.data ?? null;

  if (!can(user, "seeEveryPrison")) {
    if (user.establishmentId === null || (askedId !== null && askedId !== user.establishmentId)) notFound();
    const own = await getEstablishment(db, user.establishmentId);
    if (!own) notFound();
    return { user, db, prison: { id: own.id, name: own.name }, prisons: [] };
  }
  const prisons = (await listEstablishments(db)).map((e) => ({ id: e.id, name: e.name }));
  const prison = askedId === null ? prisons[0] : prisons.find((p) => p.id === askedId);
  if (!prison) notFound();
  return { user, db, prison, prisons };
}

/** The query string that keeps an admin on the chosen prison ("" for managers). */
export function prisonQuery(scope: Pick<ReportScope, "prisons" | "prison">): Record<string, string> {
  return scope.prisons.length ? { prison: String(scope.prison.id) } : {};
}

/**
 * For a report page's form: who is asking is checked before the form is read, then the prison it
 * names, as requireReportScope.
 */
export async function requireReportForm(
  request: Request,
  context: AppLoadContext,
): Promise<{ scope: ReportScope; formData: FormData }> {
  await requireUser(request, context, { can: "viewReports" });
  const formData = await readFormData(request);
  return { scope: await requireReportScope(request, context, formData.get("prison")), formData };
}
