/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-session.h"

G_BEGIN_DECLS

typedef enum
{
  YK_DEMO_PILOT,    /* about docs/design/indicators.md's table: 140 people, five quarters */
  YK_DEMO_DISTRICT, /* 5,000 people and 1,000,000 contacts, for benchmarks */
  YK_DEMO_SITE,     /* one big site file, about 100 MB: 1,000 people, 200,000 contacts (benchmarks) */
} YkDemoSize;

/* Fills the session's database with invented people and records (every
 * kind, with voids and unreached contacts), the same for the same seed.
 * Everything goes through the casework rules; it commits once. */
gboolean yk_demo_fill (YkSession  *session,
                       guint32     seed,
                       YkDemoSize  size,
                       GError    **error);

G_END_DECLS
