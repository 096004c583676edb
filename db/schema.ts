// The typed shape of the Engage database, for Kysely. One interface per table; columns in
// snake_case as stored. Times are timestamptz on PostgreSQL and ISO 8601 UTC text on SQLite; the app
// reads and writes them as ISO 8601 UTC strings on both (db/connection.server.ts). Flags are boolean
// on PostgreSQL and 0/1 on SQLite, booleans to the app.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

export type Role = "officer" | "trainer" | "manager" | "admin";
export type UnitKind = "wing" | "team";

export interface EstablishmentTable {
  id: Generated<number>;
  code: string; // short code shown in lists, unique (e.g. "HBV")
  name: string;
  created_at: string;
  /** words and name patterns observations refuse, one a line ("Mr *"); "" for none */
  listed_name_patterns: ColumnType<string, string | undefined, string>;
  /** only ever grows: every write bumps it, and an admin's form carries the one it was made from */
  row_version: Generated<number>;
}

export interface UnitTable {
  id: Generated<number>;
  establishment_id: number;
  name: string;
  kind: UnitKind;
  created_at: string;
  /** only ever grows: every write bumps it, and an admin's form carries the one it was made from */
  row_version: Generated<number>;
}

export interface UserTable {
  id: Generated<number>;
  username: string; // as typed at creation, shown to people
  username_key: string; // normalised (NFKC, lower case): unique, used for look-ups
  display_name: string;
  role: Role;
  establishment_id: number | null; // null only for admins
  unit_id: number | null;
  password_hash: string; // "scrypt$N$r$p$salt$hash", parameters kept with each hash; NO_PASSWORD for none
  active: ColumnType<boolean, boolean | undefined, boolean>; // false when deactivated
  mi_coach: ColumnType<boolean, boolean | undefined, boolean>; // an officer an admin marks as an MI coach
  created_at: string;
  updated_at: string;
  email: ColumnType<string | null, string | null | undefined, string | null>;
  oidc_subject: ColumnType<string | null, string | null | undefined, string | null>; // the provider's `sub`
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>; // set when an admin chose it
  prison_joined_at: ColumnType<string | null, string | null | undefined, string | null>;
  unit_joined_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** only ever grows: every write bumps it, and an admin's form carries the one it was made from */
  row_version: Generated<number>;
  /** only ever grows: a password reset or change or a deactivation bumps it, withdrawing older device cookies */
  device_cookie_stamp: Generated<number>;
}

export interface SessionTable {
  id: string; // 32 random bytes, base64url
  user_id: number | null;
  data: string; // JSON of the Remix session data
  created_at: string; // sign-in time: sessions end a fixed time after it, however active
  expires_at: string; // slides forward on use: idle expiry
  last_seen_at: string | null;
  user_agent: string | null; // the browser's own description, shortened, for "your sessions"
}

export interface AuditEventTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  action: string; // e.g. "user.created", "sign_in.succeeded"
  subject_user_id: number | null;
  establishment_id: number | null;
  details: string | null; // JSON, small
  request_id: string | null; // the request that did it, as in the server's log lines
}

export interface AppSettingTable {
  key: string;
  value: string;
}

export interface SignInThrottleTable {
  key: string; // "user:<username key>", "address:<client address>" or "device:<device cookie's nonce>"
  window_started_at: string;
  guesses: number; // passwords checked (or refused) in the window
}

// ---- practice (scenario versions and attempts) ----
export type ScenarioSource = "library" | "studio";

export interface ScenarioVersionTable {
  id: Generated<number>;
  scenario_id: string;
  content_hash: string; // sha256 of the YAML text
  yaml: string;
  title: string;
  module_id: string;
  source: ScenarioSource;
  change_note: string | null;
  created_by: number | null;
  created_at: string;
  /** the draft revision this version closes; the studio's next draft carries on from it */
  draft_revision: Generated<number>;
  // The version this one follows (null for a scenario's first): unique per scenario, so two
  // instances importing or publishing at once cannot both add the same next version.
  previous_version_id: number | null;
}

export type AttemptMode = "practice" | "assessment";
export type AttemptStatus = "in_progress" | "finished" | "abandoned";
export type Outcome = "engaged" | "undecided" | "disengaged";

export interface AttemptTable {
  id: string; // random, unguessable
  officer_id: number;
  establishment_id: number | null; // the officer's prison when the attempt started (reporting)
  scenario_version_id: number;
  scenario_id: string;
  module_id: string;
  mode: AttemptMode;
  status: AttemptStatus;
  snapshot: string; // persisted XState snapshot, JSON
  shuffle_seed: number;
  row_version: number; // optimistic lock: each step bumps it
  step_count: number;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  ending_node: string | null;
  outcome: Outcome | null;
  // behaviour counts kept on the row when the attempt finishes, so reports need no step scan
  open_questions: number;
  closed_questions: number;
  simple_reflections: number;
  complex_reflections: number;
  mi_adherent: number;
  mi_non_adherent: number;
}

export interface AttemptStepTable {
  id: Generated<number>;
  attempt_id: string;
  seq: number; // 1, 2, ... unique per attempt: a replayed step cannot be stored twice
  node_id: string;
  choice_id: string | null;
  mi_code: string | null;
  reply_node_id: string;
  reply_talk: string;
  free_text: string | null;
  at: string;
}

export interface WrittenReplyReviewTable {
  id: Generated<number>;
  step_id: number;
  reviewer_id: number;
  rating: number; // 1..5, Helpful Responses Questionnaire scale
  comment: string | null;
  /** when the current rating was given (by reviewer_id): a change replaces both */
  at: string;
  /** bumped by every change of the rating: a change form carries the one it was made from */
  row_version: Generated<number>;
}

/** One spell of a scenario in a module (see app/domain/competency.ts). */
export interface ModuleMembershipTable {
  id: Generated<number>;
  module_id: string;
  scenario_id: string;
  added_at: string | null; // null: a member from the start
  added_by: number | null;
  removed_at: string | null; // null: still a member
  removed_by: number | null;
}

/** What a module asks for competency, where a trainer has changed it in Engage (else modules.yaml's). */
export interface ModuleSettingsTable {
  module_id: string;
  follows_library: boolean; // true: back on the library file's values
  min_reflection_to_question: number;
  min_percent_complex_reflections: number;
  max_mi_non_adherent: number;
  refresher_months: number;
  requires_observation: boolean;
  row_version: number; // only ever grows: the form carries the one it was made from
  changed_by: number | null;
  changed_at: string;
}

/** A module's pass marks from when they came into force (one row per change). */
export interface ModuleMarksTable {
  id: Generated<number>;
  module_id: string;
  min_reflection_to_question: number;
  min_percent_complex_reflections: number;
  max_mi_non_adherent: number;
  from_at: string | null; // null: in force before the first change Engage recorded
}

export interface ModuleDetailsTable {
  module_id: string;
  title: string;
  summary: string;
  added_in_engage: boolean; // false: new words for a module of scenarios/modules.yaml
  follows_library: boolean; // true: back on the library file's words
  removed_at: string | null; // a module added by mistake, removed before any scenario joined it
  added_at: string;
  row_version: number; // only ever grows: the form carries the one it was made from
  changed_by: number | null;
  changed_at: string;
}

// ---- reporting ----
export interface EstablishmentTargetTable {
  establishment_id: number;
  target_percent: number;
  target_date: string; // YYYY-MM-DD
  set_by: number;
  set_at: string;
}

export interface EngagementFigureTable {
  id: Generated<number>;
  establishment_id: number;
  month: string; // YYYY-MM
  eligible: number;
  not_engaging: number;
  recorded_by: number;
  recorded_at: string;
}

export interface XapiDeliveryTable {
  statement_id: string;
  attempt_id: string;
  sent_at: string;
}

// ---- studio ----
export interface ScenarioDraftTable {
  scenario_id: string;
  yaml: string;
  revision: number; // optimistic lock for concurrent editors
  created_by: number | null;
  updated_by: number | null;
  updated_at: string;
}

export interface ScenarioDraftRevisionTable {
  id: Generated<number>;
  scenario_id: string;
  revision: number;
  yaml: string;
  saved_by: number | null;
  saved_at: string;
  /**
   * How the text was made: "form:…" or "yaml:…" (what the save changed; "form" or "yaml" alone before that was
   * kept), "wizard", "import", or "restore:N" (revision N brought back).
   */
  how: string;
}

/** A new-scenario form's one-time key and the scenario its first submit created (a repeat lands there). */
export interface ScenarioCreationTable {
  id: Generated<number>;
  form_key: string;
  scenario_id: string;
  created_by: number | null;
  created_at: string;
}

// ---- joining: staff imports, assignments, messages, job leases ----
export interface StaffImportTable {
  id: Generated<number>;
  uploaded_by: number;
  establishment_id: number | null; // the manager's prison; null for an admin's import
  file_name: string;
  csv: string;
  deactivate_missing: boolean;
  uploaded_at: string;
  applied_at: string | null;
  summary: string | null; // JSON counts once applied
}

export interface AssignmentTable {
  id: Generated<number>;
  establishment_id: number;
  module_id: string | null; // null: the whole programme
  unit_id: number | null; // a wing or team, or
  officer_id: number | null; // a named officer; neither: the whole prison
  due_on: string | null; // YYYY-MM-DD, or
  due_days: number | null; // within this many days of joining
  target_key: string;
  created_by: number | null;
  created_at: string;
  removed_by: number | null;
  removed_at: string | null;
}

export type MessageKind = "due_reminder" | "manager_summary" | "reply_rated";
export type MessageStatus = "pending" | "sending" | "sent" | "failed" | "not_sent";

export interface MessageTable {
  id: Generated<number>;
  user_id: number;
  kind: MessageKind;
  dedupe_key: string; // unique: the same message is never recorded (or sent) twice
  subject: string;
  body: string;
  link: string;
  details: string | null;
  email: string | null;
  status: MessageStatus;
  channel: string | null;
  tries: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  provider_ref: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export interface JobLeaseTable {
  name: string;
  holder: string;
  expires_at: string;
  last_run_on: string | null; // YYYY-MM-DD (London) of the last daily run that finished
}

// ---- coaching on the wing ----
export type ObservationStatus = "draft" | "recorded";

export interface ObservationTable {
  id: Generated<number>;
  establishment_id: number; // the officer's prison when the observation started
  officer_id: number;
  coach_id: number;
  status: ObservationStatus;
  row_version: number; // optimistic lock: each save bumps it
  started_at: string;
  updated_at: string;
  recorded_at: string | null;
  minutes: number | null; // length of the conversation, 3 to 20 when recorded
  // behaviour counts, 0 to 200 each (MITI 4.2.1: open and closed questions together)
  questions: ColumnType<number, number | undefined, number>;
  simple_reflections: ColumnType<number, number | undefined, number>;
  complex_reflections: ColumnType<number, number | undefined, number>;
  affirms: ColumnType<number, number | undefined, number>;
  seeking_collaboration: ColumnType<number, number | undefined, number>;
  emphasizing_autonomy: ColumnType<number, number | undefined, number>;
  giving_information: ColumnType<number, number | undefined, number>;
  persuade_with_permission: ColumnType<number, number | undefined, number>;
  persuades: ColumnType<number, number | undefined, number>;
  confronts: ColumnType<number, number | undefined, number>;
  // MITI 4.2.1 global ratings, 1 to 5 (null in a draft not yet rated)
  cultivating_change_talk: number | null;
  softening_sustain_talk: number | null;
  partnership: number | null;
  empathy: number | null;
  strengths: string | null;
  next_step: string | null;
  officer_reflection: string | null;
  reflected_at: string | null;
  calibration_partner_id: number | null;
}

export interface ObservationRequestTable {
  id: Generated<number>;
  establishment_id: number;
  officer_id: number;
  coach_id: number;
  due_on: string; // YYYY-MM-DD
  requested_by: number;
  requested_at: string;
  done_at: string | null;
  cancelled_at: string | null;
  cancelled_by: number | null;
}

/** Columns stored as 0/1 on SQLite that the app reads as booleans (see db/connection.server.ts). */
export const BOOLEAN_COLUMNS = [
  "active",
  "must_change_password",
  "deactivate_missing",
  "mi_coach",
  "follows_library",
  "requires_observation",
  "added_in_engage",
] as const;

export interface Database {
  establishments: EstablishmentTable;
  units: UnitTable;
  users: UserTable;
  sessions: SessionTable;
  audit_events: AuditEventTable;
  sign_in_throttle: SignInThrottleTable;
  app_settings: AppSettingTable;
  scenario_versions: ScenarioVersionTable;
  attempts: AttemptTable;
  attempt_steps: AttemptStepTable;
  written_reply_reviews: WrittenReplyReviewTable;
  establishment_targets: EstablishmentTargetTable;
  engagement_figures: EngagementFigureTable;
  xapi_deliveries: XapiDeliveryTable;
  scenario_drafts: ScenarioDraftTable;
  scenario_draft_revisions: ScenarioDraftRevisionTable;
  scenario_creations: ScenarioCreationTable;
  staff_imports: StaffImportTable;
  assignments: AssignmentTable;
  messages: MessageTable;
  job_leases: JobLeaseTable;
  observations: ObservationTable;
  observation_requests: ObservationRequestTable;
  module_memberships: ModuleMembershipTable;
  module_settings: ModuleSettingsTable;
  module_marks: ModuleMarksTable;
  module_details: ModuleDetailsTable;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Establishment = Selectable<EstablishmentTable>;
export type Unit = Selectable<UnitTable>;
export type Attempt = Selectable<AttemptTable>;
export type AttemptStep = Selectable<AttemptStepTable>;
export type ScenarioVersion = Selectable<ScenarioVersionTable>;
export type Message = Selectable<MessageTable>;
export type Assignment = Selectable<AssignmentTable>;
export type Observation = Selectable<ObservationTable>;
