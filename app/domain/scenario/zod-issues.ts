/**
 * Turns zod issues into trainer-readable diagnostics positioned at the offending YAML.
 * zod's own messages ("Invalid input: expected string, received array") mean nothing to a
 * trainer, so each issue kind gets its own sentence, with the place named in words.
 */
import type { z } from "zod";
import { closest, diagnostic, didYouMean, type Diagnostic, type DiagnosticFacts } from "./diagnostics";
import type { YamlLocator } from "./parse";
import { EMPTY_TEXT, KNOWN_FIELDS, SLUG_PATTERN } from "./schema";

type Issue = z.core.$ZodIssue;
type Path = PropertyKey[];

/** "choice 2 of node 'opening'"-style description of where a path points. */
function describePath(path: Path, data: unknown): string {
  const parts: string[] = [];
  let current: unknown = data;
  for (const [i, seg] of path.entries()) {
    const parent = path[i - 1];
    const next = current && typeof current === "object" ? (current as Record<PropertyKey, unknown>)[seg] : undefined;
    if (parent === "nodes" && i === 1) parts.push(`node '${String(seg)}'`);
    else if (parent === "modules" && typeof seg === "number") {
      const id = (next as { id?: unknown })?.id;
      parts.push(typeof id === "string" ? `module '${id}'` : `module ${seg + 1}`);
    } else if (parent === "choices" && typeof seg === "number") {
      const id = (next as { id?: unknown })?.id;
      parts.push(typeof id === "string" ? `choice '${id}'` : `choice ${seg + 1}`);
    } else if (parent === "goto" && typeof seg === "number") parts.push(`goto entry ${seg + 1}`);
    else if (seg === "write" || seg === "ending" || seg === "persona" || seg === "thresholds")
      parts.push(`the ${String(seg)}`);
    current = next;
  }
  return parts.length ? parts.reverse().join(" in ") : "the file";
}

function typeName(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a group of fields";
  if (typeof value === "string") return `the text '${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return `${typeof value} ${value}`;
  return typeof value;
}

const EXPECTED: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  array: "a list",
  object: "a group of fields",
  record: "a group of fields",
  boolean: "true or false",
};

function suggestSlug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const seg of path) {
    if (!current || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[seg];
  }
  return current;
}

export function zodIssuesToDiagnostics(
  issues: readonly Issue[],
  data: unknown,
  locator: YamlLocator,
  file?: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const nodeIdOf = (path: Path) => (path[0] === "nodes" && typeof path[1] === "string" ? path[1] : undefined);

  const visitIssue = (issue: Issue, base: Path) => {
    const path = [...base, ...issue.path];
    const field = String(path[path.length - 1] ?? "");
    const where = describePath(path.slice(0, -1), data);
    const extra = { file, nodeId: nodeIdOf(path), path };
    const at = (p: Path, which: "key" | "value" = "value") => locator.find(p, which);
    // `facts` says what kind of problem it is, for the plain words (plain-words.ts).
    const report = (message: string, facts: DiagnosticFacts) =>
      out.push(diagnostic("schema", message, at(path), { ...extra, facts }));
    // A required field left out shows up as a wrong type, value or (for `goto`, a node id or a list) union of `undefined`.
    const leftOut = issue.code === "invalid_type" || issue.code === "invalid_value" || issue.code === "invalid_union";
    if (leftOut && valueAt(data, path) === undefined) {
      report(`${capitalise(where)} is missing '${field}'.`, { issue: "missing" });
      return;
    }

    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) {
          const here = describePath(path, data);
          const suggestion = closest(key, KNOWN_FIELDS);
          out.push(
            diagnostic(
              "schema",
              `'${key}' is not a field of ${here}.${didYouMean(key, KNOWN_FIELDS)}`,
              at([...path, key], "key"),
              {
                file,
                nodeId: nodeIdOf([...path, key]),
                path: [...path, key],
                facts: suggestion ? { issue: "unknown-field", suggestion } : { issue: "unknown-field" },
              },
            ),
          );
        }
        return;
      case "invalid_type": {
        const input = valueAt(data, path);
        const expected = EXPECTED[issue.expected] ?? issue.expected;
        report(`'${field}' in ${where} should be ${expected}, but it is ${typeName(input)}.`, {
          issue: "wrong-type",
          expected,
        });
        return;
      }
      case "invalid_value": {
        const input = valueAt(data, path);
        const allowed = issue.values.map(String);
        const what =
          field === "mi"
            ? "an MI code"
            : field === "talk"
              ? "a talk type"
              : field === "outcome"
                ? "an outcome"
                : "allowed here";
        const suggestion = typeof input === "string" ? didYouMean(input, allowed) : "";
        report(`'${String(input)}' is not ${what} (in ${where}).${suggestion} Use one of: ${allowed.join(", ")}.`, {
          issue: "not-allowed",
        });
        return;
      }
      case "invalid_format": {
        if (issue.message === EMPTY_TEXT) {
          out.push(
            diagnostic(
              "empty-text",
              `The '${field}' text in ${where} is empty. Write it, or remove the field if it is optional.`,
              at(path),
              extra,
            ),
          );
          return;
        }
        out.push(
          formatIssue(issue.pattern, valueAt(data, path), `value for '${field}' (in ${where})`, at(path), extra),
        );
        return;
      }
      case "invalid_key": {
        // A bad map key (a node id or a variable name): point at the key itself.
        const key = String(path[path.length - 1]);
        const pattern = issue.issues.find((i) => i.code === "invalid_format")?.pattern;
        const kind = path[path.length - 2] === "nodes" ? "node id" : "variable name";
        out.push(formatIssue(pattern, key, kind, at(path, "key"), extra));
        return;
      }
      case "invalid_union": {
        // Pick the alternative that matched the kind of value written (text vs list) and report its issues.
        const branch = issue.errors.find((errs) => !errs.some((e) => e.code === "invalid_type" && e.path.length === 0));
        if (branch) {
          for (const inner of branch) visitIssue(inner, path);
        } else {
          report(`'${field}' in ${where} should be a node id, or a list of { if, node } entries.`, {
            issue: "goto-shape",
          });
        }
        return;
      }
      case "too_small":
        if (issue.origin === "array")
          report(`'${field}' in ${where} needs at least ${issue.minimum} entr${issue.minimum === 1 ? "y" : "ies"}.`, {
            issue: "too-few",
            limit: Number(issue.minimum),
          });
        else
          report(`'${field}' in ${where} must be at least ${issue.minimum}.`, {
            issue: "too-small",
            limit: Number(issue.minimum),
          });
        return;
      case "too_big":
        report(`'${field}' in ${where} must be at most ${issue.maximum}.`, {
          issue: "too-big",
          limit: Number(issue.maximum),
        });
        return;
      default:
        report(`'${field}' in ${where}: ${issue.message}.`, { issue: "other" });
    }
  };

  for (const issue of issues) visitIssue(issue, []);
  return out;
}

function formatIssue(
  pattern: string | undefined,
  value: unknown,
  what: string,
  position: { line: number; column: number },
  extra: { file?: string; nodeId?: string; path?: Path },
): Diagnostic {
  const text = String(value);
  if (pattern === String(SLUG_PATTERN)) {
    const fixed = suggestSlug(text);
    return diagnostic(
      "schema",
      `'${text}' is not a valid ${what}: use lower-case letters, digits and single hyphens${fixed ? `, e.g. '${fixed}'` : ""}.`,
      position,
      { ...extra, facts: { issue: "bad-id", value: text, ...(fixed ? { suggestion: fixed } : {}) } },
    );
  }
  return diagnostic(
    "schema",
    `'${text}' is not a valid ${what}: use lower-case letters, digits and _, starting with a letter.`,
    position,
    { ...extra, facts: { issue: "bad-name", value: text } },
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
