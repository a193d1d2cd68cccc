/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-admin-check-item.h"

struct _YkAdminCheckItem
{
  GObject parent_instance;

  char *what;
  char *result;
  gboolean ok;
};

G_DEFINE_FINAL_TYPE (YkAdminCheckItem, yk_admin_check_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_WHAT,
  PROP_RESULT,
  PROP_OK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yk_admin_check_item_finalize (GObject *object)
{
  YkAdminCheckItem *self = YK_ADMIN_CHECK_ITEM (object);

  g_free (self->what);
  g_free (self->result);
  G_OBJECT_CLASS (yk_admin_check_item_parent_class)->finalize (object);
}

static void
yk_admin_check_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  YkAdminCheckItem *self = YK_ADMIN_CHECK_ITEM (object);

  switch (prop_id)
    {
    case PROP_WHAT:
      g_value_set_string (value, self->what);
      break;
    case PROP_RESULT:
      g_value_set_string (value, self->result);
      break;
    case PROP_OK:
      g_value_set_boolean (value, self->ok);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_admin_check_item_class_init (YkAdminCheckItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yk_admin_check_item_finalize;
  object_class->get_property = yk_admin_check_item_get_property;
  properties[PROP_WHAT] = g_param_spec_string ("what", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESULT] = g_param_spec_string ("result", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OK] = g_param_spec_boolean ("ok", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yk_admin_check_item_init (YkAdminCheckItem *self)
{
}

YkAdminCheckItem *
yk_admin_check_item_new (const char *what,
                         const char *result,
                         gboolean    ok)
{
  YkAdminCheckItem *self;

  g_return_val_if_fail (what != NULL && result != NULL, NULL);
  self = g_object_new (YK_TYPE_ADMIN_CHECK_ITEM, NULL);
  self->what = g_strdup (what);
  self->result = g_strdup (result);
  self->ok = ok;
  return self;
}

const char *
yk_admin_check_item_get_what (YkAdminCheckItem *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_CHECK_ITEM (self), NULL);
  return self->what;
}

const char *
yk_admin_check_item_get_result (YkAdminCheckItem *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_CHECK_ITEM (self), NULL);
  return self->result;
}

gboolean
yk_admin_check_item_get_ok (YkAdminCheckItem *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_CHECK_ITEM (self), FALSE);
  return self->ok;
}
