// npm start runs this first: it builds Engage when there is no build, or when a source file is
// newer than the build, so a fresh clone needs only `npm ci && npm start`.
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const outputs = ["build/index.js", "build/server.js", "public/assets/engage.css"];
const sources = ["app", "db", "remix.config.js", "package-lock.json"];

const IGNORED = new Set([path.join("db", "data")]); // the database itself changes on every run

function newest(p) {
  if (IGNORED.has(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

const builtAt = Math.min(...outputs.map((o) => (fs.existsSync(o) ? fs.statSync(o).mtimeMs : 0)));
const changedAt = Math.max(...sources.filter((s) => fs.existsSync(s)).map((s) => newest(s)));
if (builtAt === 0 || changedAt > builtAt) {
  console.log(
    builtAt === 0 ? "Engage: building (first start)..." : "Engage: sources changed since the last build, rebuilding...",
  );
  execSync("npm run build", { stdio: "inherit" });
}
