/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fixed-size buffer for key material: allocated with sodium_malloc()
 * (guard pages, canary), locked into RAM so it never reaches swap, and
 * wiped when freed. Everything that holds a key holds a YkSecret. */
typedef struct _YkSecret YkSecret;

YkSecret *yk_secret_new (gsize len);
YkSecret *yk_secret_new_random (gsize len);
YkSecret *yk_secret_dup (const YkSecret *secret);
void yk_secret_free (YkSecret *secret);
guint8 *yk_secret_data (YkSecret *secret);
const guint8 *yk_secret_peek (const YkSecret *secret);
gsize yk_secret_len (const YkSecret *secret);
gboolean yk_secret_equal (const YkSecret *a, const YkSecret *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkSecret, yk_secret_free)

G_END_DECLS
