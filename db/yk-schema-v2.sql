-- SPDX-License-Identifier: GPL-3.0-or-later
-- Yukang schema, version 2: running totals of the pilot's figures, kept
-- by triggers in the transaction that changes the records, so a report
-- reads a few hundred rows instead of every contact of the period.
--
-- Nothing here is a second definition of a figure. The views below say
-- which records count, with the same rules as db/yk-db-indicators.c; the
-- triggers take a record's contribution out before it changes and put it
-- back after. tests/test-app-running-totals.c checks after every kind of change
-- that the totals equal a count of the records, and `yukang verify` does
-- the same on a real file.

-- Reached contacts of live people, by the person's site.
CREATE VIEW figure_contacts AS
  SELECT k.id AS contact_id, k.client_id, c.site_id, k.contact_date AS day,
         k.type = 'home_visit' AS home_visits, k.type = 'phone' AS phone_followups
  FROM contacts k JOIN clients c ON c.id = k.client_id
  WHERE k.voided_at IS NULL AND k.reached = 1 AND c.voided_at IS NULL;

-- Attendances of live activities by live people (a family member is live
-- when the service user they belong to is), by the activity's site.
CREATE VIEW figure_attendances AS
  SELECT t.id AS attendance_id, t.activity_id, t.client_id, t.family_id, a.site_id, a.activity_date AS day
  FROM attendances t JOIN activities a ON a.id = t.activity_id
  LEFT JOIN clients c ON c.id = t.client_id
  LEFT JOIN family_members f ON f.id = t.family_id
  LEFT JOIN clients fc ON fc.id = f.client_id
  WHERE t.voided_at IS NULL AND a.voided_at IS NULL
    AND (t.client_id IS NULL OR c.voided_at IS NULL)
    AND (t.family_id IS NULL OR (f.voided_at IS NULL AND fc.voided_at IS NULL));

-- The additive figures, per day and site.
CREATE TABLE figures_by_day (
  day                      TEXT NOT NULL,
  site_id                  INTEGER NOT NULL,
  questionnaires           INTEGER NOT NULL DEFAULT 0,
  anonymous_questionnaires INTEGER NOT NULL DEFAULT 0,
  activities               INTEGER NOT NULL DEFAULT 0,
  residents                INTEGER NOT NULL DEFAULT 0,
  attendances              INTEGER NOT NULL DEFAULT 0,
  home_visits              INTEGER NOT NULL DEFAULT 0,
  phone_followups          INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, site_id)
) WITHOUT ROWID;

-- The days of each month on which a person was served (beneficiaries S
-- and F): bit d of `days` is set when something counted happened on day
-- d. Distinct people cannot be added up by day; a bit mask per month can
-- be cut to any range of days. Whether the person is live, and their
-- site, are read from their record when counting.
CREATE TABLE served_months (
  month       TEXT NOT NULL, -- YYYY-MM
  person_kind TEXT NOT NULL CHECK (person_kind IN ('client', 'family')),
  person_id   INTEGER NOT NULL,
  days        INTEGER NOT NULL,
  PRIMARY KEY (month, person_kind, person_id)
) WITHOUT ROWID;

CREATE VIEW service_days AS
  SELECT 'client' AS person_kind, client_id AS person_id, contact_date AS day FROM contacts
    WHERE voided_at IS NULL AND reached = 1
  UNION ALL
  SELECT 'client', t.client_id, a.activity_date FROM attendances t JOIN activities a ON a.id = t.activity_id
    WHERE t.client_id IS NOT NULL AND t.voided_at IS NULL AND a.voided_at IS NULL
  UNION ALL
  SELECT 'client', client_id, a_date FROM assessments WHERE voided_at IS NULL
  UNION ALL
  SELECT 'client', client_id, q_date FROM questionnaires WHERE client_id IS NOT NULL AND voided_at IS NULL
  UNION ALL
  SELECT 'family', t.family_id, a.activity_date FROM attendances t JOIN activities a ON a.id = t.activity_id
    WHERE t.family_id IS NOT NULL AND t.voided_at IS NULL AND a.voided_at IS NULL
  UNION ALL
  SELECT 'family', family_id, q_date FROM questionnaires WHERE family_id IS NOT NULL AND voided_at IS NULL;

CREATE INDEX questionnaires_client ON questionnaires (client_id, q_date) WHERE client_id IS NOT NULL AND voided_at IS NULL;
CREATE INDEX questionnaires_family ON questionnaires (family_id, q_date) WHERE family_id IS NOT NULL AND voided_at IS NULL;

-- Someone's served days in one month, recomputed from the records: a
-- month holds a few dozen of them, and a recount cannot drift.
-- A trigger inserts (month, kind, id) here; the trigger on this table
-- recounts that month and deletes the request, so the table stays empty.
CREATE TABLE served_months_recount (
  month       TEXT NOT NULL,
  person_kind TEXT NOT NULL,
  person_id   INTEGER NOT NULL
);

CREATE TRIGGER served_months_recount AFTER INSERT ON served_months_recount
BEGIN
  INSERT INTO served_months (month, person_kind, person_id, days)
    SELECT NEW.month, NEW.person_kind, NEW.person_id,
           (SELECT coalesce (sum (DISTINCT 1 << CAST (substr (s.day, 9, 2) AS INTEGER)), 0) FROM service_days s
            WHERE s.person_kind = NEW.person_kind AND s.person_id = NEW.person_id
              AND s.day BETWEEN NEW.month || '-01' AND NEW.month || '-31')
    WHERE NEW.person_id IS NOT NULL AND NEW.month IS NOT NULL
    ON CONFLICT (month, person_kind, person_id) DO UPDATE SET days = excluded.days;
  DELETE FROM served_months_recount;
END;

-- contacts -------------------------------------------------------------

CREATE TRIGGER contacts_figures_insert AFTER INSERT ON contacts
BEGIN
  INSERT INTO figures_by_day (day, site_id, home_visits, phone_followups)
    SELECT day, site_id, home_visits, phone_followups FROM figure_contacts WHERE contact_id = NEW.id
    ON CONFLICT (day, site_id) DO UPDATE SET home_visits = home_visits + excluded.home_visits,
                                             phone_followups = phone_followups + excluded.phone_followups;
  INSERT INTO served_months_recount VALUES (substr (NEW.contact_date, 1, 7), 'client', NEW.client_id);
END;

CREATE TRIGGER contacts_figures_before_update BEFORE UPDATE OF client_id, type, contact_date, reached, voided_at ON contacts
BEGIN
  INSERT INTO figures_by_day (day, site_id, home_visits, phone_followups)
    SELECT day, site_id, -home_visits, -phone_followups FROM figure_contacts WHERE contact_id = OLD.id
    ON CONFLICT (day, site_id) DO UPDATE SET home_visits = home_visits + excluded.home_visits,
                                             phone_followups = phone_followups + excluded.phone_followups;
END;

CREATE TRIGGER contacts_figures_after_update AFTER UPDATE OF client_id, type, contact_date, reached, voided_at ON contacts
BEGIN
  INSERT INTO figures_by_day (day, site_id, home_visits, phone_followups)
    SELECT day, site_id, home_visits, phone_followups FROM figure_contacts WHERE contact_id = NEW.id
    ON CONFLICT (day, site_id) DO UPDATE SET home_visits = home_visits + excluded.home_visits,
                                             phone_followups = phone_followups + excluded.phone_followups;
  INSERT INTO served_months_recount VALUES (substr (OLD.contact_date, 1, 7), 'client', OLD.client_id);
  INSERT INTO served_months_recount VALUES (substr (NEW.contact_date, 1, 7), 'client', NEW.client_id);
END;

CREATE TRIGGER contacts_figures_delete BEFORE DELETE ON contacts
BEGIN
  INSERT INTO figures_by_day (day, site_id, home_visits, phone_followups)
    SELECT day, site_id, -home_visits, -phone_followups FROM figure_contacts WHERE contact_id = OLD.id
    ON CONFLICT (day, site_id) DO UPDATE SET home_visits = home_visits + excluded.home_visits,
                                             phone_followups = phone_followups + excluded.phone_followups;
END;

CREATE TRIGGER contacts_served_delete AFTER DELETE ON contacts
BEGIN
  INSERT INTO served_months_recount VALUES (substr (OLD.contact_date, 1, 7), 'client', OLD.client_id);
END;

-- attendances ----------------------------------------------------------

CREATE TRIGGER attendances_figures_insert AFTER INSERT ON attendances
BEGIN
  INSERT INTO figures_by_day (day, site_id, attendances)
    SELECT day, site_id, 1 FROM figure_attendances WHERE attendance_id = NEW.id
    ON CONFLICT (day, site_id) DO UPDATE SET attendances = attendances + excluded.attendances;
  INSERT INTO served_months_recount
    SELECT substr (activity_date, 1, 7), iif (NEW.client_id IS NULL, 'family', 'client'),
           coalesce (NEW.client_id, NEW.family_id)
    FROM activities WHERE id = NEW.activity_id;
END;

CREATE TRIGGER attendances_figures_before_update BEFORE UPDATE OF activity_id, client_id, family_id, voided_at ON attendances
BEGIN
  INSERT INTO figures_by_day (day, site_id, attendances)
    SELECT day, site_id, -1 FROM figure_attendances WHERE attendance_id = OLD.id
    ON CONFLICT (day, site_id) DO UPDATE SET attendances = attendances + excluded.attendances;
END;

CREATE TRIGGER attendances_figures_after_update AFTER UPDATE OF activity_id, client_id, family_id, voided_at ON attendances
BEGIN
  INSERT INTO figures_by_day (day, site_id, attendances)
    SELECT day, site_id, 1 FROM figure_attendances WHERE attendance_id = NEW.id
    ON CONFLICT (day, site_id) DO UPDATE SET attendances = attendances + excluded.attendances;
  INSERT INTO served_months_recount
    SELECT substr (activity_date, 1, 7), iif (OLD.client_id IS NULL, 'family', 'client'),
           coalesce (OLD.client_id, OLD.family_id)
    FROM activities WHERE id = OLD.activity_id;
  INSERT INTO served_months_recount
    SELECT substr (activity_date, 1, 7), iif (NEW.client_id IS NULL, 'family', 'client'),
           coalesce (NEW.client_id, NEW.family_id)
    FROM activities WHERE id = NEW.activity_id;
END;

CREATE TRIGGER attendances_figures_delete BEFORE DELETE ON attendances
BEGIN
  INSERT INTO figures_by_day (day, site_id, attendances)
    SELECT day, site_id, -1 FROM figure_attendances WHERE attendance_id = OLD.id
    ON CONFLICT (day, site_id) DO UPDATE SET attendances = attendances + excluded.attendances;
END;

CREATE TRIGGER attendances_served_delete AFTER DELETE ON attendances
BEGIN
  INSERT INTO served_months_recount
    SELECT substr (activity_date, 1, 7), iif (OLD.client_id IS NULL, 'family', 'client'),
           coalesce (OLD.client_id, OLD.family_id)
    FROM activities WHERE id = OLD.activity_id;
END;

-- activities: their own count and residents, and their attendances ------

CREATE TRIGGER activities_figures_insert AFTER INSERT ON activities WHEN NEW.voided_at IS NULL
BEGIN
  INSERT INTO figures_by_day (day, site_id, activities, residents)
    VALUES (NEW.activity_date, NEW.site_id, 1, NEW.resident_count)
    ON CONFLICT (day, site_id) DO UPDATE SET activities = activities + excluded.activities,
                                             residents = residents + excluded.residents;
END;

CREATE TRIGGER activities_figures_before_update BEFORE UPDATE OF site_id, activity_date, resident_count, voided_at ON activities
BEGIN
  INSERT INTO figures_by_day (day, site_id, activities, residents)
    SELECT OLD.activity_date, OLD.site_id, -1, -OLD.resident_count WHERE OLD.voided_at IS NULL
    ON CONFLICT (day, site_id) DO UPDATE SET activities = activities + excluded.activities,
                                             residents = residents + excluded.residents;
  INSERT INTO figures_by_day (day, site_id, attendances)
    SELECT day, site_id, -count (*) FROM figure_attendances WHERE activity_id = OLD.id GROUP BY day, site_id
    ON CONFLICT (day, site_id) DO UPDATE SET attendances = attendances + excluded.attendances;
END;

CREATE TRIGGER activities_figures_after_update AFTER UPDATE OF site_id, activity_date, resident_count, voided_at ON activities
BEGIN
  INSERT INTO figures_by_day (day, site_id, activities, residents)
    SELECT NEW.activity_date, NEW.site_id, 1, NEW.resident_count WHERE NEW.voided_at IS NULL
    ON CONFLICT (day, site_id) DO UPDATE SET activities = activities + excluded.activities,
                                             residents = residents + excluded.residents;
  INSERT INTO figures_by_day (day, site_id, attendances)
    SELECT day, site_id, count (*) FROM figure_attendances WHERE activity_id = NEW.id GROUP BY day, site_id
    ON CONFLICT (day, site_id) DO UPDATE SET attendances = attendances + excluded.attendances;
  INSERT INTO served_months_recount
    SELECT substr (m.activity_date, 1, 7), iif (t.client_id IS NULL, 'family', 'client'),
           coalesce (t.client_id, t.family_id)
    FROM attendances t, (SELECT OLD.activity_date AS activity_date UNION SELECT NEW.activity_date) m
    WHERE t.activity_id = NEW.id;
END;

CREATE TRIGGER activities_figures_delete BEFORE DELETE ON activities WHEN OLD.voided_at IS NULL
BEGIN
  INSERT INTO figures_by_day (day, site_id, activities, residents)
    VALUES (OLD.activity_date, OLD.site_id, -1, -OLD.resident_count)
    ON CONFLICT (day, site_id) DO UPDATE SET activities = activities + excluded.activities,
                                             residents = residents + excluded.residents;
END;

-- questionnaires: their own row only ------------------------------------

CREATE TRIGGER questionnaires_figures_insert AFTER INSERT ON questionnaires
BEGIN
  INSERT INTO figures_by_day (day, site_id, questionnaires, anonymous_questionnaires)
    SELECT NEW.q_date, NEW.site_id, 1, NEW.client_id IS NULL AND NEW.family_id IS NULL WHERE NEW.voided_at IS NULL
    ON CONFLICT (day, site_id) DO UPDATE SET questionnaires = questionnaires + excluded.questionnaires,
      anonymous_questionnaires = anonymous_questionnaires + excluded.anonymous_questionnaires;
  INSERT INTO served_months_recount
    SELECT substr (NEW.q_date, 1, 7), iif (NEW.client_id IS NULL, 'family', 'client'),
           coalesce (NEW.client_id, NEW.family_id)
    WHERE coalesce (NEW.client_id, NEW.family_id) IS NOT NULL;
END;

CREATE TRIGGER questionnaires_figures_update AFTER UPDATE OF site_id, q_date, client_id, family_id, voided_at ON questionnaires
BEGIN
  INSERT INTO figures_by_day (day, site_id, questionnaires, anonymous_questionnaires)
    SELECT OLD.q_date, OLD.site_id, -1, -(OLD.client_id IS NULL AND OLD.family_id IS NULL) WHERE OLD.voided_at IS NULL
    ON CONFLICT (day, site_id) DO UPDATE SET questionnaires = questionnaires + excluded.questionnaires,
      anonymous_questionnaires = anonymous_questionnaires + excluded.anonymous_questionnaires;
  INSERT INTO figures_by_day (day, site_id, questionnaires, anonymous_questionnaires)
    SELECT NEW.q_date, NEW.site_id, 1, NEW.client_id IS NULL AND NEW.family_id IS NULL WHERE NEW.voided_at IS NULL
    ON CONFLICT (day, site_id) DO UPDATE SET questionnaires = questionnaires + excluded.questionnaires,
      anonymous_questionnaires = anonymous_questionnaires + excluded.anonymous_questionnaires;
  INSERT INTO served_months_recount
    SELECT substr (OLD.q_date, 1, 7), iif (OLD.client_id IS NULL, 'family', 'client'),
           coalesce (OLD.client_id, OLD.family_id)
    WHERE coalesce (OLD.client_id, OLD.family_id) IS NOT NULL;
  INSERT INTO served_months_recount
    SELECT substr (NEW.q_date, 1, 7), iif (NEW.client_id IS NULL, 'family', 'client'),
           coalesce (NEW.client_id, NEW.family_id)
    WHERE coalesce (NEW.client_id, NEW.family_id) IS NOT NULL;
END;

CREATE TRIGGER questionnaires_figures_delete AFTER DELETE ON questionnaires
BEGIN
  INSERT INTO figures_by_day (day, site_id, questionnaires, anonymous_questionnaires)
    SELECT OLD.q_date, OLD.site_id, -1, -(OLD.client_id IS NULL AND OLD.family_id IS NULL) WHERE OLD.voided_at IS NULL
    ON CONFLICT (day, site_id) DO UPDATE SET questionnaires = questionnaires + excluded.questionnaires,
      anonymous_questionnaires = anonymous_questionnaires + excluded.anonymous_questionnaires;
  INSERT INTO served_months_recount
    SELECT substr (OLD.q_date, 1, 7), iif (OLD.client_id IS NULL, 'family', 'client'),
           coalesce (OLD.client_id, OLD.family_id)
    WHERE coalesce (OLD.client_id, OLD.family_id) IS NOT NULL;
END;

-- assessments: served days only ----------------------------------------

CREATE TRIGGER assessments_served_insert AFTER INSERT ON assessments
BEGIN
  INSERT INTO served_months_recount VALUES (substr (NEW.a_date, 1, 7), 'client', NEW.client_id);
END;

CREATE TRIGGER assessments_served_update AFTER UPDATE OF client_id, a_date, voided_at ON assessments
BEGIN
  INSERT INTO served_months_recount VALUES (substr (OLD.a_date, 1, 7), 'client', OLD.client_id);
  INSERT INTO served_months_recount VALUES (substr (NEW.a_date, 1, 7), 'client', NEW.client_id);
END;

CREATE TRIGGER assessments_served_delete AFTER DELETE ON assessments
BEGIN
  INSERT INTO served_months_recount VALUES (substr (OLD.a_date, 1, 7), 'client', OLD.client_id);
END;

-- people: voiding someone, or moving them to another site, moves what
-- they contributed (their contacts by their site; their attendances and
-- their family's count only while they are live). ----------------------

CREATE TRIGGER clients_figures_before_update BEFORE UPDATE OF site_id, voided_at ON clients
BEGIN
  INSERT INTO figures_by_day (day, site_id, home_visits, phone_followups)
    SELECT day, site_id, -sum (home_visits), -sum (phone_followups) FROM figure_contacts
    WHERE client_id = OLD.id GROUP BY day, site_id
    ON CONFLICT (day, site_id) DO UPDATE SET home_visits = home_visits + excluded.home_visits,
                                             phone_followups = phone_followups + excluded.phone_followups;
  INSERT INTO figures_by_day (day, site_id, attendances)
    SELECT day, site_id, -count (*) FROM figure_attendances
    WHERE client_id = OLD.id OR family_id IN (SELECT id FROM family_members WHERE client_id = OLD.id)
    GROUP BY day, site_id
    ON CONFLICT (day, site_id) DO UPDATE SET attendances = attendances + excluded.attendances;
END;

CREATE TRIGGER clients_figures_after_update AFTER UPDATE OF site_id, voided_at ON clients
BEGIN
  INSERT INTO figures_by_day (day, site_id, home_visits, phone_followups)
    SELECT day, site_id, sum (home_visits), sum (phone_followups) FROM figure_contacts
    WHERE client_id = NEW.id GROUP BY day, site_id
    ON CONFLICT (day, site_id) DO UPDATE SET home_visits = home_visits + excluded.home_visits,
                                             phone_followups = phone_followups + excluded.phone_followups;
  INSERT INTO figures_by_day (day, site_id, attendances)
    SELECT day, site_id, count (*) FROM figure_attendances
    WHERE client_id = NEW.id OR family_id IN (SELECT id FROM family_members WHERE client_id = NEW.id)
    GROUP BY day, site_id
    ON CONFLICT (day, site_id) DO UPDATE SET attendances = attendances + excluded.attendances;
END;

CREATE TRIGGER family_figures_before_update BEFORE UPDATE OF client_id, voided_at ON family_members
BEGIN
  INSERT INTO figures_by_day (day, site_id, attendances)
    SELECT day, site_id, -count (*) FROM figure_attendances WHERE family_id = OLD.id GROUP BY day, site_id
    ON CONFLICT (day, site_id) DO UPDATE SET attendances = attendances + excluded.attendances;
END;

CREATE TRIGGER family_figures_after_update AFTER UPDATE OF client_id, voided_at ON family_members
BEGIN
  INSERT INTO figures_by_day (day, site_id, attendances)
    SELECT day, site_id, count (*) FROM figure_attendances WHERE family_id = NEW.id GROUP BY day, site_id
    ON CONFLICT (day, site_id) DO UPDATE SET attendances = attendances + excluded.attendances;
END;

-- What the records hold today.
INSERT INTO figures_by_day (day, site_id, home_visits, phone_followups)
  SELECT day, site_id, sum (home_visits), sum (phone_followups) FROM figure_contacts WHERE 1 GROUP BY day, site_id
  ON CONFLICT (day, site_id) DO UPDATE SET home_visits = home_visits + excluded.home_visits,
                                           phone_followups = phone_followups + excluded.phone_followups;
INSERT INTO figures_by_day (day, site_id, attendances)
  SELECT day, site_id, count (*) FROM figure_attendances WHERE 1 GROUP BY day, site_id
  ON CONFLICT (day, site_id) DO UPDATE SET attendances = attendances + excluded.attendances;
INSERT INTO figures_by_day (day, site_id, activities, residents)
  SELECT activity_date, site_id, count (*), sum (resident_count) FROM activities WHERE voided_at IS NULL
  GROUP BY activity_date, site_id
  ON CONFLICT (day, site_id) DO UPDATE SET activities = activities + excluded.activities,
                                           residents = residents + excluded.residents;
INSERT INTO figures_by_day (day, site_id, questionnaires, anonymous_questionnaires)
  SELECT q_date, site_id, count (*), sum (client_id IS NULL AND family_id IS NULL) FROM questionnaires
  WHERE voided_at IS NULL GROUP BY q_date, site_id
  ON CONFLICT (day, site_id) DO UPDATE SET questionnaires = questionnaires + excluded.questionnaires,
    anonymous_questionnaires = anonymous_questionnaires + excluded.anonymous_questionnaires;
INSERT INTO served_months (month, person_kind, person_id, days)
  SELECT substr (day, 1, 7), person_kind, person_id,
         sum (DISTINCT 1 << CAST (substr (day, 9, 2) AS INTEGER))
  FROM service_days WHERE person_id IS NOT NULL GROUP BY 1, 2, 3;
