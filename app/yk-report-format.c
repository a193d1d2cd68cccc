/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-report-format.h"
#include "yk-text.h"

#include <string.h>

/* A table for a terminal: labels left, figures right, Chinese counted two
 * columns wide; then the summary paragraph. */
char *
yk_report_to_text (const YkReport *r)
{
  GString *out = g_string_new (NULL);
  g_autofree char *from = yk_date_chinese (r->from);
  g_autofree char *to = yk_date_chinese (r->to);
  g_autofree char *summary = yk_report_summary (r);
  g_autofree char *head_lines = yk_report_audit_head_line (r);
  int label_width = 0, column_width = 8;

  for (int k = 0; k < YK_N_INDICATORS; k++)
    label_width = MAX (label_width, yk_text_width (yk_indicator_label ((YkIndicator) k)));
  for (guint i = 0; i < r->sites->len; i++)
    column_width = MAX (column_width, yk_text_width (((YkReportSite *) r->sites->pdata[i])->name));

  g_string_append_printf (out, "渝康家园统计 %s—%s\n\n", from, to);
  yk_text_append_padded (out, "指标", label_width, FALSE);
  for (guint i = 0; i < r->sites->len; i++)
    {
      g_string_append (out, "  ");
      yk_text_append_padded (out, ((YkReportSite *) r->sites->pdata[i])->name, column_width, TRUE);
    }
  g_string_append (out, "  ");
  yk_text_append_padded (out, "合计", 8, TRUE);
  g_string_append (out, "  ");
  yk_text_append_padded (out, "累计", 8, TRUE);
  g_string_append_c (out, '\n');

  for (int k = 0; k < YK_N_INDICATORS; k++)
    {
      char number[32];

      yk_text_append_padded (out, yk_indicator_label ((YkIndicator) k), label_width, FALSE);
      for (guint i = 0; i < r->sites->len; i++)
        {
          g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, ((YkReportSite *) r->sites->pdata[i])->values[k]);
          g_string_append (out, "  ");
          yk_text_append_padded (out, number, column_width, TRUE);
        }
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, r->total[k]);
      g_string_append (out, "  ");
      yk_text_append_padded (out, number, 8, TRUE);
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, r->cumulative[k]);
      g_string_append (out, "  ");
      yk_text_append_padded (out, number, 8, TRUE);
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "\n%s\n", summary);
  /* A district's notes, then its audit head lines (yk_report_audit_head_line()). */
  if (r->notes != NULL || head_lines != NULL)
    g_string_append_c (out, '\n');
  for (guint i = 0; r->notes != NULL && r->notes[i] != NULL; i++)
    g_string_append_printf (out, "%s\n", r->notes[i]);
  if (head_lines != NULL)
    g_string_append_printf (out, "%s\n", head_lines);
  return g_string_free (out, FALSE);
}

/* One row per indicator in docs/design/indicators.md's order: label, one column per
 * site, 合计, 累计. A header row names the columns; after the indicators,
 * one row 审计记录链头 with the audit head in its second cell (a district's:
 * first a row 说明 per note, then a row 审计记录链头（SPQ.ykdb） per file). RFC 4180 (CRLF). Site
 * names are typed by a coordinator and go through yk_text_append_csv_text()
 * (a ' before a formula, docs/design/formats.md); the labels are Yukang's
 * and the figures numbers it writes, never changed. */
char *
yk_report_to_csv (const YkReport *r)
{
  GString *out = g_string_new ("指标");

  for (guint i = 0; i < r->sites->len; i++)
    {
      g_string_append_c (out, ',');
      yk_text_append_csv_text (out, ((YkReportSite *) r->sites->pdata[i])->name);
    }
  g_string_append (out, ",合计,累计\r\n");
  for (int k = 0; k < YK_N_INDICATORS; k++)
    {
      yk_text_append_csv_field (out, yk_indicator_label ((YkIndicator) k));
      for (guint i = 0; i < r->sites->len; i++)
        g_string_append_printf (out, ",%" G_GINT64_FORMAT, ((YkReportSite *) r->sites->pdata[i])->values[k]);
      g_string_append_printf (out, ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "\r\n", r->total[k], r->cumulative[k]);
    }
  for (guint i = 0; r->notes != NULL && r->notes[i] != NULL; i++)
    {
      g_string_append (out, "说明,");
      yk_text_append_csv_text (out, r->notes[i]);
      g_string_append (out, "\r\n");
    }
  for (guint i = 0; r->file_heads != NULL && i < r->file_heads->len; i++)
    {
      YkReportFileHead *head = r->file_heads->pdata[i];
      g_autofree char *label = g_strdup_printf ("审计记录链头（%s）", head->file);

      yk_text_append_csv_text (out, label);
      g_string_append_printf (out, ",%s\r\n", head->head != NULL ? head->head : "");
    }
  if (r->file_heads == NULL && r->audit_head != NULL)
    g_string_append_printf (out, "审计记录链头,%s\r\n", r->audit_head);
  return g_string_free (out, FALSE);
}

static void
append_indicators (GString *out, const gint64 values[YK_N_INDICATORS], const char *indent)
{
  g_string_append (out, "{");
  for (int k = 0; k < YK_N_INDICATORS; k++)
    g_string_append_printf (out, "%s\n%s  \"%s\": %" G_GINT64_FORMAT, k ? "," : "", indent,
                            yk_indicator_key ((YkIndicator) k), values[k]);
  g_string_append_printf (out, "\n%s}", indent);
}

/* docs/design/formats.md's JSON: every key of docs/design/indicators.md as an integer; with one
 * site, `total` equals it. */
char *
yk_report_to_json (const YkReport *r)
{
  GString *out = g_string_new ("{\n  \"from\": ");

  yk_text_append_json_string (out, r->from);
  g_string_append (out, ",\n  \"to\": ");
  yk_text_append_json_string (out, r->to);
  g_string_append_printf (out, ",\n  \"improvement_threshold\": %d,\n  \"sites\": [", r->improvement_threshold);
  for (guint i = 0; i < r->sites->len; i++)
    {
      YkReportSite *site = r->sites->pdata[i];

      g_string_append_printf (out, "%s\n    {\"code\": ", i ? "," : "");
      yk_text_append_json_string (out, site->code);
      g_string_append (out, ", \"name\": ");
      yk_text_append_json_string (out, site->name);
      g_string_append (out, ", \"indicators\": ");
      append_indicators (out, site->values, "    ");
      g_string_append (out, "}");
    }
  g_string_append (out, "\n  ],\n  \"total\": ");
  append_indicators (out, r->total, "  ");
  g_string_append (out, ",\n  \"audit_head\": ");
  if (r->audit_head != NULL)
    yk_text_append_json_string (out, r->audit_head);
  else
    g_string_append (out, "null");
  /* Added for a district view's report (docs/design/formats.md): each
   * file's audit head, and notes only when there are some. */
  if (r->file_heads != NULL)
    {
      g_string_append (out, ",\n  \"audit_heads\": [");
      for (guint i = 0; i < r->file_heads->len; i++)
        {
          YkReportFileHead *head = r->file_heads->pdata[i];

          g_string_append_printf (out, "%s\n    {\"file\": ", i ? "," : "");
          yk_text_append_json_string (out, head->file);
          g_string_append (out, ", \"head\": ");
          if (head->head != NULL)
            yk_text_append_json_string (out, head->head);
          else
            g_string_append (out, "null");
          g_string_append (out, "}");
        }
      g_string_append (out, "\n  ]");
    }
  if (r->notes != NULL)
    {
      g_string_append (out, ",\n  \"notes\": [");
      for (guint i = 0; r->notes[i] != NULL; i++)
        {
          g_string_append_printf (out, "%s\n    ", i ? "," : "");
          yk_text_append_json_string (out, r->notes[i]);
        }
      g_string_append (out, "\n  ]");
    }
  g_string_append (out, "\n}\n");
  return g_string_free (out, FALSE);
}
