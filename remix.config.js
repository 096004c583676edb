// ENGAGE_BUILD_DIR lets parallel work (and benchmarks) build into its own folder, for example
// .build/bench; the default is the usual build/ with browser assets in public/build.
const dir = process.env.ENGAGE_BUILD_DIR || "build";

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverBuildPath: `${dir}/index.js`,
  assetsBuildDirectory: dir === "build" ? "public/build" : `${dir}/assets`,
  publicPath: "/build/",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
