/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-store.h"

G_BEGIN_DECLS

#define TEST_ACCOUNT "coordinator"
#define TEST_PASSWORD "correct horse battery"

char *test_make_dir (void);
void test_remove_dir (const char *dir);
YkStore *test_create_store (const char *path,
                            char      **recovery_key);
YkStore *test_unlock (const char *path);
void test_exec (sqlite3    *db,
                const char *sql);
gint64 test_query_int (sqlite3    *db,
                       const char *sql);
char *test_query_text (sqlite3    *db,
                       const char *sql);
void test_assert_query_text (sqlite3    *db,
                             const char *sql,
                             const char *expected);
GBytes *test_read_file (const char *path);
gboolean test_bytes_contain (GBytes     *haystack,
                             const char *needle);

G_END_DECLS
