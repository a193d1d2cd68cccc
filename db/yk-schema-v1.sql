-- SPDX-License-Identifier: GPL-3.0-or-later
-- Yukang schema, version 1. Dates are ISO 8601 text (YYYY-MM-DD), times
-- are UTC ISO 8601. Nothing is deleted: records carry voided_at/voided_by/
-- void_reason, and every figure leaves voided rows out.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Follow-up intervals by the condition recorded at the last reached
-- contact (docs/design/followup.md, from the national management standard), as
-- "N days" or "N months".
INSERT INTO settings (key, value) VALUES
  ('followup_stable', '3 months'),
  ('followup_basically_stable', '14 days'),
  ('followup_unstable', '14 days'),
  ('improvement_threshold', '2');

CREATE TABLE sites (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL UNIQUE,
  street          TEXT,
  host_facility   TEXT,
  opening_date    TEXT,
  equipment_count INTEGER NOT NULL DEFAULT 0 CHECK (equipment_count >= 0)
);

-- People who do the work. An account (a key slot of the same name) is
-- optional, so ledgers of staff who never log in can be imported.
CREATE TABLE staff (
  id           INTEGER PRIMARY KEY,
  display_name TEXT NOT NULL,
  site_id      INTEGER REFERENCES sites (id),
  role         TEXT NOT NULL CHECK (role IN ('worker', 'coordinator')),
  account      TEXT UNIQUE,
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  CHECK (role = 'coordinator' OR site_id IS NOT NULL)
);

CREATE TABLE clients (
  id                INTEGER PRIMARY KEY,
  case_no           TEXT NOT NULL UNIQUE,
  name              TEXT NOT NULL,
  gender            TEXT CHECK (gender IN ('男', '女')),
  birth_date        TEXT,
  id_number         TEXT,
  phone             TEXT,
  address           TEXT,
  community         TEXT,
  diagnosis         TEXT,
  guardian_name     TEXT,
  guardian_relation TEXT,
  guardian_phone    TEXT,
  site_id           INTEGER NOT NULL REFERENCES sites (id),
  worker_id         INTEGER REFERENCES staff (id),
  intake_date       TEXT NOT NULL,
  consent_date      TEXT NOT NULL,
  stable_at_intake  INTEGER NOT NULL CHECK (stable_at_intake = 1),
  risk_level        INTEGER CHECK (risk_level BETWEEN 0 AND 5),
  status            TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'referred', 'closed')),
  status_date       TEXT,
  status_reason     TEXT,
  created_by        INTEGER REFERENCES staff (id),
  created_at        TEXT NOT NULL,
  voided_at         TEXT,
  voided_by         INTEGER REFERENCES staff (id),
  void_reason       TEXT,
  CHECK (status = 'active' OR status_date IS NOT NULL),
  CHECK (voided_at IS NULL OR void_reason IS NOT NULL)
);
CREATE INDEX clients_site_status ON clients (site_id, status) WHERE voided_at IS NULL;
CREATE INDEX clients_worker ON clients (worker_id) WHERE voided_at IS NULL;
CREATE INDEX clients_intake ON clients (site_id, intake_date) WHERE voided_at IS NULL;

CREATE TABLE family_members (
  id          INTEGER PRIMARY KEY,
  family_no   TEXT UNIQUE,
  client_id   INTEGER NOT NULL REFERENCES clients (id),
  name        TEXT NOT NULL,
  relation    TEXT,
  phone       TEXT,
  created_by  INTEGER REFERENCES staff (id),
  created_at  TEXT NOT NULL,
  voided_at   TEXT,
  voided_by   INTEGER REFERENCES staff (id),
  void_reason TEXT,
  CHECK (voided_at IS NULL OR void_reason IS NOT NULL)
);
CREATE INDEX family_client ON family_members (client_id);

-- Home visits and phone follow-ups, with the items of the national
-- follow-up form (随访服务记录表). Only date, type and reached are required.
CREATE TABLE contacts (
  id                  INTEGER PRIMARY KEY,
  client_id           INTEGER NOT NULL REFERENCES clients (id),
  type                TEXT NOT NULL CHECK (type IN ('home_visit', 'phone')),
  contact_date        TEXT NOT NULL,
  worker_id           INTEGER REFERENCES staff (id),
  reached             INTEGER NOT NULL DEFAULT 1 CHECK (reached IN (0, 1)),
  unreached_reason    TEXT,
  duration_min        INTEGER CHECK (duration_min >= 0),
  seen                TEXT,
  risk_level          INTEGER CHECK (risk_level BETWEEN 0 AND 5),
  insight             TEXT,
  sleep               TEXT,
  diet                TEXT,
  sf_self_care        TEXT CHECK (sf_self_care IN ('良好', '一般', '较差')),
  sf_housework        TEXT CHECK (sf_housework IN ('良好', '一般', '较差')),
  sf_work             TEXT CHECK (sf_work IN ('良好', '一般', '较差')),
  sf_learning         TEXT CHECK (sf_learning IN ('良好', '一般', '较差')),
  sf_social           TEXT CHECK (sf_social IN ('良好', '一般', '较差')),
  dangerous_behaviour TEXT,
  hospital_stays      TEXT,
  medication          TEXT CHECK (medication IN ('regular', 'intermittent', 'none', 'not_required')),
  adverse_reactions   TEXT,
  condition           TEXT CHECK (condition IN ('stable', 'basically_stable', 'unstable')),
  measures            TEXT,
  notes               TEXT,
  next_date           TEXT,
  created_by          INTEGER REFERENCES staff (id),
  created_at          TEXT NOT NULL,
  voided_at           TEXT,
  voided_by           INTEGER REFERENCES staff (id),
  void_reason         TEXT,
  CHECK (voided_at IS NULL OR void_reason IS NOT NULL)
);
-- The last reached contact of each person (follow-up due dates) and the
-- contacts of a period (statistics) are the two hot queries. The first
-- is answered from contacts_last_reached alone, one seek per person.
CREATE INDEX contacts_client_date ON contacts (client_id, contact_date, id) WHERE voided_at IS NULL;
CREATE INDEX contacts_last_reached ON contacts (client_id, contact_date, id, condition, next_date, risk_level)
  WHERE voided_at IS NULL AND reached = 1;
CREATE INDEX contacts_date ON contacts (contact_date, type, reached, client_id) WHERE voided_at IS NULL;

CREATE TABLE activities (
  id             INTEGER PRIMARY KEY,
  activity_no    TEXT UNIQUE,
  site_id        INTEGER NOT NULL REFERENCES sites (id),
  activity_date  TEXT NOT NULL,
  title          TEXT NOT NULL,
  category       TEXT CHECK (category IN ('生活技能', '社交技能', '职业康复', '心理健康教育',
                                          '家属支持', '文体娱乐', '社区融入', '其他')),
  facilitator    TEXT,
  resident_count INTEGER NOT NULL DEFAULT 0 CHECK (resident_count >= 0),
  created_by     INTEGER REFERENCES staff (id),
  created_at     TEXT NOT NULL,
  voided_at      TEXT,
  voided_by      INTEGER REFERENCES staff (id),
  void_reason    TEXT,
  CHECK (voided_at IS NULL OR void_reason IS NOT NULL)
);
CREATE INDEX activities_site_date ON activities (site_id, activity_date) WHERE voided_at IS NULL;
CREATE INDEX activities_date ON activities (activity_date) WHERE voided_at IS NULL;

CREATE TABLE attendances (
  id          INTEGER PRIMARY KEY,
  activity_id INTEGER NOT NULL REFERENCES activities (id),
  client_id   INTEGER REFERENCES clients (id),
  family_id   INTEGER REFERENCES family_members (id),
  created_by  INTEGER REFERENCES staff (id),
  created_at  TEXT NOT NULL,
  voided_at   TEXT,
  voided_by   INTEGER REFERENCES staff (id),
  void_reason TEXT,
  CHECK ((client_id IS NULL) <> (family_id IS NULL)),
  CHECK (voided_at IS NULL OR void_reason IS NOT NULL)
);
CREATE UNIQUE INDEX attendances_client ON attendances (activity_id, client_id)
  WHERE client_id IS NOT NULL AND voided_at IS NULL;
CREATE UNIQUE INDEX attendances_family ON attendances (activity_id, family_id)
  WHERE family_id IS NOT NULL AND voided_at IS NULL;
CREATE INDEX attendances_activity ON attendances (activity_id, client_id, family_id) WHERE voided_at IS NULL;
CREATE INDEX attendances_client_of ON attendances (client_id) WHERE client_id IS NOT NULL;
CREATE INDEX attendances_family_of ON attendances (family_id) WHERE family_id IS NOT NULL;

CREATE TABLE questionnaires (
  id          INTEGER PRIMARY KEY,
  site_id     INTEGER NOT NULL REFERENCES sites (id),
  q_date      TEXT NOT NULL,
  kind        TEXT CHECK (kind IN ('需求评估', '满意度', '筛查', '其他')),
  respondent  TEXT CHECK (respondent IN ('服务对象', '家属', '居民')),
  client_id   INTEGER REFERENCES clients (id),
  family_id   INTEGER REFERENCES family_members (id),
  created_by  INTEGER REFERENCES staff (id),
  created_at  TEXT NOT NULL,
  voided_at   TEXT,
  voided_by   INTEGER REFERENCES staff (id),
  void_reason TEXT,
  CHECK (voided_at IS NULL OR void_reason IS NOT NULL)
);
CREATE INDEX questionnaires_site_date ON questionnaires (site_id, q_date) WHERE voided_at IS NULL;

-- SDSS: ten items scored 0-2, 9 where an item does not apply.
CREATE TABLE assessments (
  id          INTEGER PRIMARY KEY,
  client_id   INTEGER NOT NULL REFERENCES clients (id),
  a_date      TEXT NOT NULL,
  sdss_1      INTEGER NOT NULL CHECK (sdss_1 IN (0, 1, 2, 9)),
  sdss_2      INTEGER NOT NULL CHECK (sdss_2 IN (0, 1, 2, 9)),
  sdss_3      INTEGER NOT NULL CHECK (sdss_3 IN (0, 1, 2, 9)),
  sdss_4      INTEGER NOT NULL CHECK (sdss_4 IN (0, 1, 2, 9)),
  sdss_5      INTEGER NOT NULL CHECK (sdss_5 IN (0, 1, 2, 9)),
  sdss_6      INTEGER NOT NULL CHECK (sdss_6 IN (0, 1, 2, 9)),
  sdss_7      INTEGER NOT NULL CHECK (sdss_7 IN (0, 1, 2, 9)),
  sdss_8      INTEGER NOT NULL CHECK (sdss_8 IN (0, 1, 2, 9)),
  sdss_9      INTEGER NOT NULL CHECK (sdss_9 IN (0, 1, 2, 9)),
  sdss_10     INTEGER NOT NULL CHECK (sdss_10 IN (0, 1, 2, 9)),
  created_by  INTEGER REFERENCES staff (id),
  created_at  TEXT NOT NULL,
  voided_at   TEXT,
  voided_by   INTEGER REFERENCES staff (id),
  void_reason TEXT,
  CHECK (voided_at IS NULL OR void_reason IS NOT NULL)
);
CREATE INDEX assessments_client_date ON assessments (client_id, a_date, id) WHERE voided_at IS NULL;
CREATE INDEX assessments_date ON assessments (a_date, client_id) WHERE voided_at IS NULL;
CREATE INDEX questionnaires_date ON questionnaires (q_date) WHERE voided_at IS NULL;

CREATE TABLE plan_goals (
  id          INTEGER PRIMARY KEY,
  client_id   INTEGER NOT NULL REFERENCES clients (id),
  goal        TEXT NOT NULL,
  target_date TEXT,
  review_date TEXT,
  progress    TEXT,
  created_by  INTEGER REFERENCES staff (id),
  created_at  TEXT NOT NULL,
  voided_at   TEXT,
  voided_by   INTEGER REFERENCES staff (id),
  void_reason TEXT,
  CHECK (voided_at IS NULL OR void_reason IS NOT NULL)
);
CREATE INDEX plan_goals_client ON plan_goals (client_id);

CREATE TABLE referrals (
  id            INTEGER PRIMARY KEY,
  client_id     INTEGER NOT NULL REFERENCES clients (id),
  referral_date TEXT NOT NULL,
  to_kind       TEXT NOT NULL CHECK (to_kind IN ('hospital', 'employment', 'other')),
  to_whom       TEXT,
  reason        TEXT,
  outcome       TEXT,
  created_by    INTEGER REFERENCES staff (id),
  created_at    TEXT NOT NULL,
  voided_at     TEXT,
  voided_by     INTEGER REFERENCES staff (id),
  void_reason   TEXT,
  CHECK (voided_at IS NULL OR void_reason IS NOT NULL)
);
CREATE INDEX referrals_client ON referrals (client_id);

-- Append-only: mac = BLAKE2b-keyed(audit key, previous mac || this row).
CREATE TABLE audit (
  id           INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  account      TEXT,
  action       TEXT NOT NULL,
  record_table TEXT,
  record_id    INTEGER,
  detail       TEXT,
  mac          BLOB NOT NULL
);
CREATE INDEX audit_record ON audit (record_table, record_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;
