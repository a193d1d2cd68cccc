/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The intake check (docs/design/file-format.md, "Intake checks"): the
 * case files already on file for the same person. A case of any status
 * (在册, 转介, 结案) counts; a voided one does not: voiding says the row
 * was entered by mistake, so it is no case of anyone. */
typedef struct
{
  gint64 id;
  char *case_no;
  char *name;
  gint64 site_id;
  char *site_name;
  char *status;             /* active, referred, closed */
  gboolean same_id_number;  /* else: the same name and birth date */
  gboolean visible;         /* within the given site scope */
} YkDbDuplicate;

void yk_db_duplicate_free (YkDbDuplicate *duplicate);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkDbDuplicate, yk_db_duplicate_free)

/* A resident ID number as compared: without surrounding white space, its
 * check letter x upper-cased. NULL for NULL or an empty one. */
char *yk_db_id_number_normalise (const char *id_number);

/* The live case files with the same resident ID number (normalised), or
 * with the same name (trimmed) and birth date (both given), other than
 * `exclude_id` (0: none), at every site; `visible` says which lie within
 * `site_scope` (0: every site). Sorted by case number. */
GPtrArray *yk_db_client_find_duplicates (sqlite3    *db,
                                         const char *id_number,
                                         const char *name,
                                         const char *birth_date,
                                         gint64      exclude_id,
                                         gint64      site_scope,
                                         GError    **error);

G_END_DECLS

G_BEGIN_DECLS

/* The district view (docs/design/district.md): one person with a live
 * case file in two files — the same resident ID number, or the same name
 * and birth date. Files are told apart by their row ids (file i's are
 * id + i * YK_DISTRICT_ID_STRIDE); each later file's case is paired with
 * the first file's. */
typedef struct
{
  guint first_file;
  char *first_case_no;
  guint other_file;
  char *other_case_no;
  gboolean same_id_number; /* else: the same name and birth date */
} YkDbSamePerson;

void yk_db_same_person_free (YkDbSamePerson *pair);
GPtrArray *yk_db_district_same_people (sqlite3 *db,
                                       GError **error);

G_END_DECLS
