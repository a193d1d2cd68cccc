/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define YK_TYPE_DATE_ENTRY (yk_date_entry_get_type ())
G_DECLARE_FINAL_TYPE (YkDateEntry, yk_date_entry, YK, DATE_ENTRY, GtkWidget)

/* One date field everywhere a date is typed: an entry that takes the
 * short forms of yk_date_parse_typed() and writes them back as ISO when
 * the person leaves it or presses Enter, and a button with a calendar,
 * 今天 and 昨天. It is a GtkEditable, so gtk_editable_get_text() and
 * "changed" work on it as on the GtkEntry it replaces. */
GtkWidget *yk_date_entry_new (void);

gboolean yk_date_entry_normalize (YkDateEntry *self);
void yk_date_entry_set_date (YkDateEntry *self,
                             const GDate *date);
GtkWidget *yk_date_entry_get_entry (YkDateEntry *self);
GtkWidget *yk_date_entry_get_popover (YkDateEntry *self);

G_END_DECLS
