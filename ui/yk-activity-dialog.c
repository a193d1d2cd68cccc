/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-activity-dialog.h"
#include "yk-attachments-box.h"
#include "yk-date-entry.h"
#include "yk-activities.h"
#include "yk-reader-task.h"
#include "yk-record-form.h"
#include "yk-record-rules.h"
#include "yk-validate.h"

#include <glib/gi18n.h>

/* What is stored, index by index with the category drop-down. */
static const char *const category_codes[] = { NULL, "生活技能", "社交技能", "职业康复", "心理健康教育",
                                              "家属支持", "文体娱乐", "社区融入", "其他" };

struct _YkActivityDialog
{
  GtkWindow parent_instance;

  GtkWidget *title_label;
  GtkWidget *subtitle_label;
  GtkWidget *error_label;
  GtkWidget *date_entry;
  GtkWidget *date_error;
  GtkWidget *title_entry;
  GtkWidget *title_error;
  GtkWidget *category_dropdown;
  GtkWidget *category_error;
  GtkWidget *facilitator_entry;
  GtkWidget *facilitator_error;
  GtkWidget *residents_entry;
  GtkWidget *residents_error;
  GtkWidget *search_entry;
  GtkWidget *ticked_entry;
  GtkWidget *count_label;
  GtkWidget *people_stack;
  GtkWidget *people_list;
  GtkWidget *void_button;

  YkRecordForm *form;
  gint64 site_id;
  gint64 activity_id;
  GtkWidget *attachments_heading;
  YkAttachmentsBox *attachments_box;
  GCancellable *cancellable;
  GTask *task;
  gboolean loading;
  gboolean draft_restored; /* the ticks are the draft's, not the attendance's */
  GHashTable *rows;      /* "c:ID"/"f:ID" → GtkListBoxRow (borrowed) */
  GHashTable *attended;  /* key → attendance id, of an activity already recorded */
  guint n_ticked;
};

G_DEFINE_FINAL_TYPE (YkActivityDialog, yk_activity_dialog, GTK_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
person_key (gint64 client_id, gint64 family_id)
{
  return family_id > 0 ? g_strdup_printf ("f:%" G_GINT64_FORMAT, family_id)
                       : g_strdup_printf ("c:%" G_GINT64_FORMAT, client_id);
}

static YkActivityPerson *
row_person (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "yk-person");
}

static GtkCheckButton *
row_check (GtkListBoxRow *row)
{
  return GTK_CHECK_BUTTON (gtk_list_box_row_get_child (row));
}

static void
update_count (YkActivityDialog *self)
{
  /* TRANSLATORS: how many people are ticked as attending */
  g_autofree char *text = g_strdup_printf (ngettext ("%u selected", "%u selected", self->n_ticked), self->n_ticked);

  gtk_label_set_text (GTK_LABEL (self->count_label), text);
}

static void
toggled_cb (GtkCheckButton   *check,
            YkActivityDialog *self)
{
  if (gtk_check_button_get_active (check))
    self->n_ticked++;
  else
    self->n_ticked--;
  update_count (self);
}

/* Name in full or case number, anywhere in it; a family member is found
 * by their service user's case number too. */
static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  YkActivityDialog *self = user_data;
  YkActivityPerson *person = row_person (row);
  g_autofree char *needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  g_autofree char *case_no = NULL;

  g_strstrip (needle);
  if (*needle == '\0')
    return TRUE;
  if (person->name != NULL && strstr (person->name, needle) != NULL)
    return TRUE;
  case_no = g_utf8_casefold (person->case_no ? person->case_no : "", -1);
  return strstr (case_no, needle) != NULL;
}

static void
search_changed_cb (YkActivityDialog *self)
{
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->people_list));
}

static GtkListBoxRow *
first_shown_row (YkActivityDialog *self)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->people_list), i);

      if (row == NULL || gtk_widget_get_child_visible (GTK_WIDGET (row)))
        return row;
    }
}

/* Down from the search goes to the first person it found; Space ticks. */
static gboolean
search_key_cb (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               YkActivityDialog      *self)
{
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  row = first_shown_row (self);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  return row != NULL;
}

/* Space ticks the person whose row has the focus. */
static gboolean
list_key_cb (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             YkActivityDialog      *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  GtkCheckButton *check;

  if ((keyval != GDK_KEY_space && keyval != GDK_KEY_KP_Space) || (state & GDK_MODIFIER_MASK) != 0 || row == NULL ||
      gtk_widget_get_parent (row) != self->people_list)
    return FALSE;
  check = row_check (GTK_LIST_BOX_ROW (row));
  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
  return TRUE;
}

static void
row_activated_cb (GtkListBox       *box,
                  GtkListBoxRow    *row,
                  YkActivityDialog *self)
{
  GtkCheckButton *check = row_check (row);

  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
}

static void
add_row (YkActivityDialog *self,
         YkActivityPerson *person)
{
  g_autofree char *key = person_key (person->client_id, person->family_id);
  /* In full: the sheet being ticked off is signed with full names, and
   * 杨** or 郭* cannot be told apart. Only the site's people are listed,
   * in a dialog opened to record this activity. */
  const char *name = person->name != NULL ? person->name : "";
  g_autofree char *label = NULL;
  GtkWidget *row, *check;

  if (g_hash_table_contains (self->rows, key))
    {
      yk_activity_person_free (person);
      return;
    }
  if (person->family_id > 0)
    {
      const char *of = person->client_name != NULL ? person->client_name : "";

      /* TRANSLATORS: a family member's name, then their service user's */
      label = g_strdup_printf (_("Family: %1$s (of %2$s)"), name, of);
    }
  else
    /* TRANSLATORS: a service user's name, then their case number */
    label = g_strdup_printf (_("%1$s · %2$s"), name, person->case_no ? person->case_no : "");
  check = gtk_check_button_new_with_label (label);
  gtk_widget_set_focusable (check, FALSE);
  gtk_widget_set_margin_start (check, 6);
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), check);
  /* Searched by the full name, in lower case, though shown masked. */
  {
    char *folded = g_utf8_casefold (person->name ? person->name : "", -1);
    g_free (person->name);
    person->name = folded;
  }
  g_object_set_data_full (G_OBJECT (row), "yk-person", person, (GDestroyNotify) yk_activity_person_free);
  g_signal_connect (check, "toggled", G_CALLBACK (toggled_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (self->people_list), row);
  g_hash_table_insert (self->rows, g_steal_pointer (&key), row);
}

static void
set_loading (YkActivityDialog *self, gboolean loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  gtk_stack_set_visible_child_name (GTK_STACK (self->people_stack), loading ? "loading" : "list");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
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
  YkActivityDialog *self;
  GHashTableIter iter;
  gpointer key;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  self = YK_ACTIVITY_DIALOG (user_data);
  if (people == NULL)
    {
      yk_record_form_fail (self->form, NULL, error->message);
      set_loading (self, FALSE);
      return;
    }
  g_ptr_array_set_free_func (people, NULL);
  for (guint i = 0; i < people->len; i++)
    add_row (self, people->pdata[i]);
  /* Those who attended are ticked, listed even if no longer in the
   * site's caseload; unless a draft says who was ticked when a lock
   * closed the dialog. */
  g_hash_table_iter_init (&iter, self->attended);
  while (!self->draft_restored && g_hash_table_iter_next (&iter, &key, NULL))
    {
      GtkListBoxRow *row = g_hash_table_lookup (self->rows, key);
      if (row != NULL)
        gtk_check_button_set_active (row_check (row), TRUE);
    }
  /* And those ticked before a lock closed the dialog. */
  {
    g_auto (GStrv) drafted = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->ticked_entry)), ",", -1);

    for (guint i = 0; drafted[i] != NULL; i++)
      {
        GtkListBoxRow *row = g_hash_table_lookup (self->rows, drafted[i]);
        if (row != NULL)
          gtk_check_button_set_active (row_check (row), TRUE);
      }
  }
  set_loading (self, FALSE);
}

/* An activity already recorded: its fields as they are, to be corrected
 * if need be (all but its site, which stays), its attendance ticked. */
static gboolean
load_activity (YkActivityDialog *self, YkSession *session)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkActivityRow) activity = yk_activities_get (session, self->activity_id, &error);
  g_autoptr (GPtrArray) attendees = NULL;

  if (activity != NULL)
    attendees = yk_activities_attendees (session, self->activity_id, &error);
  if (attendees == NULL)
    {
      yk_record_form_fail (self->form, NULL, error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save", FALSE);
      return FALSE;
    }
  self->site_id = activity->site_id;
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), activity->date);
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), activity->title);
  yk_record_form_choose (self->category_dropdown, category_codes, activity->category);
  gtk_editable_set_text (GTK_EDITABLE (self->facilitator_entry), activity->facilitator ? activity->facilitator : "");
  {
    g_autofree char *residents_text = g_strdup_printf ("%d", activity->resident_count);
    gtk_editable_set_text (GTK_EDITABLE (self->residents_entry), residents_text);
  }
  gtk_label_set_text (GTK_LABEL (self->subtitle_label), activity->title);
  gtk_widget_set_visible (self->subtitle_label, TRUE);
  gtk_widget_set_visible (self->void_button, TRUE);
  g_ptr_array_set_free_func (attendees, NULL);
  for (guint i = 0; i < attendees->len; i++)
    {
      YkActivityPerson *person = attendees->pdata[i];

      g_hash_table_insert (self->attended, person_key (person->client_id, person->family_id),
                           g_memdup2 (&person->attendance_id, sizeof (gint64)));
      add_row (self, person);
    }
  return TRUE;
}

static void
collect_ticked (YkActivityDialog *self,
                GArray           *added,
                GArray           *removed)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      YkActivityPerson *person = row_person (value);
      gint64 *attendance = g_hash_table_lookup (self->attended, key);
      gboolean ticked = gtk_check_button_get_active (row_check (value));

      if (ticked && attendance == NULL)
        {
          YkAttendee a = { person->client_id, person->family_id };
          g_array_append_val (added, a);
        }
      else if (!ticked && attendance != NULL)
        g_array_append_val (removed, *attendance);
    }
}

/* Other residents (其他居民人数): empty is none. */
static gboolean
read_residents (YkActivityDialog *self,
                int              *count)
{
  g_autofree char *text = yk_record_form_text (self->residents_entry);
  guint64 value = 0;

  *count = 0;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, 100000, &value, NULL))
    return yk_record_form_fail (self->form, "resident_count", _("Write the head count as a whole number, such as 12"));
  *count = (int) value;
  return TRUE;
}

/* The fields as typed, checked by the rules the app applies, each error
 * under its field: the same for a new activity and a corrected one. */
static gboolean
read_record (YkActivityDialog *self,
             YkActivityRecord *record)
{
  g_autoptr (GError) error = NULL;
  const char *field = NULL;
  gboolean ok;
  GDate today;

  record->id = self->activity_id;
  record->site_id = self->site_id;
  ok = yk_record_form_date (self->form, "date", self->date_entry, TRUE, &record->date);
  record->title = yk_record_form_text (self->title_entry);
  record->category = (char *) yk_record_form_choice (self->category_dropdown, category_codes);
  record->facilitator = yk_record_form_text (self->facilitator_entry);
  ok = read_residents (self, &record->resident_count) && ok;
  if (ok && record->title == NULL)
    ok = yk_record_form_fail (self->form, "title", _("This is required"));
  yk_date_today (&today);
  /* The page always gives a site (it has no "every site" entry). */
  if (ok && !yk_activity_validate (record, &today, &field, &error))
    ok = yk_record_form_fail_error (self->form, field, error);
  return ok;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkActivityDialog *self = YK_ACTIVITY_DIALOG (widget);
  YkSession *session = yk_record_form_get_session (self->form);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) added = g_array_new (FALSE, FALSE, sizeof (YkAttendee));
  g_autoptr (GArray) removed = g_array_new (FALSE, FALSE, sizeof (gint64));
  YkActivityRecord record = { 0 };
  gboolean ok;

  if (session == NULL || self->loading)
    return;
  yk_record_form_clear_errors (self->form);
  collect_ticked (self, added, removed);
  ok = read_record (self, &record);
  if (ok && self->activity_id > 0)
    ok = yk_activities_edit (session, &record, (YkAttendee *) added->data, added->len, (gint64 *) removed->data,
                             removed->len, &error);
  else if (ok)
    ok = yk_activities_record (session, &record, (YkAttendee *) added->data, added->len, NULL, &error);
  if (ok)
    yk_record_form_saved (self->form, 0);
  else if (error != NULL)
    yk_record_form_fail_error (self->form, NULL, error);
  g_free (record.date);
  g_free (record.title);
  g_free (record.facilitator);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  yk_record_form_close (YK_ACTIVITY_DIALOG (widget)->form);
}

/* Voiding is the window's record.void, with its reason dialog. */
static void
void_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkActivityDialog *self = YK_ACTIVITY_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gint64 id = self->activity_id;

  if (parent == NULL || id <= 0)
    return;
  g_object_ref (parent);
  yk_record_form_close (self->form);
  gtk_widget_activate_action (GTK_WIDGET (parent), "record.void", "(sx)", "activities", id);
  g_object_unref (parent);
}

/* Who is ticked, as the draft keeps it. */
static void
keep_ticks (YkActivityDialog *self)
{
  g_autoptr (GString) keys = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, row;

  if (self->loading || self->ticked_entry == NULL)
    return;
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &row))
    if (gtk_check_button_get_active (row_check (row)))
      g_string_append_printf (keys, "%s%s", keys->len > 0 ? "," : "", (const char *) key);
  gtk_editable_set_text (GTK_EDITABLE (self->ticked_entry), keys->str);
}

static void
yk_activity_dialog_dispose (GObject *object)
{
  YkActivityDialog *self = YK_ACTIVITY_DIALOG (object);

  keep_ticks (self);
  g_cancellable_cancel (self->cancellable);
  if (self->task != NULL)
    yk_reader_task_wait (self->task);
  g_clear_object (&self->task);
  g_clear_object (&self->cancellable);
  yk_record_form_keep_draft (self->form);
  g_clear_pointer (&self->form, yk_record_form_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_ACTIVITY_DIALOG);
  G_OBJECT_CLASS (yk_activity_dialog_parent_class)->dispose (object);
}

static void
yk_activity_dialog_finalize (GObject *object)
{
  YkActivityDialog *self = YK_ACTIVITY_DIALOG (object);

  g_hash_table_unref (self->rows);
  g_hash_table_unref (self->attended);
  G_OBJECT_CLASS (yk_activity_dialog_parent_class)->finalize (object);
}

static void
yk_activity_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, YK_ACTIVITY_DIALOG (object)->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_activity_dialog_class_init (YkActivityDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (YK_TYPE_DATE_ENTRY);
  g_type_ensure (YK_TYPE_ATTACHMENTS_BOX);
  object_class->dispose = yk_activity_dialog_dispose;
  object_class->finalize = yk_activity_dialog_finalize;
  object_class->get_property = yk_activity_dialog_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-activity-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, attachments_heading);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, attachments_box);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, date_error);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, title_error);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, category_error);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, facilitator_entry);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, facilitator_error);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, residents_entry);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, residents_error);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, ticked_entry);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, count_label);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, people_stack);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, people_list);
  gtk_widget_class_bind_template_child (widget_class, YkActivityDialog, void_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "form.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "activity.void", NULL, void_action);
  yk_record_form_class_add_shortcuts (widget_class);
}

static void
yk_activity_dialog_init (YkActivityDialog *self)
{
  GtkEventController *keys;
  GtkEventController *enter;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->attended = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->people_list), filter_func, self, NULL);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_cb), self);
  gtk_widget_add_controller (self->search_entry, keys);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (list_key_cb), self);
  gtk_widget_add_controller (self->people_list, keys);

  /* Enter saves, as everywhere in a form. */
  enter = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (enter, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (enter),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_Return, 0),
                                                            gtk_keyval_trigger_new (GDK_KEY_KP_Enter, 0)),
                                                          gtk_named_action_new ("form.save")));
  gtk_widget_add_controller (self->people_list, enter);
  update_count (self);
}

YkActivityDialog *
yk_activity_dialog_new (YkUnlockedSession *session,
                        YkFormDrafts      *drafts,
                        gint64             site_id,
                        gint64             activity_id)
{
  YkActivityDialog *self = g_object_new (YK_TYPE_ACTIVITY_DIALOG, NULL);
  YkSession *s = yk_unlocked_session_get_session (session);

  self->activity_id = activity_id;
  self->site_id = s != NULL ? yk_activities_site_for (s, site_id) : site_id;
  /* A draft of a new activity is the site's; of a change, the activity's. */
  self->form = activity_id > 0
                 ? yk_record_form_new (GTK_WINDOW (self), session, drafts, "activity-edit", activity_id)
                 : yk_record_form_new (GTK_WINDOW (self), session, drafts, "activity", self->site_id);
  yk_record_form_set_error_label (self->form, self->error_label);
  yk_record_form_add_field (self->form, "date", self->date_entry, self->date_error);
  yk_record_form_add_field (self->form, "title", self->title_entry, self->title_error);
  yk_record_form_add_field (self->form, "category", self->category_dropdown, self->category_error);
  yk_record_form_add_field (self->form, "facilitator", self->facilitator_entry, self->facilitator_error);
  yk_record_form_add_field (self->form, "resident_count", self->residents_entry, self->residents_error);

  if (s == NULL)
    {
      yk_record_form_fail (self->form, NULL, _("The database is locked"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save", FALSE);
      return self;
    }
  if (activity_id > 0)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Activity"));
      gtk_label_set_text (GTK_LABEL (self->title_label), _("Edit Activity"));
      if (!load_activity (self, s))
        return self;
    }
  else
    yk_record_form_set_today (self->date_entry);
  /* What was typed and ticked before a lock closed the dialog. */
  self->draft_restored = yk_record_form_restore_draft (self->form);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "activity.void", activity_id > 0);
  /* The sign-in sheet (签到表) of an activity on record. */
  if (activity_id > 0)
    {
      yk_attachments_box_set_owner (self->attachments_box, session, 0, activity_id);
      gtk_widget_set_visible (self->attachments_heading, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->attachments_box), TRUE);
    }

  set_loading (self, TRUE);
  self->cancellable = g_cancellable_new ();
  self->task = yk_reader_task_run_async (session, load_people, g_memdup2 (&self->site_id, sizeof (gint64)), g_free,
                                         (GDestroyNotify) g_ptr_array_unref, self->cancellable, people_cb, self);
  gtk_widget_grab_focus (activity_id > 0 ? self->search_entry : self->title_entry);
  return self;
}

gboolean
yk_activity_dialog_get_loading (YkActivityDialog *self)
{
  g_return_val_if_fail (YK_IS_ACTIVITY_DIALOG (self), FALSE);
  return self->loading;
}

guint
yk_activity_dialog_get_n_ticked (YkActivityDialog *self)
{
  g_return_val_if_fail (YK_IS_ACTIVITY_DIALOG (self), 0);
  return self->n_ticked;
}

GtkListBoxRow *
yk_activity_dialog_find_row (YkActivityDialog *self,
                             gint64            client_id,
                             gint64            family_id)
{
  g_autofree char *key = person_key (client_id, family_id);

  g_return_val_if_fail (YK_IS_ACTIVITY_DIALOG (self), NULL);
  return g_hash_table_lookup (self->rows, key);
}

const char *
yk_activity_dialog_get_error (YkActivityDialog *self,
                              const char       *field)
{
  g_return_val_if_fail (YK_IS_ACTIVITY_DIALOG (self), NULL);
  return yk_record_form_get_error (self->form, field);
}
