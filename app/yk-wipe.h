/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Frees a string that held a secret (a password copied for a worker
 * thread, a recovery key shown once) after overwriting it with zeros,
 * so it does not linger in freed heap memory. */
void yk_wipe_and_free (char *text);

G_END_DECLS
