/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-file-chooser.h"

#include <glib/gi18n.h>

static void
response_cb (GtkNativeDialog *native,
             int              response,
             gpointer         user_data)
{
  g_autoptr (GTask) task = user_data;

  if (response == GTK_RESPONSE_ACCEPT && gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (native)))
    g_task_return_pointer (task, gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native)), g_object_unref);
  else if (response == GTK_RESPONSE_ACCEPT)
    g_task_return_pointer (task, gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native)), g_object_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("No file was chosen"));
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static GtkFileChooserNative *
run (GtkWindow           *parent,
     GtkFileChooserAction action,
     const char          *title,
     const char          *accept_label,
     const char          *filter_name,
     const char          *pattern,
     const char          *suggested_name,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  GtkFileChooserNative *native;
  g_autoptr (GtkFileFilter) kind = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) everything = gtk_file_filter_new ();
  GTask *task = g_task_new (NULL, NULL, callback, user_data);

  g_task_set_source_tag (task, run);
  native = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  if (filter_name != NULL)
    {
      g_auto (GStrv) patterns = g_strsplit (pattern, ";", -1);

      gtk_file_filter_set_name (kind, filter_name);
      for (guint i = 0; patterns[i]; i++)
        gtk_file_filter_add_pattern (kind, patterns[i]);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), kind);
      gtk_file_filter_set_name (everything, _("All files"));
      gtk_file_filter_add_pattern (everything, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), everything);
    }
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);

  g_signal_connect (native, "response", G_CALLBACK (response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  return native;
}

void
yk_file_chooser_open_database (GtkWindow          *parent,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  run (parent, GTK_FILE_CHOOSER_ACTION_OPEN, _("Open Database"), _("_Open"), _("Yukang databases"), "*.ykdb", NULL,
       callback, user_data);
}

/* Several files at once: a district view of those files. */
void
yk_file_chooser_open_databases (GtkWindow          *parent,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  GtkFileChooserNative *native = run (parent, GTK_FILE_CHOOSER_ACTION_OPEN, _("Open Database"), _("_Open"),
                                      _("Yukang databases"), "*.ykdb", NULL, callback, user_data);

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
}

void
yk_file_chooser_save_database (GtkWindow          *parent,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  /* TRANSLATORS: the suggested name of a new database file; keep the .ykdb ending */
  run (parent, GTK_FILE_CHOOSER_ACTION_SAVE, _("New Database"), _("_Create"), _("Yukang databases"), "*.ykdb",
       _("cases.ykdb"), callback, user_data);
}

void
yk_file_chooser_save_file (GtkWindow          *parent,
                           const char         *title,
                           const char         *suggested_name,
                           const char         *filter_name,
                           const char         *pattern,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  run (parent, GTK_FILE_CHOOSER_ACTION_SAVE, title, _("_Save"), filter_name, pattern, suggested_name, callback,
       user_data);
}

void
yk_file_chooser_open_file (GtkWindow          *parent,
                           const char         *title,
                           const char         *filter_name,
                           const char         *patterns,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  run (parent, GTK_FILE_CHOOSER_ACTION_OPEN, title, _("_Open"), filter_name, patterns, NULL, callback, user_data);
}

void
yk_file_chooser_select_folder (GtkWindow          *parent,
                               const char         *title,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  run (parent, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, title, _("_Select"), NULL, NULL, NULL, callback, user_data);
}

GListModel *
yk_file_chooser_finish_files (GAsyncResult *result,
                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GFile *
yk_file_chooser_finish (GAsyncResult *result,
                        GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
