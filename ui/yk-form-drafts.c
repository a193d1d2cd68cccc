/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-form-drafts.h"
#include "yk-score-choice.h"
#include "yk-wipe.h"

struct _YkFormDrafts
{
  GObject parent_instance;

  GHashTable *drafts; /* key → GHashTable (widget id → value) */
};

G_DEFINE_FINAL_TYPE (YkFormDrafts, yk_form_drafts, G_TYPE_OBJECT)

/* Typed text is personal data: overwritten before it goes back to malloc. */
static GHashTable *
draft_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) yk_wipe_and_free);
}

static GHashTable *
values_copy (GHashTable *values)
{
  GHashTable *copy = draft_new ();
  GHashTableIter iter;
  gpointer field, value;

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &field, &value))
    g_hash_table_insert (copy, g_strdup (field), g_strdup (value));
  return copy;
}

/* Only widgets the template named: internal children (an entry's GtkText)
 * and generated ids ("___object_3___") are not the form's fields. */
static const char *
field_id (GtkWidget *widget)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));

  return id != NULL && id[0] != '_' ? id : NULL;
}

static char *
text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* A collapsed GtkExpander unparents its child, so the walk asks it. */
static GtkWidget *
first_child (GtkWidget *widget)
{
  if (GTK_IS_EXPANDER (widget))
    return gtk_expander_get_child (GTK_EXPANDER (widget));
  return gtk_widget_get_first_child (widget);
}

static GtkWidget *
next_sibling (GtkWidget *parent,
              GtkWidget *child)
{
  return GTK_IS_EXPANDER (parent) ? NULL : gtk_widget_get_next_sibling (child);
}

static void
capture (GtkWidget  *widget,
         GHashTable *draft)
{
  const char *id = field_id (widget);

  if (id != NULL)
    {
      if (GTK_IS_EDITABLE (widget))
        {
          g_hash_table_insert (draft, g_strdup (id), g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget))));
          return;
        }
      if (GTK_IS_TEXT_VIEW (widget))
        {
          g_hash_table_insert (draft, g_strdup (id), text_view_text (GTK_TEXT_VIEW (widget)));
          return;
        }
      if (GTK_IS_CHECK_BUTTON (widget))
        g_hash_table_insert (draft, g_strdup (id),
                             g_strdup (gtk_check_button_get_active (GTK_CHECK_BUTTON (widget)) ? "1" : "0"));
      else if (GTK_IS_DROP_DOWN (widget))
        g_hash_table_insert (draft, g_strdup (id),
                             g_strdup_printf ("%u", gtk_drop_down_get_selected (GTK_DROP_DOWN (widget))));
      else if (YK_IS_SCORE_CHOICE (widget))
        g_hash_table_insert (draft, g_strdup (id),
                             g_strdup_printf ("%u", yk_score_choice_get_selected (YK_SCORE_CHOICE (widget))));
      else if (GTK_IS_EXPANDER (widget))
        g_hash_table_insert (draft, g_strdup (id),
                             g_strdup (gtk_expander_get_expanded (GTK_EXPANDER (widget)) ? "1" : "0"));
    }
  for (GtkWidget *child = first_child (widget); child != NULL; child = next_sibling (widget, child))
    capture (child, draft);
}

static void
restore (GtkWidget  *widget,
         GHashTable *draft)
{
  const char *id = field_id (widget);
  const char *value = id != NULL ? g_hash_table_lookup (draft, id) : NULL;

  if (value != NULL)
    {
      if (GTK_IS_EDITABLE (widget))
        {
          gtk_editable_set_text (GTK_EDITABLE (widget), value);
          return;
        }
      if (GTK_IS_TEXT_VIEW (widget))
        {
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), value, -1);
          return;
        }
      if (GTK_IS_CHECK_BUTTON (widget))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), g_str_equal (value, "1"));
      else if (GTK_IS_DROP_DOWN (widget))
        {
          GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));
          guint64 selected = g_ascii_strtoull (value, NULL, 10);

          if (model != NULL && selected < g_list_model_get_n_items (model))
            gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), (guint) selected);
        }
      else if (YK_IS_SCORE_CHOICE (widget))
        {
          guint64 selected = g_ascii_strtoull (value, NULL, 10);

          if (selected < 4)
            yk_score_choice_set_selected (YK_SCORE_CHOICE (widget), (guint) selected);
        }
      else if (GTK_IS_EXPANDER (widget))
        gtk_expander_set_expanded (GTK_EXPANDER (widget), g_str_equal (value, "1"));
    }
  for (GtkWidget *child = first_child (widget); child != NULL; child = next_sibling (widget, child))
    restore (child, draft);
}

static void
yk_form_drafts_finalize (GObject *object)
{
  YkFormDrafts *self = YK_FORM_DRAFTS (object);

  g_clear_pointer (&self->drafts, g_hash_table_unref);
  G_OBJECT_CLASS (yk_form_drafts_parent_class)->finalize (object);
}

static void
yk_form_drafts_class_init (YkFormDraftsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yk_form_drafts_finalize;
}

static void
yk_form_drafts_init (YkFormDrafts *self)
{
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
}

YkFormDrafts *
yk_form_drafts_new (void)
{
  return g_object_new (YK_TYPE_FORM_DRAFTS, NULL);
}

/* A draft belongs to one database, one account, one form and one record
 * (0: a new one): another person unlocking never sees it. */
char *
yk_form_drafts_key (const char *database,
                    const char *account,
                    const char *form,
                    gint64      id)
{
  return g_strdup_printf ("%s\n%s\n%s\n%" G_GINT64_FORMAT, database, account, form, id);
}

void
yk_form_drafts_keep (YkFormDrafts *self,
                     const char   *key,
                     GtkWidget    *form)
{
  GHashTable *draft = draft_new ();

  g_return_if_fail (YK_IS_FORM_DRAFTS (self));
  capture (form, draft);
  g_hash_table_replace (self->drafts, g_strdup (key), draft);
}

/* Puts the draft's values back into `form` and forgets the draft (the
 * form now holds them; the lock keeps them again if it comes back). */
gboolean
yk_form_drafts_restore (YkFormDrafts *self,
                        const char   *key,
                        GtkWidget    *form)
{
  GHashTable *draft;

  g_return_val_if_fail (YK_IS_FORM_DRAFTS (self), FALSE);
  draft = g_hash_table_lookup (self->drafts, key);
  if (draft == NULL)
    return FALSE;
  restore (form, draft);
  g_hash_table_remove (self->drafts, key);
  return TRUE;
}

/* Replaces the draft with a copy of `values`; an empty table drops it. */
void
yk_form_drafts_keep_values (YkFormDrafts *self,
                            const char   *key,
                            GHashTable   *values)
{
  g_return_if_fail (YK_IS_FORM_DRAFTS (self));
  if (values == NULL || g_hash_table_size (values) == 0)
    g_hash_table_remove (self->drafts, key);
  else
    g_hash_table_replace (self->drafts, g_strdup (key), values_copy (values));
}

/* A copy of the draft's values, or NULL; the draft stays. */
GHashTable *
yk_form_drafts_lookup_values (YkFormDrafts *self,
                              const char   *key)
{
  GHashTable *values;

  g_return_val_if_fail (YK_IS_FORM_DRAFTS (self), NULL);
  values = g_hash_table_lookup (self->drafts, key);
  return values != NULL ? values_copy (values) : NULL;
}

gboolean
yk_form_drafts_has (YkFormDrafts *self,
                    const char   *key)
{
  g_return_val_if_fail (YK_IS_FORM_DRAFTS (self), FALSE);
  return g_hash_table_contains (self->drafts, key);
}

void
yk_form_drafts_discard (YkFormDrafts *self,
                        const char   *key)
{
  g_return_if_fail (YK_IS_FORM_DRAFTS (self));
  g_hash_table_remove (self->drafts, key);
}

guint
yk_form_drafts_get_n_drafts (YkFormDrafts *self)
{
  g_return_val_if_fail (YK_IS_FORM_DRAFTS (self), 0);
  return g_hash_table_size (self->drafts);
}
