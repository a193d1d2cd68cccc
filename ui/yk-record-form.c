/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-record-form.h"
#include "yk-record-rules.h"
#include "yk-recording.h"
#include "yk-score-choice.h"
#include "yk-validate.h"

#include <glib/gi18n.h>

typedef struct
{
  char *field;
  GtkWidget *input;
  GtkWidget *error;
} Field;

struct _YkRecordForm
{
  GtkWindow *dialog;           /* owns this form */
  YkUnlockedSession *session;
  YkFormDrafts *drafts;
  char *draft_key;
  GtkWidget *error_label;      /* errors that belong to no one field */
  GtkWidget *expander;         /* the part of the form that may be folded away */
  GPtrArray *fields;           /* Field */
  gboolean done;               /* saved or cancelled: no draft to keep */
};

static void
field_free (Field *field)
{
  g_free (field->field);
  g_free (field);
}

static void
field_hide_error (Field *f)
{
  gtk_widget_set_visible (f->error, FALSE);
  gtk_widget_remove_css_class (f->input, "error");
}

/* Once the person changes the field, the message about it has done its job. */
static void
field_edited_cb (GObject    *input,
                 GParamSpec *pspec,
                 Field      *f)
{
  field_hide_error (f);
}

static gboolean
close_request_cb (GtkWindow    *dialog,
                  YkRecordForm *form)
{
  /* Closing the window is Cancel; only the lock keeps a draft. */
  form->done = TRUE;
  yk_form_drafts_discard (form->drafts, form->draft_key);
  return FALSE;
}

/* A check button takes Enter as "toggle"; in these forms Enter saves,
 * from anywhere (Space still toggles). Captured before the button's own
 * binding sees it. */
static void
enter_saves (GtkWidget *widget)
{
  if (GTK_IS_CHECK_BUTTON (widget))
    {
      GtkEventController *controller = gtk_shortcut_controller_new ();
      const guint keys[] = { GDK_KEY_Return, GDK_KEY_ISO_Enter, GDK_KEY_KP_Enter };

      gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                              gtk_shortcut_new (gtk_keyval_trigger_new (keys[i], 0),
                                                                gtk_named_action_new ("form.save")));
      gtk_widget_add_controller (widget, controller);
      return;
    }
  for (GtkWidget *child = GTK_IS_EXPANDER (widget) ? gtk_expander_get_child (GTK_EXPANDER (widget))
                                                   : gtk_widget_get_first_child (widget);
       child != NULL; child = GTK_IS_EXPANDER (widget) ? NULL : gtk_widget_get_next_sibling (child))
    enter_saves (child);
}

YkRecordForm *
yk_record_form_new (GtkWindow         *dialog,
                    YkUnlockedSession *session,
                    YkFormDrafts      *drafts,
                    const char        *form_name,
                    gint64             id)
{
  YkRecordForm *form = g_new0 (YkRecordForm, 1);

  form->dialog = dialog;
  form->session = g_object_ref (session);
  form->drafts = g_object_ref (drafts);
  form->draft_key = yk_form_drafts_key (yk_unlocked_session_get_path (session),
                                        yk_unlocked_session_get_account (session), form_name, id);
  form->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  g_signal_connect (dialog, "close-request", G_CALLBACK (close_request_cb), form);
  enter_saves (GTK_WIDGET (dialog));
  return form;
}

void
yk_record_form_free (YkRecordForm *form)
{
  if (form == NULL)
    return;
  g_signal_handlers_disconnect_by_data (form->dialog, form);
  for (guint i = 0; i < form->fields->len; i++)
    {
      Field *f = form->fields->pdata[i];
      g_signal_handlers_disconnect_by_data (GTK_IS_TEXT_VIEW (f->input)
                                              ? (gpointer) gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->input))
                                              : (gpointer) f->input,
                                            f);
    }
  g_clear_object (&form->session);
  g_clear_object (&form->drafts);
  g_free (form->draft_key);
  g_ptr_array_unref (form->fields);
  g_free (form);
}

void
yk_record_form_set_error_label (YkRecordForm *form,
                                GtkWidget    *label)
{
  form->error_label = label;
}

void
yk_record_form_set_expander (YkRecordForm *form,
                             GtkWidget    *expander)
{
  form->expander = expander;
}

void
yk_record_form_add_field (YkRecordForm *form,
                          const char   *field,
                          GtkWidget    *input,
                          GtkWidget    *error_label)
{
  Field *f = g_new0 (Field, 1);
  const char *property = GTK_IS_EDITABLE (input)                                 ? "text"
                         : GTK_IS_DROP_DOWN (input) || YK_IS_SCORE_CHOICE (input) ? "selected"
                         : GTK_IS_CHECK_BUTTON (input) ? "active"
                                                       : NULL;

  f->field = g_strdup (field);
  f->input = input;
  f->error = error_label;
  g_ptr_array_add (form->fields, f);
  if (property != NULL)
    {
      g_autofree char *signal = g_strconcat ("notify::", property, NULL);
      g_signal_connect (input, signal, G_CALLBACK (field_edited_cb), f);
    }
  else if (GTK_IS_TEXT_VIEW (input))
    g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), "changed",
                              G_CALLBACK (field_hide_error), f);
}

YkUnlockedSession *
yk_record_form_get_unlocked (YkRecordForm *form)
{
  return form->session;
}

/* NULL once the app has locked (the dialog is closing then). */
YkSession *
yk_record_form_get_session (YkRecordForm *form)
{
  return yk_unlocked_session_get_session (form->session);
}

gboolean
yk_record_form_restore_draft (YkRecordForm *form)
{
  return yk_form_drafts_restore (form->drafts, form->draft_key, GTK_WIDGET (form->dialog));
}

/* From the dialog's dispose: the lock destroys it without a close
 * request, and whatever was typed waits for the next unlock. */
void
yk_record_form_keep_draft (YkRecordForm *form)
{
  if (form == NULL || form->done)
    return;
  form->done = TRUE;
  yk_form_drafts_keep (form->drafts, form->draft_key, GTK_WIDGET (form->dialog));
}

/* Cancel: forget the draft and close. */
void
yk_record_form_close (YkRecordForm *form)
{
  form->done = TRUE;
  yk_form_drafts_discard (form->drafts, form->draft_key);
  gtk_window_destroy (form->dialog);
}

/* Tells every screen, forgets the draft and closes. */
void
yk_record_form_saved (YkRecordForm *form,
                      gint64        client_id)
{
  g_autoptr (YkUnlockedSession) session = g_object_ref (form->session);

  form->done = TRUE;
  yk_form_drafts_discard (form->drafts, form->draft_key);
  gtk_window_destroy (form->dialog);
  yk_unlocked_session_records_changed (session, client_id);
}

static Field *
find_field (YkRecordForm *form,
            const char   *field)
{
  for (guint i = 0; field != NULL && i < form->fields->len; i++)
    {
      Field *f = form->fields->pdata[i];
      if (g_str_equal (f->field, field))
        return f;
    }
  return NULL;
}

/* Brings a field and the message under it into view, once laid out
 * with the message shown. The viewport does this itself when the focus
 * moves, but only in the active window. */
static gboolean
scroll_to_cb (GtkWidget     *input,
              GdkFrameClock *clock,
              gpointer       data)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (input, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *viewport = scroller ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)) : NULL;
  GtkWidget *content = viewport ? gtk_widget_get_first_child (viewport) : NULL;
  GtkWidget *message = data;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds, below;
  double top, bottom, value, page;

  if (content == NULL)
    return G_SOURCE_REMOVE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  /* Not laid out yet, with the message: the next frame. */
  if (page <= 0 || !gtk_widget_compute_bounds (input, content, &bounds) ||
      !gtk_widget_compute_bounds (message, content, &below) || below.size.height <= 0)
    return gtk_widget_get_visible (message) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
  top = bounds.origin.y - 12;
  bottom = below.origin.y + below.size.height + 12;
  if (top < value)
    gtk_adjustment_set_value (adjustment, top);
  else if (bottom > value + page)
    gtk_adjustment_set_value (adjustment, bottom - page);
  return G_SOURCE_REMOVE;
}

void
yk_record_form_clear_errors (YkRecordForm *form)
{
  for (guint i = 0; i < form->fields->len; i++)
    field_hide_error (form->fields->pdata[i]);
  if (form->error_label != NULL)
    {
      gtk_widget_set_visible (form->error_label, FALSE);
      gtk_label_set_text (GTK_LABEL (form->error_label), "");
    }
}

/* Shows `message` under the field at fault and puts the cursor there;
 * an error that is no one field's goes at the top. Returns FALSE, so a
 * check can end with `return yk_record_form_fail (…)`. */
gboolean
yk_record_form_fail (YkRecordForm *form,
                     const char   *field,
                     const char   *message)
{
  Field *f = find_field (form, field);

  if (f == NULL)
    {
      if (form->error_label != NULL)
        {
          gtk_label_set_text (GTK_LABEL (form->error_label), message);
          gtk_widget_set_visible (form->error_label, TRUE);
        }
      return FALSE;
    }
  /* A collapsed expander keeps its child out of the window. */
  if (form->expander != NULL && gtk_widget_get_root (f->input) == NULL)
    gtk_expander_set_expanded (GTK_EXPANDER (form->expander), TRUE);
  gtk_label_set_text (GTK_LABEL (f->error), message);
  gtk_widget_set_visible (f->error, TRUE);
  gtk_widget_add_css_class (f->input, "error");
  gtk_widget_grab_focus (f->input);
  gtk_widget_add_tick_callback (f->input, scroll_to_cb, f->error, NULL);
  return FALSE;
}

gboolean
yk_record_form_fail_error (YkRecordForm *form,
                           const char   *field,
                           const GError *error)
{
  return yk_record_form_fail (form, field, error->message);
}

/* The error shown for `field` (NULL: the one at the top), or NULL. */
const char *
yk_record_form_get_error (YkRecordForm *form,
                          const char   *field)
{
  Field *f = find_field (form, field);
  GtkWidget *label = f != NULL ? f->error : form->error_label;

  if (label == NULL || !gtk_widget_get_visible (label))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (label));
}

/* An entry's or text view's text without surrounding blanks; NULL if
 * there is none (an optional field not filled in). */
char *
yk_record_form_text (GtkWidget *input)
{
  g_autofree char *text = NULL;

  if (GTK_IS_TEXT_VIEW (input))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (input));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  else
    text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (input)));
  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* A date as people type it (2021-03-05, 2021/3/5, 2021年3月5日, and the
 * short forms of yk_date_parse_typed: 12.3, 今天…), as ISO. */
gboolean
yk_record_form_date (YkRecordForm *form,
                     const char   *field,
                     GtkWidget    *entry,
                     gboolean      required,
                     char        **iso)
{
  g_autofree char *text = yk_record_form_text (entry);
  g_autoptr (GError) error = NULL;
  GDate date, today;

  *iso = NULL;
  if (text == NULL)
    return required ? yk_record_form_fail (form, field, _("This is required")) : TRUE;
  yk_date_today (&today);
  if (!yk_date_parse_typed (text, &today, &date, &error))
    return yk_record_form_fail_error (form, field, error);
  *iso = yk_date_format_iso (&date);
  return TRUE;
}

void
yk_record_form_set_today (GtkWidget *entry)
{
  g_autofree char *iso = NULL;
  GDate today;

  yk_date_today (&today);
  iso = yk_date_format_iso (&today);
  gtk_editable_set_text (GTK_EDITABLE (entry), iso);
}

/* A referral source drop-down lists "not recorded", then the labels of
 * yk_referral_source_codes() in their order (the .ui files; the tests
 * check they agree). The code chosen, NULL for not recorded. */
const char *
yk_record_form_referral_source (GtkWidget *dropdown)
{
  const char *const *codes = yk_referral_source_codes ();
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > g_strv_length ((char **) codes))
    return NULL;
  return codes[selected - 1];
}

void
yk_record_form_choose_referral_source (GtkWidget  *dropdown,
                                       const char *code)
{
  const char *const *codes = yk_referral_source_codes ();
  guint position = 0;

  for (guint i = 0; code != NULL && codes[i] != NULL; i++)
    if (g_str_equal (codes[i], code))
      position = i + 1;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), position);
}

/* Drop-downs list what people read; `codes` what is stored, index by
 * index (NULL first: "not recorded"). */
const char *
yk_record_form_choice (GtkWidget         *dropdown,
                       const char *const *codes)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

  if (model == NULL || selected >= g_list_model_get_n_items (model))
    return NULL;
  return codes[selected];
}

void
yk_record_form_choose (GtkWidget         *dropdown,
                       const char *const *codes,
                       const char        *code)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (codes[i], code) == 0)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
        return;
      }
}

void
yk_record_form_fill_staff (GtkWidget *dropdown,
                           GPtrArray *staff,
                           gint64     selected_id)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint selected = 0;

  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      YkStaffRow *row = staff->pdata[i];

      gtk_string_list_append (names, row->display_name);
      g_array_append_val (ids, row->id);
      if (row->id == selected_id)
        selected = i;
    }
  g_object_set_data_full (G_OBJECT (dropdown), "yk-staff-ids", ids, (GDestroyNotify) g_array_unref);
  gtk_drop_down_set_model (GTK_DROP_DOWN (dropdown), G_LIST_MODEL (names));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
}

gint64
yk_record_form_staff_id (GtkWidget *dropdown)
{
  GArray *ids = g_object_get_data (G_OBJECT (dropdown), "yk-staff-ids");
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  if (ids == NULL || selected >= ids->len)
    return 0;
  return g_array_index (ids, gint64, selected);
}

/* Escape cancels, Ctrl+Enter saves (Enter alone saves from any entry:
 * the Save button is the default widget). */
void
yk_record_form_class_add_shortcuts (GtkWidgetClass *widget_class)
{
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "form.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "form.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "form.save", NULL);
}

/* The person the record is for, named in full in the subtitle: whoever
 * records must know they have the right person (a masked 杨** could be
 * two people), and opening the form is audited as opening the case file
 * is (yk_recording_open_client). NULL, with the reason at the top and
 * Save off, if this session may not record for them. */
YkClientRecord *
yk_record_form_load_person (YkRecordForm *form,
                            GtkWidget    *subtitle_label,
                            gint64        client_id)
{
  YkSession *session = yk_record_form_get_session (form);
  g_autoptr (GError) error = NULL;
  YkClientRecord *client = NULL;

  if (session != NULL)
    client = yk_recording_open_client (session, client_id, &error);
  if (client == NULL)
    {
      yk_record_form_fail (form, NULL, error != NULL ? error->message : _("The database is locked"));
      gtk_widget_action_set_enabled (GTK_WIDGET (form->dialog), "form.save", FALSE);
      return NULL;
    }
  {
    /* TRANSLATORS: a service user's name, then their case number */
    g_autofree char *subtitle = g_strdup_printf (_("%1$s · %2$s"), client->name, client->case_no);

    gtk_label_set_text (GTK_LABEL (subtitle_label), subtitle);
    gtk_widget_set_visible (subtitle_label, TRUE);
  }
  return client;
}
