/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-main-view.h"
#include "yk-activities-page.h"
#include "yk-admin-page.h"
#include "yk-case-file-view.h"
#include "yk-district-bar.h"
#include "yk-caseload-page.h"
#include "yk-questionnaires-page.h"
#include "yk-statistics-page.h"
#include "yk-today-page.h"

struct _YkMainView
{
  GtkWidget parent_instance;

  GtkStack *outer_stack; /* the screens, or a case file in their place */
  YkToast *toast;
  GtkStack *stack;
  GtkStackPage *admin_page;
  YkCaseFileView *case_file_view;
  GtkWidget *district_bar; /* a district view's header, else NULL */

  YkUnlockedSession *session;
};

G_DEFINE_FINAL_TYPE (YkMainView, yk_main_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* case.open (x): a service user's case file, in place of the screens. */
static void
case_open_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  YkMainView *self = YK_MAIN_VIEW (widget);

  gtk_stack_set_visible_child_name (self->outer_stack, "case-file");
  gtk_widget_action_set_enabled (widget, "case.back", TRUE);
  yk_case_file_view_open (self->case_file_view, g_variant_get_int64 (parameter));
  gtk_widget_child_focus (GTK_WIDGET (self->case_file_view), GTK_DIR_TAB_FORWARD);
}

static void
case_back_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  YkMainView *self = YK_MAIN_VIEW (widget);
  GtkWidget *screen = gtk_stack_get_visible_child (self->stack);

  gtk_stack_set_visible_child_name (self->outer_stack, "screens");
  gtk_widget_action_set_enabled (widget, "case.back", FALSE);
  if (screen != NULL)
    gtk_widget_child_focus (screen, GTK_DIR_TAB_FORWARD);
}

/* screens.import: Administration, at its ledger import (coordinators). */
static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YkMainView *self = YK_MAIN_VIEW (widget);
  GtkWidget *admin = gtk_stack_get_child_by_name (self->stack, "administration");

  if (admin == NULL)
    return;
  gtk_stack_set_visible_child (self->stack, admin);
  yk_admin_page_show_section (YK_ADMIN_PAGE (admin), "import");
}

/* The buttons of the pages that only record (new service user, record
 * an activity, save a questionnaire): in a view that records nothing
 * they are not shown at all. Rows made later (Today's due list) bind
 * their buttons' visibility to their action themselves. */
static void
hide_recording (GtkWidget *widget)
{
  static const char *const recording[] = { "record.new-client", "activities.record", "questionnaires.save" };

  if (GTK_IS_ACTIONABLE (widget))
    {
      const char *action = gtk_actionable_get_action_name (GTK_ACTIONABLE (widget));

      if (action != NULL && g_strv_contains (recording, action))
        gtk_widget_set_visible (widget, FALSE);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    hide_recording (child);
}

static void
yk_main_view_constructed (GObject *object)
{
  YkMainView *self = YK_MAIN_VIEW (object);

  G_OBJECT_CLASS (yk_main_view_parent_class)->constructed (object);

  /* Absent rather than insensitive: a social worker never sees it, nor
   * does anyone in a district view, which administers no file. */
  if (self->session == NULL || !yk_unlocked_session_is_coordinator (self->session) ||
      yk_unlocked_session_is_read_only (self->session))
    gtk_stack_remove (self->stack, gtk_stack_page_get_child (self->admin_page));
  self->admin_page = NULL;
  /* Questionnaires are entered there and counted in the figures: a view
   * that records nothing has no use for it. */
  if (self->session != NULL && yk_unlocked_session_is_read_only (self->session))
    {
      GtkWidget *questionnaires = gtk_stack_get_child_by_name (self->stack, "questionnaires");

      if (questionnaires != NULL)
        gtk_stack_page_set_visible (gtk_stack_get_page (self->stack, questionnaires), FALSE);
      hide_recording (GTK_WIDGET (self));
    }
  if (self->session != NULL && yk_unlocked_session_get_district (self->session) != NULL)
    {
      self->district_bar = yk_district_bar_new (self->session);
      gtk_widget_insert_after (self->district_bar, GTK_WIDGET (self), NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "screens.import", FALSE);
    }
  /* While the session is lent to a slow write (a new key), no page
   * can use it: none takes input. */
  if (self->session != NULL)
    g_object_bind_property (self->session, "busy", self, "sensitive",
                            G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
}

static void
yk_main_view_dispose (GObject *object)
{
  YkMainView *self = YK_MAIN_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_MAIN_VIEW);
  /* The template's unnamed top-level children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (yk_main_view_parent_class)->dispose (object);
}

static void
yk_main_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  YkMainView *self = YK_MAIN_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_main_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  YkMainView *self = YK_MAIN_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_main_view_class_init (YkMainViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = yk_main_view_constructed;
  object_class->dispose = yk_main_view_dispose;
  object_class->get_property = yk_main_view_get_property;
  object_class->set_property = yk_main_view_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, YK_TYPE_UNLOCKED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-main-view.ui");
  gtk_widget_class_bind_template_child (widget_class, YkMainView, outer_stack);
  gtk_widget_class_bind_template_child (widget_class, YkMainView, toast);
  gtk_widget_class_bind_template_child (widget_class, YkMainView, stack);
  gtk_widget_class_bind_template_child (widget_class, YkMainView, case_file_view);
  gtk_widget_class_bind_template_child (widget_class, YkMainView, admin_page);

  /* The screens' types, so the template can name them. */
  g_type_ensure (YK_TYPE_TODAY_PAGE);
  g_type_ensure (YK_TYPE_CASELOAD_PAGE);
  g_type_ensure (YK_TYPE_ACTIVITIES_PAGE);
  g_type_ensure (YK_TYPE_QUESTIONNAIRES_PAGE);
  g_type_ensure (YK_TYPE_STATISTICS_PAGE);
  g_type_ensure (YK_TYPE_ADMIN_PAGE);
  g_type_ensure (YK_TYPE_CASE_FILE_VIEW);
  g_type_ensure (YK_TYPE_TOAST);

  gtk_widget_class_install_action (widget_class, "case.open", "x", case_open_action);
  gtk_widget_class_install_action (widget_class, "case.back", NULL, case_back_action);
  gtk_widget_class_install_action (widget_class, "screens.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "case.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "case.back", NULL);
}

static void
yk_main_view_init (YkMainView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.back", FALSE);
}

GtkWidget *
yk_main_view_new (YkUnlockedSession *session)
{
  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (session), NULL);
  return g_object_new (YK_TYPE_MAIN_VIEW, "session", session, NULL);
}

YkUnlockedSession *
yk_main_view_get_session (YkMainView *self)
{
  g_return_val_if_fail (YK_IS_MAIN_VIEW (self), NULL);
  return self->session;
}

/* The screen at `position` (1: Today) in the order of the side bar, in
 * place of a case file if one is open. A social worker has no sixth; a
 * hidden screen (questionnaires in a district view) has no number. */
gboolean
yk_main_view_show_screen (YkMainView *self,
                          guint       position)
{
  g_autoptr (GListModel) pages = NULL;
  GtkWidget *screen = NULL;
  guint shown = 0;

  g_return_val_if_fail (YK_IS_MAIN_VIEW (self), FALSE);

  pages = G_LIST_MODEL (gtk_stack_get_pages (self->stack));
  for (guint i = 0; i < g_list_model_get_n_items (pages) && screen == NULL; i++)
    {
      g_autoptr (GObject) page = g_list_model_get_item (pages, i);

      if (gtk_stack_page_get_visible (GTK_STACK_PAGE (page)) && ++shown == position)
        screen = gtk_stack_page_get_child (GTK_STACK_PAGE (page));
    }
  if (screen == NULL)
    return FALSE;
  if (gtk_widget_is_sensitive (GTK_WIDGET (self)) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->outer_stack), "case-file") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "case.back", NULL);
  gtk_stack_set_visible_child (self->stack, screen);
  gtk_widget_child_focus (screen, GTK_DIR_TAB_FORWARD);
  return TRUE;
}

/* Ctrl+F from anywhere: the caseload, its search field focused. */
void
yk_main_view_find (YkMainView *self)
{
  GtkWidget *caseload;

  g_return_if_fail (YK_IS_MAIN_VIEW (self));

  caseload = gtk_stack_get_child_by_name (self->stack, "caseload");
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->outer_stack), "case-file") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "case.back", NULL);
  gtk_stack_set_visible_child (self->stack, caseload);
  gtk_widget_activate_action (caseload, "caseload.find", NULL);
}

/* The screen shown ("today", …), or "case-file" while a case file is. */
const char *
yk_main_view_get_visible_screen (YkMainView *self)
{
  g_return_val_if_fail (YK_IS_MAIN_VIEW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->outer_stack), "case-file") == 0)
    return "case-file";
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
yk_main_view_has_page (YkMainView *self,
                       const char *name)
{
  g_return_val_if_fail (YK_IS_MAIN_VIEW (self), FALSE);
  return gtk_stack_get_child_by_name (self->stack, name) != NULL;
}

/* The note at the bottom ("已保存 · 撤销"); it lives as long as the
 * unlocked screens, so a lock takes an offered Undo away with them. */
YkToast *
yk_main_view_get_toast (YkMainView *self)
{
  g_return_val_if_fail (YK_IS_MAIN_VIEW (self), NULL);
  return self->toast;
}
