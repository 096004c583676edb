// The GOV.UK table in one place: caption, a head of column headers (numeric ones right-aligned, a sorted
// one marked with aria-sort as the MoJ sortable table marks it), and body rows of cells. Pages pass the
// words; the classes and scopes are written here once.
import type { ReactNode } from "react";

/** Which way the rows are sorted by this column (set only on the column the rows are sorted by). */
type Sort = "ascending" | "descending";

/** A column header: its words, or the words with how the column is shown. */
type Column = ReactNode | { text: ReactNode; numeric?: boolean; sort?: Sort; className?: string };

const CAPTION = {
  s: "govuk-table__caption govuk-table__caption--s",
  m: "govuk-table__caption govuk-table__caption--m",
  hidden: "govuk-table__caption govuk-visually-hidden",
};

const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(" ");

function isDescribed(c: Column): c is Exclude<Column, ReactNode> & { text: ReactNode } {
  return typeof c === "object" && c !== null && "text" in c;
}

export function Table({
  caption,
  captionSize = "m",
  head,
  id,
  className,
  children,
}: {
  caption: ReactNode;
  /** "hidden" when a heading above the table already says what it holds */
  captionSize?: keyof typeof CAPTION;
  head: Column[];
  id?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <table className={classes("govuk-table", className)} id={id}>
      <caption className={CAPTION[captionSize]}>{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {head.map((c, i) => {
            const column = isDescribed(c) ? c : { text: c };
            return (
              <th
                // Columns are fixed for the life of a table, so their place is a stable key.
                key={i}
                scope="col"
                className={classes(
                  "govuk-table__header",
                  column.numeric && "govuk-table__header--numeric",
                  column.className,
                )}
                aria-sort={column.sort}
              >
                {column.text}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody className="govuk-table__body">{children}</tbody>
    </table>
  );
}

export function Row({ children }: { children: ReactNode }) {
  return <tr className="govuk-table__row">{children}</tr>;
}

/** The cell that names its row (read out before each cell of the row). */
export function RowHeader({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <th scope="row" className={classes("govuk-table__header", className)}>
      {children}
    </th>
  );
}

export function Cell({
  numeric,
  className,
  colSpan,
  children,
}: {
  numeric?: boolean;
  className?: string;
  colSpan?: number;
  children?: ReactNode;
}) {
  return (
    <td className={classes("govuk-table__cell", numeric && "govuk-table__cell--numeric", className)} colSpan={colSpan}>
      {children}
    </td>
  );
}
