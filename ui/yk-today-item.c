/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-today-item.h"
#include "yk-today.h"
#include "yk-validate.h"

#include <glib/gi18n.h>

struct _YkTodayItem
{
  GObject parent_instance;

  gint64 client_id;
  char *case_no;
  char *name;    /* masked */
  char *due;     /* "逾期 12 天", "3 天后到期" */
  char *details; /* case number, last contact, due date, worker */
  char *risk;    /* "风险等级 4 级 · 不稳定" */
  int overdue_days;
  gboolean at_risk;
};

G_DEFINE_FINAL_TYPE (YkTodayItem, yk_today_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CLIENT_ID,
  PROP_TARGET,
  PROP_CASE_NO,
  PROP_NAME,
  PROP_DUE,
  PROP_DETAILS,
  PROP_RISK,
  PROP_OVERDUE,
  PROP_ON_TIME,
  PROP_OVERDUE_DAYS,
  PROP_AT_RISK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
due_text (const GDate *due,
          const GDate *today)
{
  int days = g_date_days_between (today, due);

  if (days < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day overdue", "%d days overdue", (gulong) -days),
                            -days);
  if (days == 0)
    return g_strdup (_("Due today"));
  if (days == 1)
    return g_strdup (_("Due tomorrow"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due in %d day", "Due in %d days", (gulong) days), days);
}

/* Parts of a line, as lists write them in either language. */
#define SEPARATOR " · "

static char *
risk_text (const YkFollowup *followup)
{
  g_autofree char *level = NULL;

  /* Only what puts them on the list: level 3 and above, or 不稳定. */
  if (followup->risk_level >= 3)
    level = g_strdup_printf (_("Risk level %d"), followup->risk_level);
  if (g_strcmp0 (followup->condition, "unstable") != 0)
    return g_steal_pointer (&level);
  if (level == NULL)
    return g_strdup (C_("condition", "Unstable"));
  return g_strconcat (level, SEPARATOR, C_("condition", "Unstable"), NULL);
}

static char *
details_text (const YkFollowup *followup,
              const char       *worker_name)
{
  g_autofree char *due = yk_date_format_iso (&followup->due);
  g_autofree char *last = followup->last_contact != NULL
                            ? g_strdup_printf (_("Last contact %s"), followup->last_contact)
                            : g_strdup (_("Never reached"));
  g_autofree char *due_on = g_strdup_printf (_("Due on %s"), due);
  g_autofree char *worker = NULL;

  if (worker_name != NULL && *worker_name != '\0')
    worker = g_strdup_printf (_("Worker %s"), worker_name);
  return g_strjoin (SEPARATOR, followup->case_no, last, due_on, worker, NULL);
}

static void
yk_today_item_finalize (GObject *object)
{
  YkTodayItem *self = YK_TODAY_ITEM (object);

  g_free (self->case_no);
  g_free (self->name);
  g_free (self->due);
  g_free (self->details);
  g_free (self->risk);
  G_OBJECT_CLASS (yk_today_item_parent_class)->finalize (object);
}

static void
yk_today_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  YkTodayItem *self = YK_TODAY_ITEM (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;
    case PROP_TARGET:
      g_value_take_variant (value, g_variant_ref_sink (g_variant_new_int64 (self->client_id)));
      break;
    case PROP_CASE_NO:
      g_value_set_string (value, self->case_no);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DUE:
      g_value_set_string (value, self->due);
      break;
    case PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;
    case PROP_RISK:
      g_value_set_string (value, self->risk);
      break;
    case PROP_OVERDUE:
      g_value_set_boolean (value, self->overdue_days > 0);
      break;
    case PROP_ON_TIME:
      g_value_set_boolean (value, self->overdue_days <= 0);
      break;
    case PROP_OVERDUE_DAYS:
      g_value_set_int (value, self->overdue_days);
      break;
    case PROP_AT_RISK:
      g_value_set_boolean (value, self->at_risk);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_today_item_class_init (YkTodayItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = yk_today_item_finalize;
  object_class->get_property = yk_today_item_get_property;

  properties[PROP_CLIENT_ID] = g_param_spec_int64 ("client-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /* The client id as the "x" target of case.open and record.*. */
  properties[PROP_TARGET] = g_param_spec_variant ("target", NULL, NULL, G_VARIANT_TYPE_INT64, NULL, flags);
  properties[PROP_CASE_NO] = g_param_spec_string ("case-no", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DUE] = g_param_spec_string ("due", NULL, NULL, NULL, flags);
  properties[PROP_DETAILS] = g_param_spec_string ("details", NULL, NULL, NULL, flags);
  properties[PROP_RISK] = g_param_spec_string ("risk", NULL, NULL, NULL, flags);
  properties[PROP_OVERDUE] = g_param_spec_boolean ("overdue", NULL, NULL, FALSE, flags);
  /* The opposite of overdue, so a template can show one of two labels. */
  properties[PROP_ON_TIME] = g_param_spec_boolean ("on-time", NULL, NULL, TRUE, flags);
  properties[PROP_OVERDUE_DAYS] = g_param_spec_int ("overdue-days", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_AT_RISK] = g_param_spec_boolean ("at-risk", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yk_today_item_init (YkTodayItem *self)
{
}

/* `name` as the list shows it (yk_unlocked_session_list_name()).
 * `worker_name` NULL: the rows are all one's own, so it is left out. */
YkTodayItem *
yk_today_item_new (const YkFollowup *followup,
                   const char       *name,
                   const GDate      *today,
                   const char       *worker_name)
{
  YkTodayItem *self = g_object_new (YK_TYPE_TODAY_ITEM, NULL);

  self->client_id = followup->client_id;
  self->case_no = g_strdup (followup->case_no);
  self->name = g_strdup (name);
  self->due = due_text (&followup->due, today);
  self->details = details_text (followup, worker_name);
  self->risk = risk_text (followup);
  self->overdue_days = g_date_days_between (&followup->due, today);
  self->at_risk = followup->at_risk;
  return self;
}

gint64
yk_today_item_get_client_id (YkTodayItem *self)
{
  g_return_val_if_fail (YK_IS_TODAY_ITEM (self), 0);
  return self->client_id;
}

const char *
yk_today_item_get_case_no (YkTodayItem *self)
{
  g_return_val_if_fail (YK_IS_TODAY_ITEM (self), NULL);
  return self->case_no;
}

const char *
yk_today_item_get_name (YkTodayItem *self)
{
  g_return_val_if_fail (YK_IS_TODAY_ITEM (self), NULL);
  return self->name;
}

const char *
yk_today_item_get_due (YkTodayItem *self)
{
  g_return_val_if_fail (YK_IS_TODAY_ITEM (self), NULL);
  return self->due;
}

const char *
yk_today_item_get_details (YkTodayItem *self)
{
  g_return_val_if_fail (YK_IS_TODAY_ITEM (self), NULL);
  return self->details;
}

/* Days past the due date; 0 or less when not overdue. */
int
yk_today_item_get_overdue_days (YkTodayItem *self)
{
  g_return_val_if_fail (YK_IS_TODAY_ITEM (self), 0);
  return self->overdue_days;
}
