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
  YkCaseloadRow *followed; /* one of `rows`, or NULL */
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

static guint
index_of_row (YkCaseloadFilterModel *self,
              YkCaseloadRow         *row)
{
  guint index;

  return row != NULL && g_ptr_array_find (self->rows, row, &index) ? index : G_MAXUINT;
}

/* GTK 4.8's list view keeps about 205 rows of widgets around what is
 * on screen; a little more than that either side of the followed row. */
#define FOLLOWED_NEIGHBOURS 250

/* Looks at every row again: matching 5,000 folded keys takes well under
 * a millisecond, so the filter's kind of change is not worth tracking.
 *
 * Every position's row then shows whoever is there now, except near
 * the followed row (the selected one): it and the rows that were within
 * FOLLOWED_NEIGHBOURS of it move with their people, as the items of a
 * GtkFilterListModel did. So the selection, the keyboard focus and the
 * scroll position, which GTK keeps on items, stay with the person
 * selected and those around them; and when the view is there, their
 * widgets move with them instead of being made again. The rows that
 * moved leave their places to rows no longer needed (of people who
 * left, or past the end).
 *
 * Then one items-changed from the first position whose row or person
 * changed: to the last such position when as many are shown as before,
 * else to the end. */
static void
refilter (YkCaseloadFilterModel *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  guint old_n = self->n_items;
  guint followed_from = index_of_row (self, self->followed);
  g_autoptr (GPtrArray) sources = g_ptr_array_new_full (n, g_object_unref);
  g_autoptr (GHashTable) near = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gboolean *used = g_new0 (gboolean, self->rows->len);
  g_autofree gint64 *near_ids = NULL; /* the keys of `near` */
  g_autoptr (GPtrArray) rows = NULL;
  guint new_n, first = G_MAXUINT, last = 0, spare = 0;

  for (guint i = 0; i < n; i++)
    {
      YkCaseloadRow *row = g_list_model_get_item (self->model, i);

      if (self->filter == NULL || gtk_filter_match (self->filter, row))
        g_ptr_array_add (sources, row);
      else
        g_object_unref (row);
    }
  new_n = sources->len;
  rows = g_ptr_array_new_full (MAX (new_n, self->rows->len), g_object_unref);
  g_ptr_array_set_size (rows, new_n);

  /* The followed row and its neighbours, by person: where they go. */
  if (followed_from < old_n)
    {
      guint from = followed_from > FOLLOWED_NEIGHBOURS ? followed_from - FOLLOWED_NEIGHBOURS : 0;
      guint to = MIN (old_n, followed_from + FOLLOWED_NEIGHBOURS + 1);

      near_ids = g_new (gint64, to - from);
      for (guint i = from; i < to; i++)
        {
          near_ids[i - from] = yk_caseload_row_get_client_id (self->rows->pdata[i]);
          g_hash_table_insert (near, &near_ids[i - from], GUINT_TO_POINTER (i + 1));
        }
    }
  for (guint j = 0; j < new_n && g_hash_table_size (near) > 0; j++)
    {
      gint64 id = yk_caseload_row_get_client_id (sources->pdata[j]);
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (near, &id));

      if (from == 0)
        continue;
      rows->pdata[j] = g_object_ref (self->rows->pdata[from - 1]);
      used[from - 1] = TRUE;
    }
  /* Everyone else: the row that was at their position, unless it moved;
   * then a row no longer needed. */
  for (guint j = 0; j < new_n; j++)
    {
      if (rows->pdata[j] != NULL)
        continue;
      if (j < self->rows->len && !used[j])
        {
          rows->pdata[j] = g_object_ref (self->rows->pdata[j]);
          used[j] = TRUE;
          continue;
        }
      /* Not the followed row when its person has gone: the selection
       * would jump to whoever it went to. */
      while (spare < self->rows->len &&
             (used[spare] || (spare < new_n && rows->pdata[spare] == NULL) ||
              self->rows->pdata[spare] == (gpointer) self->followed))
        spare++;
      if (spare < self->rows->len)
        {
          rows->pdata[j] = g_object_ref (self->rows->pdata[spare]);
          used[spare] = TRUE;
        }
      else
        rows->pdata[j] = yk_caseload_row_new_empty ();
    }
  for (guint j = 0; j < new_n; j++)
    {
      gboolean moved = j >= old_n || rows->pdata[j] != self->rows->pdata[j];

      if (yk_caseload_row_show (rows->pdata[j], sources->pdata[j]) || moved)
        {
          first = MIN (first, j);
          last = j;
        }
    }
  /* The rest, kept for reuse, let go of their people. */
  for (guint i = 0; i < self->rows->len; i++)
    if (!used[i])
      {
        yk_caseload_row_show (self->rows->pdata[i], NULL);
        g_ptr_array_add (rows, g_object_ref (self->rows->pdata[i]));
      }
  g_ptr_array_unref (self->rows);
  self->rows = g_steal_pointer (&rows);
  self->n_items = new_n;

  if (old_n != new_n)
    {
      first = MIN (first, MIN (old_n, new_n));
      g_list_model_items_changed (G_LIST_MODEL (self), first, old_n - first, new_n - first);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  else if (first != G_MAXUINT)
    g_list_model_items_changed (G_LIST_MODEL (self), first, last - first + 1, last - first + 1);
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

void
yk_caseload_filter_model_follow (YkCaseloadFilterModel *self,
                                 guint                  position)
{
  g_return_if_fail (YK_IS_CASELOAD_FILTER_MODEL (self));

  self->followed = position < self->n_items ? self->rows->pdata[position] : NULL;
}
