/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-workload.h"
#include "yk-app-error.h"
#include "yk-pdf.h"
#include "yk-render.h"
#include "yk-report.h"
#include "yk-text.h"
#include "yk-training.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <xlsxwriter.h>

/* `yukang report --by worker` in every format (docs/design/formats.md):
 * one row per worker, then one per site (站点合计), then 合计. The
 * words are the bureau's Chinese whatever the locale, as the figures
 * report's are. */

/* Narrow column heads for the text and the PDF; the CSV and the XLSX
 * carry the full labels (yk_workload_label()). */
static const char *const short_labels[YK_N_WORKLOAD] = {
  "上门服务", "电话随访", "未联系上", "功能评估", "组织活动", "活动参与", "时长(分)", "服务人数",
};

#define NOTE_COUNTING \
  "计数规则：作废记录不计；只有联系上的上门服务和电话随访计为服务，未联系上的另计；" \
  "服务时长只计联系上的；服务人数为联系上的不同服务对象；活动参与含其他居民人数；" \
  "一次活动有两名负责人时，各计一次，站点合计和合计只计一次。"

/* Training (docs/design/training.md): two columns of hours with one
 * decimal, and a mark for a social worker under the year's goal. */
#define SHORT_TRAINING "培训学时"
#define SHORT_TRAINING_YEAR "年度学时"
#define LABEL_TRAINING "培训学时（小时）"
#define LABEL_TRAINING_YEAR "年度培训学时（小时）"
#define LABEL_TRAINING_MARK "培训提示"
#define MARK_BELOW_GOAL "不足20小时"
#define NOTE_TRAINING \
  "培训学时：报告期内参加培训的学时，一次培训按每位参加人员各计一次；年度学时为报告期末所在年份" \
  "（1月1日至12月31日）的合计。全国规划要求直接服务的社工每年培训不少于20小时，" \
  "不足的标注“" MARK_BELOW_GOAL "”。"

const char *
yk_workload_training_label (gboolean year_total)
{
  return year_total ? LABEL_TRAINING_YEAR : LABEL_TRAINING;
}

const char *
yk_workload_training_note (void)
{
  return NOTE_TRAINING;
}

const char *
yk_workload_below_goal_mark (void)
{
  return MARK_BELOW_GOAL;
}

static const char *
mark_of (const YkWorkloadRow *row)
{
  return row->training_below_goal ? MARK_BELOW_GOAL : "";
}

static char *
heading_of (const YkWorkload *w)
{
  g_autofree char *from = yk_date_chinese (w->from);
  g_autofree char *to = yk_date_chinese (w->to);

  return g_strdup_printf ("渝康家园社工工作量 %s—%s", from, to);
}

static char *
site_total_label (const YkWorkloadRow *site)
{
  return g_strdup_printf ("%s合计", site->site_name != NULL ? site->site_name : "");
}

/* Each line of the table as (first cell, second cell, row). */
typedef void (*RowFunc) (const char *first, const char *second, const YkWorkloadRow *row, gpointer data);

static void
each_row (const YkWorkload *w, RowFunc func, gpointer data)
{
  for (guint i = 0; i < w->workers->len; i++)
    {
      const YkWorkloadRow *row = w->workers->pdata[i];

      func (row->name, row->site_name != NULL ? row->site_name : "", row, data);
    }
  for (guint i = 0; i < w->sites->len; i++)
    {
      const YkWorkloadRow *row = w->sites->pdata[i];
      g_autofree char *label = site_total_label (row);

      func (label, row->site_name, row, data);
    }
  func ("合计", "", w->total, data);
}

typedef struct
{
  GString *out;
  int name_width, site_width;
} TextTable;

static void
text_row (const char *first, const char *second, const YkWorkloadRow *row, gpointer data)
{
  TextTable *t = data;

  yk_text_append_padded (t->out, first, t->name_width, FALSE);
  g_string_append (t->out, "  ");
  yk_text_append_padded (t->out, second, t->site_width, FALSE);
  for (int k = 0; k < YK_N_WORKLOAD; k++)
    {
      char number[32];

      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, row->values[k]);
      g_string_append (t->out, "  ");
      yk_text_append_padded (t->out, number, yk_text_width (short_labels[k]), TRUE);
    }
  {
    g_autofree char *hours = yk_training_hours_format (row->training_tenths);
    g_autofree char *year = yk_training_hours_format (row->training_year_tenths);

    g_string_append (t->out, "  ");
    yk_text_append_padded (t->out, hours, yk_text_width (SHORT_TRAINING), TRUE);
    g_string_append (t->out, "  ");
    yk_text_append_padded (t->out, year, yk_text_width (SHORT_TRAINING_YEAR), TRUE);
  }
  if (row->training_below_goal)
    g_string_append (t->out, "  " MARK_BELOW_GOAL);
  g_string_append_c (t->out, '\n');
}

static void
measure_row (const char *first, const char *second, const YkWorkloadRow *row, gpointer data)
{
  TextTable *t = data;

  t->name_width = MAX (t->name_width, yk_text_width (first));
  t->site_width = MAX (t->site_width, yk_text_width (second));
}

char *
yk_workload_to_text (const YkWorkload *w)
{
  g_autofree char *heading = heading_of (w);
  TextTable t = { g_string_new (NULL), yk_text_width ("社工"), yk_text_width ("站点") };

  each_row (w, measure_row, &t);
  g_string_append_printf (t.out, "%s\n\n", heading);
  yk_text_append_padded (t.out, "社工", t.name_width, FALSE);
  g_string_append (t.out, "  ");
  yk_text_append_padded (t.out, "站点", t.site_width, FALSE);
  for (int k = 0; k < YK_N_WORKLOAD; k++)
    {
      g_string_append (t.out, "  ");
      g_string_append (t.out, short_labels[k]);
    }
  g_string_append (t.out, "  " SHORT_TRAINING "  " SHORT_TRAINING_YEAR "\n");
  each_row (w, text_row, &t);
  g_string_append_printf (t.out, "\n%s\n%s\n", NOTE_COUNTING, NOTE_TRAINING);
  for (guint i = 0; w->notes != NULL && w->notes[i] != NULL; i++)
    g_string_append_printf (t.out, "%s\n", w->notes[i]);
  return g_string_free (t.out, FALSE);
}

static void
csv_row (const char *first, const char *second, const YkWorkloadRow *row, gpointer data)
{
  GString *out = data;

  /* Names are typed by people: a ' before a formula (yk_text_append_csv_text()). */
  yk_text_append_csv_text (out, first);
  g_string_append_c (out, ',');
  yk_text_append_csv_text (out, second);
  for (int k = 0; k < YK_N_WORKLOAD; k++)
    g_string_append_printf (out, ",%" G_GINT64_FORMAT, row->values[k]);
  {
    g_autofree char *hours = yk_training_hours_format (row->training_tenths);
    g_autofree char *year = yk_training_hours_format (row->training_year_tenths);

    g_string_append_printf (out, ",%s,%s,%s", hours, year, mark_of (row));
  }
  g_string_append (out, "\r\n");
}

/* A header row (社工, 站点, the labels, the training's three), one row
 * per worker, one per site (“<site>合计”, the site), then 合计; then a
 * 说明 row per note. RFC 4180. */
char *
yk_workload_to_csv (const YkWorkload *w)
{
  GString *out = g_string_new ("社工,站点");

  for (int k = 0; k < YK_N_WORKLOAD; k++)
    {
      g_string_append_c (out, ',');
      yk_text_append_csv_field (out, yk_workload_label ((YkWorkloadFigure) k));
    }
  g_string_append (out, "," LABEL_TRAINING "," LABEL_TRAINING_YEAR "," LABEL_TRAINING_MARK "\r\n");
  each_row (w, csv_row, out);
  for (guint i = 0; w->notes != NULL && w->notes[i] != NULL; i++)
    {
      g_string_append (out, "说明,");
      yk_text_append_csv_text (out, w->notes[i]);
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

static void
append_figures (GString *out, const YkWorkloadRow *row)
{
  g_autofree char *hours = yk_training_hours_format (row->training_tenths);
  g_autofree char *year = yk_training_hours_format (row->training_year_tenths);

  for (int k = 0; k < YK_N_WORKLOAD; k++)
    g_string_append_printf (out, "%s\"%s\": %" G_GINT64_FORMAT, k ? ", " : "", yk_workload_key ((YkWorkloadFigure) k),
                            row->values[k]);
  g_string_append_printf (out, ", \"training_hours\": %s, \"training_hours_year\": %s", hours, year);
}

static void
append_json_or_null (GString *out, const char *text)
{
  if (text != NULL)
    yk_text_append_json_string (out, text);
  else
    g_string_append (out, "null");
}

/* PRODUCT.md's keys; added: each worker's site_name, the sites' totals
 * (`sites`), the `total`, a district view's `notes`, and training
 * (`training_hours`, `training_hours_year` in hours with one decimal, in
 * every row; `training_below_goal` in a worker's). "site" is the
 * site's code, null for staff without a site. */
char *
yk_workload_to_json (const YkWorkload *w)
{
  GString *out = g_string_new ("{\n  \"from\": ");

  yk_text_append_json_string (out, w->from);
  g_string_append (out, ",\n  \"to\": ");
  yk_text_append_json_string (out, w->to);
  g_string_append (out, ",\n  \"workers\": [");
  for (guint i = 0; i < w->workers->len; i++)
    {
      const YkWorkloadRow *row = w->workers->pdata[i];

      g_string_append_printf (out, "%s\n    {\"name\": ", i ? "," : "");
      yk_text_append_json_string (out, row->name);
      g_string_append (out, ", \"site\": ");
      append_json_or_null (out, row->site_code);
      g_string_append (out, ", ");
      append_figures (out, row);
      g_string_append_printf (out, ", \"training_below_goal\": %s", row->training_below_goal ? "true" : "false");
      g_string_append (out, ", \"site_name\": ");
      append_json_or_null (out, row->site_name);
      g_string_append (out, "}");
    }
  g_string_append (out, "\n  ],\n  \"sites\": [");
  for (guint i = 0; i < w->sites->len; i++)
    {
      const YkWorkloadRow *row = w->sites->pdata[i];

      g_string_append_printf (out, "%s\n    {\"code\": ", i ? "," : "");
      yk_text_append_json_string (out, row->site_code);
      g_string_append (out, ", \"name\": ");
      yk_text_append_json_string (out, row->site_name);
      g_string_append (out, ", ");
      append_figures (out, row);
      g_string_append (out, "}");
    }
  g_string_append (out, "\n  ],\n  \"total\": {");
  append_figures (out, w->total);
  g_string_append (out, "}");
  if (w->notes != NULL)
    {
      g_string_append (out, ",\n  \"notes\": [");
      for (guint i = 0; w->notes[i] != NULL; i++)
        {
          g_string_append_printf (out, "%s\n    ", i ? "," : "");
          yk_text_append_json_string (out, w->notes[i]);
        }
      g_string_append (out, "\n  ]");
    }
  g_string_append (out, "\n}\n");
  return g_string_free (out, FALSE);
}

/* XLSX: one sheet 工作量, a title line, the CSV's table, the counting
 * note under it. */
typedef struct
{
  lxw_worksheet *sheet;
  lxw_format *bold;
  lxw_format *hours;      /* one decimal */
  lxw_format *bold_hours;
  lxw_format *warning;
  lxw_row_t row;
  guint n_workers;
} XlsxTable;

#define XLSX_TRAINING_COLUMN (YK_N_WORKLOAD + 2)
#define XLSX_LAST_COLUMN (XLSX_TRAINING_COLUMN + 2)

static void
xlsx_row (const char *first, const char *second, const YkWorkloadRow *row, gpointer data)
{
  XlsxTable *t = data;
  gboolean total = t->row - 3 >= t->n_workers;

  worksheet_write_string (t->sheet, t->row, 0, first, total ? t->bold : NULL);
  worksheet_write_string (t->sheet, t->row, 1, second, NULL);
  for (int k = 0; k < YK_N_WORKLOAD; k++)
    worksheet_write_number (t->sheet, t->row, (lxw_col_t) k + 2, (double) row->values[k], total ? t->bold : NULL);
  /* Tenths as a number of hours: 25 → 2.5, shown with one decimal. */
  worksheet_write_number (t->sheet, t->row, XLSX_TRAINING_COLUMN, row->training_tenths / 10.0,
                          total ? t->bold_hours : t->hours);
  worksheet_write_number (t->sheet, t->row, XLSX_TRAINING_COLUMN + 1, row->training_year_tenths / 10.0,
                          total ? t->bold_hours : t->hours);
  if (row->training_below_goal)
    worksheet_write_string (t->sheet, t->row, XLSX_TRAINING_COLUMN + 2, MARK_BELOW_GOAL, t->warning);
  t->row++;
}

gboolean
yk_workload_write_xlsx (const YkWorkload *w,
                        const char       *path,
                        GError          **error)
{
  g_autofree char *temporary = g_strdup_printf ("%s.yk-tmp", path);
  g_autofree char *heading = heading_of (w);
  lxw_workbook *workbook = workbook_new (temporary);
  lxw_worksheet *sheet;
  lxw_format *title, *header, *wrap;
  XlsxTable t;
  lxw_error rc;

  if (workbook == NULL)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FAILED, _("Could not create “%1$s”"), path);
      return FALSE;
    }
  sheet = workbook_add_worksheet (workbook, "工作量");
  title = workbook_add_format (workbook);
  header = workbook_add_format (workbook);
  wrap = workbook_add_format (workbook);
  format_set_bold (title);
  format_set_font_size (title, 14);
  format_set_bold (header);
  format_set_text_wrap (header);
  format_set_bottom (header, LXW_BORDER_THIN);
  format_set_align (header, LXW_ALIGN_CENTER);
  format_set_text_wrap (wrap);
  format_set_align (wrap, LXW_ALIGN_VERTICAL_TOP);
  t = (XlsxTable) { sheet, workbook_add_format (workbook), workbook_add_format (workbook),
                    workbook_add_format (workbook), workbook_add_format (workbook), 3, w->workers->len };
  format_set_bold (t.bold);
  format_set_num_format (t.hours, "0.0");
  format_set_num_format (t.bold_hours, "0.0");
  format_set_bold (t.bold_hours);
  format_set_font_color (t.warning, LXW_COLOR_RED);

  worksheet_write_string (sheet, 0, 0, heading, title);
  worksheet_write_string (sheet, 2, 0, "社工", header);
  worksheet_write_string (sheet, 2, 1, "站点", header);
  worksheet_set_column (sheet, 0, 1, 24, NULL);
  for (int k = 0; k < YK_N_WORKLOAD; k++)
    worksheet_write_string (sheet, 2, (lxw_col_t) k + 2, yk_workload_label ((YkWorkloadFigure) k), header);
  worksheet_write_string (sheet, 2, XLSX_TRAINING_COLUMN, LABEL_TRAINING, header);
  worksheet_write_string (sheet, 2, XLSX_TRAINING_COLUMN + 1, LABEL_TRAINING_YEAR, header);
  worksheet_write_string (sheet, 2, XLSX_TRAINING_COLUMN + 2, LABEL_TRAINING_MARK, header);
  worksheet_set_column (sheet, 2, XLSX_LAST_COLUMN, 12, NULL);
  worksheet_set_row (sheet, 2, 32, NULL);
  each_row (w, xlsx_row, &t);
  worksheet_merge_range (sheet, t.row + 1, 0, t.row + 1, XLSX_LAST_COLUMN, NOTE_COUNTING, wrap);
  worksheet_set_row (sheet, t.row + 1, 48, NULL);
  worksheet_merge_range (sheet, t.row + 2, 0, t.row + 2, XLSX_LAST_COLUMN, NOTE_TRAINING, wrap);
  worksheet_set_row (sheet, t.row + 2, 48, NULL);
  for (guint i = 0; w->notes != NULL && w->notes[i] != NULL; i++)
    worksheet_merge_range (sheet, t.row + 3 + i, 0, t.row + 3 + i, XLSX_LAST_COLUMN, w->notes[i], wrap);

  rc = workbook_close (workbook);
  if (rc != LXW_NO_ERROR || g_rename (temporary, path) != 0)
    {
      g_unlink (temporary);
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FAILED, _("Could not write “%1$s”: %2$s"), path,
                   rc != LXW_NO_ERROR ? lxw_strerror (rc) : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* PDF: A4, the text's table drawn with Pango (Noto CJK), as many pages
 * as the rows need, the heading on each. */
#define PDF_SIZE 7.0
#define PDF_LINE 16.0
#define PDF_NAME_WIDTH 84.0
#define PDF_SITE_WIDTH 68.0
#define PDF_MARK_WIDTH 42.0
/* The figures and the two training columns. */
#define PDF_COLUMNS (YK_N_WORKLOAD + 2)
#define PDF_COLUMN ((YK_PDF_PAGE_WIDTH - 2 * YK_PDF_MARGIN - PDF_NAME_WIDTH - PDF_SITE_WIDTH - PDF_MARK_WIDTH) / PDF_COLUMNS)
#define PDF_COLUMN_X(k) (YK_PDF_MARGIN + PDF_NAME_WIDTH + PDF_SITE_WIDTH + (k) * PDF_COLUMN)

typedef struct
{
  YkPdf *pdf;
  double y;
  const char *heading;
} PdfTable;

static void
pdf_header (PdfTable *t)
{
  cairo_t *cr = t->pdf->cr;
  double width = YK_PDF_PAGE_WIDTH - 2 * YK_PDF_MARGIN;

  t->y = YK_PDF_MARGIN;
  t->y += yk_render_text (cr, t->heading, YK_PDF_MARGIN, t->y, 13, YK_RENDER_BOLD, width, 0) + 12;
  yk_render_text (cr, "社工", YK_PDF_MARGIN, t->y, PDF_SIZE, YK_RENDER_BOLD, PDF_NAME_WIDTH, 0);
  yk_render_text (cr, "站点", YK_PDF_MARGIN + PDF_NAME_WIDTH, t->y, PDF_SIZE, YK_RENDER_BOLD, PDF_SITE_WIDTH, 0);
  for (int k = 0; k < YK_N_WORKLOAD; k++)
    yk_render_text (cr, short_labels[k], PDF_COLUMN_X (k), t->y, PDF_SIZE, YK_RENDER_BOLD, PDF_COLUMN, 1);
  yk_render_text (cr, SHORT_TRAINING, PDF_COLUMN_X (YK_N_WORKLOAD), t->y, PDF_SIZE, YK_RENDER_BOLD, PDF_COLUMN, 1);
  yk_render_text (cr, SHORT_TRAINING_YEAR, PDF_COLUMN_X (YK_N_WORKLOAD + 1), t->y, PDF_SIZE, YK_RENDER_BOLD,
                  PDF_COLUMN, 1);
  t->y += PDF_LINE;
  yk_render_rule (cr, YK_PDF_MARGIN, YK_PDF_PAGE_WIDTH - YK_PDF_MARGIN, t->y - 3, 0.5);
}

static void
pdf_row (const char *first, const char *second, const YkWorkloadRow *row, gpointer data)
{
  PdfTable *t = data;
  cairo_t *cr = t->pdf->cr;
  YkRenderFont font = row->staff_id == 0 ? YK_RENDER_BOLD : YK_RENDER_REGULAR;

  if (t->y + PDF_LINE > YK_PDF_PAGE_HEIGHT - YK_PDF_MARGIN)
    {
      cairo_show_page (cr);
      pdf_header (t);
    }
  yk_render_text (cr, first, YK_PDF_MARGIN, t->y, PDF_SIZE, font, PDF_NAME_WIDTH - 4, 0);
  yk_render_text (cr, second, YK_PDF_MARGIN + PDF_NAME_WIDTH, t->y, PDF_SIZE, font, PDF_SITE_WIDTH - 4, 0);
  for (int k = 0; k < YK_N_WORKLOAD; k++)
    {
      char number[32];

      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, row->values[k]);
      yk_render_text (cr, number, PDF_COLUMN_X (k), t->y, PDF_SIZE, font, PDF_COLUMN, 1);
    }
  {
    g_autofree char *hours = yk_training_hours_format (row->training_tenths);
    g_autofree char *year = yk_training_hours_format (row->training_year_tenths);

    yk_render_text (cr, hours, PDF_COLUMN_X (YK_N_WORKLOAD), t->y, PDF_SIZE, font, PDF_COLUMN, 1);
    yk_render_text (cr, year, PDF_COLUMN_X (YK_N_WORKLOAD + 1), t->y, PDF_SIZE, font, PDF_COLUMN, 1);
  }
  if (row->training_below_goal)
    {
      /* Red, so that it is seen; the words say it for a black-and-white print. */
      cairo_set_source_rgb (cr, 0.75, 0, 0);
      yk_render_text (cr, MARK_BELOW_GOAL, PDF_COLUMN_X (PDF_COLUMNS) + 4, t->y, PDF_SIZE, YK_RENDER_BOLD,
                      PDF_MARK_WIDTH - 4, 0);
      cairo_set_source_rgb (cr, 0, 0, 0);
    }
  t->y += PDF_LINE;
}

gboolean
yk_workload_write_pdf (const YkWorkload *w,
                       const char       *path,
                       GError          **error)
{
  g_autofree char *heading = heading_of (w);
  YkPdf pdf = { 0 };
  PdfTable t = { &pdf, 0, heading };
  double width = YK_PDF_PAGE_WIDTH - 2 * YK_PDF_MARGIN;

  yk_pdf_begin (&pdf, path, "渝康家园社工工作量");
  cairo_set_source_rgb (pdf.cr, 0, 0, 0);
  pdf_header (&t);
  each_row (w, pdf_row, &t);
  t.y += 8;
  t.y += yk_render_text (pdf.cr, NOTE_COUNTING, YK_PDF_MARGIN, t.y, PDF_SIZE, YK_RENDER_REGULAR, width, 0) + 4;
  t.y += yk_render_text (pdf.cr, NOTE_TRAINING, YK_PDF_MARGIN, t.y, PDF_SIZE, YK_RENDER_REGULAR, width, 0) + 4;
  for (guint i = 0; w->notes != NULL && w->notes[i] != NULL; i++)
    t.y += yk_render_text (pdf.cr, w->notes[i], YK_PDF_MARGIN, t.y, PDF_SIZE, YK_RENDER_REGULAR, width, 0) + 4;
  cairo_show_page (pdf.cr);
  return yk_pdf_finish (&pdf, error);
}
