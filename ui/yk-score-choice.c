/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-score-choice.h"

#define N_CHOICES 4

struct _YkScoreChoice
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *buttons[N_CHOICES];
  guint selected;
};

G_DEFINE_FINAL_TYPE (YkScoreChoice, yk_score_choice, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

enum
{
  TYPED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What each position scores: SDSS's 0–2, and 9 for "does not apply". */
static const int scores[N_CHOICES] = { 0, 1, 2, 9 };

static void
toggled_cb (YkScoreChoice   *self,
            GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < N_CHOICES; i++)
    if (self->buttons[i] == GTK_WIDGET (button) && self->selected != i)
      {
        self->selected = i;
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
      }
}

/* A digit chooses, as on the paper form, and hands on to the next item. */
static gboolean
key_pressed_cb (YkScoreChoice   *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  guint digit;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    digit = keyval - GDK_KEY_0;
  else if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    digit = keyval - GDK_KEY_KP_0;
  else
    return FALSE;
  for (guint i = 0; i < N_CHOICES; i++)
    if (scores[i] == (int) digit)
      {
        yk_score_choice_set_selected (self, i);
        g_signal_emit (self, signals[TYPED], 0);
        return TRUE;
      }
  gtk_widget_error_bell (GTK_WIDGET (self));
  return TRUE;
}

/* The row's label points here: focus the chosen button. */
static gboolean
yk_score_choice_mnemonic_activate (GtkWidget *widget,
                                   gboolean   group_cycling)
{
  YkScoreChoice *self = YK_SCORE_CHOICE (widget);

  return gtk_widget_grab_focus (self->buttons[self->selected]);
}

static gboolean
yk_score_choice_grab_focus (GtkWidget *widget)
{
  YkScoreChoice *self = YK_SCORE_CHOICE (widget);

  return gtk_widget_grab_focus (self->buttons[self->selected]);
}

static void
yk_score_choice_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_SCORE_CHOICE);
  G_OBJECT_CLASS (yk_score_choice_parent_class)->dispose (object);
}

static void
yk_score_choice_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YkScoreChoice *self = YK_SCORE_CHOICE (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_uint (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_score_choice_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  YkScoreChoice *self = YK_SCORE_CHOICE (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      yk_score_choice_set_selected (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_score_choice_class_init (YkScoreChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_score_choice_dispose;
  object_class->get_property = yk_score_choice_get_property;
  object_class->set_property = yk_score_choice_set_property;
  widget_class->mnemonic_activate = yk_score_choice_mnemonic_activate;
  widget_class->grab_focus = yk_score_choice_grab_focus;

  properties[PROP_SELECTED] =
    g_param_spec_uint ("selected", NULL, NULL, 0, N_CHOICES - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * YkScoreChoice::typed:
   *
   * A score was chosen by typing its digit.
   */
  signals[TYPED] = g_signal_new ("typed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-score-choice.ui");
  gtk_widget_class_bind_template_child (widget_class, YkScoreChoice, box);
  gtk_widget_class_bind_template_child_full (widget_class, "button_0", FALSE,
                                             G_STRUCT_OFFSET (YkScoreChoice, buttons) + 0 * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child_full (widget_class, "button_1", FALSE,
                                             G_STRUCT_OFFSET (YkScoreChoice, buttons) + 1 * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child_full (widget_class, "button_2", FALSE,
                                             G_STRUCT_OFFSET (YkScoreChoice, buttons) + 2 * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child_full (widget_class, "button_3", FALSE,
                                             G_STRUCT_OFFSET (YkScoreChoice, buttons) + 3 * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_callback (widget_class, toggled_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yk_score_choice_init (YkScoreChoice *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

guint
yk_score_choice_get_selected (YkScoreChoice *self)
{
  g_return_val_if_fail (YK_IS_SCORE_CHOICE (self), 0);
  return self->selected;
}

void
yk_score_choice_set_selected (YkScoreChoice *self,
                              guint          position)
{
  g_return_if_fail (YK_IS_SCORE_CHOICE (self));
  g_return_if_fail (position < N_CHOICES);

  /* The button's toggled handler updates `selected` and notifies. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->buttons[position]), TRUE);
}

int
yk_score_choice_get_score (YkScoreChoice *self)
{
  g_return_val_if_fail (YK_IS_SCORE_CHOICE (self), 0);
  return scores[self->selected];
}

void
yk_score_choice_set_score (YkScoreChoice *self,
                           int            score)
{
  g_return_if_fail (YK_IS_SCORE_CHOICE (self));
  for (guint i = 0; i < N_CHOICES; i++)
    if (scores[i] == score)
      yk_score_choice_set_selected (self, i);
}
