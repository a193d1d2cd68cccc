/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-render.h"

G_BEGIN_DECLS

/* `msgid` translated, or `chinese` (its zh_CN translation) for a
 * drawing that is Chinese whatever the locale. */
const char *_yk_render_word (YkRenderLanguage language,
                             const char      *msgid,
                             const char      *chinese) G_GNUC_FORMAT (2);

/* yk_render_text (), adding the characters no font could draw to
 * *unknown (when not NULL). */
double _yk_render_show (cairo_t     *cr,
                        const char  *text,
                        double       x,
                        double       y,
                        double       size,
                        YkRenderFont font,
                        double       width,
                        double       align,
                        int         *unknown);

G_END_DECLS
