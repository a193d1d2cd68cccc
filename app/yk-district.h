/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-app-types.h"
#include "yk-session.h"
#include "yk-verify.h"

G_BEGIN_DECLS

/* The district view (docs/design/district.md): several site files, most
 * often snapshots, opened at once with one password, read-only, and
 * seen as one file. The window and the command line both use this. */

typedef struct
{
  char *path;         /* as given */
  char *site_codes;   /* "SPQ", "JL+SPQ"; NULL when not openable */
  gint64 taken_at;    /* snapshot time (Unix s, UTC); 0 for a live file */
  guint64 generation; /* snapshot generation; 0 for a live file */
  char *problem;      /* NULL when opened; else a translated sentence why not */
  char *name;         /* how messages and reports name it: its base name, or its path when two share one */
  char *audit_head;   /* its audit head, "ID:HEX", when opened; NULL for an empty trail or a file not opened */
} YkDistrictFile;

/* Every *.ykdb directly in `directory`, sorted, as paths; a name starting
 * with '.' is skipped (temporary and partial names of sync engines and
 * of Yukang's own snapshot writer). Empty when there is none. */
char **yk_district_list_folder (const char *directory,
                                GError    **error);
/* Opens every file with one account and password (Argon2id once, where
 * the files share the account's key pair). A file without a key for the
 * account is listed with its problem; the others open. Fails, naming
 * the files, when a file is damaged or cut, when two files hold one
 * site, when a snapshot is older than one already shown, or when the
 * account is no coordinator. Runs in the calling thread; it takes a
 * while (a worker thread in the window). */
YkDistrict *yk_district_open (const char *const *paths,
                              const char         *account,
                              const char         *password,
                              GError            **error);
/* The same, with a key pair already unlocked (no password, no
 * Argon2id): reading the folder again once snapshots are replaced. A
 * file whose account has a key pair of its own is listed as not opened. */
YkDistrict *yk_district_open_with_identity (const char *const *paths,
                                            const YkIdentity   *identity,
                                            GError            **error);
/* A copy of the key pair the files were opened with, for the above. */
YkIdentity *yk_district_dup_identity (YkDistrict *district);
/* The id in `to` of service user `id` of `from` (two openings of the
 * same site files, whose order may differ); 0 when their site is gone. */
gint64 yk_district_map_client_id (YkDistrict *from,
                                  YkDistrict *to,
                                  gint64      id);
/* The read-only coordinator session over every file's records. Owned by
 * the district view. */
YkSession *yk_district_get_session (YkDistrict *district);
/* YkDistrictFile *: the opened files in the merge's order (by their site
 * codes), then those not opened, as given. */
GPtrArray *yk_district_get_files (YkDistrict *district);
/* Translated sentences: the settings that change figures and differ
 * between the files. Never NULL; empty when they agree. */
const char *const *yk_district_get_warnings (YkDistrict *district);
/* Translated sentences: one person with a live case file in two files
 * (the same resident ID number, or name and birth date), naming both
 * files and case numbers, for the sites to settle. Shown in the window's
 * district header only: reports' notes carry no case numbers. Never
 * NULL; empty when there is none. */
const char *const *yk_district_get_people_warnings (YkDistrict *district);
/* A translated sentence when the record of the snapshots already shown
 * could not be trusted or saved; NULL normally. */
const char *yk_district_get_state_problem (YkDistrict *district);
/* `yukang verify` of file `index` of yk_district_get_files(): its pages,
 * SQLite's checks, its running totals and its own audit trail. */
gboolean yk_district_verify_file (YkDistrict     *district,
                                  guint           index,
                                  YkVerifyReport *report,
                                  GError        **error);
void yk_district_free (YkDistrict *district);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkDistrict, yk_district_free)

G_END_DECLS
