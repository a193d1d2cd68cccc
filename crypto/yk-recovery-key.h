/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-crypto-types.h"

G_BEGIN_DECLS

/* The recovery key: 160 random bits written as 32 Crockford base32
 * characters plus a 4-character checksum, in groups of four
 * ("7K3M-Q9TD-…"), so that a typo is reported as a typo rather than as a
 * key that does not fit. */
#define YK_RECOVERY_KEY_BYTES 20

YkSecret *yk_recovery_key_generate (void);
char *yk_recovery_key_format (const YkSecret *key);
YkSecret *yk_recovery_key_parse (const char *text,
                                 GError    **error);

G_END_DECLS
