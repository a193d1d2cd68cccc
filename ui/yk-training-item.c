/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-training-item.h"

struct _YkTrainingItem
{
  GObject parent_instance;

  gint64 id;
  char *date;
  char *title;
  char *hours;
  char *provider;
  char *attendees;
};

G_DEFINE_FINAL_TYPE (YkTrainingItem, yk_training_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DATE,
  PROP_TITLE,
  PROP_HOURS,
  PROP_PROVIDER,
  PROP_ATTENDEES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yk_training_item_finalize (GObject *object)
{
  YkTrainingItem *self = YK_TRAINING_ITEM (object);

  g_free (self->date);
  g_free (self->title);
  g_free (self->hours);
  g_free (self->provider);
  g_free (self->attendees);
  G_OBJECT_CLASS (yk_training_item_parent_class)->finalize (object);
}

static void
yk_training_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YkTrainingItem *self = YK_TRAINING_ITEM (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_HOURS:
      g_value_set_string (value, self->hours);
      break;
    case PROP_PROVIDER:
      g_value_set_string (value, self->provider);
      break;
    case PROP_ATTENDEES:
      g_value_set_string (value, self->attendees);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_training_item_class_init (YkTrainingItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yk_training_item_finalize;
  object_class->get_property = yk_training_item_get_property;
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOURS] = g_param_spec_string ("hours", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROVIDER] =
    g_param_spec_string ("provider", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ATTENDEES] =
    g_param_spec_string ("attendees", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yk_training_item_init (YkTrainingItem *self)
{
}

YkTrainingItem *
yk_training_item_new (const YkTrainingSession *session)
{
  YkTrainingItem *self = g_object_new (YK_TYPE_TRAINING_ITEM, NULL);
  GString *names = g_string_new (NULL);

  g_return_val_if_fail (session != NULL, self);
  self->id = session->id;
  self->date = g_strdup (session->date);
  self->title = g_strdup (session->title);
  self->hours = yk_training_hours_format (session->hours_tenths);
  self->provider = g_strdup (session->provider != NULL ? session->provider : "");
  for (guint i = 0; i < session->attendees->len; i++)
    g_string_append_printf (names, "%s%s", i ? "、" : "", (const char *) session->attendees->pdata[i]);
  self->attendees = g_string_free (names, FALSE);
  return self;
}

gint64
yk_training_item_get_id (YkTrainingItem *self)
{
  g_return_val_if_fail (YK_IS_TRAINING_ITEM (self), 0);
  return self->id;
}
