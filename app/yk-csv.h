/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CSV as Chinese Excel writes it (docs/design/formats.md): RFC 4180 — commas, double
 * quotes that may hold commas, doubled quotes and line breaks — in UTF-8
 * with or without a BOM, UTF-16 with a BOM, or else GB18030. */
typedef struct
{
  guint line;       /* the physical line the record starts on, from 1 */
  GStrv fields;     /* surrounding spaces trimmed */
} YkCsvRecord;

typedef struct
{
  GPtrArray *records; /* YkCsvRecord; the first is the header */
  char *encoding;     /* what the file turned out to be */
} YkCsv;

YkCsv *yk_csv_parse (const char *data,
                     gsize       length,
                     GError    **error);
YkCsv *yk_csv_read_file (const char *path,
                         GError    **error);
void yk_csv_free (YkCsv *csv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkCsv, yk_csv_free)

G_END_DECLS
