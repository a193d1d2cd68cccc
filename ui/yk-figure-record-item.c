/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-figure-record-item.h"
#include "yk-training.h"

#include <glib/gi18n.h>

struct _YkFigureRecordItem
{
  GObject parent_instance;

  YkFigureRecord record; /* a deep copy */
  char *baseline;
  char *latest;
  char *weight;
};

G_DEFINE_FINAL_TYPE (YkFigureRecordItem, yk_figure_record_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DATE,
  PROP_KIND,
  PROP_CASE_NO,
  PROP_NAME,
  PROP_DETAIL,
  PROP_BASELINE,
  PROP_LATEST,
  PROP_WEIGHT,
  PROP_CLIENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
sdss (int total, const char *date)
{
  /* TRANSLATORS: an SDSS total and the date of its assessment */
  return g_strdup_printf (_("%1$d (%2$s)"), total, date);
}

static void
yk_figure_record_item_finalize (GObject *object)
{
  YkFigureRecordItem *self = YK_FIGURE_RECORD_ITEM (object);

  g_free (self->record.date);
  g_free (self->record.kind);
  g_free (self->record.case_no);
  g_free (self->record.name);
  g_free (self->record.detail);
  g_free (self->record.baseline_date);
  g_free (self->record.latest_date);
  g_free (self->baseline);
  g_free (self->latest);
  g_free (self->weight);
  G_OBJECT_CLASS (yk_figure_record_item_parent_class)->finalize (object);
}

static void
yk_figure_record_item_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  YkFigureRecordItem *self = YK_FIGURE_RECORD_ITEM (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->record.date);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->record.kind);
      break;
    case PROP_CASE_NO:
      g_value_set_string (value, self->record.case_no);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->record.name);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->record.detail);
      break;
    case PROP_BASELINE:
      g_value_set_string (value, self->baseline);
      break;
    case PROP_LATEST:
      g_value_set_string (value, self->latest);
      break;
    case PROP_WEIGHT:
      g_value_set_string (value, self->weight);
      break;
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->record.client_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_figure_record_item_class_init (YkFigureRecordItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[] = { NULL, "date", "kind", "case-no", "name", "detail", "baseline", "latest", "weight" };

  object_class->finalize = yk_figure_record_item_finalize;
  object_class->get_property = yk_figure_record_item_get_property;

  for (guint i = PROP_DATE; i <= PROP_WEIGHT; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yk_figure_record_item_init (YkFigureRecordItem *self)
{
}

/* `name` as the list shows it (yk_unlocked_session_list_name()); the
 * record's own full name is not kept. */
YkFigureRecordItem *
yk_figure_record_item_new (const YkFigureRecord *record,
                           const char           *name)
{
  YkFigureRecordItem *self = g_object_new (YK_TYPE_FIGURE_RECORD_ITEM, NULL);

  self->record = *record;
  self->record.date = g_strdup (record->date);
  self->record.kind = g_strdup (record->kind);
  self->record.case_no = g_strdup (record->case_no);
  self->record.name = g_strdup (name);
  self->record.full_name = NULL;
  self->record.detail = g_strdup (record->detail);
  self->record.baseline_date = g_strdup (record->baseline_date);
  self->record.latest_date = g_strdup (record->latest_date);
  if (record->has_sdss)
    {
      self->baseline = sdss (record->baseline_total, record->baseline_date);
      self->latest = sdss (record->latest_total, record->latest_date);
    }
  self->weight = record->hours ? yk_training_hours_format (record->weight)
                               : g_strdup_printf ("%lld", (long long) record->weight);
  return self;
}

const YkFigureRecord *
yk_figure_record_item_get_record (YkFigureRecordItem *self)
{
  g_return_val_if_fail (YK_IS_FIGURE_RECORD_ITEM (self), NULL);
  return &self->record;
}
