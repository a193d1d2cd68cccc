/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-common.h"

#include "yk-crypto-error.h"
#include "yk-secret.h"

#include <stdio.h>
#include <stdlib.h>

const guint8 fuzz_database_id[YK_DATABASE_ID_SIZE] = {
  0x59, 0x4b, 0x2d, 0x66, 0x75, 0x7a, 0x7a, 0x2d,
  0x64, 0x61, 0x74, 0x61, 0x62, 0x61, 0x73, 0x65,
};

void
fuzz_init (void)
{
  g_autoptr (GError) error = NULL;

  if (!yk_crypto_init (&error))
    {
      fprintf (stderr, "yk_crypto_init: %s\n", error->message);
      abort ();
    }
  /* A g_return_if_fail() in crypto/ is a finding too. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

/* Variant 0 is the key the seeds are written with; any other variant is
 * a different, equally fixed key. */
YkSecret *
fuzz_database_key_new (guint8 variant)
{
  YkSecret *key = yk_secret_new (YK_KEY_SIZE);
  guint8 *bytes = yk_secret_data (key);

  for (guint i = 0; i < YK_KEY_SIZE; i++)
    bytes[i] = (guint8) (0xa5 ^ (i * 29 + variant * 101));
  return key;
}

void
fuzz_fail (const char *file,
           int         line,
           const char *expr)
{
  fprintf (stderr, "%s:%d: fuzz check failed: %s\n", file, line, expr);
  fflush (stderr);
  abort ();
}
