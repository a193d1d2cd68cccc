/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-crypto-types.h"

G_BEGIN_DECLS

/* Sub-keys of the database key, each for one purpose (crypto_kdf contexts). */
typedef enum
{
  YK_SUBKEY_PAGES = 1,
  YK_SUBKEY_HEADER_MAC = 2,
  YK_SUBKEY_AUDIT = 3,
  YK_SUBKEY_JOURNAL = 4, /* journal header MACs and checksum pads */
} YkSubkey;

YkSecret *yk_keys_new_database_key (void);
YkSecret *yk_keys_derive (const YkSecret *database_key, YkSubkey which);
YkSecret *yk_keys_derive_context (const YkSecret *key, guint64 id, const char context[8]);

gboolean yk_kdf_level_parse (const char *name, YkKdfLevel *level);
void yk_kdf_level_limits (YkKdfLevel level, guint64 *opslimit, guint64 *memlimit);
gboolean yk_kdf_limits_check (guint64 opslimit, guint64 memlimit, GError **error);

G_END_DECLS
