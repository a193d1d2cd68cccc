-- SPDX-License-Identifier: GPL-3.0-or-later
-- Yukang schema, version 7: the referral source (转介来源) of a case
-- file, recorded at intake (docs/design/file-format.md, "Referral
-- source"): who sent the person to the service. Stored as a code, shown
-- in words: psychiatric_doctor (精防医生), hospital (医院), community
-- (街道社区), family (家属), self (本人申请), platform (转介平台).
-- NULL: not recorded, as for every case file opened before this version.
ALTER TABLE clients ADD COLUMN referral_source TEXT
  CHECK (referral_source IN ('psychiatric_doctor', 'hospital', 'community', 'family', 'self', 'platform'));
