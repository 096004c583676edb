// Compiles Engage's stylesheet from the GOV.UK and MoJ Frontend Sass and copies the images it
// refers to into public/assets (generated, git-ignored).
import fs from "node:fs";
import * as sass from "sass";

const out = "public/assets";
fs.mkdirSync(`${out}/govuk/images`, { recursive: true });
const result = sass.compile("app/styles/engage.scss", {
  loadPaths: ["."],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
  logger: { warn: () => {} }, // the design systems' own deprecation notices: nothing for us to act on
});
fs.writeFileSync(`${out}/engage.css`, result.css);
for (const dir of [
  "node_modules/govuk-frontend/dist/govuk/assets/images",
  "node_modules/@ministryofjustice/frontend/moj/assets/images",
]) {
  if (fs.existsSync(dir)) fs.cpSync(dir, `${out}/govuk/images`, { recursive: true });
}
console.log(`Built ${out}/engage.css (${Math.round(result.css.length / 1024)} KB)`);
