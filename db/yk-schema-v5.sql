-- SPDX-License-Identifier: GPL-3.0-or-later
-- Yukang schema, version 5: the informed consent (知情同意) behind each
-- case file (docs/design/file-format.md, "Consent"): who signed (本人 or
-- 监护人, with the guardian's name), its form (书面, 口头并录音), its scope
-- (建档, 服务记录, 统计上报), and its withdrawal (date, reason), which
-- closes the case (结案, 撤回同意) and refuses new records for the person.
--
-- One row per service user, written with the case file and voided with
-- it. Its date is the case file's consent date: clients.consent_date
-- stays the one place it is written (the intake rule reads it), and the
-- trigger below copies it here; writing a different one here is refused.
CREATE TABLE consents (
  id                INTEGER PRIMARY KEY,
  client_id         INTEGER NOT NULL UNIQUE REFERENCES clients (id),
  consent_date      TEXT NOT NULL,
  signer            TEXT CHECK (signer IN ('self', 'guardian')), -- NULL: not recorded
  guardian_name     TEXT,
  form              TEXT NOT NULL DEFAULT 'unknown' CHECK (form IN ('written', 'oral_recorded', 'unknown')),
  -- Bits: 1 建档 (the case file), 2 服务记录 (service records), 4 统计上报
  -- (statistics reported); NULL: not recorded.
  scope             INTEGER CHECK (scope BETWEEN 1 AND 7),
  withdrawn_date    TEXT,
  withdrawal_reason TEXT,
  created_by        INTEGER REFERENCES staff (id),
  created_at        TEXT NOT NULL,
  CHECK (signer IS NOT 'guardian' OR guardian_name IS NOT NULL),
  CHECK ((withdrawn_date IS NULL) = (withdrawal_reason IS NULL))
);

CREATE TRIGGER consents_date_of_client AFTER UPDATE OF consent_date ON clients
BEGIN
  UPDATE consents SET consent_date = NEW.consent_date WHERE client_id = NEW.id;
END;

CREATE TRIGGER consents_date_insert BEFORE INSERT ON consents
  WHEN NEW.consent_date IS NOT (SELECT consent_date FROM clients WHERE id = NEW.client_id)
  BEGIN SELECT RAISE (ABORT, 'a consent''s date is its case file''s consent date'); END;
CREATE TRIGGER consents_date_update BEFORE UPDATE OF consent_date ON consents
  WHEN NEW.consent_date IS NOT (SELECT consent_date FROM clients WHERE id = NEW.client_id)
  BEGIN SELECT RAISE (ABORT, 'a consent''s date is its case file''s consent date'); END;

-- Every case file opened before this version: its consent from its
-- consent date, in a form not recorded (形式未记录), signer and scope not
-- recorded either.
INSERT INTO consents (client_id, consent_date, form, created_by, created_at)
  SELECT id, consent_date, 'unknown', created_by, created_at FROM clients ORDER BY id;
