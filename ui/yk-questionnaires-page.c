/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-site-choice.h"
#include "yk-questionnaires-page.h"
#include "yk-date-entry.h"
#include "yk-activities.h"
#include "yk-casework.h"
#include "yk-reader-task.h"
#include "yk-statistics.h"
#include "yk-unlocked-session.h"
#include "yk-validate.h"

#include <glib/gi18n.h>

/* What is stored, index by index with the drop-downs. */
static const char *const kind_codes[] = { "需求评估", "满意度", "筛查", "其他" };
static const char *const respondent_codes[] = { "服务对象", "家属", "居民" };
enum
{
  RESPONDENT_CLIENT,
  RESPONDENT_FAMILY,
  RESPONDENT_RESIDENT,
};

struct _YkQuestionnairesPage
{
  GtkWidget parent_instance;

  GtkDropDown *site_dropdown;
  GtkStringList *site_names;
  GtkWidget *date_entry;
  GtkDropDown *kind_dropdown;
  GtkDropDown *respondent_dropdown;
  GtkDropDown *person_dropdown;
  GtkWidget *error_label;
  GtkLabel *count_label;
  GtkListBox *day_list;

  YkUnlockedSession *session;
  GArray *site_ids;
  GListStore *people;    /* GtkStringObject "full name case number", "yk-person" data */
  GCancellable *cancellable;
  GPtrArray *tasks;
  gboolean loading;
  gboolean filling;
  guint day_count;
};

G_DEFINE_FINAL_TYPE (YkQuestionnairesPage, yk_questionnaires_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
chosen_site (YkQuestionnairesPage *self)
{
  return yk_site_choice_selected (self->site_dropdown, self->site_ids);
}

static void
show_error (YkQuestionnairesPage *self, const char *message)
{
  gtk_label_set_text (GTK_LABEL (self->error_label), message ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
}

/* The chosen day in ISO form, NULL (and the error shown) if it is not a date. */
static char *
chosen_date (YkQuestionnairesPage *self, gboolean report)
{
  g_autoptr (GError) error = NULL;
  GDate date, today;

  yk_date_today (&today);
  if (!yk_date_parse_typed (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)), &today, &date, &error))
    {
      if (report)
        show_error (self, error->message);
      return NULL;
    }
  return yk_date_format_iso (&date);
}

static void
set_loading (YkQuestionnairesPage *self, gboolean loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The drop-downs' labels, index by index with the codes. */
static const char *const kind_labels[] = { N_("Needs assessment"), N_("Satisfaction"), N_("Screening"), N_("Other") };
static const char *const respondent_labels[] = { N_("Service user"), N_("Family member"), N_("Resident") };

static const char *
label_of (const char *code, const char *const *codes, const char *const *labels, guint n)
{
  for (guint i = 0; code != NULL && i < n; i++)
    if (g_str_equal (code, codes[i]))
      return _(labels[i]);
  return code ? code : "";
}

static const YkActivityPerson *
item_person (gpointer item)
{
  return item ? g_object_get_data (item, "yk-person") : NULL;
}

static char *
person_label (YkQuestionnairesPage *self, const YkActivityPerson *p)
{
  g_autofree char *masked = NULL;

  if (p == NULL)
    return g_strdup (_("Not linked to anyone"));
  masked = yk_unlocked_session_list_name (self->session, p->name);
  if (p->family_id > 0)
    {
      g_autofree char *of = yk_unlocked_session_list_name (self->session, p->client_name ? p->client_name : "");
      return g_strdup_printf (_("Family: %1$s (of %2$s)"), masked, of);
    }
  return g_strdup_printf (_("%1$s · %2$s"), masked, p->case_no ? p->case_no : "");
}

static void
day_row_add (YkQuestionnairesPage *self, guint number, const YkQuestionnaireRow *q)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *n = g_strdup_printf ("%u", number);
  g_autofree char *who = NULL;
  GtkWidget *label, *button;

  if (q->name != NULL)
    {
      g_autofree char *masked = yk_unlocked_session_list_name (self->session, q->name);
      who = g_strdup_printf ("%s · %s", label_of (q->respondent, respondent_codes, respondent_labels, 3), masked);
    }
  else
    who = g_strdup (label_of (q->respondent, respondent_codes, respondent_labels, 3));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  label = gtk_label_new (n);
  gtk_widget_set_size_request (label, 32, -1);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (label_of (q->kind, kind_codes, kind_labels, 4));
  gtk_widget_set_size_request (label, 120, -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (who);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  button = gtk_button_new_with_label (_("Void…"));
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "record.void");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(sx)", "questionnaires", q->id);
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_box_append (self->day_list, box);
}

/* The day's questionnaires at the site, and how many. */
static void
load_day (YkQuestionnairesPage *self)
{
  YkSession *session = self->session ? yk_unlocked_session_get_session (self->session) : NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *date = chosen_date (self, FALSE);
  g_autofree char *today = NULL;
  g_autofree char *text = NULL;
  GtkWidget *child;
  GDate now;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->day_list))) != NULL)
    gtk_list_box_remove (self->day_list, child);
  self->day_count = 0;
  if (session != NULL && date != NULL)
    {
      rows = yk_activities_questionnaires_of_day (session, chosen_site (self), date, &error);
      if (rows == NULL)
        show_error (self, error->message);
    }
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    day_row_add (self, i + 1, rows->pdata[i]);
  self->day_count = rows ? rows->len : 0;
  yk_date_today (&now);
  today = yk_date_format_iso (&now);
  if (date == NULL)
    text = g_strdup ("");
  else if (g_str_equal (date, today))
    /* TRANSLATORS: how many questionnaires the site has today */
    text = g_strdup_printf (ngettext ("%u entered today", "%u entered today", self->day_count), self->day_count);
  else
    /* TRANSLATORS: %1$s is a date, %2$u how many questionnaires the site has that day */
    text = g_strdup_printf (ngettext ("%2$u entered for %1$s", "%2$u entered for %1$s", self->day_count), date,
                            self->day_count);
  gtk_label_set_text (self->count_label, text);
}

static gpointer
load_people (YkReader *reader, gpointer data, GCancellable *cancellable, GError **error)
{
  return yk_activities_people (reader, *(gint64 *) data, error);
}

static void
people_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) people = yk_reader_task_run_finish (result, &error);
  g_autoptr (GPtrArray) items = NULL;
  YkQuestionnairesPage *self;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  self = YK_QUESTIONNAIRES_PAGE (user_data);
  set_loading (self, FALSE);
  if (people == NULL)
    {
      show_error (self, error->message);
      return;
    }
  items = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (items, gtk_string_object_new (""));
  g_ptr_array_set_free_func (people, NULL);
  for (guint i = 0; i < people->len; i++)
    {
      YkActivityPerson *p = people->pdata[i];
      /* Searched by the full name and the case number; shown masked. */
      g_autofree char *search = g_strdup_printf ("%s %s", p->name, p->case_no ? p->case_no : "");
      GtkStringObject *item = gtk_string_object_new (search);

      g_object_set_data_full (G_OBJECT (item), "yk-person", p, (GDestroyNotify) yk_activity_person_free);
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->people, 0, g_list_model_get_n_items (G_LIST_MODEL (self->people)), items->pdata,
                       items->len);
  gtk_drop_down_set_selected (self->person_dropdown, 0);
}

static void
cancel_load (YkQuestionnairesPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);
}

static void
load_people_of_site (YkQuestionnairesPage *self)
{
  gint64 site = chosen_site (self);

  if (self->session == NULL || yk_unlocked_session_get_session (self->session) == NULL || site == 0)
    return;
  cancel_load (self);
  for (guint i = self->tasks->len; i > 0; i--)
    if (g_task_get_completed (self->tasks->pdata[i - 1]))
      g_ptr_array_remove_index_fast (self->tasks, i - 1);
  g_list_store_remove_all (self->people);
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  g_ptr_array_add (self->tasks, yk_reader_task_run_async (self->session, load_people, g_memdup2 (&site, sizeof site),
                                                          g_free, (GDestroyNotify) g_ptr_array_unref,
                                                          self->cancellable, people_cb, self));
}

static void
clear_respondent (YkQuestionnairesPage *self)
{
  gtk_drop_down_set_selected (self->respondent_dropdown, RESPONDENT_CLIENT);
  gtk_drop_down_set_selected (self->person_dropdown, 0);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkQuestionnairesPage *self = YK_QUESTIONNAIRES_PAGE (widget);
  YkSession *session = self->session ? yk_unlocked_session_get_session (self->session) : NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) item = NULL;
  const YkActivityPerson *person;
  YkQuestionnaireRecord record = { 0 };
  g_autofree char *date = NULL;

  if (session == NULL)
    return;
  show_error (self, NULL);
  date = chosen_date (self, TRUE);
  if (date == NULL)
    return;
  item = gtk_drop_down_get_selected_item (self->person_dropdown);
  if (item != NULL)
    g_object_ref (item);
  person = item_person (item);
  record.site_id = chosen_site (self);
  record.date = date;
  record.kind = (char *) kind_codes[MIN (gtk_drop_down_get_selected (self->kind_dropdown), G_N_ELEMENTS (kind_codes) - 1)];
  record.respondent = (char *) respondent_codes[MIN (gtk_drop_down_get_selected (self->respondent_dropdown),
                                                     G_N_ELEMENTS (respondent_codes) - 1)];
  if (person != NULL && person->family_id > 0)
    record.family_id = person->family_id;
  else if (person != NULL)
    record.client_id = person->client_id;
  if (!yk_casework_add_questionnaire (session, &record, NULL, &error))
    {
      show_error (self, error->message);
      return;
    }
  clear_respondent (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->respondent_dropdown));
  yk_unlocked_session_records_changed (self->session, record.client_id);
}

/* Enter saves from anywhere in the form, but not inside an open
 * drop-down, where it chooses. */
static gboolean
enter_cb (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL)
    return FALSE;
  gtk_widget_activate_action (widget, "questionnaires.save", NULL);
  return TRUE;
}

/* A person chosen says who answered. */
static void
person_changed_cb (YkQuestionnairesPage *self)
{
  const YkActivityPerson *person = item_person (gtk_drop_down_get_selected_item (self->person_dropdown));

  if (person != NULL)
    gtk_drop_down_set_selected (self->respondent_dropdown,
                                person->family_id > 0 ? RESPONDENT_FAMILY : RESPONDENT_CLIENT);
}

static void
site_changed_cb (YkQuestionnairesPage *self)
{
  if (self->filling)
    return;
  load_people_of_site (self);
  load_day (self);
}

static void
date_changed_cb (YkQuestionnairesPage *self)
{
  show_error (self, NULL);
  load_day (self);
}

static void
setup_person_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_person_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  g_autofree char *text = person_label (user_data, item_person (gtk_list_item_get_item (list_item)));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
fill_sites (YkQuestionnairesPage *self)
{
  YkSession *session = yk_unlocked_session_get_session (self->session);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sites = NULL;

  if (session == NULL)
    return;
  sites = yk_statistics_sites (session, &error);
  if (sites == NULL)
    {
      show_error (self, error->message);
      return;
    }
  self->filling = TRUE;
  yk_site_choice_fill (self->site_dropdown, self->site_names, self->site_ids, sites, NULL,
                       yk_unlocked_session_is_coordinator (self->session));
  self->filling = FALSE;
}

static void
unlocked_cb (YkQuestionnairesPage *self)
{
  if (self->session != NULL && !yk_unlocked_session_is_unlocked (self->session))
    cancel_load (self);
}

/* Names shown in full or masked: the day's list is made again, and the
 * people of the drop-down bound again, keeping who was chosen. */
static void
full_names_cb (YkQuestionnairesPage *self)
{
  guint chosen = gtk_drop_down_get_selected (self->person_dropdown);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->people));

  load_day (self);
  g_list_model_items_changed (G_LIST_MODEL (self->people), 0, n, n);
  gtk_drop_down_set_selected (self->person_dropdown, chosen);
}

static void
set_session (YkQuestionnairesPage *self, YkUnlockedSession *session)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  cancel_load (self);
  g_set_object (&self->session, session);
  if (session == NULL)
    return;
  g_signal_connect_object (session, "records-changed", G_CALLBACK (load_day), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::unlocked", G_CALLBACK (unlocked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::full-names", G_CALLBACK (full_names_cb), self, G_CONNECT_SWAPPED);
  fill_sites (self);
  load_people_of_site (self);
  load_day (self);
}

static void
yk_questionnaires_page_dispose (GObject *object)
{
  YkQuestionnairesPage *self = YK_QUESTIONNAIRES_PAGE (object);
  GtkWidget *child;

  cancel_load (self);
  for (guint i = 0; i < self->tasks->len; i++)
    yk_reader_task_wait (self->tasks->pdata[i]);
  g_ptr_array_set_size (self->tasks, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_QUESTIONNAIRES_PAGE);
  /* The template's unnamed top-level children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (yk_questionnaires_page_parent_class)->dispose (object);
}

static void
yk_questionnaires_page_finalize (GObject *object)
{
  YkQuestionnairesPage *self = YK_QUESTIONNAIRES_PAGE (object);

  g_ptr_array_unref (self->tasks);
  g_array_unref (self->site_ids);
  g_object_unref (self->people);
  G_OBJECT_CLASS (yk_questionnaires_page_parent_class)->finalize (object);
}

static void
yk_questionnaires_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  YkQuestionnairesPage *self = YK_QUESTIONNAIRES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_questionnaires_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  YkQuestionnairesPage *self = YK_QUESTIONNAIRES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      if (self->session != g_value_get_object (value))
        {
          set_session (self, g_value_get_object (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_questionnaires_page_class_init (YkQuestionnairesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (YK_TYPE_DATE_ENTRY);
  object_class->dispose = yk_questionnaires_page_dispose;
  object_class->finalize = yk_questionnaires_page_finalize;
  object_class->get_property = yk_questionnaires_page_get_property;
  object_class->set_property = yk_questionnaires_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, YK_TYPE_UNLOCKED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-questionnaires-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, YkQuestionnairesPage, site_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YkQuestionnairesPage, site_names);
  gtk_widget_class_bind_template_child (widget_class, YkQuestionnairesPage, date_entry);
  gtk_widget_class_bind_template_child (widget_class, YkQuestionnairesPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YkQuestionnairesPage, respondent_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YkQuestionnairesPage, person_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YkQuestionnairesPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, YkQuestionnairesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, YkQuestionnairesPage, day_list);
  gtk_widget_class_bind_template_callback (widget_class, site_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_changed_cb);

  gtk_widget_class_install_action (widget_class, "questionnaires.save", NULL, save_action);
}

static void
yk_questionnaires_page_init (YkQuestionnairesPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *enter = gtk_shortcut_controller_new ();
  GtkShortcutAction *action = gtk_callback_action_new (enter_cb, NULL, NULL);

  self->site_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->people = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_person_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_person_cb), self);
  gtk_drop_down_set_factory (self->person_dropdown, factory);
  g_object_unref (factory);
  {
    /* The drop-down takes its own reference. */
    g_autoptr (GtkExpression) search = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

    gtk_drop_down_set_expression (self->person_dropdown, search);
  }
  gtk_drop_down_set_model (self->person_dropdown, G_LIST_MODEL (self->people));
  gtk_drop_down_set_enable_search (self->person_dropdown, TRUE);

  gtk_event_controller_set_propagation_phase (enter, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (enter),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_Return, 0),
                                                            gtk_keyval_trigger_new (GDK_KEY_KP_Enter, 0)),
                                                          action));
  gtk_widget_add_controller (GTK_WIDGET (self), enter);
  {
    g_autofree char *iso = NULL;
    GDate today;

    yk_date_today (&today);
    iso = yk_date_format_iso (&today);
    gtk_editable_set_text (GTK_EDITABLE (self->date_entry), iso);
  }
}

guint
yk_questionnaires_page_get_day_count (YkQuestionnairesPage *self)
{
  g_return_val_if_fail (YK_IS_QUESTIONNAIRES_PAGE (self), 0);
  return self->day_count;
}

gboolean
yk_questionnaires_page_choose_person (YkQuestionnairesPage *self,
                                      gint64                client_id,
                                      gint64                family_id)
{
  g_return_val_if_fail (YK_IS_QUESTIONNAIRES_PAGE (self), FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->people)); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (self->people), i);
      const YkActivityPerson *p = item_person (item);

      if ((p == NULL && client_id == 0 && family_id == 0) ||
          (p != NULL && p->family_id == family_id && (family_id > 0 || p->client_id == client_id)))
        {
          gtk_drop_down_set_selected (self->person_dropdown, i);
          return TRUE;
        }
    }
  return FALSE;
}
