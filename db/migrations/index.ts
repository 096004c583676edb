// Static migration list: the server is bundled into one file, so Kysely's FileMigrationProvider
// cannot find migration files at run time. Add each new migration here, in order.
import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-foundation";
import * as m0002 from "./0002-practice";
import * as m0003 from "./0003-reporting-and-studio";
import * as m0004 from "./0004-reports";
import * as m0005 from "./0005-estate";
import * as m0006 from "./0006-security";
import * as m0007 from "./0007-sso-and-assignments";
import * as m0008 from "./0008-module-membership";
import * as m0010 from "./0010-coaching";
import * as m0011 from "./0011-draft-revisions";
import * as m0012 from "./0012-module-settings";
import * as m0013 from "./0013-module-details";
import * as m0014 from "./0014-version-draft-revision";
import * as m0015 from "./0015-admin-row-versions";
import * as m0016 from "./0016-unique-emails";
import * as m0017 from "./0017-rating-row-versions";
import * as m0018 from "./0018-scenario-creations";
import * as m0019 from "./0019-module-marks";
import * as m0020 from "./0020-device-cookie-stamps";

const migrations: Record<string, Migration> = {
  "0001-foundation": m0001,
  "0002-practice": m0002,
  "0003-reporting-and-studio": m0003,
  "0004-reports": m0004,
  "0005-estate": m0005,
  "0006-security": m0006,
  "0007-sso-and-assignments": m0007,
  "0008-module-membership": m0008,
  "0010-coaching": m0010,
  "0011-draft-revisions": m0011,
  "0012-module-settings": m0012,
  "0013-module-details": m0013,
  "0014-version-draft-revision": m0014,
  "0015-admin-row-versions": m0015,
  "0016-unique-emails": m0016,
  "0017-rating-row-versions": m0017,
  "0018-scenario-creations": m0018,
  "0019-module-marks": m0019,
  "0020-device-cookie-stamps": m0020,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
