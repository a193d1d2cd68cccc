/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-cli.h"
#include "yk-district.h"
#include "yk-session.h"

G_BEGIN_DECLS

/* --db, --user, --password-file or --recovery-key-file: every command
 * that opens a database. The commands that read a district view (report,
 * verify, export) take --db more than once, or --district DIR. */
typedef struct
{
  char *db;
  char *user;
  char *password_file;
  char *recovery_key_file;
  char **dbs;     /* YK_CLI_DISTRICT_AUTH_ENTRIES: every --db given */
  char *district; /* YK_CLI_DISTRICT_AUTH_ENTRIES: --district DIR */
} YkCliAuth;

#define YK_CLI_AUTH_ENTRIES(auth)                                                                  \
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &(auth).db, N_("The database file"), N_("FILE") },          \
  YK_CLI_USER_ENTRIES (auth)

#define YK_CLI_DISTRICT_AUTH_ENTRIES(auth)                                                         \
  { "db", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &(auth).dbs,                                          \
    N_("The database file; give it more than once to see several site files as one district"),    \
    N_("FILE") },                                                                                  \
  { "district", 0, 0, G_OPTION_ARG_FILENAME, &(auth).district,                                     \
    N_("Every *.ykdb file directly in DIR, seen as one district (read only)"), N_("DIR") },        \
  YK_CLI_USER_ENTRIES (auth)

#define YK_CLI_USER_ENTRIES(auth)                                                                  \
  { "user", 0, 0, G_OPTION_ARG_STRING, &(auth).user, N_("Your user name"), N_("NAME") },           \
  { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &(auth).password_file,                          \
    N_("Read your password from the first line of FILE (- for standard input)"), N_("FILE") },      \
  { "recovery-key-file", 0, 0, G_OPTION_ARG_FILENAME, &(auth).recovery_key_file,                  \
    N_("Unlock with the recovery key in the first line of FILE instead of a password, acting as --user"), \
    N_("FILE") }

void yk_cli_auth_clear (YkCliAuth *auth);
void yk_cli_print_recovery_key (const char *recovery_key);
gboolean yk_cli_parse (const char   *command,
                       const char   *parameters,
                       GOptionEntry *entries,
                       int          *argc,
                       char       ***argv,
                       GError      **error);
gboolean yk_cli_require (const char *value,
                         const char *option,
                         GError    **error);
gboolean yk_cli_parse_kdf (const char *name,
                           YkKdfLevel *level,
                           GError    **error);
YkSession *yk_cli_open_session (YkCliAuth *auth,
                                GError   **error);
/* With --db once: that file's session, as yk_cli_open_session() opens it,
 * in *owned. With --db more than once or --district: the district view,
 * in *district, and its session (owned by it). */
YkSession *yk_cli_open_view (YkCliAuth   *auth,
                             YkSession  **owned,
                             YkDistrict **district,
                             GError     **error);
int yk_cli_fail (GError *error);
gboolean yk_cli_write_output (const char *output,
                              const char *text,
                              GError    **error);

int yk_cli_init (int argc, char **argv);
int yk_cli_verify (int argc, char **argv);
int yk_cli_backup (int argc, char **argv);
int yk_cli_snapshot (int argc, char **argv);
int yk_cli_split (int argc, char **argv);
int yk_cli_user (int argc, char **argv);
int yk_cli_report (int argc, char **argv);
int yk_cli_due (int argc, char **argv);
int yk_cli_dossier (int argc, char **argv);
int yk_cli_demo (int argc, char **argv);
int yk_cli_import (int argc, char **argv);
int yk_cli_export (int argc, char **argv);
int yk_cli_attach (int argc, char **argv);
int yk_cli_attachments (int argc, char **argv);
int yk_cli_transfer (int argc, char **argv);
int yk_cli_training (int argc, char **argv);

G_END_DECLS
