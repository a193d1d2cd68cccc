/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-client-dialog.h"
#include "yk-date-entry.h"
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-record-form.h"
#include "yk-record-rules.h"
#include "yk-recording.h"
#include "yk-validate.h"

#include <glib/gi18n.h>

struct _YkClientDialog
{
  GtkWindow parent_instance;

  GtkWidget *error_label;
  GtkWidget *duplicate_box;
  GtkWidget *duplicate_label;
  GtkWidget *duplicate_list;
  GtkWidget *namesake_box;
  GtkWidget *namesake_entry;
  GtkWidget *namesake_button;
  GtkWidget *case_no_entry;
  GtkWidget *case_no_error;
  GtkWidget *name_entry;
  GtkWidget *name_error;
  GtkWidget *gender_dropdown;
  GtkWidget *gender_error;
  GtkWidget *birth_date_entry;
  GtkWidget *birth_date_error;
  GtkWidget *id_number_entry;
  GtkWidget *id_number_error;
  GtkWidget *phone_entry;
  GtkWidget *phone_error;
  GtkWidget *address_entry;
  GtkWidget *address_error;
  GtkWidget *community_entry;
  GtkWidget *community_error;
  GtkWidget *diagnosis_dropdown;
  GtkWidget *diagnosis_error;
  GtkWidget *guardian_name_entry;
  GtkWidget *guardian_name_error;
  GtkWidget *guardian_relation_entry;
  GtkWidget *guardian_relation_error;
  GtkWidget *guardian_phone_entry;
  GtkWidget *guardian_phone_error;
  GtkWidget *site_label;
  GtkWidget *site_dropdown;
  GtkWidget *site_error;
  GtkWidget *worker_dropdown;
  GtkWidget *worker_error;
  GtkWidget *risk_dropdown;
  GtkWidget *risk_error;
  GtkWidget *intake_date_entry;
  GtkWidget *intake_date_error;
  GtkWidget *consent_date_entry;
  GtkWidget *consent_date_error;
  GtkWidget *stable_check;
  GtkWidget *stable_error;
  GtkWidget *consent_signer_dropdown;
  GtkWidget *consent_signer_error;
  GtkWidget *consent_guardian_entry_label;
  GtkWidget *consent_guardian_entry;
  GtkWidget *consent_guardian_error;
  GtkWidget *consent_form_dropdown;
  GtkWidget *consent_form_error;
  GtkWidget *consent_scope_case_file_check;
  GtkWidget *consent_scope_services_check;
  GtkWidget *consent_scope_reporting_check;
  GtkWidget *consent_scope_error;
  GtkWidget *referral_source_dropdown;
  GtkWidget *referral_source_error;

  YkRecordForm *form;
  GArray *site_ids;
  char *filled_birth_date; /* what the ID number filled in, so a later ID may refill it */
  const char *filled_gender;
};

G_DEFINE_FINAL_TYPE (YkClientDialog, yk_client_dialog, GTK_TYPE_WINDOW)

static const char *const gender_codes[] = { NULL, "男", "女" };
/* The six severe mental disorders of the national programme, or 其他. */
static const char *const diagnosis_codes[] = { NULL, "精神分裂症", "分裂情感性障碍", "偏执性精神病", "双相情感障碍",
                                               "癫痫所致精神障碍", "精神发育迟滞伴发精神障碍", "其他" };
static const char *const risk_codes[] = { NULL, "0", "1", "2", "3", "4", "5" };
static const char *const signer_codes[] = { "self", "guardian" };
static const char *const consent_form_codes[] = { "written", "oral_recorded" };

static gint64
site_id (YkClientDialog *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->site_dropdown));

  if (self->site_ids == NULL || selected >= self->site_ids->len)
    return 0;
  return g_array_index (self->site_ids, gint64, selected);
}

static void
site_changed_cb (YkClientDialog *self)
{
  YkSession *session;
  g_autoptr (GPtrArray) staff = NULL;

  if (self->form == NULL || (session = yk_record_form_get_session (self->form)) == NULL)
    return;
  staff = yk_recording_workers (session, site_id (self), NULL);
  yk_record_form_fill_staff (self->worker_dropdown, staff, yk_session_get_staff_id (session));
}

/* The guardian's name is asked for when a guardian signed. */
static void
consent_signer_changed_cb (YkClientDialog *self)
{
  gboolean guardian = g_strcmp0 (yk_record_form_choice (self->consent_signer_dropdown, signer_codes), "guardian") == 0;

  gtk_widget_set_visible (self->consent_guardian_entry_label, guardian);
  gtk_widget_set_visible (self->consent_guardian_entry, guardian);
  if (guardian && gtk_editable_get_text (GTK_EDITABLE (self->consent_guardian_entry))[0] == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->consent_guardian_entry),
                           gtk_editable_get_text (GTK_EDITABLE (self->guardian_name_entry)));
}

/* A valid ID number gives the birth date and gender: filled in when the
 * fields are empty or still hold what an earlier ID number gave, never
 * over what the person chose. */
static void
id_number_changed_cb (YkClientDialog *self)
{
  g_autofree char *id_number = yk_record_form_text (self->id_number_entry);
  const char *birth_now = gtk_editable_get_text (GTK_EDITABLE (self->birth_date_entry));
  const char *gender = NULL;
  GDate birth;

  if (id_number == NULL || !yk_id_number_facts (id_number, &birth, &gender))
    return;
  if (*birth_now == '\0' || g_strcmp0 (birth_now, self->filled_birth_date) == 0)
    {
      g_free (self->filled_birth_date);
      self->filled_birth_date = yk_date_format_iso (&birth);
      gtk_editable_set_text (GTK_EDITABLE (self->birth_date_entry), self->filled_birth_date);
    }
  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->gender_dropdown)) == 0 ||
      g_strcmp0 (yk_record_form_choice (self->gender_dropdown, gender_codes), self->filled_gender) == 0)
    {
      self->filled_gender = gender;
      yk_record_form_choose (self->gender_dropdown, gender_codes, gender);
    }
}

static gboolean
read_record (YkClientDialog *self,
             YkClientRecord *r)
{
  const char *risk = yk_record_form_choice (self->risk_dropdown, risk_codes);

  r->case_no = yk_record_form_text (self->case_no_entry);
  r->name = yk_record_form_text (self->name_entry);
  r->gender = g_strdup (yk_record_form_choice (self->gender_dropdown, gender_codes));
  r->id_number = yk_record_form_text (self->id_number_entry);
  r->phone = yk_record_form_text (self->phone_entry);
  r->address = yk_record_form_text (self->address_entry);
  r->community = yk_record_form_text (self->community_entry);
  r->diagnosis = g_strdup (yk_record_form_choice (self->diagnosis_dropdown, diagnosis_codes));
  r->guardian_name = yk_record_form_text (self->guardian_name_entry);
  r->guardian_relation = yk_record_form_text (self->guardian_relation_entry);
  r->guardian_phone = yk_record_form_text (self->guardian_phone_entry);
  r->site_id = site_id (self);
  r->worker_id = yk_record_form_staff_id (self->worker_dropdown);
  r->risk_level = risk != NULL ? (int) g_ascii_strtoll (risk, NULL, 10) : -1;
  r->stable_at_intake = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->stable_check));
  r->status = g_strdup ("active");
  r->consent_signer = g_strdup (yk_record_form_choice (self->consent_signer_dropdown, signer_codes));
  if (g_strcmp0 (r->consent_signer, "guardian") == 0)
    r->consent_guardian = yk_record_form_text (self->consent_guardian_entry);
  r->consent_form = g_strdup (yk_record_form_choice (self->consent_form_dropdown, consent_form_codes));
  r->referral_source = g_strdup (yk_record_form_referral_source (self->referral_source_dropdown));
  r->consent_scope = (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->consent_scope_case_file_check))
                        ? YK_CONSENT_SCOPE_CASE_FILE : 0) |
                     (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->consent_scope_services_check))
                        ? YK_CONSENT_SCOPE_SERVICES : 0) |
                     (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->consent_scope_reporting_check))
                        ? YK_CONSENT_SCOPE_REPORTING : 0);
  /* Nothing ticked is not "not recorded": the rules say what is missing. */
  if (r->consent_scope == 0)
    r->consent_scope = YK_CONSENT_SCOPE_SERVICES;
  return yk_record_form_date (self->form, "birth_date", self->birth_date_entry, FALSE, &r->birth_date) &&
         yk_record_form_date (self->form, "intake_date", self->intake_date_entry, TRUE, &r->intake_date) &&
         yk_record_form_date (self->form, "consent_date", self->consent_date_entry, FALSE, &r->consent_date);
}

/* 打开: the case file already on file, in the window, in place of a new one. */
static void
open_existing_cb (GtkButton      *button,
                  YkClientDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "client-id"));
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "record.open-case", "x", id);
  yk_record_form_close (self->form);
}

/* The intake check refused the record: what is on file, each with 打开
 * where the account may see it; a name and birth date only may go on
 * with a reason (a resident ID number never). */
static void
show_duplicates (YkClientDialog       *self,
                 YkSession            *session,
                 const YkClientRecord *record)
{
  g_autoptr (GPtrArray) found = yk_casework_find_duplicates (session, record, NULL);
  GtkWidget *child;
  gboolean by_id;

  while ((child = gtk_widget_get_first_child (self->duplicate_list)) != NULL)
    gtk_box_remove (GTK_BOX (self->duplicate_list), child);
  if (found == NULL || found->len == 0)
    {
      gtk_widget_set_visible (self->duplicate_box, FALSE);
      return;
    }
  by_id = yk_casework_duplicates_by_id (found);
  gtk_label_set_text (GTK_LABEL (self->duplicate_label),
                      by_id ? _("This person already has a case file: open it instead of making a new one.")
                            : _("This person may already have a case file. Open it, or, for a different person "
                                "with the same name and birth date, say why and create the new one."));
  for (guint i = 0; i < found->len; i++)
    {
      YkDbDuplicate *d = found->pdata[i];
      g_autofree char *text = yk_casework_describe_duplicate (d);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (row), label);
      if (d->visible && d->id > 0)
        {
          GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open"));

          g_object_set_data (G_OBJECT (open), "client-id", GSIZE_TO_POINTER ((gsize) d->id));
          g_signal_connect (open, "clicked", G_CALLBACK (open_existing_cb), self);
          gtk_box_append (GTK_BOX (row), open);
        }
      gtk_box_append (GTK_BOX (self->duplicate_list), row);
    }
  gtk_widget_set_visible (self->namesake_box, !by_id);
  gtk_widget_set_visible (self->duplicate_box, TRUE);
  if (!by_id)
    gtk_widget_grab_focus (self->namesake_entry);
}

static void
save (YkClientDialog *self,
      gboolean        namesake)
{
  YkSession *session = yk_record_form_get_session (self->form);
  YkClientRecord record = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *reason = NULL;
  const char *field = NULL;
  gint64 id = 0;
  GDate today;
  gboolean added;

  if (session == NULL)
    return;
  yk_record_form_clear_errors (self->form);
  yk_date_today (&today);
  if (!read_record (self, &record))
    ;
  else if (!yk_client_validate (&record, &today, &field, &error))
    yk_record_form_fail_error (self->form, field, error);
  else
    {
      reason = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->namesake_entry)));
      added = namesake ? yk_casework_add_client_namesake (session, &record, reason, &id, &error)
                       : yk_casework_add_client (session, &record, &id, &error);
      if (added)
        yk_record_form_saved (self->form, id);
      else if (g_error_matches (error, YK_APP_ERROR, YK_APP_ERROR_DUPLICATE))
        show_duplicates (self, session, &record);
      else if (namesake && g_error_matches (error, YK_APP_ERROR, YK_APP_ERROR_INVALID) &&
               g_strstrip (reason)[0] == '\0')
        {
          gtk_label_set_text (GTK_LABEL (self->duplicate_label), error->message);
          gtk_widget_grab_focus (self->namesake_entry);
        }
      else
        /* Past the rules, the one invalid thing left is a case number in use. */
        yk_record_form_fail_error (self->form,
                                   g_error_matches (error, YK_APP_ERROR, YK_APP_ERROR_INVALID) ? "case_no" : NULL,
                                   error);
    }
  yk_client_record_clear (&record);
}

/* Enter in the reason: 仍然新建 (the dialog has no letter left for it). */
static void
namesake_activate_cb (YkClientDialog *self)
{
  save (self, TRUE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (YK_CLIENT_DIALOG (widget), FALSE);
}

/* 仍然新建: a true namesake, with the reason typed. */
static void
save_namesake_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  save (YK_CLIENT_DIALOG (widget), TRUE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  yk_record_form_close (YK_CLIENT_DIALOG (widget)->form);
}

static void
yk_client_dialog_dispose (GObject *object)
{
  YkClientDialog *self = YK_CLIENT_DIALOG (object);

  yk_record_form_keep_draft (self->form);
  g_clear_pointer (&self->form, yk_record_form_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_CLIENT_DIALOG);
  G_OBJECT_CLASS (yk_client_dialog_parent_class)->dispose (object);
}

static void
yk_client_dialog_finalize (GObject *object)
{
  g_clear_pointer (&YK_CLIENT_DIALOG (object)->site_ids, g_array_unref);
  g_clear_pointer (&YK_CLIENT_DIALOG (object)->filled_birth_date, g_free);
  G_OBJECT_CLASS (yk_client_dialog_parent_class)->finalize (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, YkClientDialog, name)

static void
yk_client_dialog_class_init (YkClientDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (YK_TYPE_DATE_ENTRY);
  G_OBJECT_CLASS (klass)->dispose = yk_client_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = yk_client_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-client-dialog.ui");
  BIND (error_label);
  BIND (duplicate_box);
  BIND (duplicate_label);
  BIND (duplicate_list);
  BIND (namesake_box);
  BIND (namesake_entry);
  BIND (namesake_button);
  BIND (case_no_entry);
  BIND (case_no_error);
  BIND (name_entry);
  BIND (name_error);
  BIND (gender_dropdown);
  BIND (gender_error);
  BIND (birth_date_entry);
  BIND (birth_date_error);
  BIND (id_number_entry);
  BIND (id_number_error);
  BIND (phone_entry);
  BIND (phone_error);
  BIND (address_entry);
  BIND (address_error);
  BIND (community_entry);
  BIND (community_error);
  BIND (diagnosis_dropdown);
  BIND (diagnosis_error);
  BIND (guardian_name_entry);
  BIND (guardian_name_error);
  BIND (guardian_relation_entry);
  BIND (guardian_relation_error);
  BIND (guardian_phone_entry);
  BIND (guardian_phone_error);
  BIND (site_label);
  BIND (site_dropdown);
  BIND (site_error);
  BIND (worker_dropdown);
  BIND (worker_error);
  BIND (risk_dropdown);
  BIND (risk_error);
  BIND (intake_date_entry);
  BIND (intake_date_error);
  BIND (consent_date_entry);
  BIND (consent_date_error);
  BIND (stable_check);
  BIND (stable_error);
  BIND (consent_signer_dropdown);
  BIND (consent_signer_error);
  BIND (consent_guardian_entry_label);
  BIND (consent_guardian_entry);
  BIND (consent_guardian_error);
  BIND (consent_form_dropdown);
  BIND (consent_form_error);
  BIND (consent_scope_case_file_check);
  BIND (consent_scope_services_check);
  BIND (consent_scope_reporting_check);
  BIND (consent_scope_error);
  BIND (referral_source_dropdown);
  BIND (referral_source_error);
  gtk_widget_class_bind_template_callback (widget_class, site_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, id_number_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, consent_signer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, namesake_activate_cb);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "form.save-namesake", NULL, save_namesake_action);
  gtk_widget_class_install_action (widget_class, "form.cancel", NULL, cancel_action);
  yk_record_form_class_add_shortcuts (widget_class);
}

static void
yk_client_dialog_init (YkClientDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
add_fields (YkClientDialog *self)
{
  const struct
  {
    const char *field;
    GtkWidget *input;
    GtkWidget *error;
  } fields[] = {
    { "case_no", self->case_no_entry, self->case_no_error },
    { "name", self->name_entry, self->name_error },
    { "gender", self->gender_dropdown, self->gender_error },
    { "birth_date", self->birth_date_entry, self->birth_date_error },
    { "id_number", self->id_number_entry, self->id_number_error },
    { "phone", self->phone_entry, self->phone_error },
    { "address", self->address_entry, self->address_error },
    { "community", self->community_entry, self->community_error },
    { "diagnosis", self->diagnosis_dropdown, self->diagnosis_error },
    { "guardian_name", self->guardian_name_entry, self->guardian_name_error },
    { "guardian_relation", self->guardian_relation_entry, self->guardian_relation_error },
    { "guardian_phone", self->guardian_phone_entry, self->guardian_phone_error },
    { "site", self->site_dropdown, self->site_error },
    { "worker", self->worker_dropdown, self->worker_error },
    { "risk_level", self->risk_dropdown, self->risk_error },
    { "intake_date", self->intake_date_entry, self->intake_date_error },
    { "consent_date", self->consent_date_entry, self->consent_date_error },
    { "stable_at_intake", self->stable_check, self->stable_error },
    { "consent_signer", self->consent_signer_dropdown, self->consent_signer_error },
    { "consent_guardian", self->consent_guardian_entry, self->consent_guardian_error },
    { "consent_form", self->consent_form_dropdown, self->consent_form_error },
    { "consent_scope", self->consent_scope_case_file_check, self->consent_scope_error },
    { "referral_source", self->referral_source_dropdown, self->referral_source_error },
  };

  yk_record_form_set_error_label (self->form, self->error_label);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    yk_record_form_add_field (self->form, fields[i].field, fields[i].input, fields[i].error);
}

static void
fill_sites (YkClientDialog *self,
            YkSession      *session)
{
  g_autoptr (GPtrArray) sites = yk_recording_sites (session, NULL);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  self->site_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; sites != NULL && i < sites->len; i++)
    {
      YkSiteRow *site = sites->pdata[i];

      gtk_string_list_append (names, site->name);
      g_array_append_val (self->site_ids, site->id);
      if (site->id == yk_session_get_site_id (session))
        selected = i;
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->site_dropdown), G_LIST_MODEL (names));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->site_dropdown), selected);
  /* A social worker records at their own site: nothing to choose. */
  gtk_widget_set_visible (self->site_label, self->site_ids->len > 1);
  gtk_widget_set_visible (self->site_dropdown, self->site_ids->len > 1);
}

YkClientDialog *
yk_client_dialog_new (YkUnlockedSession *session,
                      YkFormDrafts      *drafts)
{
  YkClientDialog *self = g_object_new (YK_TYPE_CLIENT_DIALOG, NULL);
  YkSession *unlocked;

  self->form = yk_record_form_new (GTK_WINDOW (self), session, drafts, "client", 0);
  add_fields (self);
  unlocked = yk_record_form_get_session (self->form);
  if (unlocked != NULL)
    {
      fill_sites (self, unlocked);
      site_changed_cb (self);
    }
  yk_record_form_set_today (self->intake_date_entry);
  yk_record_form_restore_draft (self->form);
  consent_signer_changed_cb (self);
  gtk_widget_grab_focus (self->case_no_entry);
  return self;
}

const char *
yk_client_dialog_get_error (YkClientDialog *self,
                            const char     *field)
{
  g_return_val_if_fail (YK_IS_CLIENT_DIALOG (self), NULL);
  return yk_record_form_get_error (self->form, field);
}
