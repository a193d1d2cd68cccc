-- SPDX-License-Identifier: GPL-3.0-or-later
-- Yukang schema, version 6: attachments (附件), scans and photos kept
-- inside the encrypted database (docs/design/file-format.md,
-- "Attachments"). A file is its metadata row and its content cut into
-- chunks of 256 KiB, so that a 20 MB scan is never one huge row and a
-- damaged chunk is found: the content's BLAKE2b-256 is checked on every
-- read. Nothing is deleted: an attachment is voided like any record.
--
-- The owner is a nullable reference per kind of record, so that the
-- district merge remaps it like any other (REFERENCES) and a later kind
-- is one ADD COLUMN: every attachment is either a person's (client_id,
-- and contact_id when it belongs to one of their contacts) or an
-- activity's (签到表). A consent's attachment will be a person's too,
-- with its own consent_id.
CREATE TABLE attachments (
  id          INTEGER PRIMARY KEY,
  client_id   INTEGER REFERENCES clients (id),
  contact_id  INTEGER REFERENCES contacts (id),
  activity_id INTEGER REFERENCES activities (id),
  kind        TEXT NOT NULL CHECK (kind IN ('consent', 'form', 'sign-in', 'photo', 'other')),
  media_type  TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  file_name   TEXT NOT NULL,
  byte_size   INTEGER NOT NULL CHECK (byte_size BETWEEN 1 AND 20971520),
  chunk_count INTEGER NOT NULL CHECK (chunk_count >= 1),
  blake2b     BLOB NOT NULL CHECK (length (blake2b) = 32),
  created_by  INTEGER REFERENCES staff (id),
  created_at  TEXT NOT NULL,
  voided_at   TEXT,
  voided_by   INTEGER REFERENCES staff (id),
  void_reason TEXT,
  CHECK ((client_id IS NULL) <> (activity_id IS NULL)),
  CHECK (contact_id IS NULL OR client_id IS NOT NULL),
  CHECK (voided_at IS NULL OR void_reason IS NOT NULL)
);
CREATE INDEX attachments_client ON attachments (client_id) WHERE client_id IS NOT NULL;
CREATE INDEX attachments_contact ON attachments (contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX attachments_activity ON attachments (activity_id) WHERE activity_id IS NOT NULL;

-- Chunk `seq` holds bytes [seq × 262144, …) of the content; every chunk
-- but the last is exactly 262144 bytes. Rows are written once, with
-- their attachment, and never changed.
CREATE TABLE attachment_chunks (
  attachment_id INTEGER NOT NULL REFERENCES attachments (id),
  seq           INTEGER NOT NULL CHECK (seq >= 0),
  data          BLOB NOT NULL,
  PRIMARY KEY (attachment_id, seq)
);
CREATE TRIGGER attachment_chunks_no_update BEFORE UPDATE ON attachment_chunks
  BEGIN SELECT RAISE (ABORT, 'an attachment is never changed'); END;
CREATE TRIGGER attachment_chunks_no_delete BEFORE DELETE ON attachment_chunks
  BEGIN SELECT RAISE (ABORT, 'an attachment is never deleted'); END;
