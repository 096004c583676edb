// npm run deps:check: the installed production dependencies are exactly what package.json asks for
// (`npm ls --omit=dev`: nothing missing, extraneous or with an unmet peer), and no direct dependency
// is deprecated on the registry. (`npm audit` cannot run here: the registry has no advisory endpoint.)
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";

const run = promisify(execFile);
const problems = [];

try {
  await run("npm", ["ls", "--omit=dev", "--all"], { maxBuffer: 16 * 1024 * 1024 });
} catch (error) {
  problems.push(`npm ls --omit=dev found problems:\n${(error.stderr || error.stdout || "").trim()}`);
}

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
const direct = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies });
const registry = (await run("npm", ["config", "get", "registry"])).stdout.trim().replace(/\/?$/, "/");
/** The deprecation notice the registry gives for one version ("" when none). */
async function deprecationOf(name, version) {
  // The abbreviated metadata npm itself installs from: each version says whether it is deprecated.
  const res = await fetch(`${registry}${name.replace("/", "%2f")}`, {
    headers: { Accept: "application/vnd.npm.install-v1+json" },
  });
  if (!res.ok) throw new Error(`${name}: the registry answered ${res.status}`);
  return (await res.json()).versions?.[version]?.deprecated ?? "";
}

// A version deprecated on the public registry: if this registry does not say so, it carries no
// deprecation notices at all (some mirrors strip them), and the check cannot be made here.
const canary = await deprecationOf("request", "2.88.2");
let verdict;
if (!canary) {
  verdict = `deprecation not checked: ${registry} gives no deprecation notices (not even for request@2.88.2)`;
} else {
  const deprecated = [];
  await Promise.all(
    direct.map(async ([name, version]) => {
      const message = await deprecationOf(name, version);
      if (message) deprecated.push(`${name}@${version}: ${message}`);
    }),
  );
  if (deprecated.length) problems.push(`deprecated direct dependencies:\n  ${deprecated.join("\n  ")}`);
  verdict = "none deprecated";
}

if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`dependencies: npm ls --omit=dev clean; ${direct.length} direct, ${verdict}`);
