// Bundles the server entry (app/server/main.ts) into <build>/server.js beside the Remix build.
// Packages stay in node_modules; the app's own modules (~/ and ~db/) are bundled.
import path from "node:path";
import * as esbuild from "esbuild";

const dir = process.env.ENGAGE_BUILD_DIR || "build";

await esbuild.build({
  entryPoints: ["app/server/main.ts"],
  outfile: path.join(dir, "server.js"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  plugins: [
    {
      name: "packages-external",
      setup(build) {
        // Bare package names (not ./, ../, / or the app's ~/ aliases) are left to Node to load.
        build.onResolve({ filter: /^[^./~]/ }, (args) => ({ path: args.path, external: true }));
      },
    },
  ],
});
