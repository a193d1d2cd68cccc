/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What a person had typed into a form and not saved, kept in memory
 * (never on disk) across a lock until the same account reopens the same
 * form for the same record, or saves or cancels it. Owned by the window:
 * the drafts go when it goes, wiped.
 *
 * A dialog's draft is the values of its named widgets (those with an id
 * in the template), taken when the lock closes it: entries' and text
 * views' text, check buttons' state, drop-downs' selection, expanders'
 * state (keep/restore). A form that tracks its own changes keeps them as
 * field → text at every edit (keep_values/lookup_values). */
#define YK_TYPE_FORM_DRAFTS (yk_form_drafts_get_type ())
G_DECLARE_FINAL_TYPE (YkFormDrafts, yk_form_drafts, YK, FORM_DRAFTS, GObject)

YkFormDrafts *yk_form_drafts_new (void);
char *yk_form_drafts_key (const char *database,
                          const char *account,
                          const char *form,
                          gint64      id);
void yk_form_drafts_keep (YkFormDrafts *self,
                          const char   *key,
                          GtkWidget    *form);
gboolean yk_form_drafts_restore (YkFormDrafts *self,
                                 const char   *key,
                                 GtkWidget    *form);
void yk_form_drafts_keep_values (YkFormDrafts *self,
                                 const char   *key,
                                 GHashTable   *values);
GHashTable *yk_form_drafts_lookup_values (YkFormDrafts *self,
                                          const char   *key);
gboolean yk_form_drafts_has (YkFormDrafts *self,
                             const char   *key);
void yk_form_drafts_discard (YkFormDrafts *self,
                            const char   *key);
guint yk_form_drafts_get_n_drafts (YkFormDrafts *self);

G_END_DECLS
