-- SPDX-License-Identifier: GPL-3.0-or-later
-- Yukang schema, version 9: staff training sessions (培训) and who
-- attended them (docs/design/training.md). The national plan asks 20
-- hours of training a year of direct-service staff; the workload report
-- (`yukang report --by worker`) shows each one's hours.
-- Hours are stored in tenths of an hour (2.5 h: 25), so sums are exact.
-- A session is voided, never deleted, like every other record; its
-- attendees go with it (they are never voided one by one).
CREATE TABLE training_sessions (
  id            INTEGER PRIMARY KEY,
  session_date  TEXT NOT NULL,
  title         TEXT NOT NULL CHECK (title <> ''),
  hours_tenths  INTEGER NOT NULL CHECK (hours_tenths BETWEEN 1 AND 240),
  provider      TEXT,
  created_by    INTEGER REFERENCES staff (id),
  created_at    TEXT NOT NULL,
  voided_at     TEXT,
  voided_by     INTEGER REFERENCES staff (id),
  void_reason   TEXT,
  CHECK (voided_at IS NULL OR void_reason IS NOT NULL)
);
CREATE INDEX training_sessions_date ON training_sessions (session_date) WHERE voided_at IS NULL;

-- Its own id so a district's merged rows of one file can be taken out
-- by id range (db/yk-district.c, remove_file).
CREATE TABLE training_attendees (
  id          INTEGER PRIMARY KEY,
  session_id  INTEGER NOT NULL REFERENCES training_sessions (id),
  staff_id    INTEGER NOT NULL REFERENCES staff (id),
  UNIQUE (session_id, staff_id)
);
CREATE INDEX training_attendees_staff ON training_attendees (staff_id);
