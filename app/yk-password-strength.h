/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a new password measures up, for a hint while it is typed. The
 * only rule the key slots enforce is the minimum length; the character
 * classes are advice. */
typedef struct
{
  guint length;         /* in characters, not bytes */
  guint min_length;     /* what a key slot accepts */
  guint classes;        /* how many of: lower case, upper case, digits, anything else */
  gboolean acceptable;  /* long enough to be accepted */
} YkPasswordStrength;

void yk_password_strength_measure (const char         *password,
                                   YkPasswordStrength *strength);

G_END_DECLS
