-- SPDX-License-Identifier: GPL-3.0-or-later
-- Yukang schema, version 3: a case file lists a person's voided contacts
-- and assessments too (for coordinators, and for their authors). The
-- other indexes leave voided rows out, so without these that meant a scan
-- of every contact of every person (250 ms at district scale).
CREATE INDEX contacts_voided ON contacts (client_id) WHERE voided_at IS NOT NULL;
CREATE INDEX assessments_voided ON assessments (client_id) WHERE voided_at IS NOT NULL;
