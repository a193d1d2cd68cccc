/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Choosing a database file. GTK 4.8 has only GtkFileChooserNative; this
 * wrapper has the shape of GTK 4.10's GtkFileDialog (open/save with an
 * async result), so moving to it changes this file alone. Cancelling
 * the dialog finishes with G_IO_ERROR_CANCELLED. */
void yk_file_chooser_open_database (GtkWindow          *parent,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
/* One file or more (finish with yk_file_chooser_finish_files()). */
void yk_file_chooser_open_databases (GtkWindow          *parent,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
void yk_file_chooser_save_database (GtkWindow          *parent,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
/* Saving any other file (an exported report): `suggested_name` filled
 * in, files matching `pattern` ("*.xlsx"; several separated by ;) offered under `filter_name`. */
void yk_file_chooser_save_file (GtkWindow          *parent,
                                const char         *title,
                                const char         *suggested_name,
                                const char         *filter_name,
                                const char         *pattern,
                                GAsyncReadyCallback callback,
                                gpointer            user_data);
/* Opening any other file (a ledger workbook): files matching one of the
 * `patterns` ("*.xlsx;*.xls") offered under `filter_name`. */
void yk_file_chooser_open_file (GtkWindow          *parent,
                                const char         *title,
                                const char         *filter_name,
                                const char         *patterns,
                                GAsyncReadyCallback callback,
                                gpointer            user_data);
/* Choosing a folder (a ledger's). */
void yk_file_chooser_select_folder (GtkWindow          *parent,
                                    const char         *title,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
GFile *yk_file_chooser_finish (GAsyncResult *result,
                               GError      **error);
/* The GFiles chosen with yk_file_chooser_open_databases(). */
GListModel *yk_file_chooser_finish_files (GAsyncResult *result,
                                          GError      **error);

G_END_DECLS
