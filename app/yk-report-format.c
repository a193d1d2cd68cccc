/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-report-format.h"

#include <string.h>

static int
display_width (const char *text)
{
  int width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

static void
append_padded (GString *out, const char *text, int width, gboolean right)
{
  int pad = MAX (width - display_width (text), 0);

  if (right)
    for (int i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (int i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
}

/* A table for a terminal: labels left, figures right, Chinese counted two
 * columns wide; then the summary paragraph. */
char *
yk_report_to_text (const YkReport *r)
{
  GString *out = g_string_new (NULL);
  g_autofree char *from = yk_date_chinese (r->from);
  g_autofree char *to = yk_date_chinese (r->to);
  g_autofree char *summary = yk_report_summary (r);
  int label_width = 0, column_width = 8;

  for (int k = 0; k < YK_N_INDICATORS; k++)
    label_width = MAX (label_width, display_width (yk_indicator_label ((YkIndicator) k)));
  for (guint i = 0; i < r->sites->len; i++)
    column_width = MAX (column_width, display_width (((YkReportSite *) r->sites->pdata[i])->name));

  g_string_append_printf (out, "渝康家园统计 %s—%s\n\n", from, to);
  append_padded (out, "指标", label_width, FALSE);
  for (guint i = 0; i < r->sites->len; i++)
    {
      g_string_append (out, "  ");
      append_padded (out, ((YkReportSite *) r->sites->pdata[i])->name, column_width, TRUE);
    }
  g_string_append (out, "  ");
  append_padded (out, "合计", 8, TRUE);
  g_string_append (out, "  ");
  append_padded (out, "累计", 8, TRUE);
  g_string_append_c (out, '\n');

  for (int k = 0; k < YK_N_INDICATORS; k++)
    {
      char number[32];

      append_padded (out, yk_indicator_label ((YkIndicator) k), label_width, FALSE);
      for (guint i = 0; i < r->sites->len; i++)
        {
          g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, ((YkReportSite *) r->sites->pdata[i])->values[k]);
          g_string_append (out, "  ");
          append_padded (out, number, column_width, TRUE);
        }
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, r->total[k]);
      g_string_append (out, "  ");
      append_padded (out, number, 8, TRUE);
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, r->cumulative[k]);
      g_string_append (out, "  ");
      append_padded (out, number, 8, TRUE);
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "\n%s\n", summary);
  return g_string_free (out, FALSE);
}

static void
append_csv_field (GString *out, const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* One row per indicator in INDICATORS.md's order: label, one column per
 * site, 合计, 累计. A header row names the columns. RFC 4180 (CRLF). */
char *
yk_report_to_csv (const YkReport *r)
{
  GString *out = g_string_new ("指标");

  for (guint i = 0; i < r->sites->len; i++)
    {
      g_string_append_c (out, ',');
      append_csv_field (out, ((YkReportSite *) r->sites->pdata[i])->name);
    }
  g_string_append (out, ",合计,累计\r\n");
  for (int k = 0; k < YK_N_INDICATORS; k++)
    {
      append_csv_field (out, yk_indicator_label ((YkIndicator) k));
      for (guint i = 0; i < r->sites->len; i++)
        g_string_append_printf (out, ",%" G_GINT64_FORMAT, ((YkReportSite *) r->sites->pdata[i])->values[k]);
      g_string_append_printf (out, ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "\r\n", r->total[k], r->cumulative[k]);
    }
  return g_string_free (out, FALSE);
}

static void
append_json_string (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
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

/* FORMATS.md's JSON: every key of INDICATORS.md as an integer; with one
 * site, `total` equals it. */
char *
yk_report_to_json (const YkReport *r)
{
  GString *out = g_string_new ("{\n  \"from\": ");

  append_json_string (out, r->from);
  g_string_append (out, ",\n  \"to\": ");
  append_json_string (out, r->to);
  g_string_append_printf (out, ",\n  \"improvement_threshold\": %d,\n  \"sites\": [", r->improvement_threshold);
  for (guint i = 0; i < r->sites->len; i++)
    {
      YkReportSite *site = r->sites->pdata[i];

      g_string_append_printf (out, "%s\n    {\"code\": ", i ? "," : "");
      append_json_string (out, site->code);
      g_string_append (out, ", \"name\": ");
      append_json_string (out, site->name);
      g_string_append (out, ", \"indicators\": ");
      append_indicators (out, site->values, "    ");
      g_string_append (out, "}");
    }
  g_string_append (out, "\n  ],\n  \"total\": ");
  append_indicators (out, r->total, "  ");
  g_string_append (out, "\n}\n");
  return g_string_free (out, FALSE);
}
