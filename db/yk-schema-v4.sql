-- SPDX-License-Identifier: GPL-3.0-or-later
-- Yukang schema, version 4: the audit trail's entries are signed by the
-- acting account (Ed25519, signature over the entry and the database id,
-- not the MAC, so a key rotation's new MACs leave it valid), and each
-- carries its place in an unkeyed hash chain, the audit head that
-- reports and backups state (docs/design/security.md, "Audit trail").
-- Entries written before this have neither; yk-audit.c computes their
-- chain when it needs it. Signers' public keys are kept here so entries
-- of a removed account can still be checked.
ALTER TABLE audit ADD COLUMN signature BLOB;
ALTER TABLE audit ADD COLUMN chain BLOB;

CREATE TABLE audit_signers (
  account    TEXT NOT NULL,
  public_key BLOB NOT NULL CHECK (length (public_key) = 32),
  first_id   INTEGER NOT NULL, -- the first entry it signed
  PRIMARY KEY (account, public_key)
);
CREATE TRIGGER audit_signers_no_update BEFORE UPDATE ON audit_signers
  BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_signers_no_delete BEFORE DELETE ON audit_signers
  BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;
