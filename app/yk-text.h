/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text for terminals and CSV files: a Chinese character is two columns
 * wide, and RFC 4180 quoting. */
int yk_text_width (const char *text);
void yk_text_append_padded (GString    *out,
                            const char *text,
                            int         columns,
                            gboolean    right);
void yk_text_append_csv_field (GString    *out,
                               const char *text);
/* A CSV field for text people typed (docs/design/security.md, "Exports
 * that a spreadsheet opens"): a cell a spreadsheet would take for a
 * formula — first character =, +, -, @, tab or carriage return — gets a
 * leading '; so does one already starting with ' (or several) before such
 * a character, so that yk_text_csv_unguard() gives back what was typed.
 * Numbers and dates Yukang writes go through yk_text_append_csv_field(). */
void yk_text_append_csv_text (GString    *out,
                              const char *text);
/* The ledger import's side: `text` without the one ' that
 * yk_text_append_csv_text() put before =, +, -, @, tab or carriage return
 * (or before more ' and one of them); otherwise `text` itself: a ' before
 * anything else is kept as typed. */
const char *yk_text_csv_unguard (const char *text);
/* A JSON string, quotes included: " and \ escaped, control characters
 * as \u00XX; the rest is UTF-8 as it is. */
void yk_text_append_json_string (GString    *out,
                                 const char *text);

/* A name as lists show it (docs/design/security.md): the first character, then one *
 * per remaining character (王** for 王小明). Empty for NULL or invalid
 * UTF-8. */
char *yk_text_mask_name (const char *name);
char *yk_text_recovery_key_lines (const char *key);

/* Appends `part` to a one-line list of texts, after `separator` when
 * `out` is not empty. A part that ends a sentence (按时服药。) loses its
 * full stop before a separator follows it, so the line never reads
 * "按时服药。；马云"; the last part keeps it. Leading spaces are dropped;
 * empty, blank or NULL parts are skipped. */
void yk_text_append_part (GString    *out,
                          const char *separator,
                          const char *part);
/* The non-empty `parts` (NULL-terminated) joined so; NULL when none. */
char *yk_text_join_parts (const char        *separator,
                          const char *const *parts);
/* "Dec 30 17:04, 2 hours ago" (12月30日 17:04，2 小时前): a snapshot's age. */
char *yk_text_time_ago (gint64 then,
                        gint64 now);

G_END_DECLS
