/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-header.h"

G_BEGIN_DECLS

/* yk_header_serialize() in a given format version: tests make a
 * version-1 file with it, as Yukang before audit signatures wrote. */
void _yk_header_serialize_version (YkHeader       *header,
                                   guint32         version,
                                   const YkSecret *database_key,
                                   guint8          copy[YK_HEADER_COPY_SIZE]);

G_END_DECLS
