/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-ledger.h"
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-csv.h"
#include "yk-db-records.h"
#include "yk-db-staff.h"
#include "yk-record-rules.h"
#include "yk-text.h"
#include "yk-training.h"
#include "yk-validate.h"
#include "yk-workbook.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

/* The columns of each ledger file (docs/design/formats.md): key, Chinese label,
 * required, and another Chinese header also accepted: the word the
 * interface uses when it differs from the ledger's (docs/glossary.md). */
typedef YkLedgerColumn Column;

static const Column client_columns[] = {
  { "case_no", "个案编号", TRUE }, { "name", "姓名", TRUE }, { "gender", "性别", FALSE },
  { "birth_date", "出生日期", FALSE }, { "id_number", "身份证号", FALSE }, { "phone", "联系电话", FALSE },
  { "address", "住址", FALSE }, { "site", "站点", TRUE }, { "worker", "责任社工", FALSE },
  { "diagnosis", "诊断", FALSE }, { "intake_date", "建档日期", TRUE }, { "consent_date", "知情同意日期", TRUE },
  { "stable_at_intake", "入组时病情稳定", TRUE }, { "risk_level", "危险性评估", FALSE, "风险等级" },
  { "status", "状态", FALSE }, { "status_date", "状态日期", FALSE }, { "status_reason", "状态原因", FALSE },
  /* Added with schema version 5: the consent (docs/design/formats.md). */
  { "consent_signer", "知情同意签署人", FALSE }, { "consent_guardian", "签署监护人", FALSE },
  { "consent_form", "知情同意形式", FALSE }, { "consent_scope", "知情同意范围", FALSE },
  { "consent_withdrawn_date", "撤回同意日期", FALSE }, { "consent_withdrawal_reason", "撤回同意原因", FALSE },
  /* Added with schema version 7: who sent the person (转介来源). */
  { "referral_source", "转介来源", FALSE },
  /* Added with schema version 8: the case file a transfer (迁移) came from. */
  { "transferred_from", "迁自", FALSE },
  { NULL }
};
static const Column family_columns[] = {
  { "family_id", "家属编号", TRUE }, { "case_no", "个案编号", TRUE }, { "name", "姓名", TRUE },
  { "relation", "关系", FALSE }, { "phone", "联系电话", FALSE }, { NULL }
};
static const Column contact_columns[] = {
  { "case_no", "个案编号", TRUE }, { "type", "类型", TRUE }, { "date", "日期", TRUE }, { "worker", "社工", FALSE },
  { "reached", "是否联系上", FALSE }, { "duration_min", "时长（分钟）", FALSE }, { "condition", "病情", FALSE },
  { "medication", "服药", FALSE }, { "risk_level", "危险性评估", FALSE, "风险等级" }, { "notes", "记录", FALSE },
  { "next_date", "下次随访日期", FALSE }, { NULL }
};
static const Column activity_columns[] = {
  { "activity_id", "活动编号", TRUE }, { "site", "站点", TRUE }, { "date", "日期", TRUE }, { "title", "活动名称", TRUE },
  { "category", "类别", FALSE }, { "facilitator", "负责人", FALSE }, { "resident_count", "其他居民人数", FALSE },
  { NULL }
};
static const Column attendance_columns[] = {
  { "activity_id", "活动编号", TRUE }, { "case_no", "个案编号", FALSE }, { "family_id", "家属编号", FALSE }, { NULL }
};
static const Column questionnaire_columns[] = {
  { "date", "日期", TRUE }, { "site", "站点", TRUE }, { "kind", "类型", FALSE }, { "respondent", "填写人类型", FALSE },
  { "case_no", "个案编号", FALSE }, { "family_id", "家属编号", FALSE }, { NULL }
};
static const Column assessment_columns[] = {
  { "case_no", "个案编号", TRUE }, { "date", "日期", TRUE },
  { "sdss_1", "职业和工作", TRUE }, { "sdss_2", "婚姻职能", TRUE }, { "sdss_3", "父母职能", TRUE },
  { "sdss_4", "社会性退缩", TRUE }, { "sdss_5", "家庭外的社会活动", TRUE }, { "sdss_6", "家庭内活动过少", TRUE },
  { "sdss_7", "家庭职能", TRUE }, { "sdss_8", "个人生活自理", TRUE }, { "sdss_9", "对外界的兴趣和关心", TRUE },
  { "sdss_10", "责任心和计划性", TRUE }, { NULL }
};
/* Added with schema version 8: staff training sessions (培训). */
static const Column training_columns[] = {
  { "date", "日期", TRUE }, { "title", "培训主题", TRUE }, { "hours", "学时", TRUE }, { "provider", "提供方", FALSE },
  { "attendees", "参加人员", TRUE }, { NULL }
};

typedef struct _Import Import;
typedef void (*RowFunc) (Import *import, const char *const *values);

static void import_client (Import *import, const char *const *values);
static void import_family (Import *import, const char *const *values);
static void import_contact (Import *import, const char *const *values);
static void import_activity (Import *import, const char *const *values);
static void import_attendance (Import *import, const char *const *values);
static void import_questionnaire (Import *import, const char *const *values);
static void import_assessment (Import *import, const char *const *values);
static void import_training (Import *import, const char *const *values);

static const struct
{
  const char *file;
  const char *chinese;  /* docs/design/formats.md's name, and a workbook sheet's */
  const Column *columns;
  RowFunc import_row;
} ledger_files[YK_LEDGER_FILES] = {
  { "clients.csv", "服务对象", client_columns, import_client },
  { "family.csv", "家属", family_columns, import_family },
  { "contacts.csv", "服务记录", contact_columns, import_contact },
  { "activities.csv", "服务活动", activity_columns, import_activity },
  { "attendance.csv", "活动签到", attendance_columns, import_attendance },
  { "questionnaires.csv", "问卷", questionnaire_columns, import_questionnaire },
  { "assessments.csv", "功能评估", assessment_columns, import_assessment },
  { "training.csv", "培训", training_columns, import_training },
};

struct _Import
{
  YkSession *session;
  sqlite3 *db;
  YkLedgerResult *result;
  guint file;                /* index into ledger_files */
  const char *label;         /* the file's or the sheet's name, for problems */
  guint line;
  const char **headers;      /* per column: the header as written in the file, or NULL */
  GHashTable *attendances;   /* "activity|person" seen in this ledger */
  GPtrArray *withdrawals;    /* Withdrawal: applied once every file is in */
  GHashTable *people;        /* the intake check within the ledger: "id:NUMBER" or
                              * "born:NAME|DATE" of clients.csv → its line */
  GHashTable *case_lines;    /* clients.csv's line → its case number */
  gint64 scope;              /* yk_casework_site_scope() */
  gboolean row_failed;
};

/* A consent withdrawn, as clients.csv gives it: recorded after every
 * file, so that the person's records before it come in first (a
 * withdrawal refuses new records). */
typedef struct
{
  gint64 client_id;
  char *date;
  char *reason;
  char *label;          /* the file or sheet, for problems */
  guint line;
  char *date_column;    /* as the file writes them */
  char *reason_column;
} Withdrawal;

static void
withdrawal_free (Withdrawal *w)
{
  g_free (w->date);
  g_free (w->reason);
  g_free (w->label);
  g_free (w->date_column);
  g_free (w->reason_column);
  g_free (w);
}

static void
problem_free (YkLedgerProblem *problem)
{
  g_free (problem->file);
  g_free (problem->column);
  g_free (problem->reason);
  g_free (problem);
}

void
yk_ledger_result_clear (YkLedgerResult *result)
{
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  for (int i = 0; i < YK_LEDGER_FILES; i++)
    g_clear_pointer (&result->files[i], g_free);
}

const char *
yk_ledger_file_chinese_name (guint i)
{
  g_return_val_if_fail (i < YK_LEDGER_FILES, NULL);
  return ledger_files[i].chinese;
}

const YkLedgerColumn *
yk_ledger_file_columns (guint i)
{
  g_return_val_if_fail (i < YK_LEDGER_FILES, NULL);
  return ledger_files[i].columns;
}

const char *
yk_ledger_file_name (guint i)
{
  g_return_val_if_fail (i < YK_LEDGER_FILES, NULL);
  return ledger_files[i].file;
}

static int
column_index (Import *import, const char *key)
{
  const Column *columns = ledger_files[import->file].columns;

  for (int i = 0; columns[i].key; i++)
    if (g_str_equal (columns[i].key, key))
      return i;
  g_return_val_if_reached (-1);
}

/* The column's name as the file writes it (key or label), for messages. */
static const char *
column_name (Import *import, const char *key)
{
  int i = column_index (import, key);
  const Column *columns = ledger_files[import->file].columns;

  if (i < 0)
    return key;
  return import->headers[i] ? import->headers[i] : columns[i].key;
}

static void
add_problem (Import *import, guint line, const char *column, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (Import *import, guint line, const char *column, const char *format, ...)
{
  YkLedgerProblem *problem = g_new0 (YkLedgerProblem, 1);
  va_list args;

  problem->file = g_strdup (import->label);
  problem->line = line;
  problem->column = g_strdup (column);
  va_start (args, format);
  problem->reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (import->result->problems, problem);
  import->row_failed = TRUE;
}

static const char *
value (Import *import, const char *const *values, const char *key)
{
  const char *v = values[column_index (import, key)];

  return v != NULL && *v != '\0' ? v : NULL;
}

/* Each converter adds a problem and returns FALSE for a value it cannot
 * read; an empty cell is "not recorded" and always fine. */
static gboolean
read_date (Import *import, const char *const *values, const char *key, char **out)
{
  const char *text = value (import, values, key);
  g_autoptr (GError) error = NULL;
  GDate date;

  *out = NULL;
  if (text == NULL)
    return TRUE;
  if (!yk_date_parse (text, &date, &error))
    {
      add_problem (import, import->line, column_name (import, key), "%s", error->message);
      return FALSE;
    }
  *out = yk_date_format_iso (&date);
  return TRUE;
}

static gboolean
read_int (Import *import, const char *const *values, const char *key, int missing, int *out)
{
  const char *text = value (import, values, key);
  char *end = NULL;
  gint64 n;

  *out = missing;
  if (text == NULL)
    return TRUE;
  n = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || n < G_MININT || n > G_MAXINT)
    {
      add_problem (import, import->line, column_name (import, key), _("“%1$s” is not a whole number"), text);
      return FALSE;
    }
  *out = (int) n;
  return TRUE;
}

static gboolean
read_bool (Import *import, const char *const *values, const char *key, gboolean missing, gboolean *out)
{
  const char *text = value (import, values, key);

  *out = missing;
  if (text == NULL || yk_boolean_parse (text, out))
    return TRUE;
  add_problem (import, import->line, column_name (import, key),
               _("“%1$s” is not yes or no (是/否, yes/no, true/false, 1/0)"), text);
  return FALSE;
}

/* Chinese words of the ledger to the values stored. */
static gboolean
read_choice (Import *import, const char *const *values, const char *key, const char *const *pairs, const char **out)
{
  const char *text = value (import, values, key);

  *out = NULL;
  if (text == NULL)
    return TRUE;
  for (guint i = 0; pairs[i]; i += 2)
    if (g_str_equal (text, pairs[i]) || g_str_equal (text, pairs[i + 1]))
      {
        *out = pairs[i + 1];
        return TRUE;
      }
  {
    g_autoptr (GString) allowed = g_string_new (NULL);

    for (guint i = 0; pairs[i]; i += 2)
      g_string_append_printf (allowed, "%s%s", i ? "、" : "", pairs[i]);
    add_problem (import, import->line, column_name (import, key), _("“%1$s” is not one of: %2$s"), text, allowed->str);
  }
  return FALSE;
}

static gint64
read_site (Import *import, const char *const *values)
{
  const char *text = value (import, values, "site");
  gint64 id;

  if (text == NULL)
    return 0;
  id = yk_db_site_find (import->db, text, NULL);
  if (id == 0)
    add_problem (import, import->line, column_name (import, "site"), _("there is no site “%1$s”"), text);
  return id;
}

/* `id` of `table` if this session may name it, else 0. Another site's
 * record is one the ledger does not name: the same problem as a number
 * that does not exist, before any rule can say more about it. The import
 * is a coordinator's, so this holds today for every site; it is here so
 * that widening who may import cannot open another site's records. */
static gint64
in_scope (Import *import, const char *table, gint64 id)
{
  YkRecordOwner owner;

  if (id == 0 || import->scope == 0)
    return id;
  return yk_db_record_owner (import->db, table, id, &owner, NULL) && owner.site_id == import->scope ? id : 0;
}

static gint64
read_client (Import *import, const char *const *values, const char *key)
{
  const char *text = value (import, values, key);
  gint64 id;

  if (text == NULL)
    return 0;
  id = in_scope (import, "clients", yk_db_client_find_case_no (import->db, text, NULL));
  if (id == 0)
    add_problem (import, import->line, column_name (import, key),
                 _("no service user has the case number “%1$s”, in the ledger or the database"), text);
  return id;
}

static gint64
read_family (Import *import, const char *const *values)
{
  const char *text = value (import, values, "family_id");
  gint64 id;

  if (text == NULL)
    return 0;
  id = in_scope (import, "family_members", yk_db_family_find_no (import->db, text));
  if (id == 0)
    add_problem (import, import->line, column_name (import, "family_id"),
                 _("no family member has the number “%1$s”, in the ledger or the database"), text);
  return id;
}

/* Unknown names create staff without a login (docs/design/formats.md). */
static gint64
read_worker (Import *import, const char *const *values, const char *key, gint64 site_id)
{
  const char *text = value (import, values, key);
  g_autoptr (GError) error = NULL;
  gint64 id;

  if (text == NULL)
    return 0;
  id = yk_db_staff_find_name (import->db, text);
  if (id == 0 && !yk_db_staff_insert (import->db, text, site_id, "worker", NULL, &id, &error))
    add_problem (import, import->line, column_name (import, key), "%s", error->message);
  return id;
}

/* A record the rules refuse: the field at fault names the column. */
static void
refused (Import *import, const char *field, GError *error)
{
  const char *column = field != NULL ? field : "-";
  int i = -1;
  const Column *columns = ledger_files[import->file].columns;

  for (int k = 0; field && columns[k].key; k++)
    if (g_str_equal (columns[k].key, field))
      i = k;
  if (i >= 0)
    column = import->headers[i] ? import->headers[i] : columns[i].key;
  add_problem (import, import->line, column, "%s", error->message);
}

/* The rules once with the field at fault named, then the write (which
 * checks them again, and what only the database knows). */
#define CHECK_AND_ADD(validate_call, add_call)                                              \
  G_STMT_START                                                                              \
  {                                                                                         \
    g_autoptr (GError) error = NULL;                                                        \
    const char *field = NULL;                                                               \
    if (!(validate_call))                                                                   \
      refused (import, field, error);                                                       \
    else if (!(add_call))                                                                   \
      add_problem (import, import->line, "-", "%s", error->message);                        \
  }                                                                                         \
  G_STMT_END

/* 知情同意范围: any of its three words, separated as people write lists. */
static gboolean
read_scope (Import *import, const char *const *values, guint *out)
{
  static const char *const words[] = { "建档", "case_file", "服务记录", "services", "统计上报", "reporting", NULL };
  const char *text = value (import, values, "consent_scope");
  g_autoptr (GRegex) separators = g_regex_new ("[、,，;；/\\s]+", 0, 0, NULL);
  g_auto (GStrv) parts = NULL;

  *out = 0;
  if (text == NULL)
    return TRUE;
  parts = g_regex_split (separators, text, 0);
  for (guint i = 0; parts[i]; i++)
    {
      guint bit = 0;

      if (*parts[i] == '\0')
        continue;
      for (guint k = 0; words[k]; k++)
        if (g_str_equal (parts[i], words[k]))
          bit = 1u << (k / 2);
      if (bit == 0)
        {
          add_problem (import, import->line, column_name (import, "consent_scope"),
                       _("“%1$s” is not one of: %2$s"), parts[i], "建档、服务记录、统计上报");
          return FALSE;
        }
      *out |= bit;
    }
  return TRUE;
}

/* The intake check (docs/design/file-format.md, "Intake checks"): a
 * person on an earlier row of the ledger, or with a case file already,
 * is refused naming that line or that case. A ledger has no way to say
 * "a true namesake": such a row is made in the window instead. */
/* Whether clients.csv's `line` is one of the case files `linked` names. */
static gboolean
line_linked (Import *import, guint line, const char *const *linked)
{
  const char *case_no = g_hash_table_lookup (import->case_lines, GUINT_TO_POINTER (line));

  return linked != NULL && case_no != NULL && g_strv_contains (linked, case_no);
}

static gboolean
check_same_person (Import *import, const YkClientRecord *r, const char *const *linked)
{
  g_autofree char *number = yk_db_id_number_normalise (r->id_number);
  g_autofree char *name = r->name != NULL ? g_strstrip (g_strdup (r->name)) : NULL;
  g_autofree char *id_key = number != NULL ? g_strconcat ("id:", number, NULL) : NULL;
  g_autofree char *born_key = name != NULL && r->birth_date != NULL
                                ? g_strconcat ("born:", name, "|", r->birth_date, NULL) : NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;
  guint line = 0;

  /* A transfer's earlier case files (迁自) are the same person, moved. */
  if (id_key != NULL && (line = GPOINTER_TO_UINT (g_hash_table_lookup (import->people, id_key))) != 0 &&
      line_linked (import, line, linked))
    line = 0;
  if (line == 0 && born_key != NULL &&
      (line = GPOINTER_TO_UINT (g_hash_table_lookup (import->people, born_key))) != 0 &&
      line_linked (import, line, linked))
    line = 0;
  if (line != 0 && id_key != NULL && GPOINTER_TO_UINT (g_hash_table_lookup (import->people, id_key)) == line)
    add_problem (import, import->line, column_name (import, "id_number"),
                 _("the same resident ID number as line %1$u"), line);
  else if (line != 0)
    add_problem (import, import->line, column_name (import, "name"),
                 _("the same name and birth date as line %1$u"), line);
  if (r->case_no != NULL)
    g_hash_table_insert (import->case_lines, GUINT_TO_POINTER (import->line), g_strdup (r->case_no));
  if (id_key != NULL && !g_hash_table_contains (import->people, id_key))
    g_hash_table_insert (import->people, g_steal_pointer (&id_key), GUINT_TO_POINTER (import->line));
  if (born_key != NULL && !g_hash_table_contains (import->people, born_key))
    g_hash_table_insert (import->people, g_steal_pointer (&born_key), GUINT_TO_POINTER (import->line));
  if (line != 0)
    return FALSE;
  if (number == NULL && (name == NULL || r->birth_date == NULL))
    return TRUE;

  found = yk_casework_find_duplicates (import->session, r, &error);
  if (found == NULL)
    {
      add_problem (import, import->line, "-", "%s", error->message);
      return FALSE;
    }
  for (guint i = 0; i < found->len; i++)
    {
      YkDbDuplicate *d = found->pdata[i];
      const char *column = column_name (import, d->same_id_number ? "id_number" : "name");

      if (d->visible && linked != NULL && g_strv_contains (linked, d->case_no))
        {
          g_ptr_array_remove_index (found, i--);
          continue;
        }
      if (!d->visible)
        {
          g_autofree char *text = yk_casework_describe_duplicate (d);

          add_problem (import, import->line, column, "%s", text);
        }
      else if (d->same_id_number)
        add_problem (import, import->line, column, _("the same resident ID number as the case %1$s"), d->case_no);
      else
        add_problem (import, import->line, column, _("the same name and birth date as the case %1$s"), d->case_no);
    }
  return found->len == 0;
}

/* 迁自 (docs/design/transfer.md): the case file this row's person was
 * transferred from, on an earlier line or in the database: at another
 * site, referred out (转介), and not already transferred to another case.
 * 0 when the cell is empty or names no such case (a problem then).
 * `*linked`: its case number and those it came from in turn. */
static gint64
read_transferred_from (Import *import, const char *const *values, gint64 site_id, char ***linked)
{
  const char *column = column_name (import, "transferred_from");
  g_autoptr (GStrvBuilder) chain = NULL;
  g_autoptr (YkClientRecord) from = NULL;
  gint64 id = read_client (import, values, "transferred_from");

  *linked = NULL;
  if (id == 0)
    return 0;
  from = yk_db_client_get (import->db, id, 0, NULL);
  if (from == NULL)
    return 0;
  if (from->site_id == site_id)
    {
      add_problem (import, import->line, column, _("%1$s is at this row’s site: a transfer is to another site"),
                   from->case_no);
      return 0;
    }
  if (g_strcmp0 (from->status, "referred") != 0)
    {
      add_problem (import, import->line, column, _("%1$s is not referred out (转介): only such a case was transferred"),
                   from->case_no);
      return 0;
    }
  if (from->transferred_to_case_no != NULL)
    {
      add_problem (import, import->line, column, _("%1$s was already transferred, to %2$s"), from->case_no,
                   from->transferred_to_case_no);
      return 0;
    }
  chain = g_strv_builder_new ();
  g_strv_builder_add (chain, from->case_no);
  for (guint n = 0; from->transferred_from_case_no != NULL && n < 100; n++)
    {
      gint64 earlier = yk_db_client_find_case_no (import->db, from->transferred_from_case_no, NULL);
      YkClientRecord *next = earlier != 0 ? yk_db_client_get (import->db, earlier, 0, NULL) : NULL;

      if (next == NULL)
        break;
      g_strv_builder_add (chain, next->case_no);
      yk_client_record_free (from);
      from = next;
    }
  *linked = g_strv_builder_end (chain);
  return id;
}

static void
import_client (Import *import, const char *const *values)
{
  static const char *const statuses[] = { "在册", "active", "转介", "referred", "结案", "closed", NULL };
  static const char *const signers[] = { "本人", "self", "监护人", "guardian", NULL };
  static const char *const forms[] = { "书面", "written", "口头并录音", "oral_recorded", "未记录", "unknown", NULL };
  static const char *const sources[] = { "精防医生", "psychiatric_doctor", "医院", "hospital", "街道社区", "community",
                                         "家属", "family", "本人申请", "self", "转介平台", "platform", NULL };
  g_autofree char *birth = NULL, *intake = NULL, *consent = NULL, *status_date = NULL, *withdrawn = NULL;
  const char *status = NULL, *reason = NULL;
  g_auto (GStrv) linked = NULL;
  YkClientRecord r = { 0 };
  gint64 id = 0, transferred_from = 0;
  GDate today;
  gboolean ok;

  yk_date_today (&today);
  r.site_id = read_site (import, values);
  ok = r.site_id > 0 || value (import, values, "site") == NULL;
  ok &= read_date (import, values, "birth_date", &birth);
  ok &= read_date (import, values, "intake_date", &intake);
  ok &= read_date (import, values, "consent_date", &consent);
  ok &= read_date (import, values, "status_date", &status_date);
  ok &= read_bool (import, values, "stable_at_intake", FALSE, &r.stable_at_intake);
  ok &= read_int (import, values, "risk_level", -1, &r.risk_level);
  ok &= read_choice (import, values, "status", statuses, &status);
  ok &= read_choice (import, values, "consent_signer", signers, (const char **) &r.consent_signer);
  ok &= read_choice (import, values, "consent_form", forms, (const char **) &r.consent_form);
  ok &= read_scope (import, values, &r.consent_scope);
  ok &= read_choice (import, values, "referral_source", sources, (const char **) &r.referral_source);
  ok &= read_date (import, values, "consent_withdrawn_date", &withdrawn);
  if (!ok)
    return;
  r.case_no = (char *) value (import, values, "case_no");
  r.name = (char *) value (import, values, "name");
  r.gender = (char *) value (import, values, "gender");
  r.birth_date = birth;
  r.id_number = (char *) value (import, values, "id_number");
  r.phone = (char *) value (import, values, "phone");
  r.address = (char *) value (import, values, "address");
  r.diagnosis = (char *) value (import, values, "diagnosis");
  r.intake_date = intake;
  r.consent_date = consent;
  r.consent_guardian = (char *) value (import, values, "consent_guardian");
  r.status = (char *) status;
  r.status_date = status_date;
  r.status_reason = (char *) value (import, values, "status_reason");
  reason = value (import, values, "consent_withdrawal_reason");
  if (r.case_no != NULL && yk_db_client_find_case_no (import->db, r.case_no, NULL) != 0)
    {
      add_problem (import, import->line, column_name (import, "case_no"), _("“%1$s” is already in use"), r.case_no);
      return;
    }
  if (value (import, values, "transferred_from") != NULL &&
      (transferred_from = read_transferred_from (import, values, r.site_id, &linked)) == 0)
    return;
  if (!check_same_person (import, &r, (const char *const *) linked))
    return;
  /* A withdrawal closes the case (结案 from its date, reason 撤回同意):
   * the row may say so, and may not say otherwise. It is recorded once
   * every file is in; until then the case is open. */
  if ((withdrawn != NULL) != (reason != NULL))
    {
      const char *missing = withdrawn != NULL ? "consent_withdrawal_reason" : "consent_withdrawn_date";
      add_problem (import, import->line, column_name (import, missing),
                   _("a withdrawal of consent needs both its date and its reason"));
      return;
    }
  if (withdrawn != NULL)
    {
      if (status != NULL && !g_str_equal (status, "closed"))
        add_problem (import, import->line, column_name (import, "status"),
                     _("consent withdrawn on %1$s closes the case: the status is 结案"), withdrawn);
      else if (status_date != NULL && !g_str_equal (status_date, withdrawn))
        add_problem (import, import->line, column_name (import, "status_date"),
                     _("consent withdrawn on %1$s closes the case on that date"), withdrawn);
      else if (r.status_reason != NULL && !g_str_equal (r.status_reason, YK_CONSENT_WITHDRAWN_REASON))
        add_problem (import, import->line, column_name (import, "status_reason"),
                     _("consent withdrawn on %1$s closes the case with the reason %2$s"), withdrawn,
                     YK_CONSENT_WITHDRAWN_REASON);
      if (import->row_failed)
        return;
      r.status = NULL;
      r.status_date = NULL;
      r.status_reason = NULL;
    }
  r.worker_id = read_worker (import, values, "worker", r.site_id);
  if (import->row_failed)
    return;
  CHECK_AND_ADD (yk_client_validate (&r, &today, &field, &error),
                 transferred_from > 0
                   ? yk_casework_add_client_transferred (import->session, &r, transferred_from, &id, &error)
                   : yk_casework_add_client (import->session, &r, &id, &error));
  if (!import->row_failed && withdrawn != NULL)
    {
      Withdrawal *w = g_new0 (Withdrawal, 1);

      w->client_id = id;
      w->date = g_steal_pointer (&withdrawn);
      w->reason = g_strdup (reason);
      w->label = g_strdup (import->label);
      w->line = import->line;
      w->date_column = g_strdup (column_name (import, "consent_withdrawn_date"));
      w->reason_column = g_strdup (column_name (import, "consent_withdrawal_reason"));
      g_ptr_array_add (import->withdrawals, w);
    }
}

/* The withdrawals of clients.csv, once every file is in. */
static void
import_withdrawals (Import *import)
{
  for (guint i = 0; i < import->withdrawals->len; i++)
    {
      Withdrawal *w = import->withdrawals->pdata[i];
      g_autoptr (GError) error = NULL;
      const char *field = NULL;

      if (yk_casework_withdraw_consent (import->session, w->client_id, w->date, w->reason, &field, &error))
        continue;
      import->label = w->label;
      add_problem (import, w->line,
                   g_strcmp0 (field, "consent_withdrawal_reason") == 0 ? w->reason_column : w->date_column,
                   "%s", error->message);
    }
}

static void
import_family (Import *import, const char *const *values)
{
  YkFamilyRecord r = { 0 };
  const char *number = value (import, values, "family_id");

  r.client_id = read_client (import, values, "case_no");
  if (import->row_failed)
    return;
  if (number != NULL && yk_db_family_find_no (import->db, number) != 0)
    {
      add_problem (import, import->line, column_name (import, "family_id"), _("“%1$s” is already in use"), number);
      return;
    }
  r.family_no = (char *) number;
  r.name = (char *) value (import, values, "name");
  r.relation = (char *) value (import, values, "relation");
  r.phone = (char *) value (import, values, "phone");
  CHECK_AND_ADD (yk_family_validate (&r, &field, &error),
                 yk_casework_add_family (import->session, &r, NULL, &error));
}

static void
import_contact (Import *import, const char *const *values)
{
  static const char *const types[] = { "上门服务", "home_visit", "电话随访", "phone", NULL };
  static const char *const conditions[] = { "稳定", "stable", "基本稳定", "basically_stable", "不稳定", "unstable", NULL };
  static const char *const medications[] = { "规律", "regular", "间断", "intermittent", "不服药", "none",
                                             "医嘱无需服药", "not_required", NULL };
  g_autofree char *date = NULL, *next = NULL;
  const char *type = NULL, *condition = NULL, *medication = NULL;
  YkContactRecord r = { 0 };
  g_autoptr (YkClientRecord) client = NULL;
  GDate today;
  gboolean ok;

  yk_date_today (&today);
  r.client_id = read_client (import, values, "case_no");
  ok = read_choice (import, values, "type", types, &type);
  ok &= read_date (import, values, "date", &date);
  ok &= read_date (import, values, "next_date", &next);
  ok &= read_bool (import, values, "reached", TRUE, &r.reached);
  ok &= read_int (import, values, "duration_min", -1, &r.duration_min);
  ok &= read_int (import, values, "risk_level", -1, &r.risk_level);
  ok &= read_choice (import, values, "condition", conditions, &condition);
  ok &= read_choice (import, values, "medication", medications, &medication);
  if (!ok || import->row_failed)
    return;
  r.type = (char *) type;
  r.date = date;
  r.next_date = next;
  r.condition = (char *) condition;
  r.medication = (char *) medication;
  r.notes = (char *) value (import, values, "notes");
  client = yk_db_client_get (import->db, r.client_id, import->scope, NULL);
  if (import->row_failed || client == NULL)
    return;
  /* A worker the ledger names for the first time joins the person's site
   * (staff without a login, as for clients.csv's 责任社工). */
  r.worker_id = read_worker (import, values, "worker", client->site_id);
  if (import->row_failed)
    return;
  CHECK_AND_ADD (yk_contact_validate (&r, client->intake_date, &today, &field, &error),
                 yk_casework_add_contact (import->session, &r, NULL, &error));
}

static void
import_activity (Import *import, const char *const *values)
{
  g_autofree char *date = NULL;
  const char *number = value (import, values, "activity_id");
  YkActivityRecord r = { 0 };
  GDate today;
  gboolean ok;

  yk_date_today (&today);
  r.site_id = read_site (import, values);
  ok = read_date (import, values, "date", &date);
  ok &= read_int (import, values, "resident_count", 0, &r.resident_count);
  if (!ok || import->row_failed)
    return;
  if (number != NULL && yk_db_activity_find_no (import->db, number) != 0)
    {
      add_problem (import, import->line, column_name (import, "activity_id"), _("“%1$s” is already in use"), number);
      return;
    }
  r.activity_no = (char *) number;
  r.date = date;
  r.title = (char *) value (import, values, "title");
  r.category = (char *) value (import, values, "category");
  r.facilitator = (char *) value (import, values, "facilitator");
  CHECK_AND_ADD (yk_activity_validate (&r, &today, &field, &error),
                 yk_casework_add_activity (import->session, &r, NULL, &error));
}

static void
import_attendance (Import *import, const char *const *values)
{
  gint64 activity = 0, client, family;
  const char *number = value (import, values, "activity_id");
  g_autofree char *key = NULL;
  g_autoptr (GError) error = NULL;

  if (number != NULL && (activity = in_scope (import, "activities", yk_db_activity_find_no (import->db, number))) == 0)
    add_problem (import, import->line, column_name (import, "activity_id"),
                 _("no activity has the number “%1$s”, in the ledger or the database"), number);
  if ((value (import, values, "case_no") != NULL) == (value (import, values, "family_id") != NULL))
    {
      add_problem (import, import->line, column_name (import, "case_no"),
                   _("give exactly one of a case number or a family member number"));
      return;
    }
  client = read_client (import, values, "case_no");
  family = read_family (import, values);
  if (import->row_failed)
    return;
  key = g_strdup_printf ("%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT, activity, client, family);
  if (g_hash_table_contains (import->attendances, key))
    {
      add_problem (import, import->line, column_name (import, client ? "case_no" : "family_id"),
                   _("this person’s attendance at this activity is already listed"));
      return;
    }
  g_hash_table_add (import->attendances, g_steal_pointer (&key));
  if (!yk_casework_add_attendance (import->session, activity, client, family, NULL, &error))
    add_problem (import, import->line, "-", "%s", error->message);
}

static void
import_questionnaire (Import *import, const char *const *values)
{
  static const char *const kinds[] = { "需求评估", "需求评估", "满意度", "满意度", "筛查", "筛查", "其他", "其他", NULL };
  static const char *const respondents[] = { "服务对象", "服务对象", "家属", "家属", "居民", "居民", NULL };
  g_autofree char *date = NULL;
  const char *kind = NULL, *respondent = NULL;
  YkQuestionnaireRecord r = { 0 };
  GDate today;
  gboolean ok;

  yk_date_today (&today);
  r.site_id = read_site (import, values);
  ok = read_date (import, values, "date", &date);
  ok &= read_choice (import, values, "kind", kinds, &kind);
  ok &= read_choice (import, values, "respondent", respondents, &respondent);
  r.client_id = read_client (import, values, "case_no");
  r.family_id = read_family (import, values);
  if (!ok || import->row_failed)
    return;
  r.date = date;
  r.kind = (char *) kind;
  r.respondent = (char *) respondent;
  CHECK_AND_ADD (yk_questionnaire_validate (&r, &today, &field, &error),
                 yk_casework_add_questionnaire (import->session, &r, NULL, &error));
}

static void
import_assessment (Import *import, const char *const *values)
{
  static const char *const items[YK_SDSS_ITEMS] = { "sdss_1", "sdss_2", "sdss_3", "sdss_4", "sdss_5",
                                                      "sdss_6", "sdss_7", "sdss_8", "sdss_9", "sdss_10" };
  g_autofree char *date = NULL;
  YkAssessmentRecord r = { 0 };
  g_autoptr (YkClientRecord) client = NULL;
  GDate today;
  gboolean ok;

  yk_date_today (&today);
  r.client_id = read_client (import, values, "case_no");
  ok = read_date (import, values, "date", &date);
  for (int i = 0; i < YK_SDSS_ITEMS; i++)
    ok &= read_int (import, values, items[i], -1, &r.items[i]);
  if (!ok || import->row_failed)
    return;
  r.date = date;
  client = yk_db_client_get (import->db, r.client_id, import->scope, NULL);
  if (client == NULL)
    return;
  CHECK_AND_ADD (yk_assessment_validate (&r, client->intake_date, &today, &field, &error),
                 yk_casework_add_assessment (import->session, &r, NULL, &error));
}

/* Maps the header row to the file's columns; every header must be known
 * (a typo must not silently drop data) and every required one present. */
static gboolean
read_header (Import *import, YkCsvRecord *header)
{
  const Column *columns = ledger_files[import->file].columns;
  gboolean ok = TRUE;
  guint n_columns = 0;

  while (columns[n_columns].key)
    n_columns++;
  for (guint i = 0; header->fields[i]; i++)
    {
      const char *name = header->fields[i];
      int found = -1;

      for (guint k = 0; k < n_columns; k++)
        if (g_ascii_strcasecmp (name, columns[k].key) == 0 || g_str_equal (name, columns[k].label) ||
            (columns[k].alias != NULL && g_str_equal (name, columns[k].alias)))
          found = (int) k;
      if (found < 0)
        {
          add_problem (import, header->line, name, "%s", _("unknown column"));
          ok = FALSE;
        }
      else if (import->headers[found] != NULL)
        {
          add_problem (import, header->line, name, "%s", _("this column appears twice"));
          ok = FALSE;
        }
      else
        import->headers[found] = name;
    }
  for (guint k = 0; k < n_columns; k++)
    if (columns[k].required && import->headers[k] == NULL &&
        !(g_str_equal (ledger_files[import->file].file, "attendance.csv") && !g_str_equal (columns[k].key, "activity_id")))
      {
        add_problem (import, header->line, columns[k].key, _("this column is required (%1$s or %2$s)"),
                     columns[k].key, columns[k].label);
        ok = FALSE;
      }
  return ok;
}

/* One CSV file or one sheet, its records already read. */
static void
import_file (Import *import, YkCsv *csv, YkLedgerProgress progress, gpointer user_data)
{
  const Column *columns = ledger_files[import->file].columns;
  guint n_columns = 0;

  while (columns[n_columns].key)
    n_columns++;
  if (csv->records->len == 0)
    return;
  import->headers = g_new0 (const char *, n_columns);
  if (read_header (import, csv->records->pdata[0]))
    for (guint r = 1; r < csv->records->len; r++)
      {
        YkCsvRecord *record = csv->records->pdata[r];
        g_autofree const char **values = g_new0 (const char *, n_columns + 1);
        YkCsvRecord *header = csv->records->pdata[0];
        guint cells = g_strv_length (record->fields);
        guint header_cells = g_strv_length (header->fields);

        import->line = record->line;
        import->row_failed = FALSE;
        if (cells > header_cells)
          {
            add_problem (import, record->line, "-", _("%1$u fields, but the header names %2$u columns"), cells, header_cells);
            continue;
          }
        /* The ' an export put before a formula-like cell comes off again
         * (docs/design/formats.md), in a file and in a sheet alike. */
        for (guint c = 0; c < cells; c++)
          for (guint k = 0; k < n_columns; k++)
            if (import->headers[k] == header->fields[c])
              values[k] = yk_text_csv_unguard (record->fields[c]);
        /* Required columns must have a value in every row. */
        for (guint k = 0; k < n_columns; k++)
          if (columns[k].required && import->headers[k] != NULL && (values[k] == NULL || *values[k] == '\0'))
            add_problem (import, record->line, import->headers[k], "%s", _("This is required"));
        if (!import->row_failed)
          ledger_files[import->file].import_row (import, values);
        if (!import->row_failed)
          import->result->added[import->file]++;
        if (progress != NULL && (r % 1000 == 0 || r + 1 == csv->records->len))
          progress (import->label, r, csv->records->len - 1, user_data);
      }
  g_clear_pointer (&import->headers, g_free);
}

/* training.csv (docs/design/training.md): a session and who attended,
 * by display name, separated by 、 or ; (；). Every name must be a staff
 * member's already: a training row never makes one. */
static void
import_training (Import *import, const char *const *values)
{
  g_autofree char *date = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GRegex) separators = g_regex_new ("[、;；]+", 0, 0, NULL);
  g_auto (GStrv) names = NULL;
  const char *hours = value (import, values, "hours");
  const char *attendees = value (import, values, "attendees");
  YkTrainingRecord r = { 0 };
  int tenths = 0;

  if (!read_date (import, values, "date", &date))
    return;
  if (hours != NULL && !yk_training_hours_parse (hours, &tenths))
    add_problem (import, import->line, column_name (import, "hours"),
                 _("“%1$s” is not a number of hours with at most one decimal, such as 2.5"), hours);
  names = g_regex_split (separators, attendees != NULL ? attendees : "", 0);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      g_autoptr (GError) error = NULL;
      gint64 id;

      if (*name == '\0')
        continue;
      id = yk_training_find_staff (import->session, name, &error);
      if (id == 0)
        add_problem (import, import->line, column_name (import, "attendees"), "%s", error->message);
      else
        g_array_append_val (ids, id);
    }
  if (import->row_failed)
    return;
  r.date = date;
  r.title = value (import, values, "title");
  r.hours_tenths = tenths;
  r.provider = value (import, values, "provider");
  r.staff_ids = (const gint64 *) ids->data;
  r.n_staff = ids->len;
  CHECK_AND_ADD (yk_training_validate (import->session, &r, &field, &error),
                 yk_training_record (import->session, &r, NULL, &error));
}

/* A ledger file's records, or the reason they could not be read as a
 * problem on the row where reading stopped. */
static void
import_records (Import *import, guint file, const char *label, YkCsv *csv, const GError *read_error,
                guint error_row, YkLedgerProgress progress, gpointer user_data)
{
  import->file = file;
  import->label = label;
  import->result->present[file] = TRUE;
  g_free (import->result->files[file]);
  import->result->files[file] = g_strdup (label);
  if (csv == NULL)
    add_problem (import, error_row, "-", "%s", read_error->message);
  else
    import_file (import, csv, progress, user_data);
}

static void
import_folder (Import *import, const char *directory, YkLedgerProgress progress, gpointer user_data)
{
  for (guint i = 0; i < YK_LEDGER_FILES; i++)
    {
      g_autofree char *path = g_build_filename (directory, ledger_files[i].file, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (YkCsv) csv = NULL;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      csv = yk_csv_read_file (path, &error);
      import_records (import, i, ledger_files[i].file, csv, error, 1, progress, user_data);
    }
}

/* Which ledger file a sheet is: its Chinese name, its English stem or
 * its file name (English in any case); -1 for any other sheet. */
static int
sheet_file (const char *name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name));

  for (int i = 0; i < YK_LEDGER_FILES; i++)
    {
      g_autofree char *stem = g_strndup (ledger_files[i].file, strlen (ledger_files[i].file) - strlen (".csv"));

      if (g_str_equal (trimmed, ledger_files[i].chinese) || g_ascii_strcasecmp (trimmed, stem) == 0 ||
          g_ascii_strcasecmp (trimmed, ledger_files[i].file) == 0)
        return i;
    }
  return -1;
}

/* Sheets in ledger order, whatever their order in the workbook, so that
 * references resolve as they do for a folder. */
static void
import_workbook (Import *import, YkWorkbook *workbook, YkLedgerProgress progress, gpointer user_data)
{
  for (guint i = 0; i < YK_LEDGER_FILES; i++)
    for (guint s = 0; s < workbook->sheets->len; s++)
      {
        YkWorkbookSheet *sheet = workbook->sheets->pdata[s];

        if (sheet_file (sheet->name) != (int) i)
          continue;
        if (import->result->present[i])
          {
            import->file = i;
            import->label = sheet->name;
            add_problem (import, 1, "-", _("the workbook has two sheets for this part of the ledger (%1$s)"),
                         ledger_files[i].chinese);
            continue;
          }
        import_records (import, i, sheet->name, sheet->csv, sheet->error, sheet->error_row, progress, user_data);
      }
}

/* Problems in ledger order, then by line; the sort is stable. */
static int
compare_problems (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const YkLedgerProblem *x = *(YkLedgerProblem *const *) a, *y = *(YkLedgerProblem *const *) b;
  char **files = user_data;
  int fx = 0, fy = 0;

  for (int i = 0; i < YK_LEDGER_FILES; i++)
    {
      if (g_strcmp0 (files[i], x->file) == 0)
        fx = i;
      if (g_strcmp0 (files[i], y->file) == 0)
        fy = i;
    }
  return fx != fy ? fx - fy : (int) x->line - (int) y->line;
}

gboolean
yk_ledger_import (YkSession        *session,
                  const char       *path,
                  gboolean          dry_run,
                  YkLedgerProgress  progress,
                  gpointer          user_data,
                  YkLedgerResult   *result,
                  GError          **error)
{
  Import import = { .session = session, .db = yk_store_get_connection (yk_session_get_store (session)),
                    .result = result };
  g_autoptr (YkWorkbook) workbook = NULL;
  gboolean folder;
  gboolean any = FALSE;

  g_return_val_if_fail (session != NULL, FALSE);
  g_return_val_if_fail (path != NULL && result != NULL, FALSE);
  memset (result, 0, sizeof *result);
  result->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  for (int i = 0; i < YK_LEDGER_FILES; i++)
    result->files[i] = g_strdup (ledger_files[i].file);
  /* A coordinator's (docs/design/security.md#roles-who-may-see-and-do-what):
   * refused here, for the window and the command line alike, before the
   * path or any row is looked at. */
  if (!yk_session_require_coordinator (session, error))
    return FALSE;
  import.scope = yk_casework_site_scope (session);
  folder = g_file_test (path, G_FILE_TEST_IS_DIR);
  if (!folder && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND,
                   _("“%1$s” is neither a folder nor an Excel workbook"), path);
      return FALSE;
    }
  if (!folder && (workbook = yk_workbook_read_file (path, error)) == NULL)
    return FALSE;
  import.attendances = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.withdrawals = g_ptr_array_new_with_free_func ((GDestroyNotify) withdrawal_free);
  import.people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.case_lines = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  /* One transaction: every row is tried, and only a clean ledger commits. */
  if (!yk_db_begin (import.db, error))
    {
      g_hash_table_unref (import.attendances);
      g_ptr_array_unref (import.withdrawals);
      g_hash_table_unref (import.people);
  g_hash_table_unref (import.case_lines);
      return FALSE;
    }
  if (folder)
    import_folder (&import, path, progress, user_data);
  else
    import_workbook (&import, workbook, progress, user_data);
  import_withdrawals (&import);
  for (int i = 0; i < YK_LEDGER_FILES; i++)
    any |= result->present[i];
  g_hash_table_unref (import.attendances);
  g_ptr_array_unref (import.withdrawals);
  g_hash_table_unref (import.people);
  g_hash_table_unref (import.case_lines);
  g_ptr_array_sort_with_data (result->problems, compare_problems, result->files);

  if (!any)
    {
      yk_db_rollback (import.db);
      if (folder)
        g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                     _("“%1$s” holds none of the ledger files (clients.csv, family.csv, contacts.csv, "
                       "activities.csv, attendance.csv, questionnaires.csv, assessments.csv)"), path);
      else
        g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                     _("“%1$s” has none of the ledger sheets (服务对象, 家属, 服务记录, 服务活动, 活动签到, 问卷, "
                       "功能评估, or clients, family, contacts, activities, attendance, questionnaires, "
                       "assessments)"), path);
      return FALSE;
    }
  if (result->problems->len > 0 || dry_run)
    {
      yk_db_rollback (import.db);
      if (result->problems->len > 0)
        {
          g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                       g_dngettext (NULL, "The ledger has %1$u problem; nothing was imported",
                                    "The ledger has %1$u problems; nothing was imported", result->problems->len),
                       result->problems->len);
          return FALSE;
        }
      return TRUE;
    }
  return yk_session_audit (session, "import", NULL, 0, path, error) && yk_db_commit (import.db, error);
}
