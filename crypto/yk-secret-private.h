/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* For tests only: yk_secret_free() hands the wiped buffer to `func`
 * instead of releasing it, so a test can read what is left in it; the
 * test then calls _yk_secret_release(). NULL restores the default. */
typedef void (*YkSecretReleaseFunc) (guint8 *bytes,
                                     gsize   len);

void _yk_secret_set_release_func (YkSecretReleaseFunc func);
void _yk_secret_release (guint8 *bytes,
                         gsize   len);

G_END_DECLS
