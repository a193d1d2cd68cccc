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
/* The hint shown under a new password as it is typed, and (when `level`
 * is not NULL) a level for a level bar: 0 empty, 1 too short, 2 long
 * enough, 3 strong. */
char *yk_password_strength_hint (const char *password,
                                 guint      *level);

G_END_DECLS
