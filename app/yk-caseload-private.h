/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-caseload.h"

G_BEGIN_DECLS

/* yk_caseload_load() narrowed to one site (0: all), as far as the
 * reader may see it: for the due list's worker names. */
GPtrArray *_yk_caseload_load_site (YkReader     *reader,
                                   gint64        site_id,
                                   const GDate  *today,
                                   GCancellable *cancellable,
                                   GError      **error);

G_END_DECLS
