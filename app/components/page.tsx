// Small GOV.UK patterns used across pages.
import { Children, Fragment, useEffect, useRef, type ReactNode } from "react";
import type { TagColour } from "~/domain/vocabulary";

/**
 * GOV.UK notification banner. A success banner takes focus when it appears, as GOV.UK's script does:
 * after a form that comes back to its own page (assigning training, changing the target) focus would
 * otherwise stay on the button at the foot of the form, far below the confirmation.
 */
export function NotificationBanner({
  title = "Success",
  children,
  success = true,
}: {
  title?: string;
  children: ReactNode;
  success?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (success) ref.current?.focus();
  }, [success]);
  return (
    <div
      ref={ref}
      tabIndex={success ? -1 : undefined}
      className={`govuk-notification-banner${success ? " govuk-notification-banner--success" : ""}`}
      role={success ? "alert" : "region"}
      aria-labelledby="notification-banner-title"
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="notification-banner-title">
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{children}</p>
      </div>
    </div>
  );
}

export function SummaryList({ rows }: { rows: { key: ReactNode; value: ReactNode; action?: ReactNode }[] }) {
  return (
    <dl className="govuk-summary-list">
      {rows.map((r, i) => (
        <div className="govuk-summary-list__row" key={i}>
          <dt className="govuk-summary-list__key">{r.key}</dt>
          <dd className="govuk-summary-list__value">{r.value}</dd>
          {r.action ? <dd className="govuk-summary-list__actions">{r.action}</dd> : null}
        </div>
      ))}
    </dl>
  );
}

/**
 * GOV.UK summary card: a titled box, its actions (links or small forms) beside the title. With `id`
 * it is a region named by its title, for pages of several cards a screen reader user moves between.
 */
export function SummaryCard({
  title,
  level = 2,
  id,
  actions = [],
  children,
}: {
  title: ReactNode;
  level?: 2 | 3;
  id?: string;
  actions?: ReactNode[];
  children: ReactNode;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  const Box = id ? "section" : "div";
  return (
    <Box className="govuk-summary-card" aria-labelledby={id}>
      <div className="govuk-summary-card__title-wrapper">
        <Heading className="govuk-summary-card__title" id={id}>
          {title}
        </Heading>
        {actions.length ? (
          <ul className="govuk-summary-card__actions">
            {actions.map((action, i) => (
              <li className="govuk-summary-card__action" key={i}>
                {action}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="govuk-summary-card__content">{children}</div>
    </Box>
  );
}

export function Tag({ children, colour, testId }: { children: ReactNode; colour?: TagColour; testId?: string }) {
  return (
    <strong className={`govuk-tag${colour ? ` govuk-tag--${colour}` : ""}`} data-testid={testId}>
      {children}
    </strong>
  );
}

/** Tags side by side with a space between them, so a screen reader reads each as a word of its own. */
export function Tags({ children }: { children: ReactNode }) {
  // toArray drops the tags not shown (null, false) and keys the rest.
  return Children.toArray(children).map((tag, i) => (
    <Fragment key={i}>
      {i ? " " : null}
      {tag}
    </Fragment>
  ));
}

/** MoJ sub navigation: the tabs of one area (reports, a scenario in the studio). */
export function SubNavigation({
  label,
  items,
}: {
  label: string;
  items: { href: string; text: string; current?: boolean; download?: boolean }[];
}) {
  return (
    <nav className="moj-sub-navigation" aria-label={label}>
      <ul className="moj-sub-navigation__list">
        {items.map((item) => (
          <li key={item.href} className="moj-sub-navigation__item">
            <a
              className="moj-sub-navigation__link"
              href={item.href}
              aria-current={item.current ? "page" : undefined}
              download={item.download || undefined}
            >
              {item.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
