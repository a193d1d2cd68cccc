/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-password-strength.h"
#include "yk-key-slot.h"

#include <glib/gi18n.h>

enum
{
  CLASS_LOWER = 1 << 0,
  CLASS_UPPER = 1 << 1,
  CLASS_DIGIT = 1 << 2,
  CLASS_OTHER = 1 << 3, /* punctuation, spaces, Chinese characters… */
};

void
yk_password_strength_measure (const char         *password,
                              YkPasswordStrength *strength)
{
  guint seen = 0;

  g_return_if_fail (strength != NULL);

  *strength = (YkPasswordStrength) { .min_length = YK_PASSWORD_MIN_CHARS };
  if (password == NULL)
    return;

  for (const char *p = password; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        seen |= CLASS_LOWER;
      else if (g_unichar_isupper (c))
        seen |= CLASS_UPPER;
      else if (g_unichar_isdigit (c))
        seen |= CLASS_DIGIT;
      else
        seen |= CLASS_OTHER;
      strength->length++;
    }
  strength->classes = (guint) __builtin_popcount (seen);
  strength->acceptable = strength->length >= YK_PASSWORD_MIN_CHARS;
}

char *
yk_password_strength_hint (const char *password,
                           guint      *level)
{
  YkPasswordStrength strength;
  guint ignored;

  if (level == NULL)
    level = &ignored;
  yk_password_strength_measure (password, &strength);
  if (strength.length == 0)
    {
      *level = 0;
      return g_strdup_printf (g_dngettext (NULL, "At least %1$u character.", "At least %1$u characters.",
                                           strength.min_length),
                              strength.min_length);
    }
  if (!strength.acceptable)
    {
      *level = 1;
      return g_strdup_printf (g_dngettext (NULL, "Too short: %1$u of at least %2$u character.",
                                           "Too short: %1$u of at least %2$u characters.", strength.min_length),
                              strength.length, strength.min_length);
    }
  if (strength.classes < 3 && strength.length < strength.min_length + 6)
    {
      *level = 2;
      return g_strdup (_("Long enough. A longer password, or a mix of letters, digits and symbols, is stronger."));
    }
  *level = 3;
  return g_strdup (_("Strong password."));
}
