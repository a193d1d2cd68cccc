/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Prepared statements kept for the life of their connection. Preparing
 * an INSERT compiles the running-total triggers of schema v2 with it,
 * which costs many times more than running it.
 *
 * yk_db_statement() returns the connection's statement for `sql`, reset
 * and unbound; give it back with yk_db_statement_release(), never
 * sqlite3_finalize(). `sql` must be one of a bounded set of texts (values
 * are bound, never printed into it). */
sqlite3_stmt *yk_db_statement (sqlite3     *db,
                               const char  *sql,
                               const char  *doing,
                               GError     **error);
void yk_db_statement_release (sqlite3_stmt *stmt);
/* Finalizes the connection's statements; before sqlite3_close(). */
void yk_db_statements_forget (sqlite3 *db);

G_END_DECLS
