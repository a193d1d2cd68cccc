/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-timeline-item.h"

#include <glib/gi18n.h>

struct _YkTimelineItem
{
  GObject parent_instance;

  YkCaseEventKind kind;
  const char *table;
  gint64 record_id;
  char *date;
  char *title;
  char *summary;
  gboolean voided;
  char *void_reason;
  gboolean can_void;
  gboolean can_correct;
  GMenuModel *menu;   /* the row's 操作 menu, made when first asked for */
};

G_DEFINE_FINAL_TYPE (YkTimelineItem, yk_timeline_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ICON_NAME,
  PROP_DATE,
  PROP_TITLE,
  PROP_TITLE_MARKUP,
  PROP_SUMMARY,
  PROP_SUMMARY_MARKUP,
  PROP_HAS_SUMMARY,
  PROP_VOIDED,
  PROP_VOID_NOTE,
  PROP_CAN_VOID,
  PROP_VOID_TARGET,
  PROP_VOID_ACTION,
  PROP_CAN_CORRECT,
  PROP_MENU_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
icon_name (YkCaseEventKind kind)
{
  switch (kind)
    {
    case YK_CASE_EVENT_INTAKE:
      return "document-new-symbolic";
    case YK_CASE_EVENT_STATUS:
      return "emblem-documents-symbolic";
    case YK_CASE_EVENT_HOME_VISIT:
      return "go-home-symbolic";
    case YK_CASE_EVENT_PHONE:
      return "call-start-symbolic";
    case YK_CASE_EVENT_ACTIVITY:
      return "system-users-symbolic";
    case YK_CASE_EVENT_ASSESSMENT:
      return "x-office-document-symbolic";
    case YK_CASE_EVENT_PLAN_GOAL:
      return "emblem-ok-symbolic";
    case YK_CASE_EVENT_REFERRAL:
      return "send-to-symbolic";
    case YK_CASE_EVENT_FAMILY:
    default:
      return "avatar-default-symbolic";
    }
}

/* Struck through when voided: what was recorded stays readable. */
static char *
markup (const char *text, gboolean voided)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  return voided ? g_strdup_printf ("<s>%s</s>", escaped) : g_steal_pointer (&escaped);
}

static void
yk_timeline_item_finalize (GObject *object)
{
  YkTimelineItem *self = YK_TIMELINE_ITEM (object);

  g_free (self->date);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->void_reason);
  g_clear_object (&self->menu);
  G_OBJECT_CLASS (yk_timeline_item_parent_class)->finalize (object);
}

static void
yk_timeline_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YkTimelineItem *self = YK_TIMELINE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      g_value_set_static_string (value, icon_name (self->kind));
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_TITLE_MARKUP:
      g_value_take_string (value, markup (self->title, self->voided));
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_SUMMARY_MARKUP:
      g_value_take_string (value, markup (self->summary, self->voided));
      break;
    case PROP_HAS_SUMMARY:
      g_value_set_boolean (value, self->summary != NULL && *self->summary != '\0');
      break;
    case PROP_VOIDED:
      g_value_set_boolean (value, self->voided);
      break;
    case PROP_VOID_NOTE:
      /* TRANSLATORS: %s is the reason a record was voided */
      g_value_take_string (value, self->voided ? g_strdup_printf (_("Voided: %s"), self->void_reason ? self->void_reason : "") : NULL);
      break;
    case PROP_CAN_VOID:
      g_value_set_boolean (value, self->can_void);
      break;
    case PROP_VOID_ACTION:
      g_value_set_static_string (value, self->table != NULL ? "record.void" : NULL);
      break;
    case PROP_CAN_CORRECT:
      g_value_set_boolean (value, self->can_correct);
      break;
    case PROP_MENU_MODEL:
      g_value_set_object (value, yk_timeline_item_get_menu_model (self));
      break;
    case PROP_VOID_TARGET:
      g_value_set_variant (value, self->table != NULL ? g_variant_new ("(sx)", self->table, self->record_id) : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_timeline_item_class_init (YkTimelineItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yk_timeline_item_finalize;
  object_class->get_property = yk_timeline_item_get_property;

#define READABLE (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL, READABLE);
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, READABLE);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, READABLE);
  properties[PROP_TITLE_MARKUP] = g_param_spec_string ("title-markup", NULL, NULL, NULL, READABLE);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, READABLE);
  properties[PROP_SUMMARY_MARKUP] = g_param_spec_string ("summary-markup", NULL, NULL, NULL, READABLE);
  properties[PROP_HAS_SUMMARY] = g_param_spec_boolean ("has-summary", NULL, NULL, FALSE, READABLE);
  properties[PROP_VOIDED] = g_param_spec_boolean ("voided", NULL, NULL, FALSE, READABLE);
  properties[PROP_VOID_NOTE] = g_param_spec_string ("void-note", NULL, NULL, NULL, READABLE);
  properties[PROP_CAN_VOID] = g_param_spec_boolean ("can-void", NULL, NULL, FALSE, READABLE);
  properties[PROP_VOID_TARGET] = g_param_spec_variant ("void-target", NULL, NULL, G_VARIANT_TYPE ("(sx)"), NULL, READABLE);
  /* "record.void" for records that can be voided, NULL otherwise (an
   * intake event): a row's button never carries the action's name without
   * its (sx) target, which GtkActionHelper warns about. */
  properties[PROP_CAN_CORRECT] = g_param_spec_boolean ("can-correct", NULL, NULL, FALSE, READABLE);
  /* 更正… when app/ says this session may correct the record, and 作废…
   * when it may void it; NULL when neither. */
  properties[PROP_MENU_MODEL] = g_param_spec_object ("menu-model", NULL, NULL, G_TYPE_MENU_MODEL, READABLE);
  properties[PROP_VOID_ACTION] = g_param_spec_string ("void-action", NULL, NULL, NULL, READABLE);
#undef READABLE
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
yk_timeline_item_init (YkTimelineItem *self)
{
}

YkTimelineItem *
yk_timeline_item_new (const YkCaseEvent *event)
{
  YkTimelineItem *self = g_object_new (YK_TYPE_TIMELINE_ITEM, NULL);

  self->kind = event->kind;
  self->table = event->table;
  self->record_id = event->id;
  self->date = g_strdup (event->date);
  self->title = g_strdup (event->title);
  self->summary = g_strdup (event->summary);
  self->voided = event->voided;
  self->void_reason = g_strdup (event->void_reason);
  self->can_void = event->can_void;
  self->can_correct = event->can_correct;
  return self;
}

YkCaseEventKind
yk_timeline_item_get_kind (YkTimelineItem *self)
{
  g_return_val_if_fail (YK_IS_TIMELINE_ITEM (self), 0);
  return self->kind;
}

const char *
yk_timeline_item_get_date (YkTimelineItem *self)
{
  g_return_val_if_fail (YK_IS_TIMELINE_ITEM (self), NULL);
  return self->date;
}

const char *
yk_timeline_item_get_title (YkTimelineItem *self)
{
  g_return_val_if_fail (YK_IS_TIMELINE_ITEM (self), NULL);
  return self->title;
}

const char *
yk_timeline_item_get_table (YkTimelineItem *self)
{
  g_return_val_if_fail (YK_IS_TIMELINE_ITEM (self), NULL);
  return self->table;
}

gint64
yk_timeline_item_get_record_id (YkTimelineItem *self)
{
  g_return_val_if_fail (YK_IS_TIMELINE_ITEM (self), 0);
  return self->record_id;
}

gboolean
yk_timeline_item_get_voided (YkTimelineItem *self)
{
  g_return_val_if_fail (YK_IS_TIMELINE_ITEM (self), FALSE);
  return self->voided;
}

gboolean
yk_timeline_item_get_can_void (YkTimelineItem *self)
{
  g_return_val_if_fail (YK_IS_TIMELINE_ITEM (self), FALSE);
  return self->can_void;
}

gboolean
yk_timeline_item_get_can_correct (YkTimelineItem *self)
{
  g_return_val_if_fail (YK_IS_TIMELINE_ITEM (self), FALSE);
  return self->can_correct;
}

/* The window's record.correct and record.void, with (table, id). */
GMenuModel *
yk_timeline_item_get_menu_model (YkTimelineItem *self)
{
  g_return_val_if_fail (YK_IS_TIMELINE_ITEM (self), NULL);
  if (self->menu == NULL && self->table != NULL && (self->can_void || self->can_correct))
    {
      GMenu *menu = g_menu_new ();
      GVariant *target = g_variant_ref_sink (g_variant_new ("(sx)", self->table, self->record_id));

      if (self->can_correct)
        {
          g_autoptr (GMenuItem) item = g_menu_item_new (_("_Correct…"), NULL);
          g_menu_item_set_action_and_target_value (item, "record.correct", target);
          g_menu_append_item (menu, item);
        }
      /* Who may change a contact may attach the scan of its form. */
      if (g_str_equal (self->table, "contacts"))
        {
          g_autoptr (GMenuItem) item = g_menu_item_new (_("_Attach a Scan…"), NULL);
          g_menu_item_set_action_and_target_value (item, "case-file.attach-contact",
                                                   g_variant_new_int64 (self->record_id));
          g_menu_append_item (menu, item);
        }
      if (self->can_void)
        {
          g_autoptr (GMenuItem) item = g_menu_item_new (_("_Void…"), NULL);
          g_menu_item_set_action_and_target_value (item, "record.void", target);
          g_menu_append_item (menu, item);
        }
      g_variant_unref (target);
      self->menu = G_MENU_MODEL (menu);
    }
  return self->menu;
}
