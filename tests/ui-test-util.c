/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "yk-config.h"
#include "ui-test-util.h"
#include "yk-accounts.h"
#include "yk-main-view.h"
#include "yk-record-rules.h"
#include "yk-session.h"
#include "yk-unlock-page.h"
#include "yk-wipe.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

void
ui_test_init (int    *argc,
              char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

void
ui_test_database_make (UiTestDatabase *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = NULL;

  db->dir = g_dir_make_tmp ("yukang-ui-test-XXXXXX", &error);
  g_assert_no_error (error);
  db->path = g_build_filename (db->dir, "test.ykdb", NULL);

  session = yk_session_create (db->path, UI_TEST_COORDINATOR, "王协调", UI_TEST_COORDINATOR_PASSWORD,
                               YK_KDF_INTERACTIVE, &db->recovery_key, &error);
  g_assert_no_error (error);
  yk_accounts_add (session, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD, YK_ROLE_WORKER, "SPQ", "李社工",
                   YK_KDF_INTERACTIVE, &error);
  g_assert_no_error (error);
}

/* `path` and everything under it (tests make folders beside the file). */
static void
remove_tree (const char *path)
{
  g_autoptr (GDir) handle = g_dir_open (path, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
ui_test_database_remove (UiTestDatabase *db)
{
  remove_tree (db->dir);
  g_clear_pointer (&db->dir, g_free);
  g_clear_pointer (&db->path, g_free);
  g_clear_pointer (&db->recovery_key, yk_wipe_and_free);
}

YkApplication *
ui_test_application (void)
{
  YkApplication *app = yk_application_new ();
  g_autoptr (GError) error = NULL;

  /* Non-unique so the test never talks to a running Yukang over D-Bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

YkWindow *
ui_test_window (YkApplication *app)
{
  YkWindow *window = yk_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

GtkWidget *
ui_test_child (gpointer    widget,
               GType       template_type,
               const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), template_type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

void
ui_test_unlock (YkWindow   *window,
                const char *path,
                const char *user,
                const char *password)
{
  YkUnlockPage *page = YK_UNLOCK_PAGE (ui_test_child (window, YK_TYPE_WINDOW, "unlock_page"));

  yk_window_set_database (window, path);
  yk_unlock_page_set_user_name (page, user);
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (page, YK_TYPE_UNLOCK_PAGE, "password_entry")), password);
  gtk_widget_activate_action (GTK_WIDGET (page), "unlock.unlock", NULL);
  g_assert_true (yk_unlock_page_get_busy (page));
}

YkUnlockedSession *
ui_test_unlock_and_wait (YkWindow   *window,
                         const char *path,
                         const char *user,
                         const char *password)
{
  ui_test_unlock (window, path, user, password);
  ui_test_spin_until (yk_window_get_session (window) != NULL);
  return yk_window_get_session (window);
}

YkWindow *
ui_test_open (YkApplication *app,
              const char    *path,
              const char    *user,
              const char    *password)
{
  YkWindow *window = ui_test_window (app);

  ui_test_unlock_and_wait (window, path, user, password);
  return window;
}

GtkStack *
ui_test_main_stack (YkWindow *window)
{
  GtkWidget *main_view = gtk_stack_get_child_by_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (window))), "main");

  g_assert_nonnull (main_view);
  return GTK_STACK (ui_test_child (main_view, YK_TYPE_MAIN_VIEW, "stack"));
}

GtkWidget *
ui_test_show_page (YkWindow   *window,
                   const char *page_name)
{
  GtkStack *stack = ui_test_main_stack (window);
  GtkWidget *page = gtk_stack_get_child_by_name (stack, page_name);

  g_assert_nonnull (page);
  gtk_stack_set_visible_child (stack, page);
  g_assert_true (gtk_stack_get_visible_child (stack) == page);
  return page;
}

GtkWidget *
ui_test_open_page (YkApplication *app,
                   YkWindow     **window,
                   const char    *path,
                   const char    *user,
                   const char    *password,
                   const char    *page_name)
{
  *window = ui_test_open (app, path, user, password);
  return ui_test_show_page (*window, page_name);
}

const char *
ui_test_visible_page (YkWindow *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (window))));
}

gboolean
ui_test_has_focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

gint64
ui_test_deadline (void)
{
  return g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
}

/* One blocking iteration, woken at least every 50 ms so the deadline
 * is checked even when nothing else happens. */
void
ui_test_iterate (gint64      deadline,
                 const char *what)
{
  guint wake = g_timeout_add (50, wake_cb, NULL);

  if (g_get_monotonic_time () > deadline)
    g_error ("timed out waiting until %s", what);
  g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

GtkShortcut *
ui_test_find_shortcut (GtkWidget  *widget,
                       const char *trigger)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);
  const GtkPropagationPhase phases[] = { GTK_PHASE_CAPTURE, GTK_PHASE_BUBBLE, GTK_PHASE_TARGET };

  for (guint p = 0; p < G_N_ELEMENTS (phases); p++)
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
            gtk_event_controller_get_propagation_phase (controller) != phases[p])
          continue;
        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
          {
            g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
            g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

            if (g_strcmp0 (text, trigger) == 0)
              return g_steal_pointer (&shortcut);
          }
      }
  return NULL;
}

void
ui_test_press_shortcut (GtkWidget  *widget,
                        const char *trigger)
{
  g_autoptr (GtkShortcut) shortcut = ui_test_find_shortcut (widget, trigger);

  if (shortcut == NULL)
    g_error ("no shortcut %s", trigger);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                               gtk_shortcut_get_arguments (shortcut)));
}

gboolean
ui_test_press_key (GtkWidget *widget,
                   guint      keyval)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

/* --- sample attachments --- */

static void
sheet_text (cairo_t *cr, double x, double y, double size, const char *text)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Noto Sans CJK SC");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* One page of the sheet on an A4 of `width` × `height` units, slightly
 * grey and askew as a scan is. */
static void
draw_sheet (cairo_t *cr, double width, double height, int page, gboolean scanned)
{
  static const char *const names[] = { "测试甲", "测试乙", "测试丙", "测试丁", "测试戊", "测试己", "测试庚", "测试辛" };
  double u = width / 210.0; /* one millimetre */

  cairo_save (cr);
  cairo_set_source_rgb (cr, scanned ? 0.96 : 1, scanned ? 0.95 : 1, scanned ? 0.92 : 1);
  cairo_paint (cr);
  if (scanned)
    {
      cairo_translate (cr, width / 2, height / 2);
      cairo_rotate (cr, 0.006);
      cairo_translate (cr, -width / 2, -height / 2);
    }
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  sheet_text (cr, 20 * u, 18 * u, 7 * u, page == 0 ? "渝康家园 活动签到表" : "渝康家园 活动签到表（续）");
  sheet_text (cr, 20 * u, 30 * u, 4 * u, "活动：手工编织小组　日期：2021年11月3日　地点：石坪桥街道渝康家园（示例，虚构数据）");
  cairo_set_line_width (cr, 0.4 * u);
  for (int row = 0; row <= 12; row++)
    {
      cairo_move_to (cr, 20 * u, (42 + row * 12) * u);
      cairo_line_to (cr, 190 * u, (42 + row * 12) * u);
    }
  for (int col = 0; col < 4; col++)
    {
      double x = (double[]){ 20, 40, 100, 190 }[col];

      cairo_move_to (cr, x * u, 42 * u);
      cairo_line_to (cr, x * u, (42 + 12 * 12) * u);
    }
  cairo_stroke (cr);
  sheet_text (cr, 23 * u, 45 * u, 4 * u, "序号");
  sheet_text (cr, 43 * u, 45 * u, 4 * u, "姓名");
  sheet_text (cr, 103 * u, 45 * u, 4 * u, "签名");
  for (int row = 0; row < 8; row++)
    {
      g_autofree char *number = g_strdup_printf ("%d", page * 8 + row + 1);

      sheet_text (cr, 26 * u, (57 + row * 12) * u, 4 * u, number);
      sheet_text (cr, 43 * u, (57 + row * 12) * u, 4 * u, names[row]);
      /* A hand's signature: a scribble. */
      cairo_move_to (cr, 108 * u, (62 + row * 12) * u);
      for (int k = 0; k < 6; k++)
        cairo_rel_curve_to (cr, 3 * u, -4 * u, 5 * u, 3 * u, (7 + row % 3) * u, -1 * u);
      cairo_set_source_rgb (cr, 0.1, 0.15, 0.45);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
    }
  sheet_text (cr, 20 * u, 200 * u, 4 * u, "记录人：李社工（虚构）");
  cairo_restore (cr);
}

static cairo_status_t
append_bytes_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
ui_test_sample_sheet_png (void)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1240, 1754);
  cairo_t *cr = cairo_create (surface);

  draw_sheet (cr, 1240, 1754, 0, TRUE);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_bytes_cb, out), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
ui_test_sample_sheet_pdf (void)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, out, 595.28, 841.89);
  cairo_t *cr = cairo_create (surface);

  for (int page = 0; page < 2; page++)
    {
      draw_sheet (cr, 595.28, 841.89, page, FALSE);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

void
ui_test_assert_referral_sources (GtkWidget *dropdown,
                                 guint      first,
                                 guint      after)
{
  GListModel *choices = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  const char *const *codes = yk_referral_source_codes ();
  guint n = g_strv_length ((char **) codes);

  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, first + n + after);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), first + i), ==,
                     yk_referral_source_label (codes[i]));
}
