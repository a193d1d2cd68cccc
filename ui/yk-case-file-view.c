/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-case-file-view.h"
#include "yk-attachments-box.h"
#include "yk-spinner-delay.h"
#include "yk-date-entry.h"
#include "yk-dossier.h"
#include "yk-dossier-print.h"
#include "yk-file-chooser.h"
#include "yk-reader-task.h"
#include "yk-record-form.h"
#include "yk-app-error.h"
#include "yk-case-file.h"
#include "yk-casework.h"
#include "yk-sdss-chart.h"
#include "yk-timeline-item.h"
#include "yk-transfer.h"
#include "yk-validate.h"
#include "yk-window-private.h"

#include <glib/gi18n.h>

#define PROFILE_FORM "profile"

/* What a load in a worker thread reads (yk-reader-task.h: a reader the
 * session lends, waited for before the session closes; it knows whom
 * the file may be shown to). */
typedef struct
{
  gint64 client_id;
} LoadRequest;

struct _YkCaseFileView
{
  GtkWidget parent_instance;

  YkAttachmentsBox *attachments_box;

  GtkWidget *back_button;
  GtkLabel *full_name_label;
  GtkLabel *details_label;
  GtkLabel *status_tag;
  GtkLabel *risk_tag;
  GtkLabel *condition_tag;
  GtkWidget *warning_banner;
  GtkLabel *warning_label;
  GtkWidget *draft_bar;
  GtkStack *state_stack;
  GtkWidget *spinner;
  GtkLabel *problem_title;
  GtkLabel *problem_label;
  GtkStack *sections;
  GtkWidget *profile_grid;
  GtkLabel *consent_withdrawal_label;
  GtkWidget *withdraw_consent_button;
  GtkWidget *transfer_links;
  GtkButton *transfer_from_button;
  GtkButton *transfer_to_button;
  GtkLabel *form_message;
  GListStore *timeline_store;
  GListStore *family_store;
  GListStore *plan_store;
  GListStore *referral_store;
  GListStore *assessment_store;
  YkSdssChart *sdss_chart;

  YkUnlockedSession *session;
  YkFormDrafts *drafts;       /* the window's; NULL outside a YkWindow */
  gint64 client_id;
  YkCaseFile *file;           /* as last loaded */
  GHashTable *baseline;       /* the form's values as loaded: field → text */
  GArray *site_ids;           /* site dropdown position → id */
  GArray *worker_ids;         /* worker dropdown position → id (0: none) */
  gint64 worker_site;         /* whose workers the worker dropdown lists */
  gboolean filling;
  GTask *load;               /* the running load */
  GCancellable *load_cancellable;
  gboolean load_opening;     /* a new opening, not a refresh */
  guint spinner_timeout;
};

G_DEFINE_FINAL_TYPE (YkCaseFileView, yk_case_file_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_CLIENT_ID,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  FIELD_TEXT,
  FIELD_DATE,
  FIELD_CHOICE,
  FIELD_CHECK,
  FIELD_SCOPE,  /* the consent's scope: a box of check buttons, one per YkConsentScope bit */
} FieldKind;

/* The profile's fields, named by yk_client_validate()'s keys; the
 * template has <key>_field and <key>_error for each. */
static const struct
{
  const char *key;
  FieldKind kind;
} fields[] = {
  { "case_no", FIELD_TEXT }, { "name", FIELD_TEXT }, { "gender", FIELD_CHOICE },
  { "birth_date", FIELD_DATE }, { "id_number", FIELD_TEXT }, { "phone", FIELD_TEXT },
  { "address", FIELD_TEXT }, { "community", FIELD_TEXT }, { "diagnosis", FIELD_CHOICE },
  { "guardian_name", FIELD_TEXT }, { "guardian_relation", FIELD_TEXT }, { "guardian_phone", FIELD_TEXT },
  { "site", FIELD_CHOICE }, { "worker", FIELD_CHOICE }, { "intake_date", FIELD_DATE },
  { "consent_date", FIELD_DATE }, { "stable_at_intake", FIELD_CHECK }, { "risk_level", FIELD_CHOICE },
  { "status", FIELD_CHOICE }, { "status_date", FIELD_DATE }, { "status_reason", FIELD_TEXT },
  { "consent_signer", FIELD_CHOICE }, { "consent_guardian", FIELD_TEXT }, { "consent_form", FIELD_CHOICE },
  { "consent_scope", FIELD_SCOPE }, { "referral_source", FIELD_CHOICE },
};

/* The stored values behind the dropdowns of the template, in its order
 * (position 0 of gender and diagnosis is "not recorded"). */
static const char *const genders[] = { "", "男", "女" };
static const char *const diagnoses[] = { "", "精神分裂症", "分裂情感性障碍", "偏执性精神病", "双相情感障碍",
                                         "癫痫所致精神障碍", "精神发育迟滞伴发精神障碍", "其他" };
static const char *const statuses[] = { "active", "referred", "closed" };
static const char *const signers[] = { "", "self", "guardian" };
static const char *const consent_forms[] = { "unknown", "written", "oral_recorded" };

static const char *const record_actions[] = { "record.phone", "record.visit", "record.assessment", "record.family",
                                              "record.plan-goal", "record.referral", "record.status",
                                              "record.withdraw-consent", NULL };

static GtkWidget *
field_widget (YkCaseFileView *self, const char *key, const char *suffix)
{
  g_autofree char *name = g_strconcat (key, suffix, NULL);

  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), YK_TYPE_CASE_FILE_VIEW, name));
}

static YkSession *
session_of (YkCaseFileView *self)
{
  return self->session != NULL ? yk_unlocked_session_get_session (self->session) : NULL;
}

/* --- loading --- */

/* Worker thread. */
static gpointer
load_cb (YkReader     *reader,
         gpointer      data,
         GCancellable *cancellable,
         GError      **error)
{
  const LoadRequest *request = data;

  return yk_case_file_load (reader, request->client_id, error);
}

/* Stops the running load, if any: a case file is read in milliseconds,
 * so it is waited for rather than interrupted. */
static void
stop_load (YkCaseFileView *self)
{
  g_autoptr (GTask) load = g_steal_pointer (&self->load);
  g_autoptr (GCancellable) cancellable = g_steal_pointer (&self->load_cancellable);

  yk_spinner_delay_stop (GTK_SPINNER (self->spinner), &self->spinner_timeout);
  if (load == NULL)
    return;
  g_cancellable_cancel (cancellable);
  yk_reader_task_wait (load);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
show_problem (YkCaseFileView *self, const char *title, const char *text)
{
  gtk_label_set_text (self->problem_title, title);
  gtk_label_set_text (self->problem_label, text);
  gtk_stack_set_visible_child_name (self->state_stack, "not-found");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-file.record", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-file.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-file.discard", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-file.print-dossier", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-file.export-dossier", FALSE);
}

static void apply_file (YkCaseFileView *self, YkCaseFile *file, gboolean opening);

/* Main thread. A cancelled load may belong to a view already gone. */
static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  YkCaseFile *file = yk_reader_task_run_finish (result, &error);
  YkCaseFileView *self = user_data;
  gboolean opening;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))) || self->load != G_TASK (result))
    {
      yk_case_file_free (file);
      return;
    }
  opening = self->load_opening;
  g_clear_object (&self->load);
  g_clear_object (&self->load_cancellable);
  stop_load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  if (file != NULL)
    apply_file (self, file, opening);
  else if (g_error_matches (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND))
    show_problem (self, _("No Such Service User"),
                  _("There is no such service user, or they are not at your site."));
  else
    show_problem (self, _("The Case File Could Not Be Read"), error->message);
}

static void
start_load (YkCaseFileView *self, gboolean opening)
{
  YkSession *session = session_of (self);
  LoadRequest *request;

  stop_load (self);
  if (session == NULL)
    return;
  request = g_new0 (LoadRequest, 1);
  request->client_id = self->client_id;
  self->load_opening = opening;
  self->load_cancellable = g_cancellable_new ();
  self->load = yk_reader_task_run_async (self->session, load_cb, request, g_free, (GDestroyNotify) yk_case_file_free,
                                         self->load_cancellable, load_done_cb, self);
  if (opening)
    yk_spinner_delay_start (GTK_SPINNER (self->spinner), &self->spinner_timeout);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* --- the profile form --- */

static guint
index_of (const char *const *values, guint n, const char *value)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (values[i], value ? value : "") == 0)
      return i;
  return 0;
}

static guint
index_of_id (GArray *ids, gint64 id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return 0;
}

static gint64
selected_id (GtkWidget *dropdown, GArray *ids)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  return i < ids->len ? g_array_index (ids, gint64, i) : 0;
}

/* The worker dropdown lists the chosen site's social workers (and the
 * current one, even if no longer active). */
static void
fill_workers (YkCaseFileView *self, gint64 site_id, gint64 keep)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dropdown = field_widget (self, "worker", "_field");
  gint64 none = 0;

  g_array_set_size (self->worker_ids, 0);
  gtk_string_list_append (names, _("Not assigned"));
  g_array_append_val (self->worker_ids, none);
  for (guint i = 0; self->file != NULL && i < self->file->workers->len; i++)
    {
      YkCaseChoice *worker = self->file->workers->pdata[i];
      if (worker->site_id != site_id || (!worker->active && worker->id != keep))
        continue;
      gtk_string_list_append (names, worker->name);
      g_array_append_val (self->worker_ids, worker->id);
    }
  self->worker_site = site_id;
  gtk_drop_down_set_model (GTK_DROP_DOWN (dropdown), G_LIST_MODEL (names));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), index_of_id (self->worker_ids, keep));
}

static void
fill_sites (YkCaseFileView *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);

  g_array_set_size (self->site_ids, 0);
  for (guint i = 0; i < self->file->sites->len; i++)
    {
      YkCaseChoice *site = self->file->sites->pdata[i];
      gtk_string_list_append (names, site->name);
      g_array_append_val (self->site_ids, site->id);
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (field_widget (self, "site", "_field")), G_LIST_MODEL (names));
}

static char *
field_value (YkCaseFileView *self, guint f)
{
  const char *key = fields[f].key;
  GtkWidget *widget = field_widget (self, key, "_field");
  guint selected;

  switch (fields[f].kind)
    {
    case FIELD_TEXT:
    case FIELD_DATE:
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
    case FIELD_CHECK:
      return g_strdup (gtk_check_button_get_active (GTK_CHECK_BUTTON (widget)) ? "1" : "0");
    case FIELD_SCOPE:
      {
        guint scope = 0, bit = 1;

        for (GtkWidget *check = gtk_widget_get_first_child (widget); check != NULL;
             check = gtk_widget_get_next_sibling (check), bit <<= 1)
          if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
            scope |= bit;
        return g_strdup_printf ("%u", scope);
      }
    case FIELD_CHOICE:
    default:
      selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (widget));
      if (g_str_equal (key, "consent_signer"))
        return g_strdup (signers[MIN (selected, G_N_ELEMENTS (signers) - 1)]);
      if (g_str_equal (key, "consent_form"))
        return g_strdup (consent_forms[MIN (selected, G_N_ELEMENTS (consent_forms) - 1)]);
      if (g_str_equal (key, "referral_source"))
        {
          const char *code = yk_record_form_referral_source (widget);

          return g_strdup (code != NULL ? code : "");
        }
      if (g_str_equal (key, "gender"))
        return g_strdup (genders[MIN (selected, G_N_ELEMENTS (genders) - 1)]);
      if (g_str_equal (key, "diagnosis"))
        return g_strdup (diagnoses[MIN (selected, G_N_ELEMENTS (diagnoses) - 1)]);
      if (g_str_equal (key, "status"))
        return g_strdup (statuses[MIN (selected, G_N_ELEMENTS (statuses) - 1)]);
      if (g_str_equal (key, "risk_level"))
        return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? g_strdup ("") : g_strdup_printf ("%u", selected - 1);
      if (g_str_equal (key, "site"))
        return g_strdup_printf ("%lld", (long long) selected_id (widget, self->site_ids));
      return g_strdup_printf ("%lld", (long long) selected_id (widget, self->worker_ids));
    }
}

static void
set_field_value (YkCaseFileView *self, guint f, const char *value)
{
  const char *key = fields[f].key;
  GtkWidget *widget = field_widget (self, key, "_field");
  GtkDropDown *dropdown = GTK_IS_DROP_DOWN (widget) ? GTK_DROP_DOWN (widget) : NULL;

  switch (fields[f].kind)
    {
    case FIELD_TEXT:
    case FIELD_DATE:
      gtk_editable_set_text (GTK_EDITABLE (widget), value ? value : "");
      break;
    case FIELD_CHECK:
      gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), g_strcmp0 (value, "1") == 0);
      break;
    case FIELD_SCOPE:
      {
        guint scope = (guint) g_ascii_strtoull (value ? value : "0", NULL, 10), bit = 1;

        for (GtkWidget *check = gtk_widget_get_first_child (widget); check != NULL;
             check = gtk_widget_get_next_sibling (check), bit <<= 1)
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), (scope & bit) != 0);
      }
      break;
    case FIELD_CHOICE:
    default:
      if (g_str_equal (key, "consent_signer"))
        gtk_drop_down_set_selected (dropdown, index_of (signers, G_N_ELEMENTS (signers), value));
      else if (g_str_equal (key, "consent_form"))
        gtk_drop_down_set_selected (dropdown, index_of (consent_forms, G_N_ELEMENTS (consent_forms),
                                                        value != NULL && *value != '\0' ? value : "unknown"));
      else if (g_str_equal (key, "referral_source"))
        yk_record_form_choose_referral_source (widget, value);
      else if (g_str_equal (key, "gender"))
        gtk_drop_down_set_selected (dropdown, index_of (genders, G_N_ELEMENTS (genders), value));
      else if (g_str_equal (key, "diagnosis"))
        gtk_drop_down_set_selected (dropdown, index_of (diagnoses, G_N_ELEMENTS (diagnoses), value));
      else if (g_str_equal (key, "status"))
        gtk_drop_down_set_selected (dropdown, index_of (statuses, G_N_ELEMENTS (statuses), value));
      else if (g_str_equal (key, "risk_level"))
        gtk_drop_down_set_selected (dropdown, value == NULL || *value == '\0' ? 0 : (guint) g_ascii_strtoull (value, NULL, 10) + 1);
      else if (g_str_equal (key, "site"))
        {
          gint64 site = g_ascii_strtoll (value ? value : "0", NULL, 10);
          gtk_drop_down_set_selected (dropdown, index_of_id (self->site_ids, site));
          fill_workers (self, site, selected_id (field_widget (self, "worker", "_field"), self->worker_ids));
        }
      else
        gtk_drop_down_set_selected (dropdown, index_of_id (self->worker_ids, g_ascii_strtoll (value ? value : "0", NULL, 10)));
    }
}

static GHashTable *
form_values (YkCaseFileView *self)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    g_hash_table_insert (values, (gpointer) fields[f].key, field_value (self, f));
  return values;
}

/* The fields that differ from what was loaded. */
static GHashTable *
form_changes (YkCaseFileView *self)
{
  g_autoptr (GHashTable) values = form_values (self);
  GHashTable *changes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint f = 0; f < G_N_ELEMENTS (fields) && self->baseline != NULL; f++)
    {
      const char *now = g_hash_table_lookup (values, fields[f].key);
      if (g_strcmp0 (now, g_hash_table_lookup (self->baseline, fields[f].key)) != 0)
        g_hash_table_insert (changes, (gpointer) fields[f].key, g_strdup (now));
    }
  return changes;
}

static char *
client_value (const YkClientRecord *c, const char *key)
{
  static const struct
  {
    const char *key;
    gsize offset;
  } texts[] = {
    { "case_no", G_STRUCT_OFFSET (YkClientRecord, case_no) }, { "name", G_STRUCT_OFFSET (YkClientRecord, name) },
    { "gender", G_STRUCT_OFFSET (YkClientRecord, gender) }, { "birth_date", G_STRUCT_OFFSET (YkClientRecord, birth_date) },
    { "id_number", G_STRUCT_OFFSET (YkClientRecord, id_number) }, { "phone", G_STRUCT_OFFSET (YkClientRecord, phone) },
    { "address", G_STRUCT_OFFSET (YkClientRecord, address) }, { "community", G_STRUCT_OFFSET (YkClientRecord, community) },
    { "diagnosis", G_STRUCT_OFFSET (YkClientRecord, diagnosis) },
    { "guardian_name", G_STRUCT_OFFSET (YkClientRecord, guardian_name) },
    { "guardian_relation", G_STRUCT_OFFSET (YkClientRecord, guardian_relation) },
    { "guardian_phone", G_STRUCT_OFFSET (YkClientRecord, guardian_phone) },
    { "intake_date", G_STRUCT_OFFSET (YkClientRecord, intake_date) },
    { "consent_date", G_STRUCT_OFFSET (YkClientRecord, consent_date) },
    { "status", G_STRUCT_OFFSET (YkClientRecord, status) }, { "status_date", G_STRUCT_OFFSET (YkClientRecord, status_date) },
    { "status_reason", G_STRUCT_OFFSET (YkClientRecord, status_reason) },
    { "consent_signer", G_STRUCT_OFFSET (YkClientRecord, consent_signer) },
    { "consent_guardian", G_STRUCT_OFFSET (YkClientRecord, consent_guardian) },
    { "consent_form", G_STRUCT_OFFSET (YkClientRecord, consent_form) },
    { "referral_source", G_STRUCT_OFFSET (YkClientRecord, referral_source) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_str_equal (texts[i].key, key))
      return g_strdup (G_STRUCT_MEMBER (char *, c, texts[i].offset));
  if (g_str_equal (key, "site"))
    return g_strdup_printf ("%lld", (long long) c->site_id);
  if (g_str_equal (key, "worker"))
    return g_strdup_printf ("%lld", (long long) c->worker_id);
  if (g_str_equal (key, "stable_at_intake"))
    return g_strdup (c->stable_at_intake ? "1" : "0");
  if (g_str_equal (key, "risk_level"))
    return c->risk_level >= 0 ? g_strdup_printf ("%d", c->risk_level) : g_strdup ("");
  if (g_str_equal (key, "consent_scope"))
    return g_strdup_printf ("%u", c->consent_scope);
  return NULL;
}

static void
clear_errors (YkCaseFileView *self)
{
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    gtk_widget_set_visible (field_widget (self, fields[f].key, "_error"), FALSE);
  gtk_label_set_text (self->form_message, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->form_message), "error");
}

static void
update_form_actions (YkCaseFileView *self, GHashTable *changes)
{
  gboolean changed = g_hash_table_size (changes) > 0;
  gboolean editable = self->file != NULL && self->file->client->voided_at == NULL && session_of (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-file.save", changed && editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-file.discard", changed);
  if (!changed)
    gtk_widget_set_visible (self->draft_bar, FALSE);
}

static char *
profile_draft_key (YkCaseFileView *self)
{
  return yk_form_drafts_key (yk_unlocked_session_get_path (self->session),
                             yk_unlocked_session_get_account (self->session), PROFILE_FORM, self->client_id);
}

static void
discard_draft (YkCaseFileView *self)
{
  g_autofree char *key = NULL;

  if (self->drafts == NULL || self->session == NULL)
    return;
  key = profile_draft_key (self);
  yk_form_drafts_discard (self->drafts, key);
}

static void
keep_draft (YkCaseFileView *self, GHashTable *changes)
{
  g_autofree char *key = NULL;

  if (self->drafts == NULL || self->session == NULL)
    return;
  key = profile_draft_key (self);
  yk_form_drafts_keep_values (self->drafts, key, changes);
}

/* The guardian's name is asked for when a guardian signed. */
static void
show_consent_guardian (YkCaseFileView *self)
{
  gboolean guardian = gtk_drop_down_get_selected (GTK_DROP_DOWN (field_widget (self, "consent_signer", "_field"))) == 2;

  gtk_widget_set_visible (field_widget (self, "consent_guardian", "_label"), guardian);
  gtk_widget_set_visible (field_widget (self, "consent_guardian", "_field"), guardian);
}

/* The consent's state beside its fields: withdrawn (and when, and why),
 * or the way to record that it is. */
static void
fill_consent (YkCaseFileView *self)
{
  const YkClientRecord *c = self->file->client;
  gboolean withdrawn = c->consent_withdrawn_date != NULL;

  if (withdrawn)
    {
      /* TRANSLATORS: %1$s is a date, %2$s the reason the person gave */
      g_autofree char *text = g_strdup_printf (_("Consent withdrawn on %1$s: %2$s. The case is closed and nothing new "
                                                 "can be recorded for this person."),
                                               c->consent_withdrawn_date,
                                               c->consent_withdrawal_reason ? c->consent_withdrawal_reason : "");
      gtk_label_set_text (self->consent_withdrawal_label, text);
    }
  else if (g_strcmp0 (c->consent_form, "unknown") == 0 || c->consent_form == NULL)
    gtk_label_set_text (self->consent_withdrawal_label,
                        _("The form of this consent was not recorded (a case file from before consents were kept)."));
  else
    gtk_label_set_text (self->consent_withdrawal_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->consent_withdrawal_label),
                          *gtk_label_get_text (self->consent_withdrawal_label) != '\0');
  gtk_widget_set_visible (self->withdraw_consent_button,
                          !withdrawn && c->voided_at == NULL && !yk_unlocked_session_is_read_only (self->session));
  show_consent_guardian (self);
}

/* Every edit is kept as a draft at once: a lock can come at any time. */
static void
field_changed_cb (YkCaseFileView *self)
{
  g_autoptr (GHashTable) changes = NULL;
  GtkWidget *site = field_widget (self, "site", "_field");

  if (self->filling || self->baseline == NULL)
    return;
  show_consent_guardian (self);
  if (selected_id (site, self->site_ids) != self->worker_site)
    {
      self->filling = TRUE;
      fill_workers (self, selected_id (site, self->site_ids),
                    selected_id (field_widget (self, "worker", "_field"), self->worker_ids));
      self->filling = FALSE;
    }
  changes = form_changes (self);
  keep_draft (self, changes);
  update_form_actions (self, changes);
}

static void
fill_form (YkCaseFileView *self, gboolean opening)
{
  const YkClientRecord *client = self->file->client;
  g_autoptr (GHashTable) draft = NULL;
  g_autoptr (GHashTable) changes = NULL;
  gboolean coordinator = yk_unlocked_session_is_coordinator (self->session);

  self->filling = TRUE;
  fill_sites (self);
  fill_workers (self, client->site_id, client->worker_id);
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      g_autofree char *value = client_value (client, fields[f].key);
      set_field_value (self, f, value);
    }
  g_clear_pointer (&self->baseline, g_hash_table_unref);
  self->baseline = form_values (self);

  /* What was typed and not saved goes back on top, field by field. */
  if (self->drafts != NULL)
    {
      g_autofree char *key = profile_draft_key (self);
      draft = yk_form_drafts_lookup_values (self->drafts, key);
    }
  for (guint f = 0; draft != NULL && f < G_N_ELEMENTS (fields); f++)
    if (g_hash_table_contains (draft, fields[f].key))
      set_field_value (self, f, g_hash_table_lookup (draft, fields[f].key));
  self->filling = FALSE;

  /* Moving a person to another site is a coordinator's. */
  gtk_widget_set_visible (field_widget (self, "site", "_label"), coordinator);
  gtk_widget_set_visible (field_widget (self, "site", "_field"), coordinator);
  gtk_widget_set_sensitive (self->profile_grid,
                            client->voided_at == NULL && !yk_unlocked_session_is_read_only (self->session));
  fill_consent (self);

  changes = form_changes (self);
  update_form_actions (self, changes);
  if (opening)
    {
      clear_errors (self);
      gtk_widget_set_visible (self->draft_bar, g_hash_table_size (changes) > 0);
    }
}

/* Dates as typed (2021/3/5, 2021年3月5日, 12.3, 今天) are stored as ISO 8601; one that
 * cannot be read is passed on as typed, for the rules to name. */
static char *
record_text (const char *text, gboolean date)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  GDate parsed, today;

  if (*stripped == '\0')
    return NULL;
  yk_date_today (&today);
  if (date && yk_date_parse_typed (stripped, &today, &parsed, NULL))
    return yk_date_format_iso (&parsed);
  return g_steal_pointer (&stripped);
}

static YkClientRecord *
record_from_form (YkCaseFileView *self)
{
  g_autoptr (GHashTable) values = form_values (self);
  YkClientRecord *r = g_new0 (YkClientRecord, 1);
  const char *risk;

#define TEXT(member, key, date) r->member = record_text (g_hash_table_lookup (values, key), date)
  r->id = self->client_id;
  TEXT (case_no, "case_no", FALSE);
  TEXT (name, "name", FALSE);
  TEXT (gender, "gender", FALSE);
  TEXT (birth_date, "birth_date", TRUE);
  TEXT (id_number, "id_number", FALSE);
  TEXT (phone, "phone", FALSE);
  TEXT (address, "address", FALSE);
  TEXT (community, "community", FALSE);
  TEXT (diagnosis, "diagnosis", FALSE);
  TEXT (guardian_name, "guardian_name", FALSE);
  TEXT (guardian_relation, "guardian_relation", FALSE);
  TEXT (guardian_phone, "guardian_phone", FALSE);
  TEXT (intake_date, "intake_date", TRUE);
  TEXT (consent_date, "consent_date", TRUE);
  TEXT (status, "status", FALSE);
  TEXT (status_date, "status_date", TRUE);
  TEXT (status_reason, "status_reason", FALSE);
  TEXT (consent_signer, "consent_signer", FALSE);
  TEXT (consent_guardian, "consent_guardian", FALSE);
  TEXT (consent_form, "consent_form", FALSE);
  TEXT (referral_source, "referral_source", FALSE);
#undef TEXT
  r->consent_scope = (guint) g_ascii_strtoull (g_hash_table_lookup (values, "consent_scope"), NULL, 10);
  r->site_id = g_ascii_strtoll (g_hash_table_lookup (values, "site"), NULL, 10);
  r->worker_id = g_ascii_strtoll (g_hash_table_lookup (values, "worker"), NULL, 10);
  r->stable_at_intake = g_strcmp0 (g_hash_table_lookup (values, "stable_at_intake"), "1") == 0;
  risk = g_hash_table_lookup (values, "risk_level");
  r->risk_level = risk == NULL || *risk == '\0' ? -1 : (int) g_ascii_strtoll (risk, NULL, 10);
  return r;
}

static void
show_field_error (YkCaseFileView *self, const char *field, const char *message)
{
  GtkWidget *label = NULL;

  for (guint f = 0; field != NULL && f < G_N_ELEMENTS (fields); f++)
    if (g_str_equal (fields[f].key, field))
      label = field_widget (self, field, "_error");
  if (label == NULL || !gtk_widget_get_visible (field_widget (self, field, "_field")))
    {
      gtk_label_set_text (self->form_message, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->form_message), "error");
      return;
    }
  gtk_label_set_text (GTK_LABEL (label), message);
  gtk_widget_set_visible (label, TRUE);
  gtk_widget_grab_focus (field_widget (self, field, "_field"));
}

/* --- the header and lists --- */

static void
fill_store (GListStore *store, GPtrArray *events, YkCaseEventKind only, gboolean filter)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < events->len; i++)
    {
      const YkCaseEvent *event = events->pdata[i];
      if (!filter || event->kind == only)
        g_ptr_array_add (items, yk_timeline_item_new (event));
    }
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), items->pdata, items->len);
}

static void
fill_header (YkCaseFileView *self)
{
  const YkCaseFile *file = self->file;
  const YkClientRecord *c = file->client;
  const char *condition = yk_case_condition_label (file->condition);
  g_autofree char *worker = NULL, *details = NULL, *risk = NULL;

  /* The full name: inside a case file it is not masked. */
  gtk_label_set_text (self->full_name_label, c->name);
  /* TRANSLATORS: the case file's responsible social worker */
  worker = g_strdup_printf (_("Social worker: %s"), file->worker_name ? file->worker_name : _("not assigned"));
  details = g_strjoin ("  ·  ", c->case_no, file->site_name ? file->site_name : "", worker, NULL);
  gtk_label_set_text (self->details_label, details);

  gtk_label_set_text (self->status_tag, c->voided_at != NULL ? _("Voided") : yk_case_status_label (c->status));
  if (c->risk_level >= 0)
    risk = g_strdup_printf (_("Risk level %d"), c->risk_level);
  gtk_label_set_text (self->risk_tag, risk != NULL ? risk : _("Risk level not assessed"));
  if (c->risk_level >= 3)
    gtk_widget_add_css_class (GTK_WIDGET (self->risk_tag), "yk-tag-warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->risk_tag), "yk-tag-warning");
  gtk_widget_set_visible (GTK_WIDGET (self->condition_tag), condition != NULL);
  gtk_label_set_text (self->condition_tag, condition ? condition : "");
  if (g_strcmp0 (file->condition, "unstable") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->condition_tag), "yk-tag-warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->condition_tag), "yk-tag-warning");

  /* docs/design/followup.md: the person carries a warning wherever they appear. */
  gtk_widget_set_visible (self->warning_banner, file->warning);
  if (file->warning)
    gtk_label_set_text (self->warning_label,
                        c->risk_level >= 3
                          ? _("Risk level 3 or higher: consider a referral to hospital, and tell the community psychiatric doctor and the guardian.")
                          : _("Unstable at the last contact: follow up within two weeks and consider a referral; tell the community psychiatric doctor and the guardian."));
}

/* A transfer (迁移, docs/design/transfer.md): the other case, a link to
 * open it when it is in this file and the session's to see, its number
 * only otherwise (a site file, another site's case for a social worker).
 * Moving the person on is a coordinator's, for an active case. */
static void
fill_transfer (YkCaseFileView *self)
{
  const YkClientRecord *c = self->file->client;
  g_autofree char *from = yk_transfer_describe (c, FALSE), *to = yk_transfer_describe (c, TRUE);
  gboolean may_transfer = yk_unlocked_session_is_coordinator (self->session) &&
                          !yk_unlocked_session_is_read_only (self->session) && c->voided_at == NULL &&
                          g_strcmp0 (c->status, "active") == 0 && c->consent_withdrawn_date == NULL;

  gtk_button_set_label (self->transfer_from_button, from != NULL ? from : "");
  gtk_widget_set_visible (GTK_WIDGET (self->transfer_from_button), from != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->transfer_from_button), self->file->transferred_from_id != 0);
  gtk_button_set_label (self->transfer_to_button, to != NULL ? to : "");
  gtk_widget_set_visible (GTK_WIDGET (self->transfer_to_button), to != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->transfer_to_button), self->file->transferred_to_id != 0);
  gtk_widget_set_visible (self->transfer_links, from != NULL || to != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-file.transfer", may_transfer);
}

static void
apply_file (YkCaseFileView *self, YkCaseFile *file, gboolean opening)
{
  gboolean live;

  g_clear_pointer (&self->file, yk_case_file_free);
  self->file = file;
  live = file->client->voided_at == NULL;

  fill_header (self);
  fill_transfer (self);
  fill_store (self->timeline_store, file->timeline, 0, FALSE);
  fill_store (self->family_store, file->family, 0, FALSE);
  fill_store (self->plan_store, file->plan_goals, 0, FALSE);
  fill_store (self->referral_store, file->referrals, 0, FALSE);
  fill_store (self->assessment_store, file->timeline, YK_CASE_EVENT_ASSESSMENT, TRUE);
  yk_sdss_chart_clear (self->sdss_chart);
  for (guint i = 0; i < file->assessments->len; i++)
    {
      const YkCaseAssessment *a = file->assessments->pdata[i];
      if (!a->voided)
        yk_sdss_chart_add_point (self->sdss_chart, a->date, a->total, a->baseline);
    }
  fill_form (self, opening);
  yk_attachments_box_set_owner (self->attachments_box, self->session, file->client->id, 0);

  /* docs/design/file-format.md, "Consent": nothing new once it is withdrawn. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-file.record",
                                 live && file->client->consent_withdrawn_date == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-file.print-dossier", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-file.export-dossier", TRUE);
  gtk_stack_set_visible_child_name (self->state_stack, "file");
}

static void
clear_view (YkCaseFileView *self)
{
  g_clear_pointer (&self->file, yk_case_file_free);
  g_clear_pointer (&self->baseline, g_hash_table_unref);
  gtk_label_set_text (self->full_name_label, "");
  gtk_label_set_text (self->details_label, "");
  gtk_label_set_text (self->status_tag, "");
  gtk_label_set_text (self->risk_tag, "");
  gtk_widget_set_visible (GTK_WIDGET (self->condition_tag), FALSE);
  gtk_widget_set_visible (self->warning_banner, FALSE);
  gtk_widget_set_visible (self->draft_bar, FALSE);
  gtk_widget_set_visible (self->transfer_links, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-file.transfer", FALSE);
  g_list_store_remove_all (self->timeline_store);
  g_list_store_remove_all (self->family_store);
  g_list_store_remove_all (self->plan_store);
  g_list_store_remove_all (self->referral_store);
  g_list_store_remove_all (self->assessment_store);
  yk_sdss_chart_clear (self->sdss_chart);
  yk_attachments_box_set_owner (self->attachments_box, NULL, 0, 0);
  gtk_stack_set_visible_child_name (self->state_stack, "loading");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-file.record", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-file.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-file.discard", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-file.print-dossier", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-file.export-dossier", FALSE);
}

/* --- callbacks and actions --- */

static void
records_changed_cb (YkCaseFileView    *self,
                    gint64             client_id,
                    YkUnlockedSession *session)
{
  gboolean opening = self->load != NULL && self->load_opening;

  /* 0: an activity or a questionnaire, which may show here too. A load
   * already running may have read before the change: it starts again. */
  if ((self->file != NULL || self->load != NULL) && (client_id == self->client_id || client_id == 0))
    start_load (self, opening);
}

/* A district view records nothing: its buttons are not there at all,
 * rather than there and dead. */
static void
show_recording (YkCaseFileView *self)
{
  static const char *const recording[] = { "phone_button", "visit_button", "more_button", "save_bar" };
  gboolean can_record = self->session != NULL && !yk_unlocked_session_is_read_only (self->session);

  for (guint i = 0; i < G_N_ELEMENTS (recording); i++)
    gtk_widget_set_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), YK_TYPE_CASE_FILE_VIEW,
                                                                       recording[i])),
                            can_record);
}

/* A district view read its folder again: the same person, under the id
 * the new opening gives them; ::records-changed follows and reloads. */
static void
district_reloaded_cb (YkCaseFileView    *self,
                      YkUnlockedSession *session)
{
  gint64 id;

  if (self->client_id == 0)
    return;
  id = yk_unlocked_session_map_client_id (session, self->client_id);
  if (id == self->client_id)
    return;
  if (id == 0)
    {
      stop_load (self);
      clear_view (self);
      show_problem (self, _("No Such Service User"),
                    _("This person’s site is no longer among the district’s files."));
    }
  self->client_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YkCaseFileView *self = YK_CASE_FILE_VIEW (widget);
  const char *action = g_variant_get_string (parameter, NULL);

  if (self->file == NULL || !g_strv_contains (record_actions, action))
    return;
  gtk_widget_activate_action (widget, action, "x", self->client_id);
}

static void
transfer_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  YkCaseFileView *self = YK_CASE_FILE_VIEW (widget);

  if (self->file != NULL)
    gtk_widget_activate_action (widget, "record.transfer", "x", self->client_id);
}

/* case-file.open-transferred (b): the case it was transferred to (TRUE)
 * or from (FALSE), as the window opens any case file. */
static void
open_transferred_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  YkCaseFileView *self = YK_CASE_FILE_VIEW (widget);
  gint64 id;

  if (self->file == NULL)
    return;
  id = g_variant_get_boolean (parameter) ? self->file->transferred_to_id : self->file->transferred_from_id;
  if (id != 0)
    gtk_widget_activate_action (widget, "record.open-case", "x", id);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkCaseFileView *self = YK_CASE_FILE_VIEW (widget);
  YkSession *session = session_of (self);
  g_autoptr (YkClientRecord) record = NULL;
  g_autoptr (GError) error = NULL;
  const char *field = NULL;

  if (session == NULL || self->file == NULL)
    return;
  clear_errors (self);
  record = record_from_form (self);
  if (!yk_case_file_save_profile (session, record, &field, &error))
    {
      /* What was typed stays, and stays a draft. */
      show_field_error (self, field, error->message);
      return;
    }
  discard_draft (self);
  gtk_label_set_text (self->form_message, _("Saved."));
  gtk_widget_set_visible (self->draft_bar, FALSE);
  yk_unlocked_session_records_changed (self->session, self->client_id);
}

static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  YkCaseFileView *self = YK_CASE_FILE_VIEW (widget);
  g_autoptr (GHashTable) changes = NULL;

  if (self->file == NULL || self->baseline == NULL)
    return;
  self->filling = TRUE;
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    set_field_value (self, f, g_hash_table_lookup (self->baseline, fields[f].key));
  self->filling = FALSE;
  discard_draft (self);
  clear_errors (self);
  changes = form_changes (self);
  update_form_actions (self, changes);
}

/* --- the dossier --- */

static void
show_message (YkCaseFileView *self, const char *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (YK_IS_WINDOW (root))
    _yk_window_show_message (YK_WINDOW (root), text);
}

/* The person shown, read again whole for the dossier (on the session's
 * connection: one person's records take milliseconds). */
static GPtrArray *
dossier_people (YkCaseFileView *self, GError **error)
{
  YkSession *session = session_of (self);
  GPtrArray *people;

  if (session == NULL || self->file == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("No case file is open"));
      return NULL;
    }
  people = yk_dossier_people_for_session (session, &self->client_id, 1, error);
  /* The evidence whole: the scans and photos after their list. */
  if (people != NULL && !yk_dossier_people_add_pictures (session, people, error))
    g_clear_pointer (&people, g_ptr_array_unref);
  return people;
}

static void
export_dossier_chosen_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr (YkCaseFileView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = yk_file_chooser_finish (result, &error);

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
    }
  else if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    {
      if (yk_case_file_view_save_dossier (self, file, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          /* TRANSLATORS: %1$s is a file name */
          g_autofree char *saved = g_strdup_printf (_("Saved “%1$s”."), name);

          show_message (self, saved);
        }
      else
        show_message (self, error->message);
    }
}

static void
export_dossier_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  YkCaseFileView *self = YK_CASE_FILE_VIEW (widget);
  g_autofree char *name = NULL;

  if (self->file == NULL)
    return;
  name = yk_case_file_view_suggest_dossier_name (self);
  yk_file_chooser_save_file (GTK_WINDOW (gtk_widget_get_root (widget)), _("Export Dossier"), name,
                             _("PDF documents"), "*.pdf", export_dossier_chosen_cb, g_object_ref (self));
}

/* case-file.attach-contact (x): a scan of one contact's form, shown on
 * the attachments section, where it will be listed. */
static void
attach_contact_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  YkCaseFileView *self = YK_CASE_FILE_VIEW (widget);

  if (self->file == NULL || yk_unlocked_session_is_read_only (self->session))
    return;
  gtk_stack_set_visible_child_name (self->sections, "attachments");
  yk_attachments_box_attach_to_contact (self->attachments_box, g_variant_get_int64 (parameter));
}

static void
print_dossier_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  YkCaseFileView *self = YK_CASE_FILE_VIEW (widget);
  g_autoptr (GPtrArray) people = NULL;
  g_autoptr (GError) error = NULL;

  if (self->file == NULL)
    return;
  if ((people = dossier_people (self, &error)) == NULL ||
      !yk_dossier_print (GTK_WINDOW (gtk_widget_get_root (widget)), self->session, people, NULL, &error))
    show_message (self, error->message);
}

/* --- GObject --- */

static void
yk_case_file_view_root (GtkWidget *widget)
{
  YkCaseFileView *self = YK_CASE_FILE_VIEW (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (yk_case_file_view_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  if (YK_IS_WINDOW (root))
    g_set_object (&self->drafts, yk_window_get_drafts (YK_WINDOW (root)));
}

static void
yk_case_file_view_dispose (GObject *object)
{
  YkCaseFileView *self = YK_CASE_FILE_VIEW (object);
  GtkWidget *child;

  stop_load (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_CASE_FILE_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_object (&self->drafts);
  g_clear_pointer (&self->file, yk_case_file_free);
  g_clear_pointer (&self->baseline, g_hash_table_unref);
  G_OBJECT_CLASS (yk_case_file_view_parent_class)->dispose (object);
}

static void
yk_case_file_view_finalize (GObject *object)
{
  YkCaseFileView *self = YK_CASE_FILE_VIEW (object);

  g_array_unref (self->site_ids);
  g_array_unref (self->worker_ids);
  G_OBJECT_CLASS (yk_case_file_view_parent_class)->finalize (object);
}

static void
yk_case_file_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  YkCaseFileView *self = YK_CASE_FILE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->load != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_case_file_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  YkCaseFileView *self = YK_CASE_FILE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      if (self->session != NULL)
        g_signal_handlers_disconnect_by_data (self->session, self);
      if (g_set_object (&self->session, g_value_get_object (value)))
        {
          if (self->session != NULL)
            {
              g_signal_connect_object (self->session, "records-changed", G_CALLBACK (records_changed_cb), self,
                                       G_CONNECT_SWAPPED);
              g_signal_connect_object (self->session, "district-reloaded", G_CALLBACK (district_reloaded_cb), self,
                                       G_CONNECT_SWAPPED);
            }
          show_recording (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_case_file_view_class_init (YkCaseFileViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (YK_TYPE_DATE_ENTRY);
  object_class->dispose = yk_case_file_view_dispose;
  object_class->finalize = yk_case_file_view_finalize;
  object_class->get_property = yk_case_file_view_get_property;
  object_class->set_property = yk_case_file_view_set_property;
  widget_class->root = yk_case_file_view_root;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, YK_TYPE_UNLOCKED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YK_TYPE_TIMELINE_ITEM);
  g_type_ensure (YK_TYPE_SDSS_CHART);
  g_type_ensure (YK_TYPE_ATTACHMENTS_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-case-file-view.ui");
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, back_button);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, full_name_label);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, details_label);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, status_tag);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, risk_tag);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, condition_tag);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, warning_banner);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, warning_label);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, draft_bar);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, state_stack);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, spinner);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, problem_title);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, problem_label);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, sections);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, attachments_box);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, profile_grid);
  gtk_widget_class_bind_template_child_full (widget_class, "consent_heading", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, consent_withdrawal_label);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, withdraw_consent_button);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, transfer_links);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, transfer_from_button);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, transfer_to_button);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, form_message);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, timeline_store);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, family_store);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, plan_store);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, referral_store);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, assessment_store);
  gtk_widget_class_bind_template_child (widget_class, YkCaseFileView, sdss_chart);
  gtk_widget_class_bind_template_child_full (widget_class, "phone_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "visit_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "more_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "save_bar", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "dossier_button", FALSE, 0);
  /* The form's fields by name, for the table above and for tests. */
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      const char *suffixes[] = { "_label", "_field", "_error" };
      for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
        {
          g_autofree char *name = g_strconcat (fields[f].key, suffixes[s], NULL);
          gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (name), FALSE, 0);
        }
    }
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "case-file.record", "s", record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "case-file.record", "s", "record.phone");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "case-file.record", "s", "record.visit");
  gtk_widget_class_install_action (widget_class, "case-file.transfer", NULL, transfer_action);
  gtk_widget_class_install_action (widget_class, "case-file.open-transferred", "b", open_transferred_action);
  gtk_widget_class_install_action (widget_class, "case-file.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "case-file.save", NULL);
  gtk_widget_class_install_action (widget_class, "case-file.discard", NULL, discard_action);
  gtk_widget_class_install_action (widget_class, "case-file.print-dossier", NULL, print_dossier_action);
  gtk_widget_class_install_action (widget_class, "case-file.attach-contact", "x", attach_contact_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "case-file.print-dossier", NULL);
  gtk_widget_class_install_action (widget_class, "case-file.export-dossier", NULL, export_dossier_action);
}

static void
yk_case_file_view_init (YkCaseFileView *self)
{
  self->site_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->worker_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  clear_view (self);
  gtk_stack_set_visible_child_name (self->sections, "profile");
}

GtkWidget *
yk_case_file_view_new (YkUnlockedSession *session)
{
  return g_object_new (YK_TYPE_CASE_FILE_VIEW, "session", session, NULL);
}

/* Opens a person's case file: the role decides whether they exist, and
 * the opening is written to the audit trail before anything is shown. */
void
yk_case_file_view_open (YkCaseFileView *self,
                        gint64          client_id)
{
  YkSession *session;
  g_autoptr (YkClientRecord) client = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (YK_IS_CASE_FILE_VIEW (self));

  stop_load (self);
  clear_view (self);
  if (self->client_id != client_id)
    {
      self->client_id = client_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
      gtk_stack_set_visible_child_name (self->sections, "profile");
    }
  session = session_of (self);
  if (session == NULL)
    return;
  client = yk_casework_open_client (session, client_id, &error);
  if (client == NULL)
    {
      if (g_error_matches (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND))
        show_problem (self, _("No Such Service User"),
                      _("There is no such service user, or they are not at your site."));
      else
        show_problem (self, _("The Case File Could Not Be Read"), error->message);
      return;
    }
  start_load (self, TRUE);
}

gint64
yk_case_file_view_get_client_id (YkCaseFileView *self)
{
  g_return_val_if_fail (YK_IS_CASE_FILE_VIEW (self), 0);
  return self->client_id;
}

gboolean
yk_case_file_view_get_loading (YkCaseFileView *self)
{
  g_return_val_if_fail (YK_IS_CASE_FILE_VIEW (self), FALSE);
  return self->load != NULL;
}

/* The timeline as shown: YkTimelineItem, newest first. */
GListModel *
yk_case_file_view_get_timeline (YkCaseFileView *self)
{
  g_return_val_if_fail (YK_IS_CASE_FILE_VIEW (self), NULL);
  return G_LIST_MODEL (self->timeline_store);
}

/* 个案档案_SPQ-0001.pdf: what the export offers to save as; NULL while no
 * case file is shown. */
char *
yk_case_file_view_suggest_dossier_name (YkCaseFileView *self)
{
  g_return_val_if_fail (YK_IS_CASE_FILE_VIEW (self), NULL);
  return self->file != NULL ? yk_dossier_file_name (self->file->client->case_no) : NULL;
}

/* The export once a file is chosen: the dossier of the person shown,
 * audited (dossier_export), written whole or not at all. */
gboolean
yk_case_file_view_save_dossier (YkCaseFileView *self,
                                GFile          *file,
                                GError        **error)
{
  g_autoptr (GPtrArray) people = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (YK_IS_CASE_FILE_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Choose a file on this computer"));
      return FALSE;
    }
  if ((people = dossier_people (self, error)) == NULL)
    return FALSE;
  return yk_dossier_write_pdf (session_of (self), people, path, NULL, NULL, error);
}

/* What printing draws, through GtkPrintOperation, into a PDF at `path`
 * without a dialog. */
gboolean
yk_case_file_view_print_dossier_to_file (YkCaseFileView *self,
                                         const char     *path,
                                         GError        **error)
{
  g_autoptr (GPtrArray) people = NULL;

  g_return_val_if_fail (YK_IS_CASE_FILE_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((people = dossier_people (self, error)) == NULL)
    return FALSE;
  return yk_dossier_print (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->session, people, path, error);
}
