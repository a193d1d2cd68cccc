/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-audit-entry-item.h"
#include "yk-audit-words.h"

struct _YkAuditEntryItem
{
  GObject parent_instance;

  char *at;
  char *account;
  char *action;
  char *action_label;
  char *record;
  char *record_tip;
  char *detail;
  char *detail_tip;
};

G_DEFINE_FINAL_TYPE (YkAuditEntryItem, yk_audit_entry_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_AT,
  PROP_ACCOUNT,
  PROP_ACTION,
  PROP_ACTION_LABEL,
  PROP_RECORD,
  PROP_RECORD_TIP,
  PROP_DETAIL,
  PROP_DETAIL_TIP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
yk_audit_entry_item_finalize (GObject *object)
{
  YkAuditEntryItem *self = YK_AUDIT_ENTRY_ITEM (object);

  g_free (self->at);
  g_free (self->account);
  g_free (self->action);
  g_free (self->action_label);
  g_free (self->record);
  g_free (self->record_tip);
  g_free (self->detail);
  g_free (self->detail_tip);
  G_OBJECT_CLASS (yk_audit_entry_item_parent_class)->finalize (object);
}

static void
yk_audit_entry_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  YkAuditEntryItem *self = YK_AUDIT_ENTRY_ITEM (object);
  const char *values[N_PROPS] = { NULL, self->at, self->account, self->action, self->action_label,
                                  self->record, self->record_tip, self->detail, self->detail_tip };

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, values[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
yk_audit_entry_item_class_init (YkAuditEntryItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[] = { NULL, "at", "account", "action", "action-label", "record", "record-tip", "detail",
                          "detail-tip" };

  object_class->finalize = yk_audit_entry_item_finalize;
  object_class->get_property = yk_audit_entry_item_get_property;
  for (guint i = PROP_AT; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yk_audit_entry_item_init (YkAuditEntryItem *self)
{
}

YkAuditEntryItem *
yk_audit_entry_item_new (const YkAuditRow *entry,
                         const char       *record)
{
  YkAuditEntryItem *self;

  g_return_val_if_fail (entry != NULL, NULL);
  self = g_object_new (YK_TYPE_AUDIT_ENTRY_ITEM, NULL);
  self->at = yk_audit_local_time (entry->at);
  self->account = g_strdup (entry->account != NULL ? entry->account : "");
  self->action = g_strdup (entry->action);
  self->action_label = g_strdup (yk_audit_action_label (entry->action));
  self->record = g_strdup (record != NULL ? record : "");
  self->detail = g_strdup (entry->detail != NULL ? entry->detail : "");
  /* The words in full if cut, and the table#id the record filter takes;
   * no tooltip at all where there is nothing to say. */
  if (entry->record_table != NULL && entry->record_id > 0)
    self->record_tip = g_strdup_printf ("%s\n%s#%lld", self->record, entry->record_table,
                                        (long long) entry->record_id);
  if (*self->detail != '\0')
    self->detail_tip = g_strdup (self->detail);
  return self;
}
