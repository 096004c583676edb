import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { homeFor } from "~/home/home.server";
import { AdminHome, ManagerHome, OfficerHome, TrainerHome } from "~/components/home";
import { title } from "~/utils/meta";

export const meta: MetaFunction = () => title("Home");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return homeFor(context.db, user);
}

export default function Home() {
  const home = useLoaderData<typeof loader>();
  switch (home.role) {
    case "officer":
      return <OfficerHome home={home} />;
    case "trainer":
      return <TrainerHome home={home} />;
    case "manager":
      return <ManagerHome home={home} />;
    case "admin":
      return <AdminHome home={home} />;
  }
}
