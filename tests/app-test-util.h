/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-session.h"

#include <sqlite3.h>

G_BEGIN_DECLS

/* The usual people of an app test's database: the coordinator who
 * creates it and a social worker at SPQ (the sites SPQ and JL come with
 * every new database). */
#define APP_TEST_COORDINATOR "admin"
#define APP_TEST_COORDINATOR_NAME "王协调"
#define APP_TEST_COORDINATOR_PASSWORD "correct horse battery"
#define APP_TEST_WORKER "li"
#define APP_TEST_WORKER_NAME "李社工"
#define APP_TEST_WORKER_PASSWORD "li's own passphrase"

/* A temporary directory and a database in it, keyed at Argon2id
 * "interactive" so that creating and unlocking are quick. */
typedef struct
{
  char *dir;
  char *path;
  YkSession *coordinator;
  YkSession *worker;
  char *recovery_key; /* the one creation printed */
} AppTestDb;

/* The usual database: the coordinator above, with a session open, and
 * the worker's account. */
void app_test_db_make (AppTestDb *db);
/* The worker's session (db->worker). Opening one writes an "unlock" row
 * to the audit trail, so a test opens it where its audit rows expect it. */
void app_test_db_open_worker (AppTestDb *db);
/* The parts, for a test whose people differ: a directory named after the
 * test program and `path` = dir/`file` ... */
void app_test_db_init (AppTestDb  *db,
                       const char *file);
/* ... the database, created by a coordinator (db->coordinator) ... */
void app_test_db_create (AppTestDb  *db,
                         const char *account,
                         const char *display_name,
                         const char *password);
/* ... a social worker's account, added by that coordinator ... */
void app_test_db_add_worker (AppTestDb  *db,
                             const char *account,
                             const char *password,
                             const char *site,
                             const char *display_name);
/* ... and a session of anyone, failing the test if it cannot open. */
YkSession *app_test_db_open (AppTestDb  *db,
                             const char *account,
                             const char *password);
/* Closes the sessions still open and removes the directory with all in it. */
void app_test_db_clear (AppTestDb *db);

/* A temporary directory named after the test program, and its removal
 * with everything in it. */
char *app_test_make_dir (void);
void app_test_remove_tree (const char *path);

/* SQL for assertions, on a session's own connection. */
sqlite3 *app_test_connection (YkSession *session);
void app_test_exec (YkSession  *session,
                    const char *sql);
gint64 app_test_query_int (YkSession  *session,
                           const char *sql);

G_END_DECLS
