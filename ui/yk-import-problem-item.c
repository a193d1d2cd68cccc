/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-import-problem-item.h"

struct _YkImportProblemItem
{
  GObject parent_instance;

  char *file;
  char *line;
  char *column;
  char *reason;
};

G_DEFINE_FINAL_TYPE (YkImportProblemItem, yk_import_problem_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FILE,
  PROP_LINE,
  PROP_COLUMN,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yk_import_problem_item_finalize (GObject *object)
{
  YkImportProblemItem *self = YK_IMPORT_PROBLEM_ITEM (object);

  g_free (self->file);
  g_free (self->line);
  g_free (self->column);
  g_free (self->reason);
  G_OBJECT_CLASS (yk_import_problem_item_parent_class)->finalize (object);
}

static void
yk_import_problem_item_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  YkImportProblemItem *self = YK_IMPORT_PROBLEM_ITEM (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_string (value, self->file);
      break;
    case PROP_LINE:
      g_value_set_string (value, self->line);
      break;
    case PROP_COLUMN:
      g_value_set_string (value, self->column);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_import_problem_item_class_init (YkImportProblemItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[] = { NULL, "file", "line", "column", "reason" };

  object_class->finalize = yk_import_problem_item_finalize;
  object_class->get_property = yk_import_problem_item_get_property;
  for (guint i = PROP_FILE; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yk_import_problem_item_init (YkImportProblemItem *self)
{
}

YkImportProblemItem *
yk_import_problem_item_new (const YkLedgerProblem *problem)
{
  YkImportProblemItem *self;

  g_return_val_if_fail (problem != NULL, NULL);
  self = g_object_new (YK_TYPE_IMPORT_PROBLEM_ITEM, NULL);
  self->file = g_strdup (problem->file);
  self->line = g_strdup_printf ("%u", problem->line);
  /* "-": the problem is the row's or the file's, not one column's. */
  self->column = g_strdup (problem->column != NULL && !g_str_equal (problem->column, "-") ? problem->column : "");
  self->reason = g_strdup (problem->reason);
  return self;
}
