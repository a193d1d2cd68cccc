/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-contact-dialog.h"
#include "yk-date-entry.h"
#include "yk-casework.h"
#include "yk-record-form.h"
#include "yk-record-rules.h"
#include "yk-recording.h"
#include "yk-text.h"
#include "yk-validate.h"

#include <glib/gi18n.h>

struct _YkContactDialog
{
  GtkWindow parent_instance;

  GtkWidget *title_label;
  GtkWidget *subtitle_label;
  GtkWidget *save_button;
  GtkWidget *error_label;
  GtkWidget *phones_box;
  GtkWidget *phone_label;
  GtkWidget *copy_phone_button;
  GtkWidget *guardian_label;
  GtkWidget *copy_guardian_button;
  GtkWidget *type_dropdown_label;
  GtkWidget *type_dropdown;
  GtkWidget *date_entry;
  GtkWidget *date_error;
  GtkWidget *worker_dropdown;
  GtkWidget *worker_error;
  GtkWidget *reached_check;
  GtkWidget *unreached_label;
  GtkWidget *unreached_entry;
  GtkWidget *unreached_error;
  GtkWidget *next_date_entry;
  GtkWidget *next_date_error;
  GtkWidget *details_expander;
  GtkWidget *duration_entry;
  GtkWidget *duration_error;
  GtkWidget *seen_entry;
  GtkWidget *risk_dropdown;
  GtkWidget *risk_hint;
  GtkWidget *risk_error;
  GtkWidget *insight_dropdown;
  GtkWidget *sleep_dropdown;
  GtkWidget *diet_dropdown;
  GtkWidget *self_care_dropdown;
  GtkWidget *self_care_error;
  GtkWidget *housework_dropdown;
  GtkWidget *housework_error;
  GtkWidget *work_dropdown;
  GtkWidget *work_error;
  GtkWidget *learning_dropdown;
  GtkWidget *learning_error;
  GtkWidget *social_dropdown;
  GtkWidget *social_error;
  GtkWidget *danger_entry;
  GtkWidget *hospital_entry;
  GtkWidget *medication_dropdown;
  GtkWidget *medication_error;
  GtkWidget *adverse_entry;
  GtkWidget *condition_dropdown_label;
  GtkWidget *condition_dropdown;
  GtkWidget *condition_error;
  GtkWidget *risk_dropdown_label;
  GtkWidget *checklist_revealer;
  GtkWidget *refer_check;
  GtkWidget *doctor_check;
  GtkWidget *guardian_check;
  GtkWidget *measures_view;
  GtkWidget *notes_view;

  YkRecordForm *form;
  char *type;
  gint64 client_id;
  gint64 record_id;      /* correcting this contact; 0: a new one */
  char *intake_date;
  char *phone;           /* the service user's, to copy; NULL: none on file */
  char *guardian_phone;
  char *proposed;   /* the next date the rules gave last; the entry follows it until edited */
  gboolean restoring;
};

G_DEFINE_FINAL_TYPE (YkContactDialog, yk_contact_dialog, GTK_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_CONTACT_TYPE,
  PROP_CLIENT_ID,
  PROP_CHECKLIST_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What is stored for each drop-down item (yk-record-rules.c's values;
 * the form's own words for the free-text items). */
static const char *const type_codes[] = { "phone", "home_visit" };
static const char *const risk_codes[] = { NULL, "0", "1", "2", "3", "4", "5" };
static const char *const insight_codes[] = { NULL, "自知力完全", "自知力不全", "自知力缺失" };
static const char *const level_codes[] = { NULL, "良好", "一般", "较差" };
static const char *const medication_codes[] = { NULL, "regular", "intermittent", "none", "not_required" };
static const char *const condition_codes[] = { NULL, "stable", "basically_stable", "unstable" };

/* The national scale's levels, as the follow-up form describes them. */
static const char *const risk_descriptions[] = {
  NULL,
  N_("None of the behaviours of levels 1–5"),
  N_("Verbal threats or shouting, but no smashing"),
  N_("Smashing at home, aimed at property, stops when talked to"),
  N_("Obvious smashing anywhere, aimed at property, does not stop when talked to"),
  N_("Persistent smashing anywhere, aimed at property or people, does not stop when talked to (incl. self-harm, suicide)"),
  N_("Any armed violence against people, or arson, explosions and the like"),
};

static int
risk_level (YkContactDialog *self)
{
  const char *code = yk_record_form_choice (self->risk_dropdown, risk_codes);

  return code != NULL ? (int) g_ascii_strtoll (code, NULL, 10) : -1;
}

static gboolean
at_risk (YkContactDialog *self)
{
  if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (self->reached_check)))
    return FALSE;
  return risk_level (self) >= 3 ||
         g_strcmp0 (yk_record_form_choice (self->condition_dropdown, condition_codes), "unstable") == 0;
}

static void
update_checklist (YkContactDialog *self)
{
  gboolean shown = at_risk (self);

  if (shown == gtk_revealer_get_reveal_child (GTK_REVEALER (self->checklist_revealer)))
    return;
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->checklist_revealer), shown);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKLIST_SHOWN]);
}

/* The date the rules give for this contact's date and condition, put in
 * the entry unless the person wrote their own. */
static void
propose_next_date (YkContactDialog *self,
                   gboolean         apply)
{
  YkSession *session = yk_record_form_get_session (self->form);
  g_autofree char *text = yk_record_form_text (self->date_entry);
  g_autofree char *iso = NULL;
  g_autofree char *next = NULL;
  const char *current;
  GDate date, today;

  yk_date_today (&today);
  if (session == NULL || text == NULL || !yk_date_parse_typed (text, &today, &date, NULL))
    return;
  iso = yk_date_format_iso (&date);
  if (!yk_recording_propose_next (session, iso, yk_record_form_choice (self->condition_dropdown, condition_codes),
                                  &next, NULL))
    return;
  current = gtk_editable_get_text (GTK_EDITABLE (self->next_date_entry));
  if (apply && (*current == '\0' || g_strcmp0 (current, self->proposed) == 0))
    gtk_editable_set_text (GTK_EDITABLE (self->next_date_entry), next);
  g_free (self->proposed);
  self->proposed = g_steal_pointer (&next);
}

/* The condition and risk level last recorded, so that a quick call saved
 * as it opens keeps the person's state (and their warning, and the two
 * weeks an unstable person gets) rather than erasing it. */
static void
start_from_last_state (YkContactDialog *self)
{
  g_autofree char *condition = NULL;
  int risk = -1;

  if (!yk_recording_last_state (yk_record_form_get_session (self->form), self->client_id, &condition, &risk, NULL))
    return;
  yk_record_form_choose (self->condition_dropdown, condition_codes, condition);
  if (risk >= 0 && risk < (int) G_N_ELEMENTS (risk_codes) - 1)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->risk_dropdown), (guint) risk + 1);
}

static void
update_risk_hint (YkContactDialog *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->risk_dropdown));
  const char *description = selected < G_N_ELEMENTS (risk_descriptions) ? risk_descriptions[selected] : NULL;

  gtk_label_set_text (GTK_LABEL (self->risk_hint), description ? _(description) : "");
  gtk_widget_set_visible (self->risk_hint, description != NULL &&
                                             gtk_check_button_get_active (GTK_CHECK_BUTTON (self->reached_check)));
}

static void
update_reached (YkContactDialog *self)
{
  gboolean reached = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->reached_check));

  gtk_widget_set_visible (self->unreached_label, !reached);
  gtk_widget_set_visible (self->unreached_entry, !reached);
  /* Nobody reached, nothing observed: the person's state is not asked. */
  gtk_widget_set_visible (self->condition_dropdown_label, reached);
  gtk_widget_set_visible (self->condition_dropdown, reached);
  gtk_widget_set_visible (self->risk_dropdown_label, reached);
  gtk_widget_set_visible (self->risk_dropdown, reached);
  update_risk_hint (self);
  update_checklist (self);
}

static char *
measures_text (YkContactDialog *self)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  char *typed = yk_record_form_text (self->measures_view);

  if (at_risk (self))
    {
      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->refer_check)))
        g_ptr_array_add (parts, g_strdup (_("Referred to hospital")));
      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->doctor_check)))
        g_ptr_array_add (parts, g_strdup (_("Told the community psychiatric doctor")));
      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->guardian_check)))
        g_ptr_array_add (parts, g_strdup (_("Told the guardian")));
    }
  if (typed != NULL)
    g_ptr_array_add (parts, typed);
  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: separates the rehabilitation measures taken */
  return yk_text_join_parts (_("; "), (const char *const *) parts->pdata);
}

static gboolean
read_duration (YkContactDialog *self,
               int             *minutes)
{
  g_autofree char *text = yk_record_form_text (self->duration_entry);
  guint64 value = 0;

  *minutes = -1;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, 24 * 60, &value, NULL))
    return yk_record_form_fail (self->form, "duration_min", _("Write the minutes as a whole number, such as 15"));
  *minutes = (int) value;
  return TRUE;
}

static gboolean
read_record (YkContactDialog *self,
             YkContactRecord *r)
{
  GtkWidget *social[5] = { self->self_care_dropdown, self->housework_dropdown, self->work_dropdown,
                           self->learning_dropdown, self->social_dropdown };

  r->id = self->record_id;
  r->client_id = self->client_id;
  r->type = g_strdup (self->record_id > 0 ? yk_record_form_choice (self->type_dropdown, type_codes) : self->type);
  if (!yk_record_form_date (self->form, "date", self->date_entry, TRUE, &r->date))
    return FALSE;
  r->worker_id = yk_record_form_staff_id (self->worker_dropdown);
  r->reached = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->reached_check));
  r->unreached_reason = r->reached ? NULL : yk_record_form_text (self->unreached_entry);
  if (!yk_record_form_date (self->form, "next_date", self->next_date_entry, FALSE, &r->next_date) ||
      !read_duration (self, &r->duration_min))
    return FALSE;
  r->seen = yk_record_form_text (self->seen_entry);
  r->risk_level = r->reached ? risk_level (self) : -1;
  r->insight = g_strdup (yk_record_form_choice (self->insight_dropdown, insight_codes));
  r->sleep = g_strdup (yk_record_form_choice (self->sleep_dropdown, level_codes));
  r->diet = g_strdup (yk_record_form_choice (self->diet_dropdown, level_codes));
  for (guint i = 0; i < 5; i++)
    r->social[i] = g_strdup (yk_record_form_choice (social[i], level_codes));
  r->dangerous_behaviour = yk_record_form_text (self->danger_entry);
  r->hospital_stays = yk_record_form_text (self->hospital_entry);
  r->medication = g_strdup (yk_record_form_choice (self->medication_dropdown, medication_codes));
  r->adverse_reactions = yk_record_form_text (self->adverse_entry);
  r->condition = r->reached ? g_strdup (yk_record_form_choice (self->condition_dropdown, condition_codes)) : NULL;
  r->measures = measures_text (self);
  r->notes = yk_record_form_text (self->notes_view);
  return TRUE;
}

static void
save (YkContactDialog *self)
{
  YkSession *session = yk_record_form_get_session (self->form);
  YkContactRecord record = { 0 };
  g_autoptr (GError) error = NULL;
  const char *field = NULL;
  gint64 id = 0;
  GDate today;

  if (session == NULL)
    return;
  yk_record_form_clear_errors (self->form);
  if (!read_record (self, &record))
    goto out;
  yk_date_today (&today);
  if (!yk_contact_validate (&record, self->intake_date, &today, &field, &error) ||
      !yk_contact_validate_typed (&record, &field, &error))
    {
      yk_record_form_fail_error (self->form, field, error);
      goto out;
    }
  if (self->record_id > 0 ? !yk_casework_update_contact (session, &record, &error)
                           : !yk_casework_add_contact (session, &record, &id, &error))
    {
      yk_record_form_fail_error (self->form, NULL, error);
      goto out;
    }
  /* A new record can be taken back from the window's "Saved · Undo". */
  if (id > 0)
    yk_unlocked_session_record_added (yk_record_form_get_unlocked (self->form), "contacts", id);
  yk_record_form_saved (self->form, self->client_id);
out:
  yk_contact_record_clear (&record);
}

static void
copy_phone_cb (YkContactDialog *self,
               GtkButton       *button)
{
  const char *number = GTK_WIDGET (button) == self->copy_phone_button ? self->phone : self->guardian_phone;

  if (number != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), number);
}

/* A call starts from a number: the person's and their guardian's are at
 * the top of the form, each with a button to copy it. */
static void
show_phones (YkContactDialog      *self,
             const YkClientRecord *client)
{
  gboolean own = client->phone != NULL && *client->phone != '\0';
  gboolean guardian = client->guardian_phone != NULL && *client->guardian_phone != '\0';

  self->phone = own ? g_strdup (client->phone) : NULL;
  self->guardian_phone = guardian ? g_strdup (client->guardian_phone) : NULL;
  if (own)
    {
      /* TRANSLATORS: %1$s is the service user's phone number */
      g_autofree char *text = g_strdup_printf (_("Phone %1$s"), client->phone);
      gtk_label_set_text (GTK_LABEL (self->phone_label), text);
    }
  if (guardian)
    {
      /* TRANSLATORS: the guardian's name, their relation to the service user (母亲), their phone number */
      g_autofree char *text = g_strdup_printf (_("Guardian %1$s (%2$s) %3$s"),
                                               client->guardian_name ? client->guardian_name : "",
                                               client->guardian_relation ? client->guardian_relation : "—",
                                               client->guardian_phone);
      gtk_label_set_text (GTK_LABEL (self->guardian_label), text);
    }
  gtk_widget_set_visible (self->phone_label, own);
  gtk_widget_set_visible (self->copy_phone_button, own);
  gtk_widget_set_visible (self->guardian_label, guardian);
  gtk_widget_set_visible (self->copy_guardian_button, guardian);
  gtk_widget_set_visible (self->phones_box, own || guardian);
}

static void
date_changed_cb (YkContactDialog *self)
{
  /* No form: the dialog is being disposed, and its fields cleared. */
  if (self->form != NULL && !self->restoring)
    propose_next_date (self, TRUE);
}

static void
condition_changed_cb (YkContactDialog *self)
{
  update_checklist (self);
  if (!self->restoring)
    propose_next_date (self, TRUE);
}

static void
risk_changed_cb (YkContactDialog *self)
{
  update_risk_hint (self);
  update_checklist (self);
}

static void
reached_toggled_cb (YkContactDialog *self)
{
  update_reached (self);
  if (!self->restoring && !gtk_check_button_get_active (GTK_CHECK_BUTTON (self->reached_check)))
    gtk_widget_grab_focus (self->unreached_entry);
}

/* A window keeps its size when its content grows: opening the form's
 * details asks for room to read them, not a slot to scroll through. */
static void
expanded_cb (YkContactDialog *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (self->details_expander, GTK_TYPE_SCROLLED_WINDOW);
  gboolean expanded = gtk_expander_get_expanded (GTK_EXPANDER (self->details_expander));

  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), expanded ? 560 : -1);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (YK_CONTACT_DIALOG (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  yk_record_form_close (YK_CONTACT_DIALOG (widget)->form);
}

static void
yk_contact_dialog_dispose (GObject *object)
{
  YkContactDialog *self = YK_CONTACT_DIALOG (object);

  yk_record_form_keep_draft (self->form);
  g_clear_pointer (&self->form, yk_record_form_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_CONTACT_DIALOG);
  G_OBJECT_CLASS (yk_contact_dialog_parent_class)->dispose (object);
}

static void
yk_contact_dialog_finalize (GObject *object)
{
  YkContactDialog *self = YK_CONTACT_DIALOG (object);

  g_free (self->type);
  g_free (self->intake_date);
  g_free (self->phone);
  g_free (self->guardian_phone);
  g_free (self->proposed);
  G_OBJECT_CLASS (yk_contact_dialog_parent_class)->finalize (object);
}

static void
yk_contact_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  YkContactDialog *self = YK_CONTACT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTACT_TYPE:
      g_value_set_string (value, self->type);
      break;
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;
    case PROP_CHECKLIST_SHOWN:
      g_value_set_boolean (value, yk_contact_dialog_get_checklist_shown (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_contact_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  YkContactDialog *self = YK_CONTACT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTACT_TYPE:
      g_free (self->type);
      self->type = g_value_dup_string (value);
      break;
    case PROP_CLIENT_ID:
      self->client_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, YkContactDialog, name)

static void
yk_contact_dialog_class_init (YkContactDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (YK_TYPE_DATE_ENTRY);
  object_class->dispose = yk_contact_dialog_dispose;
  object_class->finalize = yk_contact_dialog_finalize;
  object_class->get_property = yk_contact_dialog_get_property;
  object_class->set_property = yk_contact_dialog_set_property;

  properties[PROP_CONTACT_TYPE] =
    g_param_spec_string ("contact-type", NULL, NULL, "phone",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKLIST_SHOWN] =
    g_param_spec_boolean ("checklist-shown", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-contact-dialog.ui");
  BIND (title_label);
  BIND (subtitle_label);
  BIND (save_button);
  BIND (error_label);
  BIND (phones_box);
  BIND (phone_label);
  BIND (copy_phone_button);
  BIND (guardian_label);
  BIND (copy_guardian_button);
  BIND (type_dropdown_label);
  BIND (type_dropdown);
  BIND (date_entry);
  BIND (date_error);
  BIND (worker_dropdown);
  BIND (worker_error);
  BIND (reached_check);
  BIND (unreached_label);
  BIND (unreached_entry);
  BIND (unreached_error);
  BIND (next_date_entry);
  BIND (next_date_error);
  BIND (details_expander);
  BIND (duration_entry);
  BIND (duration_error);
  BIND (seen_entry);
  BIND (risk_dropdown_label);
  BIND (risk_dropdown);
  BIND (risk_hint);
  BIND (risk_error);
  BIND (insight_dropdown);
  BIND (sleep_dropdown);
  BIND (diet_dropdown);
  BIND (self_care_dropdown);
  BIND (self_care_error);
  BIND (housework_dropdown);
  BIND (housework_error);
  BIND (work_dropdown);
  BIND (work_error);
  BIND (learning_dropdown);
  BIND (learning_error);
  BIND (social_dropdown);
  BIND (social_error);
  BIND (danger_entry);
  BIND (hospital_entry);
  BIND (medication_dropdown);
  BIND (medication_error);
  BIND (adverse_entry);
  BIND (condition_dropdown_label);
  BIND (condition_dropdown);
  BIND (condition_error);
  BIND (checklist_revealer);
  BIND (refer_check);
  BIND (doctor_check);
  BIND (guardian_check);
  BIND (measures_view);
  BIND (notes_view);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_phone_cb);
  gtk_widget_class_bind_template_callback (widget_class, condition_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, risk_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reached_toggled_cb);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "form.cancel", NULL, cancel_action);
  yk_record_form_class_add_shortcuts (widget_class);
}

static void
yk_contact_dialog_init (YkContactDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
add_fields (YkContactDialog *self)
{
  YkRecordForm *form = self->form;

  yk_record_form_set_error_label (form, self->error_label);
  yk_record_form_set_expander (form, self->details_expander);
  yk_record_form_add_field (form, "date", self->date_entry, self->date_error);
  yk_record_form_add_field (form, "worker", self->worker_dropdown, self->worker_error);
  yk_record_form_add_field (form, "unreached_reason", self->unreached_entry, self->unreached_error);
  yk_record_form_add_field (form, "next_date", self->next_date_entry, self->next_date_error);
  yk_record_form_add_field (form, "duration_min", self->duration_entry, self->duration_error);
  yk_record_form_add_field (form, "risk_level", self->risk_dropdown, self->risk_error);
  yk_record_form_add_field (form, "sf_self_care", self->self_care_dropdown, self->self_care_error);
  yk_record_form_add_field (form, "sf_housework", self->housework_dropdown, self->housework_error);
  yk_record_form_add_field (form, "sf_work", self->work_dropdown, self->work_error);
  yk_record_form_add_field (form, "sf_learning", self->learning_dropdown, self->learning_error);
  yk_record_form_add_field (form, "sf_social", self->social_dropdown, self->social_error);
  yk_record_form_add_field (form, "medication", self->medication_dropdown, self->medication_error);
  yk_record_form_add_field (form, "condition", self->condition_dropdown, self->condition_error);
}

YkContactDialog *
yk_contact_dialog_new (YkUnlockedSession *session,
                       YkFormDrafts      *drafts,
                       const char        *type,
                       gint64             client_id)
{
  YkContactDialog *self;
  g_autoptr (YkClientRecord) client = NULL;
  g_autoptr (GPtrArray) staff = NULL;
  gboolean visit;

  g_return_val_if_fail (g_strcmp0 (type, "phone") == 0 || g_strcmp0 (type, "home_visit") == 0, NULL);

  self = g_object_new (YK_TYPE_CONTACT_DIALOG, "contact-type", type, "client-id", client_id, NULL);
  visit = g_str_equal (type, "home_visit");
  gtk_window_set_title (GTK_WINDOW (self), visit ? _("Home Visit") : _("Phone Follow-up"));
  gtk_label_set_text (GTK_LABEL (self->title_label), visit ? _("Home Visit") : _("Phone Follow-up"));

  self->form = yk_record_form_new (GTK_WINDOW (self), session, drafts, type, client_id);
  add_fields (self);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->reached_check), TRUE);
  update_reached (self);
  update_risk_hint (self);

  client = yk_record_form_load_person (self->form, self->subtitle_label, client_id);
  if (client == NULL)
    {
      gtk_widget_set_sensitive (self->details_expander, FALSE);
      gtk_widget_set_sensitive (gtk_widget_get_parent (self->date_entry), FALSE);
      return self;
    }
  self->intake_date = g_strdup (client->intake_date);
  show_phones (self, client);
  staff = yk_recording_workers (yk_record_form_get_session (self->form), client->site_id, NULL);
  yk_record_form_fill_staff (self->worker_dropdown, staff,
                             yk_session_get_staff_id (yk_record_form_get_session (self->form)));

  self->restoring = TRUE;
  yk_record_form_set_today (self->date_entry);
  start_from_last_state (self);
  propose_next_date (self, TRUE);
  if (yk_record_form_restore_draft (self->form))
    propose_next_date (self, FALSE);
  self->restoring = FALSE;
  update_reached (self);
  update_checklist (self);
  expanded_cb (self);
  g_signal_connect_object (self->details_expander, "notify::expanded", G_CALLBACK (expanded_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_grab_focus (self->reached_check);
  return self;
}

static void
set_text_view (GtkWidget *view, const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text != NULL ? text : "", -1);
}

static void
set_entry (GtkWidget *entry, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

/* The form as the contact was saved. The checklist's ticks were written
 * into the measures: they come back as that text, unticked. */
static void
fill_from_record (YkContactDialog *self, const YkContactRecord *r)
{
  GtkWidget *social[5] = { self->self_care_dropdown, self->housework_dropdown, self->work_dropdown,
                           self->learning_dropdown, self->social_dropdown };
  g_autofree char *duration = r->duration_min >= 0 ? g_strdup_printf ("%d", r->duration_min) : NULL;

  yk_record_form_choose (self->type_dropdown, type_codes, r->type);
  set_entry (self->date_entry, r->date);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->reached_check), r->reached);
  set_entry (self->unreached_entry, r->unreached_reason);
  set_entry (self->next_date_entry, r->next_date);
  set_entry (self->duration_entry, duration);
  set_entry (self->seen_entry, r->seen);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->risk_dropdown),
                              r->risk_level >= 0 && r->risk_level <= 5 ? (guint) r->risk_level + 1 : 0);
  yk_record_form_choose (self->insight_dropdown, insight_codes, r->insight);
  yk_record_form_choose (self->sleep_dropdown, level_codes, r->sleep);
  yk_record_form_choose (self->diet_dropdown, level_codes, r->diet);
  for (guint i = 0; i < 5; i++)
    yk_record_form_choose (social[i], level_codes, r->social[i]);
  set_entry (self->danger_entry, r->dangerous_behaviour);
  set_entry (self->hospital_entry, r->hospital_stays);
  yk_record_form_choose (self->medication_dropdown, medication_codes, r->medication);
  set_entry (self->adverse_entry, r->adverse_reactions);
  yk_record_form_choose (self->condition_dropdown, condition_codes, r->condition);
  set_text_view (self->measures_view, r->measures);
  set_text_view (self->notes_view, r->notes);
}

YkContactDialog *
yk_contact_dialog_new_edit (YkUnlockedSession *session,
                            YkFormDrafts      *drafts,
                            gint64             record_id,
                            GError           **error)
{
  YkSession *core = yk_unlocked_session_get_session (session);
  g_autoptr (YkContactRecord) record = NULL;
  g_autoptr (YkClientRecord) client = NULL;
  g_autoptr (GPtrArray) staff = NULL;
  YkContactDialog *self;

  g_return_val_if_fail (core != NULL, NULL);
  record = yk_casework_get_contact (core, record_id, error);
  if (record == NULL)
    return NULL;
  self = g_object_new (YK_TYPE_CONTACT_DIALOG, "contact-type", record->type, "client-id", record->client_id, NULL);
  self->record_id = record_id;
  gtk_window_set_title (GTK_WINDOW (self), _("Correct Contact"));
  gtk_label_set_text (GTK_LABEL (self->title_label), _("Correct Contact"));
  /* Its own draft: a correction never mixes with a new contact being typed. */
  self->form = yk_record_form_new (GTK_WINDOW (self), session, drafts, "correct:contacts", record_id);
  add_fields (self);
  gtk_widget_set_visible (self->type_dropdown_label, TRUE);
  gtk_widget_set_visible (self->type_dropdown, TRUE);

  client = yk_record_form_load_person (self->form, self->subtitle_label, record->client_id);
  if (client == NULL)
    {
      gtk_widget_set_sensitive (self->details_expander, FALSE);
      gtk_widget_set_sensitive (gtk_widget_get_parent (self->date_entry), FALSE);
      return self;
    }
  self->intake_date = g_strdup (client->intake_date);
  show_phones (self, client);
  staff = yk_recording_workers (core, client->site_id, NULL);
  yk_record_form_fill_staff (self->worker_dropdown, staff, record->worker_id);

  self->restoring = TRUE;
  fill_from_record (self, record);
  propose_next_date (self, FALSE);
  yk_record_form_restore_draft (self->form);
  self->restoring = FALSE;
  update_reached (self);
  update_risk_hint (self);
  update_checklist (self);
  /* What the form's details hold is part of what is being corrected. */
  gtk_expander_set_expanded (GTK_EXPANDER (self->details_expander), TRUE);
  expanded_cb (self);
  g_signal_connect_object (self->details_expander, "notify::expanded", G_CALLBACK (expanded_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_grab_focus (self->date_entry);
  return self;
}

gint64
yk_contact_dialog_get_record_id (YkContactDialog *self)
{
  g_return_val_if_fail (YK_IS_CONTACT_DIALOG (self), 0);
  return self->record_id;
}

const char *
yk_contact_dialog_get_contact_type (YkContactDialog *self)
{
  g_return_val_if_fail (YK_IS_CONTACT_DIALOG (self), NULL);
  return self->type;
}

gint64
yk_contact_dialog_get_client_id (YkContactDialog *self)
{
  g_return_val_if_fail (YK_IS_CONTACT_DIALOG (self), 0);
  return self->client_id;
}

gboolean
yk_contact_dialog_get_checklist_shown (YkContactDialog *self)
{
  g_return_val_if_fail (YK_IS_CONTACT_DIALOG (self), FALSE);
  return gtk_revealer_get_reveal_child (GTK_REVEALER (self->checklist_revealer));
}

/* The error shown under `field` (NULL: at the top), or NULL. */
const char *
yk_contact_dialog_get_error (YkContactDialog *self,
                             const char      *field)
{
  g_return_val_if_fail (YK_IS_CONTACT_DIALOG (self), NULL);
  return yk_record_form_get_error (self->form, field);
}
