/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-application.h"
#include "yk-window.h"

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define UI_TEST_COORDINATOR "wang"
#define UI_TEST_COORDINATOR_PASSWORD "correct horse battery"
#define UI_TEST_WORKER "li"
#define UI_TEST_WORKER_PASSWORD "li's own passphrase"

/* A temporary directory with test.ykdb: the coordinator and a social
 * worker at SPQ, keyed at Argon2id "interactive" so unlocking is quick. */
typedef struct
{
  char *dir;
  char *path;
  char *recovery_key; /* the one creation showed */
} UiTestDatabase;

void ui_test_init (int    *argc,
                   char ***argv);
void ui_test_database_make (UiTestDatabase *db);
void ui_test_database_remove (UiTestDatabase *db);

YkApplication *ui_test_application (void);
YkWindow *ui_test_window (YkApplication *app);
GtkWidget *ui_test_child (gpointer    widget,
                          GType       template_type,
                          const char *name);
void ui_test_unlock (YkWindow   *window,
                     const char *path,
                     const char *user,
                     const char *password);
/* Unlocks `window`, open at its unlock page, and waits for the session. */
YkUnlockedSession *ui_test_unlock_and_wait (YkWindow   *window,
                                            const char *path,
                                            const char *user,
                                            const char *password);
/* A new window on `path`, unlocked as `user`. */
YkWindow *ui_test_open (YkApplication *app,
                        const char    *path,
                        const char    *user,
                        const char    *password);
/* The main view's stack of pages ("today", "caseload", "administration"…). */
GtkStack *ui_test_main_stack (YkWindow *window);
/* Switches the main view to `page_name` and returns that page. */
GtkWidget *ui_test_show_page (YkWindow   *window,
                              const char *page_name);
/* ui_test_open(), then ui_test_show_page(): the page, and in `window` the
 * window, which the test destroys. */
GtkWidget *ui_test_open_page (YkApplication *app,
                              YkWindow     **window,
                              const char    *path,
                              const char    *user,
                              const char    *password,
                              const char    *page_name);
const char *ui_test_visible_page (YkWindow *window);
gboolean ui_test_has_focus_within (GtkWidget *widget);
/* The shortcut a key combination ("<Alt>5", "Return") runs on `widget`,
 * as GTK would pick it: capture phase first (a new reference, or NULL). */
GtkShortcut *ui_test_find_shortcut (GtkWidget  *widget,
                                    const char *trigger);
/* Runs that shortcut, failing the test if there is none. */
void ui_test_press_shortcut (GtkWidget  *widget,
                             const char *trigger);
/* A referral source drop-down lists yk_referral_source_codes()' labels in
 * their order from position `first`; its last item is at `first` + their
 * number − 1 + `after` (the items after them). */
void ui_test_assert_referral_sources (GtkWidget *dropdown,
                                      guint      first,
                                      guint      after);
/* A key as `widget`'s key controllers see it; TRUE if one handled it. */
gboolean ui_test_press_key (GtkWidget *widget,
                            guint      keyval);

/* Runs the main loop until `cond` holds; fails the test after 30 s. */
#define ui_test_spin_until(cond)                       \
  G_STMT_START                                         \
  {                                                    \
    gint64 ui_deadline_ = ui_test_deadline ();         \
    while (!(cond))                                    \
      ui_test_iterate (ui_deadline_, #cond);           \
  }                                                    \
  G_STMT_END

/* Invented paperwork for attachments, made in memory with cairo: a
 * scanned-looking sign-in sheet (签到表) as a PNG of 1240 × 1754 pixels
 * (A4 at 150 dpi), and the same as a PDF of two A4 pages. No real
 * person's data. */
GBytes *ui_test_sample_sheet_png (void);
GBytes *ui_test_sample_sheet_pdf (void);

gint64 ui_test_deadline (void);
void ui_test_iterate (gint64      deadline,
                      const char *what);

G_END_DECLS
