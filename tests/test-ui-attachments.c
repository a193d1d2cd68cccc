/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The attachment viewer and the attachments of a case file: a PNG and a
 * two-page PDF shown from memory, zoomed and paged through; a picture
 * that does not decode refused with no window left; the case file's list
 * filled, added to and opened, and in a district view shown without
 * adding or voiding. */
#include "yk-config.h"
#include "ui-test-util.h"
#include "yk-attachment-viewer.h"
#include "yk-attachments-box.h"
#include "yk-attachments.h"
#include "yk-demo.h"
#include "yk-district.h"
#include "yk-snapshot.h"

#include <glib/gstdio.h>
#include <string.h>

static UiTestDatabase db;

static void
show (GtkWindow *window)
{
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

static void
test_viewer_png (void)
{
  g_autoptr (GBytes) png = ui_test_sample_sheet_png ();
  g_autoptr (GError) error = NULL;
  YkAttachmentViewer *viewer = yk_attachment_viewer_new_for_bytes ("签到表.png", YK_MEDIA_TYPE_PNG, png, &error);
  double width, height, fitted;

  g_assert_no_error (error);
  g_assert_nonnull (viewer);
  show (GTK_WINDOW (viewer));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (viewer)), ==, "签到表.png");
  g_assert_cmpint (yk_attachment_viewer_get_n_pages (viewer), ==, 1);
  yk_attachment_viewer_get_page_size (viewer, &width, &height);
  g_assert_cmpfloat (width, ==, 1240);
  g_assert_cmpfloat (height, ==, 1754);
  /* Fitted: the whole sheet in the window, smaller than life. */
  g_assert_true (yk_attachment_viewer_get_fit (viewer));
  fitted = yk_attachment_viewer_get_zoom (viewer);
  g_assert_cmpfloat (fitted, <, 1.0);
  g_assert_cmpfloat (fitted, >, 0.05);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-fit", NULL) &&
                  !yk_attachment_viewer_get_fit (viewer));

  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-in", NULL);
  g_assert_false (yk_attachment_viewer_get_fit (viewer));
  g_assert_cmpfloat_with_epsilon (yk_attachment_viewer_get_zoom (viewer), fitted * 1.25, 1e-9);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-out", NULL);
  g_assert_cmpfloat_with_epsilon (yk_attachment_viewer_get_zoom (viewer), fitted / 1.25, 1e-9);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (viewer));
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-fit", NULL);
  g_assert_true (yk_attachment_viewer_get_fit (viewer));
  /* One page: nothing to page through, and no 另存为 without a database. */
  g_assert_false (gtk_widget_is_visible (ui_test_child (viewer, YK_TYPE_ATTACHMENT_VIEWER, "page_box")));
  g_assert_false (gtk_widget_is_visible (ui_test_child (viewer, YK_TYPE_ATTACHMENT_VIEWER, "save_button")));
  g_object_ref (viewer);
  gtk_window_destroy (GTK_WINDOW (viewer));
  g_assert_finalize_object (viewer);
}

static void
test_viewer_pdf (void)
{
  g_autoptr (GBytes) pdf = ui_test_sample_sheet_pdf ();
  g_autoptr (GError) error = NULL;
  YkAttachmentViewer *viewer = yk_attachment_viewer_new_for_bytes ("签到表.pdf", YK_MEDIA_TYPE_PDF, pdf, &error);
  GtkLabel *page_label;
  double width, height;

  g_assert_no_error (error);
  show (GTK_WINDOW (viewer));
  page_label = GTK_LABEL (ui_test_child (viewer, YK_TYPE_ATTACHMENT_VIEWER, "page_label"));
  g_assert_cmpint (yk_attachment_viewer_get_n_pages (viewer), ==, 2);
  g_assert_cmpint (yk_attachment_viewer_get_page (viewer), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (page_label), ==, "1 / 2");
  yk_attachment_viewer_get_page_size (viewer, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.28, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.01);
  g_assert_true (gtk_widget_is_visible (ui_test_child (viewer, YK_TYPE_ATTACHMENT_VIEWER, "page_box")));

  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.next-page", NULL);
  g_assert_cmpint (yk_attachment_viewer_get_page (viewer), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (page_label), ==, "2 / 2");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (viewer));
  /* The last page: forward goes nowhere. */
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.next-page", NULL);
  g_assert_cmpint (yk_attachment_viewer_get_page (viewer), ==, 1);
  ui_test_press_shortcut (GTK_WIDGET (viewer), "Page_Up");
  g_assert_cmpint (yk_attachment_viewer_get_page (viewer), ==, 0);
  ui_test_press_shortcut (GTK_WIDGET (viewer), "<Control>plus");
  g_assert_false (yk_attachment_viewer_get_fit (viewer));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (viewer));
  g_object_ref (viewer);
  gtk_window_destroy (GTK_WINDOW (viewer));
  g_assert_finalize_object (viewer);
}

static void
test_viewer_refuses (void)
{
  static const guint8 fake[] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8 };
  g_autoptr (GBytes) png = g_bytes_new_static (fake, sizeof fake);
  g_autoptr (GBytes) pdf = ui_test_sample_sheet_pdf ();
  g_autoptr (GBytes) half = g_bytes_new_from_bytes (pdf, 0, 200);
  g_autoptr (GError) error = NULL;
  guint before = g_list_model_get_n_items (gtk_window_get_toplevels ());

  g_assert_null (yk_attachment_viewer_new_for_bytes ("bad.png", YK_MEDIA_TYPE_PNG, png, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "bad.png"));
  g_clear_error (&error);
  g_assert_null (yk_attachment_viewer_new_for_bytes ("half.pdf", YK_MEDIA_TYPE_PDF, half, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, before);
}

static GtkWindow *
viewer_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (YK_IS_ATTACHMENT_VIEWER (window))
        return window;
    }
  return NULL;
}

static void
test_case_file_box (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = yk_session_open (db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, &error);
  g_autoptr (YkUnlockedSession) unlocked = NULL;
  g_autoptr (YkUnlockedSession) district_session = NULL;
  g_autoptr (GBytes) png = ui_test_sample_sheet_png ();
  g_autofree char *png_path = g_build_filename (db.dir, "签到表.png", NULL);
  g_autofree char *folder = g_build_filename (db.dir, "district", NULL);
  g_auto (GStrv) files = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  YkAttachmentsBox *box = g_object_new (YK_TYPE_ATTACHMENTS_BOX, NULL);
  GListModel *model = yk_attachments_box_get_model (box);
  g_autoptr (GObject) item = NULL;
  GtkWindow *viewer;
  YkDistrict *district;

  g_assert_no_error (error);
  g_assert_true (yk_demo_fill (session, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (png_path, g_bytes_get_data (png, NULL), (gssize) g_bytes_get_size (png), NULL));
  unlocked = yk_unlocked_session_new (g_steal_pointer (&session), db.path);
  gtk_window_set_child (window, GTK_WIDGET (box));
  show (window);

  yk_attachments_box_set_owner (box, unlocked, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_true (gtk_widget_is_visible (ui_test_child (box, YK_TYPE_ATTACHMENTS_BOX, "add_bar")));
  g_assert_true (gtk_widget_is_visible (ui_test_child (box, YK_TYPE_ATTACHMENTS_BOX, "empty_label")));
  g_assert_true (yk_attachments_box_add_file (box, png_path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_false (gtk_widget_is_visible (ui_test_child (box, YK_TYPE_ATTACHMENTS_BOX, "empty_label")));
  /* The scan of one contact's form (a timeline row's 附加扫描件…): the
   * person's too, listed with theirs, and the contact's. */
  {
    YkSession *core = yk_unlocked_session_get_session (unlocked);
    g_autoptr (GPtrArray) rows = NULL;
    gint64 contact = 0;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (yk_store_get_connection (yk_session_get_store (core)),
                                         "SELECT min(id) FROM contacts WHERE client_id = 1", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    contact = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
    g_assert_cmpint (contact, >, 0);
    g_assert_true (yk_attachments_box_add_file_to_contact (box, contact, png_path, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
    rows = yk_attachments_list (core, 1, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 2);
    g_assert_cmpint (((YkAttachmentRow *) rows->pdata[0])->owner.contact_id + ((YkAttachmentRow *) rows->pdata[1])->owner.contact_id,
                     ==, contact);
  }

  /* Opened in the viewer, transient for the window it came from. */
  item = g_list_model_get_item (model, 0);
  gtk_widget_activate_action (GTK_WIDGET (box), "attachments.open", "x", yk_attachments_box_item_get_id (item));
  viewer = viewer_window ();
  g_assert_nonnull (viewer);
  g_assert_true (gtk_window_get_transient_for (viewer) == window);
  g_assert_true (gtk_widget_is_visible (ui_test_child (viewer, YK_TYPE_ATTACHMENT_VIEWER, "save_button")));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (viewer));
  gtk_window_destroy (viewer);

  /* The district view of the site's snapshot: listed, opened, not added to. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (yk_session_snapshot (yk_unlocked_session_get_session (unlocked), folder, NULL, &error));
  g_assert_no_error (error);
  files = yk_district_list_folder (folder, &error);
  district = yk_district_open ((const char *const *) files, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, &error);
  g_assert_no_error (error);
  district_session = yk_unlocked_session_new_district (district, folder);
  /* One file: its ids are the district's (the first file's move by 0). */
  yk_attachments_box_set_owner (box, district_session, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_false (gtk_widget_is_visible (ui_test_child (box, YK_TYPE_ATTACHMENTS_BOX, "add_bar")));
  g_clear_object (&item);
  item = g_list_model_get_item (model, 0);
  gtk_widget_activate_action (GTK_WIDGET (box), "attachments.open", "x", yk_attachments_box_item_get_id (item));
  viewer = viewer_window ();
  g_assert_nonnull (viewer);
  gtk_window_destroy (viewer);

  yk_attachments_box_set_owner (box, NULL, 0, 0);
  gtk_window_destroy (window);
  for (guint i = 0; files[i] != NULL; i++)
    g_unlink (files[i]);
  g_rmdir (folder);
  g_unlink (png_path);
}

int
main (int argc, char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  ui_test_database_make (&db);
  g_test_add_func ("/ui/attachments/viewer-png", test_viewer_png);
  g_test_add_func ("/ui/attachments/viewer-pdf", test_viewer_pdf);
  g_test_add_func ("/ui/attachments/viewer-refuses", test_viewer_refuses);
  g_test_add_func ("/ui/attachments/case-file-box", test_case_file_box);
  status = g_test_run ();
  ui_test_database_remove (&db);
  return status;
}
