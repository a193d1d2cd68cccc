/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-caseload-filter-model.h"
#include "yk-caseload-row.h"

struct _YkCaseloadFilterModel
{
  GObject parent_instance;

  GListModel *model;
  GtkFilter *filter;
  /* The rows handed out, position by position; the first n_items show
   * the rows of `model` the filter matches, the rest (kept for reuse)
   * show nobody. */
  GPtrArray *rows;
  guint n_items;
  gboolean changing; /* emitting items-changed */
};

static void yk_caseload_filter_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (YkCaseloadFilterModel, yk_caseload_filter_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, yk_caseload_filter_model_list_model_init))

enum
{
  PROP_0,
  PROP_MODEL,
  PROP_FILTER,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *list)
{
  return YK_TYPE_CASELOAD_ROW;
}

static guint
get_n_items (GListModel *list)
{
  return YK_CASELOAD_FILTER_MODEL (list)->n_items;
}

static gpointer
get_item (GListModel *list,
          guint       position)
{
  YkCaseloadFilterModel *self = YK_CASELOAD_FILTER_MODEL (list);

  return position < self->n_items ? g_object_ref (self->rows->pdata[position]) : NULL;
}

static void
yk_caseload_filter_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* Looks at every row again: matching 5,000 folded keys takes well under
 * a millisecond, so the filter's kind of change is not worth tracking.
 * Then one items-changed from the first position whose person changed:
 * to the last such position when as many are shown as before, else to
 * the end. */
static void
refilter (YkCaseloadFilterModel *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  guint old_n = self->n_items;
  guint new_n = 0;
  guint first = G_MAXUINT, last = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (YkCaseloadRow) row = g_list_model_get_item (self->model, i);

      if (self->filter != NULL && !gtk_filter_match (self->filter, row))
        continue;
      if (new_n == self->rows->len)
        g_ptr_array_add (self->rows, yk_caseload_row_new_empty ());
      if (yk_caseload_row_show (self->rows->pdata[new_n], row))
        {
          first = MIN (first, new_n);
          last = new_n;
        }
      new_n++;
    }
  /* Those no longer shown let go of their people. */
  for (guint i = new_n; i < old_n; i++)
    yk_caseload_row_show (self->rows->pdata[i], NULL);
  self->n_items = new_n;

  self->changing = TRUE;
  if (old_n != new_n)
    {
      first = MIN (first, MIN (old_n, new_n));
      g_list_model_items_changed (G_LIST_MODEL (self), first, old_n - first, new_n - first);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  else if (first != G_MAXUINT)
    g_list_model_items_changed (G_LIST_MODEL (self), first, last - first + 1, last - first + 1);
  self->changing = FALSE;
}

static void
model_items_changed_cb (YkCaseloadFilterModel *self)
{
  refilter (self);
}

static void
filter_changed_cb (YkCaseloadFilterModel *self)
{
  refilter (self);
}

static void
yk_caseload_filter_model_dispose (GObject *object)
{
  YkCaseloadFilterModel *self = YK_CASELOAD_FILTER_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->model);
  g_clear_object (&self->filter);
  G_OBJECT_CLASS (yk_caseload_filter_model_parent_class)->dispose (object);
}

static void
yk_caseload_filter_model_finalize (GObject *object)
{
  YkCaseloadFilterModel *self = YK_CASELOAD_FILTER_MODEL (object);

  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (yk_caseload_filter_model_parent_class)->finalize (object);
}

static void
yk_caseload_filter_model_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  YkCaseloadFilterModel *self = YK_CASELOAD_FILTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_caseload_filter_model_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  YkCaseloadFilterModel *self = YK_CASELOAD_FILTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      yk_caseload_filter_model_set_model (self, g_value_get_object (value));
      break;
    case PROP_FILTER:
      yk_caseload_filter_model_set_filter (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_caseload_filter_model_class_init (YkCaseloadFilterModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = yk_caseload_filter_model_dispose;
  object_class->finalize = yk_caseload_filter_model_finalize;
  object_class->get_property = yk_caseload_filter_model_get_property;
  object_class->set_property = yk_caseload_filter_model_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, GTK_TYPE_FILTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yk_caseload_filter_model_init (YkCaseloadFilterModel *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

YkCaseloadFilterModel *
yk_caseload_filter_model_new (GListModel *model,
                              GtkFilter  *filter)
{
  return g_object_new (YK_TYPE_CASELOAD_FILTER_MODEL, "model", model, "filter", filter, NULL);
}

void
yk_caseload_filter_model_set_model (YkCaseloadFilterModel *self,
                                    GListModel            *model)
{
  g_return_if_fail (YK_IS_CASELOAD_FILTER_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_swapped (model, "items-changed", G_CALLBACK (model_items_changed_cb), self);
  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

void
yk_caseload_filter_model_set_filter (YkCaseloadFilterModel *self,
                                     GtkFilter             *filter)
{
  g_return_if_fail (YK_IS_CASELOAD_FILTER_MODEL (self));
  g_return_if_fail (filter == NULL || GTK_IS_FILTER (filter));

  if (self->filter == filter)
    return;
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_set_object (&self->filter, filter);
  if (filter != NULL)
    g_signal_connect_swapped (filter, "changed", G_CALLBACK (filter_changed_cb), self);
  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

gboolean
yk_caseload_filter_model_is_changing (YkCaseloadFilterModel *self)
{
  g_return_val_if_fail (YK_IS_CASELOAD_FILTER_MODEL (self), FALSE);
  return self->changing;
}
