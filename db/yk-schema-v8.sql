-- SPDX-License-Identifier: GPL-3.0-or-later
-- Yukang schema, version 8: the transfer of a person between sites (迁移,
-- docs/design/transfer.md). The old case file is closed as referred out
-- (转介, reason 迁至<site>) and a new one is opened at the other site;
-- each names the other. Within one file the link is the other case's id;
-- the other case's number and its site's code are kept as text as well,
-- so that a site file (yukang split) whose partner case is in another
-- file still shows "迁自 SPQ-0003". The ids are plain integers, not
-- foreign keys: a site file may hold one case of the pair only, and a
-- reader follows an id only when the row it finds has the case number
-- kept here. NULL: not transferred, as every case file before this version.
ALTER TABLE clients ADD COLUMN transferred_from_id INTEGER;
ALTER TABLE clients ADD COLUMN transferred_from_case_no TEXT;
ALTER TABLE clients ADD COLUMN transferred_from_site TEXT;
ALTER TABLE clients ADD COLUMN transferred_to_id INTEGER;
ALTER TABLE clients ADD COLUMN transferred_to_case_no TEXT;
ALTER TABLE clients ADD COLUMN transferred_to_site TEXT;
