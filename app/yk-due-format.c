/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-due-format.h"
#include "yk-pdf.h"
#include "yk-render.h"
#include "yk-report.h"
#include "yk-text.h"
#include "yk-validate.h"

#include <math.h>

/* Every format below reads the case number, dates, condition, risk level
 * and worker of a YkFollowup, and never its `name`: the due list is
 * printed, saved and mailed, and personal data stays in the encrypted
 * database (the case number is enough to find the person there). */

/* The columns, as fixed Chinese labels like the report's: they are an
 * output format scripts and spreadsheets rely on, not messages. */
#define N_COLUMNS 7
static const char *const column_labels[N_COLUMNS] = {
  "个案编号", "应随访日期", "逾期天数", "上次联系", "病情", "风险等级", "责任社工",
};
/* Numbers are right-aligned. */
static const gboolean column_right[N_COLUMNS] = { FALSE, FALSE, TRUE, FALSE, FALSE, TRUE, FALSE };

static const char *
condition_label (const char *condition)
{
  if (g_strcmp0 (condition, "stable") == 0)
    return "稳定";
  if (g_strcmp0 (condition, "basically_stable") == 0)
    return "基本稳定";
  if (g_strcmp0 (condition, "unstable") == 0)
    return "不稳定";
  return "";
}

/* One row's cells as the text, CSV and PDF show them; empty for what is
 * not recorded. */
static GStrv
row_cells (const YkDueList *list, const YkFollowup *person)
{
  const char *worker = yk_due_list_worker (list, person);
  GStrv cells = g_new0 (char *, N_COLUMNS + 1);

  cells[0] = g_strdup (person->case_no);
  cells[1] = yk_date_format_iso (&person->due);
  cells[2] = g_strdup_printf ("%d", yk_due_list_overdue_days (list, person));
  cells[3] = g_strdup (person->last_contact != NULL ? person->last_contact : "");
  cells[4] = g_strdup (condition_label (person->condition));
  cells[5] = person->risk_level >= 0 ? g_strdup_printf ("%d", person->risk_level) : g_strdup ("");
  cells[6] = g_strdup (worker != NULL ? worker : "");
  return cells;
}

static char *
title (const YkDueList *list)
{
  g_autofree char *iso = yk_date_format_iso (&list->as_of);
  g_autofree char *as_of = yk_date_chinese (iso);

  return g_strdup_printf ("随访清单 截至%s", as_of);
}

static char *
counts (const YkDueList *list)
{
  guint overdue = 0, at_risk = 0;

  for (guint i = 0; i < list->people->len; i++)
    {
      const YkFollowup *person = list->people->pdata[i];

      overdue += person->overdue;
      at_risk += person->at_risk;
    }
  return g_strdup_printf ("共 %u 人，其中逾期 %u 人，需关注 %u 人", list->people->len, overdue, at_risk);
}

/* A title, a table aligned for a terminal (Chinese two columns wide),
 * then the counts. */
char *
yk_due_list_to_text (const YkDueList *list)
{
  GString *out = g_string_new (NULL);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *heading = title (list);
  g_autofree char *summary = counts (list);
  int widths[N_COLUMNS];

  for (int c = 0; c < N_COLUMNS; c++)
    widths[c] = yk_text_width (column_labels[c]);
  for (guint i = 0; i < list->people->len; i++)
    {
      GStrv cells = row_cells (list, list->people->pdata[i]);

      for (int c = 0; c < N_COLUMNS; c++)
        widths[c] = MAX (widths[c], yk_text_width (cells[c]));
      g_ptr_array_add (rows, cells);
    }

  g_string_append_printf (out, "%s\n\n", heading);
  for (int c = 0; c < N_COLUMNS; c++)
    {
      if (c > 0)
        g_string_append (out, "  ");
      yk_text_append_padded (out, column_labels[c], c == N_COLUMNS - 1 ? 0 : widths[c], column_right[c]);
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; i < rows->len; i++)
    {
      GStrv cells = rows->pdata[i];

      for (int c = 0; c < N_COLUMNS; c++)
        {
          if (c > 0)
            g_string_append (out, "  ");
          yk_text_append_padded (out, cells[c], c == N_COLUMNS - 1 ? 0 : widths[c], column_right[c]);
        }
      /* No trailing spaces when the last cells are empty. */
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "\n%s\n", summary);
  return g_string_free (out, FALSE);
}

/* A header row, then one row per person; UTF-8 without a BOM, CRLF,
 * RFC 4180 quoting (a worker's name may hold a comma). The case number
 * and the worker's name are typed by people and go through
 * yk_text_append_csv_text() (a ' before a formula, docs/design/formats.md);
 * dates, days, risk levels and condition words are Yukang's, never changed. */
char *
yk_due_list_to_csv (const YkDueList *list)
{
  GString *out = g_string_new (NULL);

  for (int c = 0; c < N_COLUMNS; c++)
    g_string_append_printf (out, "%s%s", c > 0 ? "," : "", column_labels[c]);
  g_string_append (out, "\r\n");
  for (guint i = 0; i < list->people->len; i++)
    {
      g_auto (GStrv) cells = row_cells (list, list->people->pdata[i]);

      for (int c = 0; c < N_COLUMNS; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          if (c == 0 /* 个案编号 */ || c == 6 /* 责任社工 */)
            yk_text_append_csv_text (out, cells[c]);
          else
            yk_text_append_csv_field (out, cells[c]);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

static void
append_json_string_or_null (GString *out, const char *text)
{
  if (text == NULL)
    g_string_append (out, "null");
  else
    yk_text_append_json_string (out, text);
}

/* Keys other people's scripts read: as_of, people[] of case_no, due,
 * overdue_days, last_contact, condition (the stored code), risk_level,
 * worker; null for what is not recorded. */
char *
yk_due_list_to_json (const YkDueList *list)
{
  GString *out = g_string_new ("{\n  \"as_of\": ");
  g_autofree char *as_of = yk_date_format_iso (&list->as_of);

  yk_text_append_json_string (out, as_of);
  g_string_append (out, ",\n  \"people\": [");
  for (guint i = 0; i < list->people->len; i++)
    {
      const YkFollowup *person = list->people->pdata[i];
      g_autofree char *due = yk_date_format_iso (&person->due);

      g_string_append_printf (out, "%s\n    {\"case_no\": ", i ? "," : "");
      yk_text_append_json_string (out, person->case_no);
      g_string_append (out, ", \"due\": ");
      yk_text_append_json_string (out, due);
      g_string_append_printf (out, ", \"overdue_days\": %d, \"last_contact\": ",
                              yk_due_list_overdue_days (list, person));
      append_json_string_or_null (out, person->last_contact);
      g_string_append (out, ", \"condition\": ");
      append_json_string_or_null (out, person->condition);
      if (person->risk_level >= 0)
        g_string_append_printf (out, ", \"risk_level\": %d", person->risk_level);
      else
        g_string_append (out, ", \"risk_level\": null");
      g_string_append (out, ", \"worker\": ");
      append_json_string_or_null (out, yk_due_list_worker (list, person));
      g_string_append (out, "}");
    }
  g_string_append (out, list->people->len > 0 ? "\n  ]\n}\n" : "]\n}\n");
  return g_string_free (out, FALSE);
}

/* The PDF: every page the title, the as-of date and the column heads, so
 * a page read alone still says what it is; the counts under the last
 * row; page numbers at the foot. */
#define ROW_HEIGHT 20.0
#define TABLE_TOP (YK_PDF_MARGIN + 60.0)
#define TABLE_BOTTOM (YK_PDF_PAGE_HEIGHT - YK_PDF_MARGIN - 30.0)

/* Each column's left edge within the text area (495 points), and the
 * right edge of the last. */
static const double column_x[N_COLUMNS + 1] = { 0, 80, 155, 210, 285, 345, 400, 495 };

static void
draw_cells (YkPdf *pdf, const char *const *cells, double y, gboolean bold)
{
  for (int c = 0; c < N_COLUMNS; c++)
    {
      double x = YK_PDF_MARGIN + (column_right[c] ? column_x[c + 1] - 10 : column_x[c]);

      yk_render_text (pdf->cr, cells[c], x, y, 10, bold ? YK_RENDER_BOLD : YK_RENDER_REGULAR, 0, column_right[c] ? 1 : 0);
    }
}

gboolean
yk_due_list_write_pdf (const YkDueList *list,
                       const char      *path,
                       GError         **error)
{
  g_autofree char *heading = title (list);
  g_autofree char *summary = counts (list);
  int per_page = (int) floor ((TABLE_BOTTOM - TABLE_TOP) / ROW_HEIGHT) - 1;
  int pages = MAX (1, ((int) list->people->len + per_page - 1) / per_page);
  YkPdf pdf = { 0 };
  guint next = 0;

  yk_pdf_begin (&pdf, path, "随访清单");
  for (int page = 1; page <= pages; page++)
    {
      double y = TABLE_TOP;

      yk_render_text (pdf.cr, heading, YK_PDF_MARGIN, YK_PDF_MARGIN, 16, YK_RENDER_BOLD, 0, 0);
      draw_cells (&pdf, column_labels, y, TRUE);
      y += ROW_HEIGHT;
      yk_render_rule (pdf.cr, YK_PDF_MARGIN, YK_PDF_PAGE_WIDTH - YK_PDF_MARGIN, y - 4, 0.8);
      for (int row = 0; row < per_page && next < list->people->len; row++, next++)
        {
          g_auto (GStrv) cells = row_cells (list, list->people->pdata[next]);

          draw_cells (&pdf, (const char *const *) cells, y, FALSE);
          y += ROW_HEIGHT;
          yk_render_rule (pdf.cr, YK_PDF_MARGIN, YK_PDF_PAGE_WIDTH - YK_PDF_MARGIN, y - 4, 0.3);
        }
      if (page == pages)
        yk_render_text (pdf.cr, summary, YK_PDF_MARGIN, y + 10, 10.5, YK_RENDER_REGULAR, 0, 0);
      yk_render_page_footer (pdf.cr, YK_PDF_PAGE_WIDTH, YK_PDF_PAGE_HEIGHT - YK_PDF_MARGIN / 2, page, pages,
                             YK_RENDER_CHINESE);
      cairo_show_page (pdf.cr);
    }
  return yk_pdf_finish (&pdf, error);
}
