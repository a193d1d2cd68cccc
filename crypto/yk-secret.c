/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-crypto"

#include "yk-secret.h"
#include "yk-secret-private.h"

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

static void
release (guint8 *bytes, gsize len)
{
  sodium_munlock (bytes, len);
  sodium_free (bytes);
}

static YkSecretReleaseFunc release_func = release;

void
_yk_secret_set_release_func (YkSecretReleaseFunc func)
{
  release_func = func != NULL ? func : release;
}

void
_yk_secret_release (guint8 *bytes, gsize len)
{
  release (bytes, len);
}

void
yk_secret_free (YkSecret *secret)
{
  if (secret == NULL)
    return;
  /* Wiped here, whatever the allocator does on release (sodium_free()
   * zeroes too, but that is libsodium's promise, not one a test of ours
   * can see: the pages are unmapped afterwards). */
  sodium_memzero (secret->bytes, secret->len);
  release_func (secret->bytes, secret->len);
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
