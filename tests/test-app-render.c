/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The renderer as a person sees its drawings: charts drawn on an image
 * surface and read back pixel by pixel, Chinese text measured as it
 * wraps, documents paginated. Nothing here touches a database: the
 * reports are built by hand. */
#include "yk-render.h"

#include <math.h>
#include <string.h>

static const YkRenderColour black = { 0, 0, 0, 1 };

static void
site_free (YkReportSite *site)
{
  g_free (site->code);
  g_free (site->name);
  g_free (site);
}

/* A report of `n_sites` sites (石坪桥街道渝康家园, 九龙街道渝康家园)
 * starting on `from`, every figure zero. */
static YkReport *
report_new (const char *from, guint n_sites)
{
  static const char *const names[] = { "石坪桥街道渝康家园", "九龙街道渝康家园" };
  static const char *const codes[] = { "SPQ", "JL" };
  YkReport *report = g_new0 (YkReport, 1);

  g_assert_cmpuint (n_sites, <=, G_N_ELEMENTS (names));
  report->from = g_strdup (from);
  report->to = g_strdup (from);
  report->sites = g_ptr_array_new_with_free_func ((GDestroyNotify) site_free);
  for (guint i = 0; i < n_sites; i++)
    {
      YkReportSite *site = g_new0 (YkReportSite, 1);

      site->site_id = i + 1;
      site->code = g_strdup (codes[i]);
      site->name = g_strdup (names[i]);
      g_ptr_array_add (report->sites, site);
    }
  return report;
}

static YkReportSite *
site (YkReport *report, guint i)
{
  return report->sites->pdata[i];
}

/* A white image surface and a context on it. */
static cairo_t *
canvas (int width, int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  return cr;
}

static guint32
pixel (cairo_t *cr, int x, int y)
{
  cairo_surface_t *surface = cairo_get_target (cr);
  unsigned char *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  return *(guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4) & 0xffffff;
}

/* Ink: anything not white. */
static gboolean
inked (cairo_t *cr, int x, int y)
{
  return pixel (cr, x, y) != 0xffffff;
}

/* The colour of the first series (a site's first indicator), as the
 * chart's palette paints it on an RGB24 surface. */
static gboolean
near_colour (guint32 p, double r, double g, double b)
{
  return fabs (((p >> 16) & 0xff) - r * 255) <= 2 && fabs (((p >> 8) & 0xff) - g * 255) <= 2 &&
         fabs ((p & 0xff) - b * 255) <= 2;
}

/* The tallest run of `colour` in any column: a bar's height (the
 * legend's swatch is 10 pixels, far shorter than these bars). Its
 * bottom in *bottom. */
static int
tallest_run (cairo_t *cr, int width, int height, const double colour[3], int *bottom)
{
  int best = 0;

  for (int x = 0; x < width; x++)
    {
      int run = 0;

      for (int y = 0; y < height; y++)
        {
          if (near_colour (pixel (cr, x, y), colour[0], colour[1], colour[2]))
            {
              run++;
              if (run > best)
                {
                  best = run;
                  if (bottom != NULL)
                    *bottom = y;
                }
            }
          else
            run = 0;
        }
    }
  return best;
}

/* One rule: 1, 2 or 5 × 10ⁿ, the smallest that reaches the largest value
 * in five steps or fewer. */
static void
test_grid_step_rule (void)
{
  static const struct { double largest, step; } cases[] = {
    { 0, 1 }, { 1, 1 }, { 5, 1 }, { 6, 2 }, { 10, 2 }, { 11, 5 }, { 25, 5 }, { 26, 10 }, { 50, 10 },
    { 51, 20 }, { 77, 20 }, { 100, 20 }, { 101, 50 }, { 163, 50 }, { 251, 100 }, { 2610, 1000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpfloat (yk_render_grid_step (cases[i].largest), ==, cases[i].step);

  /* And for any value: a step of the 1-2-5 series, five or fewer lines,
   * and the next smaller step of the series would need more. */
  for (int largest = 1; largest < 100000; largest = largest * 3 / 2 + 1)
    {
      double step = yk_render_grid_step (largest);
      double power = pow (10, floor (log10 (step)));
      double factor = step / power;
      double smaller = factor == 1 ? power / 2 : factor == 2 ? power : 2 * power;

      g_assert_true (factor == 1 || factor == 2 || factor == 5);
      g_assert_cmpfloat (ceil (largest / step), <=, 5);
      if (smaller >= 1)
        g_assert_cmpfloat (ceil (largest / smaller), >, 5);
    }
}

/* The months of a chart: October to December 2021, each with the given
 * home visits and phone follow-ups at the first site. */
static GPtrArray *
months_new (guint n_sites, const gint64 *home, const gint64 *phone, guint n)
{
  GPtrArray *months = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_report_free);

  for (guint m = 0; m < n; m++)
    {
      g_autofree char *from = g_strdup_printf ("2021-%02u-01", 10 + m);
      YkReport *month = report_new (from, n_sites);

      site (month, 0)->values[YK_INDICATOR_HOME_VISITS] = home[m];
      site (month, 0)->values[YK_INDICATOR_PHONE_FOLLOWUPS] = phone[m];
      g_ptr_array_add (months, month);
    }
  return months;
}

/* A bar is as tall as its value: 40 home visits draw a bar twice as
 * tall as 20 phone follow-ups, standing on the same axis. */
static void
test_monthly_bar_heights (void)
{
  static const double home_colour[3] = { 0.11, 0.40, 0.66 }, phone_colour[3] = { 0.55, 0.75, 0.92 };
  const gint64 home[] = { 40 }, phone[] = { 20 };
  g_autoptr (YkReport) report = report_new ("2021-10-01", 1);
  g_autoptr (GPtrArray) months = months_new (1, home, phone, 1);
  g_autoptr (YkRenderMonthly) chart = yk_render_monthly_new (YK_MONTHLY_CHART_CONTACTS, report, months, YK_RENDER_CHINESE);
  cairo_t *cr = canvas (400, 300);
  int home_bottom = 0, phone_bottom = 0, home_height, phone_height;

  g_assert_cmpuint (yk_render_monthly_get_n_bars (chart), ==, 2);
  g_assert_cmpint (yk_render_monthly_draw (chart, cr, 400, 300, &black), ==, 0);
  home_height = tallest_run (cr, 400, 300, home_colour, &home_bottom);
  phone_height = tallest_run (cr, 400, 300, phone_colour, &phone_bottom);
  g_assert_cmpint (home_height, >, 100);
  g_assert_cmpint (abs (home_height - 2 * phone_height), <=, 2);
  g_assert_cmpint (abs (home_bottom - phone_bottom), <=, 1);
  cairo_destroy (cr);
}

/* The gridlines a chart draws are the grid rule's: for a tallest value
 * of 77 the rule's step is 20, so lines at 0, 20, 40, 60 and 80. Counted
 * down the plot's right edge, where no bar stands. */
static void
test_monthly_gridlines_follow_rule (void)
{
  const gint64 home[] = { 24, 21, 31 }, phone[] = { 48, 65, 77 };
  g_autoptr (YkReport) report = report_new ("2021-10-01", 1);
  g_autoptr (GPtrArray) months = months_new (1, home, phone, 3);
  g_autoptr (YkRenderMonthly) chart = yk_render_monthly_new (YK_MONTHLY_CHART_CONTACTS, report, months, YK_RENDER_CHINESE);
  double step = yk_render_grid_step (77);
  cairo_t *cr = canvas (500, 320);
  int lines = 0;
  gboolean in_line = FALSE;

  g_assert_cmpfloat (step, ==, 20);
  yk_render_monthly_draw (chart, cr, 500, 320, &black);
  for (int y = 0; y < 320; y++)
    {
      gboolean ink = inked (cr, 500 - 10, y);

      if (ink && !in_line)
        lines++;
      in_line = ink;
    }
  g_assert_cmpint (lines, ==, (int) (ceil (77 / step)) + 1);
  cairo_destroy (cr);
}

/* No months (or no sites): the title and a line saying so, no bars, and
 * no crash. */
static void
test_monthly_empty (void)
{
  static const double home_colour[3] = { 0.11, 0.40, 0.66 };
  g_autoptr (YkReport) report = report_new ("2021-10-01", 1);
  g_autoptr (YkReport) no_sites = report_new ("2021-10-01", 0);
  g_autoptr (GPtrArray) months = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_report_free);
  g_autoptr (GPtrArray) months_no_sites = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_report_free);
  YkRenderMonthly *charts[2];

  g_ptr_array_add (months_no_sites, report_new ("2021-10-01", 0));
  charts[0] = yk_render_monthly_new (YK_MONTHLY_CHART_ACTIVITIES, report, months, YK_RENDER_CHINESE);
  charts[1] = yk_render_monthly_new (YK_MONTHLY_CHART_ACTIVITIES, no_sites, months_no_sites, YK_RENDER_CHINESE);
  for (int i = 0; i < 2; i++)
    {
      cairo_t *cr = canvas (400, 300);
      gboolean middle_inked = FALSE;
      g_autofree char *description = yk_render_monthly_describe (charts[i]);

      g_assert_cmpuint (yk_render_monthly_get_n_bars (charts[i]), ==, 0);
      g_assert_cmpint (yk_render_monthly_draw (charts[i], cr, 400, 300, &black), ==, 0);
      g_assert_cmpint (tallest_run (cr, 400, 300, home_colour, NULL), ==, 0);
      /* The empty-state line, across the middle. */
      for (int x = 100; x < 300 && !middle_inked; x++)
        for (int y = 140; y < 190 && !middle_inked; y++)
          middle_inked = inked (cr, x, y);
      g_assert_true (middle_inked);
      g_assert_nonnull (strstr (description, "每月服务活动"));
      /* A chart too small to hold a plot draws what fits. */
      yk_render_monthly_draw (charts[i], cr, 10, 10, &black);
      cairo_destroy (cr);
      yk_render_monthly_free (charts[i]);
    }
}

/* Long Chinese text wraps within the width given, in Chinese glyphs
 * every one of which the font has. */
static void
test_text_wraps (void)
{
  const char *text = "2021年10月1日至2021年12月31日，服务机构开展问卷调查403份，共为6名病情稳定且愿意接受"
                     "社区康复服务的服务对象新建了个案档案，开展各类服务活动26次，上门服务136人次。";
  cairo_t *cr = canvas (400, 400);
  g_autoptr (PangoLayout) layout = yk_render_layout_new (cr, text, 12, YK_RENDER_REGULAR, 200);
  PangoRectangle ink, logical;
  double height;

  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
  g_assert_cmpstr (pango_font_description_get_family (pango_layout_get_font_description (layout)), ==,
                   YK_RENDER_FONT_FAMILY);
  pango_layout_get_pixel_extents (layout, &ink, &logical);
  g_assert_cmpint (logical.width, <=, 200);
  g_assert_cmpint (pango_layout_get_line_count (layout), >=, 4);

  /* Drawn at x = 50: ink from 50 to 250, none beyond, and as tall as
   * measured. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  height = yk_render_text (cr, text, 50, 20, 12, YK_RENDER_REGULAR, 200, 0);
  g_assert_cmpfloat (height, ==, yk_render_text_height (cr, text, 12, YK_RENDER_REGULAR, 200));
  g_assert_cmpfloat (height, >=, 4 * 12);
  for (int y = 0; y < 400; y++)
    for (int x = 0; x < 400; x++)
      if (x < 49 || x > 251)
        g_assert_false (inked (cr, x, y));
  cairo_destroy (cr);
}

/* Right-aligned text ends at x; one line, unwrapped. */
static void
test_text_align (void)
{
  cairo_t *cr = canvas (300, 60);
  int rightmost = -1, leftmost = 300;

  cairo_set_source_rgb (cr, 0, 0, 0);
  yk_render_text (cr, "合计 2610", 250, 10, 14, YK_RENDER_BOLD, 0, 1);
  for (int y = 0; y < 60; y++)
    for (int x = 0; x < 300; x++)
      if (inked (cr, x, y))
        {
          rightmost = MAX (rightmost, x);
          leftmost = MIN (leftmost, x);
        }
  g_assert_cmpint (rightmost, <=, 251);
  g_assert_cmpint (rightmost, >=, 240);
  g_assert_cmpint (leftmost, >, 150);
  cairo_destroy (cr);
}

/* The SDSS chart: none yet says so in the middle; points rise and fall
 * with the totals (a total of 12 sits higher than one of 4). */
static void
test_sdss (void)
{
  static const double accent[3] = { 0.21, 0.52, 0.89 };
  const YkRenderSdssPoint points[] = {
    { "2021-01-17", 0, 4, TRUE },
    { "2021-10-18", 0, 12, FALSE },
  };
  YkRenderSdssPoint dated[2];
  cairo_t *cr = canvas (500, 240);
  gboolean middle_inked = FALSE;
  int top_y = -1, bottom_y = -1;

  g_assert_cmpint (yk_render_sdss_draw (cr, 500, 240, NULL, 0, &black), ==, 0);
  /* The words between the gridlines of 15 and 10 (y = 24 + 188 / 4 and
   * 24 + 188 / 2), where nothing else is drawn. */
  for (int x = 150; x < 350 && !middle_inked; x++)
    for (int y = 24 + 47 + 3; y < 24 + 94 - 3 && !middle_inked; y++)
      middle_inked = inked (cr, x, y);
  g_assert_true (middle_inked);
  cairo_destroy (cr);

  memcpy (dated, points, sizeof dated);
  dated[0].julian = 737807;
  dated[1].julian = 737807 + 274;
  cr = canvas (500, 240);
  g_assert_cmpint (yk_render_sdss_draw (cr, 500, 240, dated, 2, &black), ==, 0);
  /* The trend line's highest and lowest blue pixels: the later point
   * (12) higher, the baseline (4) low, at the right heights of a
   * 0–20 axis between y = 24 and y = 240 - 28. */
  for (int y = 0; y < 240; y++)
    for (int x = 0; x < 500; x++)
      if (near_colour (pixel (cr, x, y), accent[0], accent[1], accent[2]))
        {
          if (top_y < 0)
            top_y = y;
          bottom_y = y;
        }
  g_assert_cmpint (abs (top_y - (int) (24 + 188 * (1 - 12.0 / 20))), <=, 6);
  g_assert_cmpint (abs (bottom_y - (int) (24 + 188 * (1 - 4.0 / 20))), <=, 6);
  cairo_destroy (cr);
}

/* The statistics document: the table measures what it draws, and the
 * pages hold everything with a footer on each. */
static void
test_statistics_document (void)
{
  const gint64 home[] = { 24, 21, 31 }, phone[] = { 48, 65, 77 };
  g_autoptr (YkReport) report = report_new ("2021-10-01", 2);
  g_autoptr (GPtrArray) months = months_new (2, home, phone, 3);
  g_autoptr (YkRenderStatistics) small = NULL, a4 = NULL;
  cairo_t *cr = canvas (495, 767);
  double height;

  g_free (report->to);
  report->to = g_strdup ("2021-12-31");
  height = yk_render_report_table (cr, report, 0, 0, 495, YK_RENDER_CHINESE, FALSE);
  g_assert_cmpfloat (height, ==, yk_render_report_table (cr, report, 0, 0, 495, YK_RENDER_CHINESE, TRUE));
  g_assert_cmpfloat (height, >=, YK_N_INDICATORS * 20);

  a4 = yk_render_statistics_new (cr, report, months, 495, 767, YK_RENDER_CHINESE);
  g_assert_cmpint (yk_render_statistics_get_n_pages (a4), ==, 2);
  /* A page half as tall needs more pages. */
  small = yk_render_statistics_new (cr, report, months, 495, 400, YK_RENDER_CHINESE);
  g_assert_cmpint (yk_render_statistics_get_n_pages (small), >, 2);
  for (int page = 0; page < yk_render_statistics_get_n_pages (a4); page++)
    {
      gboolean footer = FALSE;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      yk_render_statistics_draw_page (a4, cr, page);
      /* The page number, centred at the foot. */
      for (int y = 767 - 16; y < 767 && !footer; y++)
        footer = inked (cr, 495 / 2, y) || inked (cr, 495 / 2 - 8, y) || inked (cr, 495 / 2 + 8, y);
      g_assert_true (footer);
    }
  cairo_destroy (cr);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/grid-step", test_grid_step_rule);
  g_test_add_func ("/render/monthly/bar-heights", test_monthly_bar_heights);
  g_test_add_func ("/render/monthly/gridlines", test_monthly_gridlines_follow_rule);
  g_test_add_func ("/render/monthly/empty", test_monthly_empty);
  g_test_add_func ("/render/text/wraps", test_text_wraps);
  g_test_add_func ("/render/text/align", test_text_align);
  g_test_add_func ("/render/sdss", test_sdss);
  g_test_add_func ("/render/statistics-document", test_statistics_document);
  return g_test_run ();
}
