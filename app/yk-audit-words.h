/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The audit trail stores stable English codes (they are signed into the
 * chain and never change); these put them in words for a reader. */

/* The label of an action code such as "open_case"; an unknown code is
 * returned as it is, so no entry is ever hidden behind a blank. */
const char *yk_audit_action_label (const char *action);
/* Every action code the code base writes, NULL-terminated. */
const char *const *yk_audit_action_codes (void);
/* The name of a record table ("contacts" → "Contact"); an unknown table
 * is returned as it is. */
const char *yk_audit_table_label (const char *table);

/* `at` as stored (UTC, ISO 8601) in the local time zone,
 * "2021-12-03 14:05"; text that does not parse is returned as a copy. */
char *yk_audit_local_time (const char *at);
/* The local calendar days `from` … `to` (YYYY-MM-DD, either NULL for
 * open) as UTC instants in the stored form: `from_at` the first instant
 * included, `to_at` the first excluded. FALSE if a date is not valid. */
gboolean yk_audit_local_days (const char *from,
                              const char *to,
                              char      **from_at,
                              char      **to_at);

G_END_DECLS
