/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-crypto-types.h"

#include <sqlite3.h>

G_BEGIN_DECLS

/* The audit trail: append-only rows chained by a keyed BLAKE2b MAC over
 * the previous row's MAC and this row, so editing, deleting or inserting
 * a row breaks the chain from there on. */
typedef struct
{
  guint64 rows;
  gint64 first_bad_id; /* 0 when the chain is intact */
} YkAuditCheck;

gboolean yk_audit_append (sqlite3        *db,
                          const YkSecret *audit_key,
                          const char     *account,
                          const char     *action,
                          const char     *record_table,
                          gint64          record_id,
                          const char     *detail,
                          GError        **error);
gboolean yk_audit_verify (sqlite3        *db,
                          const YkSecret *audit_key,
                          YkAuditCheck   *check,
                          GError        **error);

/* Key rotation, on the newly keyed copy before anyone uses it: checks
 * the whole chain under `old_key` and signs it anew under `new_key`, in
 * one transaction. A chain that fails its check is refused
 * (YK_DB_ERROR_REFUSED), never re-signed. Without an audit table, TRUE. */
gboolean yk_audit_rekey (sqlite3        *db,
                         const YkSecret *old_key,
                         const YkSecret *new_key,
                         GError        **error);

G_END_DECLS
