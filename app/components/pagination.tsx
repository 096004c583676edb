// GOV.UK pagination: previous and next links that keep the other query parameters.
export function Pagination({ page, pages, query }: { page: number; pages: number; query: Record<string, string> }) {
  if (pages <= 1) return null;
  const href = (p: number) => `?${new URLSearchParams({ ...query, page: String(p) }).toString()}`;
  return (
    <nav className="govuk-pagination" aria-label="Pages">
      {page > 1 ? (
        <div className="govuk-pagination__prev">
          <a className="govuk-link govuk-pagination__link" href={href(page - 1)} rel="prev">
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
          </a>
        </div>
      ) : null}
      <p className="govuk-body govuk-pagination__list">
        Page {page} of {pages}
      </p>
      {page < pages ? (
        <div className="govuk-pagination__next">
          <a className="govuk-link govuk-pagination__link" href={href(page + 1)} rel="next">
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
          </a>
        </div>
      ) : null}
    </nav>
  );
}

/** A page number from the query string: anything odd becomes 1. */
export function pageParam(url: URL) {
  const n = Number(url.searchParams.get("page"));
  return Number.isSafeInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}
