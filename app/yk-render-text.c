/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-config.h"
#include "yk-render-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

const char *
_yk_render_word (YkRenderLanguage language,
                 const char      *msgid,
                 const char      *chinese)
{
  return language == YK_RENDER_CHINESE ? chinese : _(msgid);
}

static const cairo_user_data_key_t context_key;

/* One Pango context per cairo context, kept on it: a layout per label is
 * cheap, a context per label (pango_cairo_create_layout) is not, and a
 * chart has a hundred labels. */
static PangoContext *
context_for (cairo_t *cr)
{
  PangoContext *context = cairo_get_user_data (cr, &context_key);

  if (context != NULL)
    {
      pango_cairo_update_context (cr, context);
      return context;
    }
  context = pango_cairo_create_context (cr);
  /* Chinese glyph forms, not Japanese ones, whatever fontconfig prefers. */
  pango_context_set_language (context, pango_language_from_string ("zh-cn"));
  if (cairo_set_user_data (cr, &context_key, context, g_object_unref) != CAIRO_STATUS_SUCCESS)
    g_error ("Out of memory");
  return context;
}

PangoLayout *
yk_render_layout_new (cairo_t     *cr,
                      const char  *text,
                      double       size,
                      YkRenderFont font,
                      double       width)
{
  PangoLayout *layout;
  g_autoptr (PangoFontDescription) description = NULL;

  g_return_val_if_fail (cr != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  layout = pango_layout_new (context_for (cr));
  /* Monospace for what is copied by hand (a recovery key), where 0 and O
   * must not be confused; Noto Sans CJK SC for everything else. */
  description = pango_font_description_from_string (font & YK_RENDER_MONOSPACE ? "Monospace" : YK_RENDER_FONT_FAMILY);
  pango_font_description_set_absolute_size (description, size * PANGO_SCALE);
  pango_font_description_set_weight (description, font & YK_RENDER_BOLD ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, description);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

double
_yk_render_show (cairo_t     *cr,
                 const char  *text,
                 double       x,
                 double       y,
                 double       size,
                 YkRenderFont font,
                 double       width,
                 double       align,
                 int         *unknown)
{
  g_autoptr (PangoLayout) layout = yk_render_layout_new (cr, text, size, font, width);
  int w, h;

  if (width > 0)
    pango_layout_set_alignment (layout, align >= 0.75 ? PANGO_ALIGN_RIGHT
                                        : align >= 0.25 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, width > 0 ? x : x - w * align, y);
  pango_cairo_show_layout (cr, layout);
  if (unknown != NULL)
    *unknown += pango_layout_get_unknown_glyphs_count (layout);
  return h;
}

double
yk_render_text (cairo_t     *cr,
                const char  *text,
                double       x,
                double       y,
                double       size,
                YkRenderFont font,
                double       width,
                double       align)
{
  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (text != NULL, 0);

  return _yk_render_show (cr, text, x, y, size, font, width, align, NULL);
}

double
yk_render_text_height (cairo_t     *cr,
                       const char  *text,
                       double       size,
                       YkRenderFont font,
                       double       width)
{
  g_autoptr (PangoLayout) layout = yk_render_layout_new (cr, text, size, font, width);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return h;
}

double
yk_render_text_width (cairo_t     *cr,
                      const char  *text,
                      double       size,
                      YkRenderFont font)
{
  g_autoptr (PangoLayout) layout = yk_render_layout_new (cr, text, size, font, 0);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

void
yk_render_rule (cairo_t *cr,
                double   x0,
                double   x1,
                double   y,
                double   line_width)
{
  cairo_set_line_width (cr, line_width);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
}

void
yk_render_page_footer (cairo_t         *cr,
                       double           width,
                       double           bottom,
                       int              page,
                       int              pages,
                       YkRenderLanguage language)
{
  /* TRANSLATORS: the footer of a printed page */
  g_autofree char *text = g_strdup_printf (_yk_render_word (language, N_("Page %1$d of %2$d"), "第 %1$d 页，共 %2$d 页"),
                                           page, pages);
  double size = 9;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  yk_render_text (cr, text, width / 2, bottom - yk_render_text_height (cr, text, size, YK_RENDER_REGULAR, 0), size,
                  YK_RENDER_REGULAR, 0, 0.5);
  cairo_restore (cr);
}

double
yk_render_grid_step (double largest)
{
  static const double factors[] = { 1, 2, 5 };

  g_return_val_if_fail (isfinite (largest), 1);

  for (double power = 1;; power *= 10)
    for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
      if (ceil (largest / (factors[i] * power)) <= 5)
        return factors[i] * power;
}
