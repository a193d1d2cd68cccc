/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* yukang split (docs/design/district.md, "Splitting one file into site
 * files"): the SQL of making one site's file out of a one-file database.
 * The new file's key slots: yk_store_create_split() (yk-store.h). */

/* On the source's own connection: a read transaction held while every
 * site file is made, so that all copies and the audit head stated are
 * of one moment (no other program can commit a change meanwhile). */
gboolean yk_db_split_begin_source (sqlite3 *source,
                                   GError **error);
void yk_db_split_end_source (sqlite3 *source);
/* The source's site codes in the order of their ids. A code that cannot
 * name a file (letters, digits, - and _ only) is refused. */
char **yk_db_split_site_codes (sqlite3 *source,
                               GError **error);
/* The accounts that go with site `code`'s file: those of its staff and
 * of every coordinator, in the order of their staff rows. */
char **yk_db_split_accounts (sqlite3    *source,
                             const char *code,
                             GError    **error);

/* On the new file's connection, migrated and empty: the source attached
 * as "src" (outside a transaction, as SQLite wants), and detached. The
 * source's store must be open in this process (its key). */
gboolean yk_db_split_attach (sqlite3    *db,
                             const char *source_path,
                             GError    **error);
void yk_db_split_detach (sqlite3 *db);
/* The new file's one transaction: deferred, not yk_db_begin()'s BEGIN
 * IMMEDIATE, which would take the attached source's write lock too (a
 * transaction over two files, and a lock the site's own program would
 * wait on). */
gboolean yk_db_split_begin (sqlite3 *db,
                            GError **error);
gboolean yk_db_split_commit (sqlite3 *db,
                             GError **error);
void yk_db_split_rollback (sqlite3 *db);

typedef struct
{
  guint64 service_users;
  guint64 records;     /* record rows copied, service users included */
  guint64 other_staff; /* staff rows of other sites the records name (below) */
} YkSplitCounts;

/* Inside the caller's transaction (yk_db_split_begin): the settings (not this
 * file's counters), site `code`'s row, its staff and every coordinator,
 * and its records with their ids, parents before children so that the
 * new file's triggers make its running totals. A staff row of another
 * site that a record names (a service user moved, a worker who changed
 * site) comes as a former member of this site's staff: inactive, no
 * account, at this site. A record naming a person of another site (an
 * attendance or a questionnaire) is refused (YK_DB_ERROR_REFUSED): a
 * site file cannot hold another site's people. */
gboolean yk_db_split_copy (sqlite3       *db,
                           const char    *code,
                           YkSplitCounts *counts,
                           GError       **error);

G_END_DECLS
