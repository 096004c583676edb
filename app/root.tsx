import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { data } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getCurrentUser } from "~/auth/guard.server";
import { NotificationBanner } from "~/components/page";
import { skipToMain, useFocusOnFragment, useFocusOnNewPage } from "~/components/page-focus";
import { forgetKeptReplies } from "~/components/kept-reply";
import { useNonce } from "~/components/nonce";
import { navigationFor } from "~/auth/navigation";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/assets/engage.css" },
  { rel: "icon", href: "/favicon.ico", sizes: "48x48" },
];

// Titles for the error pages; each route's own meta gives its title otherwise.
export const meta: MetaFunction = ({ error }) => {
  if (!error) return [{ title: "Engage" }];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title =
    status === 403
      ? "You do not have access to this page"
      : status === 404
        ? "Page not found"
        : status < 500
          ? "Request not handled"
          : "Sorry, there is a problem with the service";
  return [{ title: `${title} – Engage` }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request, context);
  const session = await context.sessions.getSession(request);
  const notice = session.get("notice") ?? null;
  const important = session.get("important") ?? null;
  const headers = notice || important ? { "Set-Cookie": await context.sessions.commit(request, session) } : undefined;
  return data(
    {
      user: user && {
        displayName: user.displayName,
        role: user.role,
        establishmentName: user.establishmentName,
        miCoach: user.miCoach === true,
      },
      notice,
      important,
    },
    { headers },
  );
}

// A step in a conversation, the studio checking YAML as a trainer types, or an observation saving
// itself, changes nothing the layout shows (who is signed in, notices), so the root loader is not run again for them.
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formAction,
  formData,
  nextUrl,
  defaultShouldRevalidate,
}) => {
  if (formAction === "/studio/validate") return false;
  // A coach's sheet saving itself as they tally.
  if (formData?.get("autosave") === "1") return false;
  if (
    formAction?.startsWith("/attempts/") &&
    !formAction.endsWith("/abandon") &&
    nextUrl.pathname.startsWith("/attempts/")
  )
    return false;
  return defaultShouldRevalidate;
};

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const root = useRouteLoaderData<typeof loader>("root");
  const { pathname, key } = useLocation();
  useFocusOnFragment();
  useFocusOnNewPage();
  const user = root?.user ?? null;
  const items = user ? navigationFor(user) : [];
  return (
    <html lang="en-GB" className="govuk-template govuk-template--rebranded">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#1d70b8" />
        <Meta />
        <Links />
      </head>
      <body className="govuk-template__body govuk-frontend-supported">
        <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link" onClick={skipToMain}>
          Skip to main content
        </a>
        <header className="govuk-generic-header" role="banner">
          <div className="govuk-generic-header__container govuk-width-container">
            <div className="govuk-generic-header__logo">
              <a href="/" className="govuk-generic-header__homepage-link app-logo">
                Engage
              </a>
            </div>
          </div>
        </header>
        <section
          aria-label="Service information"
          className="govuk-service-navigation"
          data-module="govuk-service-navigation"
        >
          <div className="govuk-width-container app-service-navigation">
            <div className="govuk-service-navigation__container">
              <span className="govuk-service-navigation__service-name">
                <span className="govuk-service-navigation__text">Motivational interviewing practice</span>
              </span>
              {items.length ? (
                <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                  <ul className="govuk-service-navigation__list" id="navigation">
                    {items.map((item) => {
                      const current = item.href === currentHref(items, pathname);
                      return (
                        <li
                          key={item.href}
                          className={`govuk-service-navigation__item${current ? " govuk-service-navigation__item--active" : ""}`}
                        >
                          <a
                            className="govuk-service-navigation__link"
                            href={item.href}
                            aria-current={current ? "page" : undefined}
                          >
                            {current ? (
                              <strong className="govuk-service-navigation__active-fallback">{item.text}</strong>
                            ) : (
                              item.text
                            )}
                          </a>
                        </li>
                      );
                    })}
                  </ul>
                </nav>
              ) : null}
            </div>
            {user ? (
              <div className="app-signed-in">
                <p className="govuk-body-s app-signed-in__name">
                  <span className="govuk-visually-hidden">Signed in as </span>
                  {user.displayName}
                  {user.establishmentName ? `, ${user.establishmentName}` : ""}
                </p>
                <a className="govuk-link govuk-body-s app-signed-in__link" href="/account/password">
                  Change password
                </a>
                <a className="govuk-link govuk-body-s app-signed-in__link" href="/account/sessions">
                  Your sessions
                </a>
                <Form method="post" action="/sign-out" reloadDocument onSubmit={forgetKeptReplies}>
                  <button type="submit" className="govuk-button govuk-button--secondary app-sign-out">
                    Sign out
                  </button>
                </Form>
              </div>
            ) : null}
          </div>
        </section>
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
            {root?.important ? (
              <NotificationBanner title="Important" success={false}>
                {root.important}
              </NotificationBanner>
            ) : null}
            {/* Keyed by the navigation, so the same notice twice (saved, then saved again) is a new banner that takes focus. */}
            {root?.notice ? <NotificationBanner key={key}>{root.notice}</NotificationBanner> : null}
            {children}
          </main>
        </div>
        <footer className="govuk-footer">
          <div className="govuk-width-container">
            <div className="govuk-footer__meta">
              <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <p className="govuk-body-s">
                  Engage: practice in motivational interviewing for prison officers. Practice indicators are based on
                  MITI 4.2.1, the Motivational Interviewing Treatment Integrity code; they are not a MITI coding or a
                  certificate of competence.
                </p>
              </div>
            </div>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/** The one navigation item for this page: the longest link the path starts with. */
function currentHref(items: { href: string }[], pathname: string) {
  const matches = items.filter((i) =>
    i.href === "/" ? pathname === "/" : pathname === i.href || pathname.startsWith(`${i.href}/`),
  );
  return matches.sort((a, b) => b.href.length - a.href.length)[0]?.href ?? null;
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <ErrorPage title="You do not have access to this page">
        <p className="govuk-body">
          Your role in Engage does not include this page. If you think it should, ask your Engage administrator.
        </p>
        <p className="govuk-body">
          <a className="govuk-link" href="/">
            Go to your home page
          </a>
        </p>
      </ErrorPage>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <ErrorPage title="Page not found">
        <p className="govuk-body">
          If you typed the web address, check it is correct. If you followed a link, it may be out of date.
        </p>
        <p className="govuk-body">
          <a className="govuk-link" href="/">
            Go to your home page
          </a>
        </p>
      </ErrorPage>
    );
  }
  if (isRouteErrorResponse(error) && error.status < 500) {
    return (
      <ErrorPage title="Sorry, that request could not be handled">
        <p className="govuk-body">{typeof error.data === "string" ? error.data : "The request was not valid."}</p>
        <p className="govuk-body">
          <a className="govuk-link" href="/">
            Go to your home page
          </a>
        </p>
      </ErrorPage>
    );
  }
  return (
    <ErrorPage title="Sorry, there is a problem with the service">
      <p className="govuk-body">Try again later. Nothing you entered has been lost if you had already saved it.</p>
    </ErrorPage>
  );
}

function ErrorPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{title}</h1>
        {children}
      </div>
    </div>
  );
}
