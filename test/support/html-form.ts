/**
 * What a browser would submit from server-rendered form markup: each named input, textarea, checked
 * radio and selected option, read from the HTML React renders. Enough for React's own output (double
 * quoted attributes, escaped text), not a general HTML parser.
 */
export interface Control {
  kind: "input" | "textarea" | "select" | "radio";
  name: string;
  value: string;
  /** For selects and radios: every value on offer. */
  options: string[];
  type?: string;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z-:]+)(?:="([^"]*)")?/g)) out[m[1]] = decode(m[2] ?? "");
  return out;
}

export function controlsOf(html: string): Control[] {
  const controls: Control[] = [];
  const radios = new Map<string, Control>();
  const tags = /<(input|textarea|select|option|\/select)\b([^>]*)>/g;
  let select: Control | null = null;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    const [, tag, rest] = m;
    const a = attributes(rest);
    if (tag === "input") {
      if (!a.name || a.type === "submit") continue;
      if (a.type === "radio") {
        const group = radios.get(a.name) ?? { kind: "radio" as const, name: a.name, value: "", options: [] };
        if (!radios.has(a.name)) {
          radios.set(a.name, group);
          controls.push(group);
        }
        group.options.push(a.value);
        if ("checked" in a) group.value = a.value;
      } else controls.push({ kind: "input", name: a.name, value: a.value ?? "", options: [], type: a.type });
    } else if (tag === "textarea") {
      const end = html.indexOf("</textarea>", tags.lastIndex);
      controls.push({ kind: "textarea", name: a.name, value: decode(html.slice(tags.lastIndex, end)), options: [] });
    } else if (tag === "select") {
      select = { kind: "select", name: a.name, value: "", options: [] };
      controls.push(select);
    } else if (tag === "option" && select) {
      select.options.push(a.value);
      if ("selected" in a || select.options.length === 1)
        select.value = "selected" in a ? a.value : select.value || a.value;
    } else if (tag === "/select") select = null;
  }
  return controls;
}

export function formDataOf(controls: Control[], changes: Record<string, string> = {}): FormData {
  const data = new FormData();
  for (const c of controls) {
    const value = c.name in changes ? changes[c.name] : c.value;
    // An unchecked radio group sends nothing, as in a browser.
    if (c.kind === "radio" && value === "") continue;
    data.append(c.name, value);
  }
  for (const [name, value] of Object.entries(changes))
    if (!controls.some((c) => c.name === name)) data.append(name, value);
  return data;
}

/** Every element id in the markup. */
export function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decode(m[1])));
}
