/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-due.h"

G_BEGIN_DECLS

/* The due list as `yukang due` writes it (README.md), all from one
 * YkDueList so the formats agree. Names of service users never appear:
 * the case number identifies the person, and a printout or a file left
 * on a desktop must not carry what the encrypted database protects. */
char *yk_due_list_to_text (const YkDueList *list);
char *yk_due_list_to_csv (const YkDueList *list);
char *yk_due_list_to_json (const YkDueList *list);
gboolean yk_due_list_write_pdf (const YkDueList *list,
                                const char      *path,
                                GError         **error);

G_END_DECLS
