/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Unsaved form values, kept in memory while the window lives so that a
 * lock (which destroys every screen) does not lose what someone typed.
 * A draft belongs to one account on one database, one service user and
 * one form; only that account gets it back after unlocking. Values are
 * field → text; they are wiped when a draft is replaced or dropped. */
#define YK_TYPE_DRAFTS (yk_drafts_get_type ())
G_DECLARE_FINAL_TYPE (YkDrafts, yk_drafts, YK, DRAFTS, GObject)

YkDrafts *yk_drafts_new (void);
void yk_drafts_save (YkDrafts   *self,
                     const char *account,
                     const char *path,
                     gint64      client_id,
                     const char *form,
                     GHashTable *values);
GHashTable *yk_drafts_lookup (YkDrafts   *self,
                              const char *account,
                              const char *path,
                              gint64      client_id,
                              const char *form);
void yk_drafts_discard (YkDrafts   *self,
                        const char *account,
                        const char *path,
                        gint64      client_id,
                        const char *form);
guint yk_drafts_get_count (YkDrafts *self);

G_END_DECLS
