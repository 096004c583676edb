// The "where does this lead?" choices changed in a node's form but not saved yet, read from the
// form itself so the map beside it can show them at once (with JavaScript; without it, the map
// shows them after the save, as before). Plain DOM reading: no yaml or zod in the browser.
export interface PendingLink {
  /** The option's index, or "write" for a written reply. */
  owner: number | "write";
  /** The goto branch (0 for a plain goto). */
  branch: number;
  /** The node chosen, or NEW_NODE ("a new node"). */
  to: string;
}

const GOTO_FIELD = /^nodes\.[^.]+\.(?:choices\.(\d+)|write)\.goto\.(\d+)\.node$/;

/** Each goto select of the form whose choice differs from the saved one (`saved` gives that). */
export function pendingLinks(
  form: HTMLFormElement,
  saved: (owner: number | "write", branch: number) => string | null,
): PendingLink[] {
  const links: PendingLink[] = [];
  for (const select of form.querySelectorAll("select")) {
    const match = GOTO_FIELD.exec(select.name);
    if (!match || select.value === "") continue;
    const owner = match[1] === undefined ? "write" : Number(match[1]);
    const branch = Number(match[2]);
    if (select.value !== saved(owner, branch)) links.push({ owner, branch, to: select.value });
  }
  return links;
}
