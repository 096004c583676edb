// Recognising constraint violations by their error codes, which are stable, rather than by message
// text, which differs between SQLite and PostgreSQL.

/** A unique (or primary key) constraint refused the write; with `index`, that named unique index did. */
export function isUniqueViolation(error: unknown, index?: string): boolean {
  const { code, constraint, message } = (error ?? {}) as { code?: unknown; constraint?: unknown; message?: unknown };
  const unique =
    code === "23505" || // PostgreSQL unique_violation
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY";
  if (!unique || index === undefined) return unique;
  // PostgreSQL names the index; SQLite names an index in its message (a column's own key by its column).
  return constraint === index || (typeof message === "string" && message.endsWith(`index '${index}'`));
}

/** A foreign key refused the write: the row is still referred to (or refers to nothing). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23503" || code === "SQLITE_CONSTRAINT_FOREIGNKEY";
}

// What node-postgres itself throws when a connection drops or cannot be had (these carry no code).
const CLIENT_CONNECTION_ERRORS =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/** The database could not be reached, or went away (for a 503 rather than a 500). */
export function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return error instanceof Error && CLIENT_CONNECTION_ERRORS.test(error.message);
  return (
    ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE", "EHOSTUNREACH"].includes(code) ||
    code.startsWith("08") || // PostgreSQL connection exceptions
    code === "57P01" || // admin_shutdown
    code === "57P02" ||
    code === "57P03" || // cannot_connect_now
    code === "SQLITE_BUSY" ||
    code === "SQLITE_CANTOPEN"
  );
}
