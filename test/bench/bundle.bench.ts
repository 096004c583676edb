/**
 * npm run bench:bundle
 * The gzipped JavaScript each page sends, read from the production build (`remix build`, built first
 * when missing or older than the sources). A page loads the client entry, the root route, its parent
 * routes and its own route module, each with everything it imports statically, transitively; every
 * file counts once. The manifest (public/build/manifest-*.js) gives each route's module and parents;
 * esbuild's metafile (build/metafile.js.json) gives each file's imports, and tells pages from
 * routes with no page (resource or redirect-only routes: Remix sends the browser only an empty stub
 * for them, built from no source file of ours, and never loads it).
 * Sizes are each file gzipped on its own (KB = 1,024 bytes); the server's compression middleware sends
 * files under 1 KB uncompressed, so a browser sees about 2 KB more per page. Floor = entry + root: what every page
 * pays. Targets (issue 15): the play page at most floor + 10 KB, every page at most floor + 50 KB.
 * Prints figures; asserts nothing.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("../..", import.meta.url));
const ASSETS_DIR = "public/build"; // remix.config.js: assetsBuildDirectory, served at publicPath /build/
const PUBLIC_PATH = "/build/";
const METAFILE = "build/metafile.js.json";
const PLAY_ROUTE = "routes/attempts.$attemptId._index";

interface ManifestEntry {
  module: string;
  imports?: string[];
}
interface ManifestRoute extends ManifestEntry {
  id: string;
  parentId?: string;
}
interface Manifest {
  entry: ManifestEntry;
  routes: Record<string, ManifestRoute>;
}
interface Metafile {
  outputs: Record<string, { imports: Array<{ path: string; kind: string }>; inputs: Record<string, unknown> }>;
}

function readManifest(): Manifest {
  const dir = path.join(root, ASSETS_DIR);
  const newestManifest = fs
    .readdirSync(dir)
    .filter((f) => /^manifest-[A-Z0-9]+\.js$/.test(f))
    .map((f) => ({ f, at: fs.statSync(path.join(dir, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at)[0];
  if (!newestManifest) throw new Error(`No manifest in ${ASSETS_DIR}: run npm run build.`);
  const source = fs.readFileSync(path.join(dir, newestManifest.f), "utf8");
  // The manifest is a script: window.__remixManifest={...};
  return JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as Manifest;
}

const manifest = readManifest();
const metafile = JSON.parse(fs.readFileSync(path.join(root, METAFILE), "utf8")) as Metafile;
/** "/build/routes/x-ABC.js" -> "public/build/routes/x-ABC.js" (the metafile's key and the file on disk). */
const fileOf = (url: string) => `${ASSETS_DIR}/${url.slice(PUBLIC_PATH.length)}`;

const gzipped = new Map<string, number>();
function gzipBytes(file: string): number {
  let bytes = gzipped.get(file);
  if (bytes === undefined) {
    bytes = gzipSync(fs.readFileSync(path.join(root, file))).length;
    gzipped.set(file, bytes);
  }
  return bytes;
}

/** A module and everything it imports statically, transitively (dynamic imports load later, if ever). */
function closure(entry: ManifestEntry, into = new Set<string>()): Set<string> {
  const stack = [entry.module, ...(entry.imports ?? [])].map(fileOf);
  while (stack.length) {
    const file = stack.pop()!;
    if (into.has(file)) continue;
    into.add(file);
    const output = metafile.outputs[file];
    if (!output) throw new Error(`${file} is in the manifest but not in ${METAFILE}: rebuild.`);
    for (const i of output.imports) if (i.kind === "import-statement") stack.push(i.path);
  }
  return into;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const total = (files: Set<string>) => [...files].reduce((sum, f) => sum + gzipBytes(f), 0);

const floorFiles = closure(manifest.routes.root, closure(manifest.entry));
const floor = total(floorFiles);
const pages: Array<{ id: string; bytes: number }> = [];
const noPage: string[] = [];
for (const route of Object.values(manifest.routes)) {
  if (route.id === "root") continue;
  const inputs = Object.keys(metafile.outputs[fileOf(route.module)]?.inputs ?? {});
  if (!inputs.some((input) => input.startsWith("app/"))) {
    noPage.push(route.id);
    continue;
  }
  const files = new Set(floorFiles);
  for (let r: ManifestRoute | undefined = route; r && r.id !== "root"; r = manifest.routes[r.parentId ?? ""])
    closure(r, files);
  pages.push({ id: route.id, bytes: total(files) });
}
pages.sort((a, b) => b.bytes - a.bytes);

console.log(
  `gzipped JavaScript per page (everything it loads, shared chunks once; KB = 1,024 bytes), from ${ASSETS_DIR}:`,
);
console.log(`${"page".padEnd(44)} ${"KB".padStart(7)} ${"floor +".padStart(8)}`);
for (const { id, bytes } of pages)
  console.log(`${id.replace(/^routes\//, "").padEnd(44)} ${kb(bytes).padStart(7)} ${kb(bytes - floor).padStart(8)}`);
console.log(`routes with no page (resource or redirect-only), left out: ${noPage.length}`);
const play = pages.find((p) => p.id === PLAY_ROUTE);
if (!play) throw new Error(`The play page ${PLAY_ROUTE} is not in the manifest.`);
const largest = pages[0];
console.log(
  `bundle: floor ${kb(floor)} KB; play ${kb(play.bytes)} KB; largest ${largest.id.replace(/^routes\//, "")} ${kb(largest.bytes)} KB`,
);
