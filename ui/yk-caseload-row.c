/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-caseload-row.h"
#include "yk-validate.h"

#include <glib/gi18n.h>
#include <string.h>

/* What a row shows, shared (g_rc_box) between the row made from the
 * list and the rows of a YkCaseloadFilterModel that show it: pointing
 * such a row at another person costs a reference, not a copy. */
typedef struct
{
  gint64 client_id;
  char *case_no;
  char *name;        /* as lists show it: masked, or in full (yk_unlocked_session_list_name) */
  gint64 site_id;
  char *site_code;
  char *site_name;
  gint64 worker_id;
  char *worker_name;
  int risk_level;
  YkCaseloadCondition condition;
  int last_contact; /* Julian day; 0: never reached */
  char *last_contact_text;
  int due;          /* Julian day; YK_CASELOAD_ROW_NEVER_DUE */
  char *due_text;
  gboolean overdue;
  gboolean at_risk;
  YkCaseloadStatus status;
  char *referral_source; /* the stored code; NULL: not recorded */
  char *search_key; /* folded case number, name and phone, one a line */
} RowData;

struct _YkCaseloadRow
{
  GObject parent_instance;

  RowData *d; /* never NULL */
};

G_DEFINE_FINAL_TYPE (YkCaseloadRow, yk_caseload_row, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CLIENT_ID,
  PROP_CASE_NO,
  PROP_NAME,
  PROP_SITE_ID,
  PROP_SITE_CODE,
  PROP_SITE_NAME,
  PROP_WORKER_ID,
  PROP_WORKER_NAME,
  PROP_RISK_LEVEL,
  PROP_RISK_TEXT,
  PROP_CONDITION,
  PROP_CONDITION_TEXT,
  PROP_LAST_CONTACT,
  PROP_LAST_CONTACT_TEXT,
  PROP_DUE,
  PROP_DUE_TEXT,
  PROP_OVERDUE,
  PROP_AT_RISK,
  PROP_STATUS,
  PROP_STATUS_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static YkCaseloadCondition
condition_from_code (const char *code)
{
  if (g_strcmp0 (code, "stable") == 0)
    return YK_CASELOAD_CONDITION_STABLE;
  if (g_strcmp0 (code, "basically_stable") == 0)
    return YK_CASELOAD_CONDITION_BASICALLY_STABLE;
  if (g_strcmp0 (code, "unstable") == 0)
    return YK_CASELOAD_CONDITION_UNSTABLE;
  return YK_CASELOAD_CONDITION_NONE;
}

static YkCaseloadStatus
status_from_code (const char *code)
{
  if (g_strcmp0 (code, "referred") == 0)
    return YK_CASELOAD_STATUS_REFERRED;
  if (g_strcmp0 (code, "closed") == 0)
    return YK_CASELOAD_STATUS_CLOSED;
  return YK_CASELOAD_STATUS_ACTIVE;
}

static const char *
condition_text (YkCaseloadCondition condition)
{
  switch (condition)
    {
    case YK_CASELOAD_CONDITION_STABLE:
      return _("Stable");
    case YK_CASELOAD_CONDITION_BASICALLY_STABLE:
      return _("Basically stable");
    case YK_CASELOAD_CONDITION_UNSTABLE:
      return _("Unstable");
    case YK_CASELOAD_CONDITION_NONE:
    default:
      return "—";
    }
}

static const char *
status_text (YkCaseloadStatus status)
{
  switch (status)
    {
    case YK_CASELOAD_STATUS_REFERRED:
      return C_("client status", "Referred");
    case YK_CASELOAD_STATUS_CLOSED:
      return C_("client status", "Closed");
    case YK_CASELOAD_STATUS_ACTIVE:
    default:
      return C_("client status", "Active");
    }
}

/* Digits only, so "138-0013" and "1380013" both find 13800138000. */
static char *
digits_of (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  return g_string_free (digits, FALSE);
}

static void
row_data_clear (gpointer data)
{
  RowData *d = data;

  g_free (d->case_no);
  g_free (d->name);
  g_free (d->site_code);
  g_free (d->site_name);
  g_free (d->worker_name);
  g_free (d->last_contact_text);
  g_free (d->due_text);
  g_free (d->search_key);
  g_free (d->referral_source);
}

static void
row_data_release (RowData *d)
{
  g_rc_box_release_full (d, row_data_clear);
}

/* What a row made empty shows (yk_caseload_row_new_empty()), shared. */
static RowData *
empty_data (void)
{
  static RowData *empty;

  if (g_once_init_enter (&empty))
    {
      RowData *d = g_rc_box_new0 (RowData);

      d->risk_level = -1;
      d->due = YK_CASELOAD_ROW_NEVER_DUE;
      d->search_key = g_strdup ("");
      g_once_init_leave (&empty, d);
    }
  return g_rc_box_acquire (empty);
}

static void
yk_caseload_row_finalize (GObject *object)
{
  YkCaseloadRow *self = YK_CASELOAD_ROW (object);

  g_clear_pointer (&self->d, row_data_release);
  G_OBJECT_CLASS (yk_caseload_row_parent_class)->finalize (object);
}

static void
yk_caseload_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YkCaseloadRow *self = YK_CASELOAD_ROW (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->d->client_id);
      break;
    case PROP_CASE_NO:
      g_value_set_string (value, self->d->case_no);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->d->name);
      break;
    case PROP_SITE_ID:
      g_value_set_int64 (value, self->d->site_id);
      break;
    case PROP_SITE_CODE:
      g_value_set_string (value, self->d->site_code);
      break;
    case PROP_SITE_NAME:
      g_value_set_string (value, self->d->site_name);
      break;
    case PROP_WORKER_ID:
      g_value_set_int64 (value, self->d->worker_id);
      break;
    case PROP_WORKER_NAME:
      g_value_set_string (value, self->d->worker_name != NULL ? self->d->worker_name : _("Unassigned"));
      break;
    case PROP_RISK_LEVEL:
      g_value_set_int (value, self->d->risk_level);
      break;
    case PROP_RISK_TEXT:
      if (self->d->risk_level < 0)
        g_value_set_string (value, "—");
      else
        g_value_take_string (value, g_strdup_printf (_("Level %d"), self->d->risk_level));
      break;
    case PROP_CONDITION:
      g_value_set_int (value, self->d->condition);
      break;
    case PROP_CONDITION_TEXT:
      g_value_set_string (value, condition_text (self->d->condition));
      break;
    case PROP_LAST_CONTACT:
      g_value_set_int (value, self->d->last_contact);
      break;
    case PROP_LAST_CONTACT_TEXT:
      g_value_set_string (value, self->d->last_contact_text != NULL ? self->d->last_contact_text : _("Never"));
      break;
    case PROP_DUE:
      g_value_set_int (value, self->d->due);
      break;
    case PROP_DUE_TEXT:
      g_value_set_string (value, self->d->due_text != NULL ? self->d->due_text : "—");
      break;
    case PROP_OVERDUE:
      g_value_set_boolean (value, self->d->overdue);
      break;
    case PROP_AT_RISK:
      g_value_set_boolean (value, self->d->at_risk);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->d->status);
      break;
    case PROP_STATUS_TEXT:
      g_value_set_string (value, status_text (self->d->status));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_caseload_row_class_init (YkCaseloadRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = yk_caseload_row_finalize;
  object_class->get_property = yk_caseload_row_get_property;

  properties[PROP_CLIENT_ID] = g_param_spec_int64 ("client-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CASE_NO] = g_param_spec_string ("case-no", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_SITE_ID] = g_param_spec_int64 ("site-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SITE_CODE] = g_param_spec_string ("site-code", NULL, NULL, NULL, flags);
  properties[PROP_SITE_NAME] = g_param_spec_string ("site-name", NULL, NULL, NULL, flags);
  properties[PROP_WORKER_ID] = g_param_spec_int64 ("worker-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_WORKER_NAME] = g_param_spec_string ("worker-name", NULL, NULL, NULL, flags);
  properties[PROP_RISK_LEVEL] = g_param_spec_int ("risk-level", NULL, NULL, -1, 5, -1, flags);
  properties[PROP_RISK_TEXT] = g_param_spec_string ("risk-text", NULL, NULL, NULL, flags);
  properties[PROP_CONDITION] = g_param_spec_int ("condition", NULL, NULL, YK_CASELOAD_CONDITION_NONE,
                                                 YK_CASELOAD_CONDITION_UNSTABLE, YK_CASELOAD_CONDITION_NONE, flags);
  properties[PROP_CONDITION_TEXT] = g_param_spec_string ("condition-text", NULL, NULL, NULL, flags);
  properties[PROP_LAST_CONTACT] = g_param_spec_int ("last-contact", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_LAST_CONTACT_TEXT] = g_param_spec_string ("last-contact-text", NULL, NULL, NULL, flags);
  properties[PROP_DUE] = g_param_spec_int ("due", NULL, NULL, 0, G_MAXINT, YK_CASELOAD_ROW_NEVER_DUE, flags);
  properties[PROP_DUE_TEXT] = g_param_spec_string ("due-text", NULL, NULL, NULL, flags);
  properties[PROP_OVERDUE] = g_param_spec_boolean ("overdue", NULL, NULL, FALSE, flags);
  properties[PROP_AT_RISK] = g_param_spec_boolean ("at-risk", NULL, NULL, FALSE, flags);
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, YK_CASELOAD_STATUS_ACTIVE,
                                              YK_CASELOAD_STATUS_CLOSED, YK_CASELOAD_STATUS_ACTIVE, flags);
  properties[PROP_STATUS_TEXT] = g_param_spec_string ("status-text", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yk_caseload_row_init (YkCaseloadRow *self)
{
}

YkCaseloadRow *
yk_caseload_row_new (const YkCaseloadEntry *entry,
                     const char            *name)
{
  YkCaseloadRow *self;
  g_autofree char *phone_digits = NULL;
  g_autofree char *key = NULL;
  GDate date;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (YK_TYPE_CASELOAD_ROW, NULL);
  self->d = g_rc_box_new0 (RowData);
  self->d->risk_level = -1;
  self->d->due = YK_CASELOAD_ROW_NEVER_DUE;
  self->d->client_id = entry->client_id;
  self->d->case_no = g_strdup (entry->case_no);
  self->d->name = g_strdup (name);
  self->d->site_id = entry->site_id;
  self->d->site_code = g_strdup (entry->site_code);
  self->d->site_name = g_strdup (entry->site_name);
  self->d->worker_id = entry->worker_id;
  self->d->worker_name = g_strdup (entry->worker_name);
  self->d->risk_level = entry->risk_level;
  self->d->condition = condition_from_code (entry->condition);
  if (entry->last_contact != NULL && yk_date_parse (entry->last_contact, &date, NULL))
    {
      self->d->last_contact = (int) g_date_get_julian (&date);
      self->d->last_contact_text = yk_date_format_iso (&date);
    }
  if (g_date_valid (&entry->due))
    {
      self->d->due = (int) g_date_get_julian (&entry->due);
      self->d->due_text = yk_date_format_iso (&entry->due);
    }
  self->d->overdue = entry->overdue;
  self->d->at_risk = entry->at_risk;
  self->d->status = status_from_code (entry->status);
  self->d->referral_source = g_strdup (entry->referral_source);

  phone_digits = digits_of (entry->phone);
  key = g_strjoin ("\n", entry->case_no != NULL ? entry->case_no : "", entry->name != NULL ? entry->name : "",
                   entry->phone != NULL ? entry->phone : "", phone_digits, NULL);
  self->d->search_key = yk_caseload_search_fold (key);
  return self;
}

gint64
yk_caseload_row_get_client_id (YkCaseloadRow *self)
{
  g_return_val_if_fail (YK_IS_CASELOAD_ROW (self), 0);
  return self->d->client_id;
}

const char *
yk_caseload_row_get_case_no (YkCaseloadRow *self)
{
  g_return_val_if_fail (YK_IS_CASELOAD_ROW (self), NULL);
  return self->d->case_no;
}

const char *
yk_caseload_row_get_name (YkCaseloadRow *self)
{
  g_return_val_if_fail (YK_IS_CASELOAD_ROW (self), NULL);
  return self->d->name;
}

gint64
yk_caseload_row_get_site_id (YkCaseloadRow *self)
{
  g_return_val_if_fail (YK_IS_CASELOAD_ROW (self), 0);
  return self->d->site_id;
}

gint64
yk_caseload_row_get_worker_id (YkCaseloadRow *self)
{
  g_return_val_if_fail (YK_IS_CASELOAD_ROW (self), 0);
  return self->d->worker_id;
}

const char *
yk_caseload_row_get_worker_name (YkCaseloadRow *self)
{
  g_return_val_if_fail (YK_IS_CASELOAD_ROW (self), NULL);
  return self->d->worker_name;
}

int
yk_caseload_row_get_risk_level (YkCaseloadRow *self)
{
  g_return_val_if_fail (YK_IS_CASELOAD_ROW (self), -1);
  return self->d->risk_level;
}

YkCaseloadCondition
yk_caseload_row_get_condition (YkCaseloadRow *self)
{
  g_return_val_if_fail (YK_IS_CASELOAD_ROW (self), YK_CASELOAD_CONDITION_NONE);
  return self->d->condition;
}

YkCaseloadStatus
yk_caseload_row_get_status (YkCaseloadRow *self)
{
  g_return_val_if_fail (YK_IS_CASELOAD_ROW (self), YK_CASELOAD_STATUS_ACTIVE);
  return self->d->status;
}

int
yk_caseload_row_get_due (YkCaseloadRow *self)
{
  g_return_val_if_fail (YK_IS_CASELOAD_ROW (self), YK_CASELOAD_ROW_NEVER_DUE);
  return self->d->due;
}

gboolean
yk_caseload_row_get_overdue (YkCaseloadRow *self)
{
  g_return_val_if_fail (YK_IS_CASELOAD_ROW (self), FALSE);
  return self->d->overdue;
}

gboolean
yk_caseload_row_get_at_risk (YkCaseloadRow *self)
{
  g_return_val_if_fail (YK_IS_CASELOAD_ROW (self), FALSE);
  return self->d->at_risk;
}

gboolean
yk_caseload_row_equal (YkCaseloadRow *a,
                       YkCaseloadRow *b)
{
  g_return_val_if_fail (YK_IS_CASELOAD_ROW (a) && YK_IS_CASELOAD_ROW (b), FALSE);

  if (a->d == b->d)
    return TRUE;
  return a->d->client_id == b->d->client_id && g_strcmp0 (a->d->case_no, b->d->case_no) == 0 &&
         g_strcmp0 (a->d->name, b->d->name) == 0 && a->d->site_id == b->d->site_id &&
         g_strcmp0 (a->d->site_code, b->d->site_code) == 0 && g_strcmp0 (a->d->site_name, b->d->site_name) == 0 &&
         a->d->worker_id == b->d->worker_id && g_strcmp0 (a->d->worker_name, b->d->worker_name) == 0 &&
         a->d->risk_level == b->d->risk_level && a->d->condition == b->d->condition && a->d->last_contact == b->d->last_contact &&
         a->d->due == b->d->due && a->d->overdue == b->d->overdue && a->d->at_risk == b->d->at_risk && a->d->status == b->d->status &&
         g_strcmp0 (a->d->referral_source, b->d->referral_source) == 0 && g_strcmp0 (a->d->search_key, b->d->search_key) == 0;
}

const char *
yk_caseload_row_get_referral_source (YkCaseloadRow *self)
{
  g_return_val_if_fail (YK_IS_CASELOAD_ROW (self), NULL);
  return self->d->referral_source;
}

gboolean
yk_caseload_row_matches (YkCaseloadRow *self,
                         const char    *needle)
{
  return needle == NULL || *needle == '\0' || strstr (self->d->search_key, needle) != NULL;
}

YkCaseloadRow *
yk_caseload_row_new_empty (void)
{
  YkCaseloadRow *self = g_object_new (YK_TYPE_CASELOAD_ROW, NULL);

  self->d = empty_data ();
  return self;
}

gboolean
yk_caseload_row_show (YkCaseloadRow *self,
                      YkCaseloadRow *other)
{
  RowData *d;

  g_return_val_if_fail (YK_IS_CASELOAD_ROW (self), FALSE);

  d = other != NULL ? g_rc_box_acquire (other->d) : empty_data ();
  if (d == self->d)
    {
      row_data_release (d);
      return FALSE;
    }
  row_data_release (self->d);
  self->d = d;
  return TRUE;
}

gboolean
yk_caseload_row_shows (YkCaseloadRow *self,
                       YkCaseloadRow *other)
{
  g_return_val_if_fail (YK_IS_CASELOAD_ROW (self) && YK_IS_CASELOAD_ROW (other), FALSE);
  return self->d == other->d;
}
