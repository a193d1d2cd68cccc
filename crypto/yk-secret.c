/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-crypto"

#include "yk-secret.h"

#include <sodium.h>
#include <string.h>

struct _YkSecret
{
  gsize len;
  guint8 *bytes; /* sodium_malloc'd, mlocked */
};

YkSecret *
yk_secret_new (gsize len)
{
  YkSecret *secret;

  g_return_val_if_fail (len > 0, NULL);

  secret = g_new0 (YkSecret, 1);
  secret->len = len;
  /* sodium_malloc() already mlocks where it can; a failure to lock (low
   * RLIMIT_MEMLOCK) is not fatal, so the result of sodium_mlock is ignored. */
  secret->bytes = sodium_malloc (len);
  if (secret->bytes == NULL)
    g_error ("sodium_malloc(%" G_GSIZE_FORMAT ") failed", len);
  sodium_mlock (secret->bytes, len);
  sodium_memzero (secret->bytes, len);
  return secret;
}

YkSecret *
yk_secret_new_random (gsize len)
{
  YkSecret *secret = yk_secret_new (len);

  randombytes_buf (secret->bytes, len);
  return secret;
}

YkSecret *
yk_secret_dup (const YkSecret *secret)
{
  YkSecret *copy = yk_secret_new (secret->len);

  memcpy (copy->bytes, secret->bytes, secret->len);
  return copy;
}

void
yk_secret_free (YkSecret *secret)
{
  if (secret == NULL)
    return;
  /* sodium_free() zeroes the memory before unlocking and releasing it. */
  sodium_munlock (secret->bytes, secret->len);
  sodium_free (secret->bytes);
  g_free (secret);
}

guint8 *
yk_secret_data (YkSecret *secret)
{
  return secret->bytes;
}

const guint8 *
yk_secret_peek (const YkSecret *secret)
{
  return secret->bytes;
}

gsize
yk_secret_len (const YkSecret *secret)
{
  return secret->len;
}

gboolean
yk_secret_equal (const YkSecret *a, const YkSecret *b)
{
  return a->len == b->len && sodium_memcmp (a->bytes, b->bytes, a->len) == 0;
}
