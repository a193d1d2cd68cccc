/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-date-entry.h"
#include "yk-validate.h"

struct _YkDateEntry
{
  GtkWidget parent_instance;

  GtkWidget *entry;
  GtkWidget *button;
  GtkWidget *popover;
  GtkWidget *calendar;
  GtkWidget *today_button;
  GtkWidget *yesterday_button;

  gboolean syncing;   /* the calendar is being set from the entry, not by a person */
  gboolean had_focus; /* the root's focus was inside, as of its last move */
};

static void yk_date_entry_editable_init (GtkEditableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YkDateEntry, yk_date_entry, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_EDITABLE, yk_date_entry_editable_init))

enum
{
  PROP_0,
  PROP_ACTIVATES_DEFAULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
write_date (YkDateEntry *self,
            const GDate *date)
{
  g_autofree char *iso = yk_date_format_iso (date);

  gtk_editable_set_text (GTK_EDITABLE (self->entry), iso);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
}

static void
write_days_ago (YkDateEntry *self,
                guint        days)
{
  GDate date;

  yk_date_today (&date);
  g_date_subtract_days (&date, days);
  write_date (self, &date);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  gtk_widget_grab_focus (self->entry);
}

/* The form marks a field at fault with the "error" class on the field;
 * the theme draws it on an entry, so the entry inside gets it too. */
static void
css_classes_cb (YkDateEntry *self)
{
  if (gtk_widget_has_css_class (GTK_WIDGET (self), "error"))
    gtk_widget_add_css_class (self->entry, "error");
  else
    gtk_widget_remove_css_class (self->entry, "error");
}

static void
entry_activate_cb (YkDateEntry *self)
{
  /* Before the entry's own handler activates the default (Save), so the
   * form reads the date as it will be stored. */
  yk_date_entry_normalize (self);
  g_signal_emit (self, signals[ACTIVATE], 0);
}

/* Leaving the field writes what was typed as ISO. Watched on the root,
 * not with a focus controller: the root's focus moves even in a window
 * that is not the active one (a dialog over a busy desktop, or a test). */
static void
focus_widget_cb (YkDateEntry *self,
                 GParamSpec  *pspec,
                 GtkRoot     *root)
{
  GtkWidget *focus = gtk_root_get_focus (root);
  gboolean within = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
  gboolean had_focus = self->had_focus;

  self->had_focus = within;
  /* No focus at all: the window is being destroyed; its fields are kept
   * as a draft as they are, and no one is left to hear "changed". */
  if (had_focus && !within && focus != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    yk_date_entry_normalize (self);
}

static void
popover_show_cb (YkDateEntry *self)
{
  GDate date;
  g_autoptr (GDateTime) day = NULL;

  /* Open on the day typed, or today: the month people look for. */
  if (!yk_date_entry_normalize (self) ||
      !yk_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->entry)), &date, NULL))
    yk_date_today (&date);
  day = g_date_time_new_local ((int) g_date_get_year (&date), g_date_get_month (&date),
                               g_date_get_day (&date), 12, 0, 0);
  self->syncing = TRUE;
  gtk_calendar_select_day (GTK_CALENDAR (self->calendar), day);
  self->syncing = FALSE;
  gtk_widget_grab_focus (self->calendar);
}

static void
calendar_day_selected_cb (YkDateEntry *self)
{
  g_autoptr (GDateTime) day = NULL;
  GDate date;

  if (self->syncing)
    return;
  day = gtk_calendar_get_date (GTK_CALENDAR (self->calendar));
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (day),
                  (GDateMonth) g_date_time_get_month (day), (GDateYear) g_date_time_get_year (day));
  write_date (self, &date);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  gtk_widget_grab_focus (self->entry);
}

static void
today_clicked_cb (YkDateEntry *self)
{
  write_days_ago (self, 0);
}

static void
yesterday_clicked_cb (YkDateEntry *self)
{
  write_days_ago (self, 1);
}

static GtkEditable *
yk_date_entry_get_delegate (GtkEditable *editable)
{
  return GTK_EDITABLE (YK_DATE_ENTRY (editable)->entry);
}

static void
yk_date_entry_editable_init (GtkEditableInterface *iface)
{
  iface->get_delegate = yk_date_entry_get_delegate;
}

/* A label's mnemonic, and the form putting the cursor on a field at
 * fault, both mean the entry. */
static gboolean
yk_date_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (YK_DATE_ENTRY (widget)->entry);
}

static gboolean
yk_date_entry_mnemonic_activate (GtkWidget *widget,
                                 gboolean   group_cycling)
{
  return gtk_widget_grab_focus (YK_DATE_ENTRY (widget)->entry);
}

/* The field's label names this widget (mnemonic-widget); a screen reader
 * lands on the entry inside, so the entry is labelled by it too. Done at
 * map: the builder sets mnemonic-widget after building the children. */
static void
yk_date_entry_map (GtkWidget *widget)
{
  YkDateEntry *self = YK_DATE_ENTRY (widget);
  GList *labels = gtk_widget_list_mnemonic_labels (widget);

  GTK_WIDGET_CLASS (yk_date_entry_parent_class)->map (widget);
  if (labels != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                    labels->data, NULL, -1);
  g_list_free (labels);
}

static void
yk_date_entry_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (yk_date_entry_parent_class)->root (widget);
  g_signal_connect_object (gtk_widget_get_root (widget), "notify::focus-widget", G_CALLBACK (focus_widget_cb), widget,
                           G_CONNECT_SWAPPED);
}

static void
yk_date_entry_unroot (GtkWidget *widget)
{
  YkDateEntry *self = YK_DATE_ENTRY (widget);

  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (widget), focus_widget_cb, self);
  self->had_focus = FALSE;
  GTK_WIDGET_CLASS (yk_date_entry_parent_class)->unroot (widget);
}

static void
yk_date_entry_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  YkDateEntry *self = YK_DATE_ENTRY (object);

  if (gtk_editable_delegate_get_property (object, prop_id, value, pspec))
    return;
  switch (prop_id)
    {
    case PROP_ACTIVATES_DEFAULT:
      g_value_set_boolean (value, gtk_entry_get_activates_default (GTK_ENTRY (self->entry)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_date_entry_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  YkDateEntry *self = YK_DATE_ENTRY (object);

  if (gtk_editable_delegate_set_property (object, prop_id, value, pspec))
    return;
  switch (prop_id)
    {
    case PROP_ACTIVATES_DEFAULT:
      if (gtk_entry_get_activates_default (GTK_ENTRY (self->entry)) != g_value_get_boolean (value))
        {
          gtk_entry_set_activates_default (GTK_ENTRY (self->entry), g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_date_entry_dispose (GObject *object)
{
  YkDateEntry *self = YK_DATE_ENTRY (object);

  if (self->entry != NULL)
    gtk_editable_finish_delegate (GTK_EDITABLE (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_DATE_ENTRY);
  G_OBJECT_CLASS (yk_date_entry_parent_class)->dispose (object);
}

static void
yk_date_entry_class_init (YkDateEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = yk_date_entry_get_property;
  object_class->set_property = yk_date_entry_set_property;
  object_class->dispose = yk_date_entry_dispose;
  widget_class->grab_focus = yk_date_entry_grab_focus;
  widget_class->mnemonic_activate = yk_date_entry_mnemonic_activate;
  widget_class->map = yk_date_entry_map;
  widget_class->root = yk_date_entry_root;
  widget_class->unroot = yk_date_entry_unroot;

  properties[PROP_ACTIVATES_DEFAULT] =
    g_param_spec_boolean ("activates-default", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_editable_install_properties (object_class, N_PROPS);

  /* Enter in the entry, after the text is made ISO: the filters of a
   * page apply on it as they did on a plain entry's "activate". */
  signals[ACTIVATE] = g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                    NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/yukang/Yukang/yk-date-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, YkDateEntry, entry);
  gtk_widget_class_bind_template_child (widget_class, YkDateEntry, button);
  gtk_widget_class_bind_template_child (widget_class, YkDateEntry, popover);
  gtk_widget_class_bind_template_child (widget_class, YkDateEntry, calendar);
  gtk_widget_class_bind_template_child (widget_class, YkDateEntry, today_button);
  gtk_widget_class_bind_template_child (widget_class, YkDateEntry, yesterday_button);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, today_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, yesterday_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dateentry");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
yk_date_entry_init (YkDateEntry *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_editable_init_delegate (GTK_EDITABLE (self));
  g_signal_connect (self, "notify::css-classes", G_CALLBACK (css_classes_cb), NULL);
}

GtkWidget *
yk_date_entry_new (void)
{
  return g_object_new (YK_TYPE_DATE_ENTRY, NULL);
}

/* Writes a typed date that parses (12.3, 今天…) back as ISO, so the
 * person sees the day the app understood. Text that does not parse stays
 * as typed, for the form to explain under the field. */
gboolean
yk_date_entry_normalize (YkDateEntry *self)
{
  const char *text;
  GDate today, date;
  g_autofree char *iso = NULL;

  g_return_val_if_fail (YK_IS_DATE_ENTRY (self), FALSE);
  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  yk_date_today (&today);
  if (!yk_date_parse_typed (text, &today, &date, NULL))
    return FALSE;
  iso = yk_date_format_iso (&date);
  if (!g_str_equal (iso, text))
    write_date (self, &date);
  return TRUE;
}

void
yk_date_entry_set_date (YkDateEntry *self,
                        const GDate *date)
{
  g_return_if_fail (YK_IS_DATE_ENTRY (self));
  g_return_if_fail (date != NULL && g_date_valid (date));
  write_date (self, date);
}

GtkWidget *
yk_date_entry_get_entry (YkDateEntry *self)
{
  g_return_val_if_fail (YK_IS_DATE_ENTRY (self), NULL);
  return self->entry;
}

GtkWidget *
yk_date_entry_get_popover (YkDateEntry *self)
{
  g_return_val_if_fail (YK_IS_DATE_ENTRY (self), NULL);
  return self->popover;
}
