/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A password from --password-file (its first line; "-" is standard input)
 * or, with no file, typed at the terminal without echo. `confirm` asks
 * twice. Free with yk_password_free(), which wipes it. */
typedef char YkPassword;

YkPassword *yk_password_read (const char *file,
                        const char *prompt,
                        gboolean    confirm,
                        GError    **error);
void yk_password_free (YkPassword *password);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkPassword, yk_password_free)

G_END_DECLS
