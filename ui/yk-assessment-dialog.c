/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-assessment-dialog.h"
#include "yk-date-entry.h"
#include "yk-score-choice.h"
#include "yk-casework.h"
#include "yk-record-form.h"
#include "yk-record-rules.h"
#include "yk-validate.h"

#include <glib/gi18n.h>

struct _YkAssessmentDialog
{
  GtkWindow parent_instance;

  GtkWidget *title_label;
  GtkWidget *subtitle_label;
  GtkWidget *error_label;
  GtkWidget *grid;
  GtkWidget *date_entry;
  GtkWidget *date_error;
  GtkWidget *total_label;
  GtkWidget *save_button;
  GtkWidget *items[YK_SDSS_ITEMS];  /* sdss_1_choice… */

  YkRecordForm *form;
  gint64 client_id;
  gint64 record_id;   /* correcting this assessment; 0: a new one */
  char *intake_date;
  int total;
};

G_DEFINE_FINAL_TYPE (YkAssessmentDialog, yk_assessment_dialog, GTK_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
read_items (YkAssessmentDialog *self,
            int                 items[YK_SDSS_ITEMS])
{
  for (guint i = 0; i < YK_SDSS_ITEMS; i++)
    items[i] = yk_score_choice_get_score (YK_SCORE_CHOICE (self->items[i]));
}

/* Typing a score goes on to the next item, then to Save: ten digits
 * and Enter record the form, as it is read off the paper. */
static void
item_typed_cb (YkAssessmentDialog *self,
               YkScoreChoice      *choice)
{
  for (guint i = 0; i < YK_SDSS_ITEMS; i++)
    if (self->items[i] == GTK_WIDGET (choice))
      {
        gtk_widget_grab_focus (i + 1 < YK_SDSS_ITEMS ? self->items[i + 1] : self->save_button);
        return;
      }
}

static void
item_changed_cb (YkAssessmentDialog *self)
{
  int items[YK_SDSS_ITEMS];
  g_autofree char *text = NULL;
  int total;

  if (self->total_label == NULL)
    return; /* still being built */
  read_items (self, items);
  total = yk_sdss_total (items);
  /* 2 or more marks a social-function deficit (docs/design/indicators.md). */
  if (total >= 2)
    text = g_strdup_printf (_("Total: %d — a social-function deficit"), total);
  else
    text = g_strdup_printf (_("Total: %d"), total);
  gtk_label_set_text (GTK_LABEL (self->total_label), text);
  if (total != self->total)
    {
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkAssessmentDialog *self = YK_ASSESSMENT_DIALOG (widget);
  YkSession *session = yk_record_form_get_session (self->form);
  g_autoptr (GError) error = NULL;
  const char *field = NULL;
  YkAssessmentRecord record = { 0 };
  gint64 id = 0;
  GDate today;

  if (session == NULL)
    return;
  yk_record_form_clear_errors (self->form);
  yk_date_today (&today);
  record.id = self->record_id;
  record.client_id = self->client_id;
  read_items (self, record.items);
  if (!yk_record_form_date (self->form, "date", self->date_entry, TRUE, &record.date))
    ;
  else if (!yk_assessment_validate (&record, self->intake_date, &today, &field, &error))
    yk_record_form_fail_error (self->form, field, error);
  else if (self->record_id > 0 ? !yk_casework_update_assessment (session, &record, &error)
                                : !yk_casework_add_assessment (session, &record, &id, &error))
    yk_record_form_fail_error (self->form, NULL, error);
  else
    {
      if (id > 0)
        yk_unlocked_session_record_added (yk_record_form_get_unlocked (self->form), "assessments", id);
      yk_record_form_saved (self->form, self->client_id);
    }
  g_free (record.date);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  yk_record_form_close (YK_ASSESSMENT_DIALOG (widget)->form);
}

static void
yk_assessment_dialog_dispose (GObject *object)
{
  YkAssessmentDialog *self = YK_ASSESSMENT_DIALOG (object);

  yk_record_form_keep_draft (self->form);
  g_clear_pointer (&self->form, yk_record_form_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_ASSESSMENT_DIALOG);
  G_OBJECT_CLASS (yk_assessment_dialog_parent_class)->dispose (object);
}

static void
yk_assessment_dialog_finalize (GObject *object)
{
  g_free (YK_ASSESSMENT_DIALOG (object)->intake_date);
  G_OBJECT_CLASS (yk_assessment_dialog_parent_class)->finalize (object);
}

static void
yk_assessment_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TOTAL:
      g_value_set_int (value, YK_ASSESSMENT_DIALOG (object)->total);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_assessment_dialog_class_init (YkAssessmentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (YK_TYPE_DATE_ENTRY);
  object_class->dispose = yk_assessment_dialog_dispose;
  object_class->finalize = yk_assessment_dialog_finalize;
  object_class->get_property = yk_assessment_dialog_get_property;

  properties[PROP_TOTAL] =
    g_param_spec_int ("total", NULL, NULL, 0, 2 * YK_SDSS_ITEMS, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YK_TYPE_SCORE_CHOICE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-assessment-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YkAssessmentDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, YkAssessmentDialog, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, YkAssessmentDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, YkAssessmentDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, YkAssessmentDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAssessmentDialog, date_error);
  gtk_widget_class_bind_template_child (widget_class, YkAssessmentDialog, total_label);
  for (guint i = 0; i < YK_SDSS_ITEMS; i++)
    {
      g_autofree char *label = g_strdup_printf ("sdss_%u_label", i + 1);
      g_autofree char *dropdown = g_strdup_printf ("sdss_%u_choice", i + 1);
      g_autofree char *error = g_strdup_printf ("sdss_%u_error", i + 1);

      gtk_widget_class_bind_template_child_full (widget_class, label, FALSE, 0);
      gtk_widget_class_bind_template_child_full (widget_class, dropdown, FALSE,
                                                 G_STRUCT_OFFSET (YkAssessmentDialog, items) + i * sizeof (GtkWidget *));
      gtk_widget_class_bind_template_child_full (widget_class, error, FALSE, 0);
    }
  gtk_widget_class_bind_template_callback (widget_class, item_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, item_typed_cb);
  gtk_widget_class_bind_template_child (widget_class, YkAssessmentDialog, save_button);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "form.cancel", NULL, cancel_action);
  yk_record_form_class_add_shortcuts (widget_class);
}

/* sdss_3_label, sdss_3_choice… */
static GtkWidget *
named_child (YkAssessmentDialog *self,
             guint               n,
             const char         *part)
{
  g_autofree char *name = g_strdup_printf ("sdss_%u_%s", n, part);

  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), YK_TYPE_ASSESSMENT_DIALOG, name));
}

static void
yk_assessment_dialog_init (YkAssessmentDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The ten items' names are the scale's own, from app/. */
  for (guint i = 0; i < YK_SDSS_ITEMS; i++)
    {
      gtk_label_set_text (GTK_LABEL (named_child (self, i + 1, "label")), yk_sdss_item_name (i));
    }
  item_changed_cb (self);
}

/* A correction has a draft of its own, never mixed with a new assessment's. */
static YkAssessmentDialog *
dialog_new (YkUnlockedSession        *session,
            YkFormDrafts             *drafts,
            gint64                    client_id,
            const YkAssessmentRecord *record)
{
  YkAssessmentDialog *self = g_object_new (YK_TYPE_ASSESSMENT_DIALOG, NULL);
  g_autoptr (YkClientRecord) client = NULL;

  self->client_id = client_id;
  self->record_id = record != NULL ? record->id : 0;
  if (record != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Correct SDSS Assessment"));
      gtk_label_set_text (GTK_LABEL (self->title_label), _("Correct SDSS Assessment"));
    }
  self->form = yk_record_form_new (GTK_WINDOW (self), session, drafts,
                                   record != NULL ? "correct:assessments" : "assessment",
                                   record != NULL ? record->id : client_id);
  yk_record_form_set_error_label (self->form, self->error_label);
  yk_record_form_add_field (self->form, "date", self->date_entry, self->date_error);
  for (guint i = 0; i < YK_SDSS_ITEMS; i++)
    {
      g_autofree char *field = g_strdup_printf ("sdss_%u", i + 1);
      yk_record_form_add_field (self->form, field, self->items[i], named_child (self, i + 1, "error"));
    }

  if (record != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->date_entry), record->date != NULL ? record->date : "");
      for (guint i = 0; i < YK_SDSS_ITEMS; i++)
        yk_score_choice_set_score (YK_SCORE_CHOICE (self->items[i]), record->items[i]);
    }
  else
    yk_record_form_set_today (self->date_entry);
  client = yk_record_form_load_person (self->form, self->subtitle_label, client_id);
  gtk_widget_set_sensitive (self->grid, client != NULL);
  if (client != NULL)
    {
      self->intake_date = g_strdup (client->intake_date);
      yk_record_form_restore_draft (self->form);
    }
  gtk_widget_grab_focus (self->items[0]);
  return self;
}

YkAssessmentDialog *
yk_assessment_dialog_new (YkUnlockedSession *session,
                          YkFormDrafts      *drafts,
                          gint64             client_id)
{
  return dialog_new (session, drafts, client_id, NULL);
}

YkAssessmentDialog *
yk_assessment_dialog_new_edit (YkUnlockedSession *session,
                               YkFormDrafts      *drafts,
                               gint64             record_id,
                               GError           **error)
{
  YkSession *core = yk_unlocked_session_get_session (session);
  g_autoptr (YkAssessmentRecord) record = NULL;

  g_return_val_if_fail (core != NULL, NULL);
  record = yk_casework_get_assessment (core, record_id, error);
  return record != NULL ? dialog_new (session, drafts, record->client_id, record) : NULL;
}

int
yk_assessment_dialog_get_total (YkAssessmentDialog *self)
{
  g_return_val_if_fail (YK_IS_ASSESSMENT_DIALOG (self), 0);
  return self->total;
}

const char *
yk_assessment_dialog_get_error (YkAssessmentDialog *self,
                                const char         *field)
{
  g_return_val_if_fail (YK_IS_ASSESSMENT_DIALOG (self), NULL);
  return yk_record_form_get_error (self->form, field);
}
