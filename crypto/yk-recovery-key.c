/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-crypto"

#include "yk-recovery-key.h"
#include "yk-crypto-error.h"
#include "yk-secret.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#define KEY_CHARS 32      /* 160 bits / 5 */
#define CHECK_CHARS 4     /* 20 bits of checksum (checksum20) */
#define TOTAL_CHARS (KEY_CHARS + CHECK_CHARS)
#define GROUP 4

G_STATIC_ASSERT (YK_RECOVERY_KEY_BYTES * 8 == KEY_CHARS * 5);

/* Crockford's alphabet: no I, L, O or U, so nothing reads as another. */
static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static int
decode_char (gunichar c)
{
  /* ASCII only: Unicode case mapping turns ı (U+0131) into I and ſ
   * (U+017F) into S, which would let a look-alike through (found by
   * tests/fuzz/fuzz-recovery-key). */
  if (c >= 0x80)
    return -1;
  c = (gunichar) g_ascii_toupper ((char) c);
  if (c == 'O')
    c = '0';
  else if (c == 'I' || c == 'L')
    c = '1';
  for (int i = 0; i < 32; i++)
    if ((gunichar) alphabet[i] == c)
      return i;
  return -1;
}

/* 20 check bits: a weighted sum modulo the prime 251 (8 bits) catches
 * for certain every single wrong character and every swap of two
 * neighbours within the key; 12 bits of BLAKE2b catch nearly everything
 * else (a swap across the key's last and the checksum's first symbol
 * slips through about once in 2^20). */
static guint32
checksum20 (const guint8 *bytes,
            const guint8  symbols[KEY_CHARS])
{
  guint8 hash[2];
  guint32 weighted = 0;

  for (guint i = 0; i < KEY_CHARS; i++)
    weighted += (i + 1) * symbols[i];
  crypto_generichash (hash, sizeof hash, bytes, YK_RECOVERY_KEY_BYTES, NULL, 0);
  return ((weighted % 251) << 12) | ((guint32) hash[0] << 4) | (hash[1] >> 4);
}

/* Expands the key and its checksum into 36 five-bit symbols. */
static void
to_symbols (const guint8 *bytes,
            guint8        symbols[TOTAL_CHARS])
{
  guint32 check;

  for (int i = 0; i < KEY_CHARS; i++)
    {
      int bit = i * 5;
      guint v = 0;
      for (int b = 0; b < 5; b++, bit++)
        v = (v << 1) | ((bytes[bit / 8] >> (7 - bit % 8)) & 1);
      symbols[i] = (guint8) v;
    }
  check = checksum20 (bytes, symbols);
  for (int i = 0; i < CHECK_CHARS; i++)
    symbols[KEY_CHARS + i] = (check >> (5 * (CHECK_CHARS - 1 - i))) & 31;
}

YkSecret *
yk_recovery_key_generate (void)
{
  return yk_secret_new_random (YK_RECOVERY_KEY_BYTES);
}

char *
yk_recovery_key_format (const YkSecret *key)
{
  guint8 symbols[TOTAL_CHARS];
  GString *out = g_string_sized_new (TOTAL_CHARS + TOTAL_CHARS / GROUP);

  g_return_val_if_fail (yk_secret_len (key) == YK_RECOVERY_KEY_BYTES, NULL);

  to_symbols (yk_secret_peek (key), symbols);
  for (int i = 0; i < TOTAL_CHARS; i++)
    {
      if (i > 0 && i % GROUP == 0)
        g_string_append_c (out, '-');
      g_string_append_c (out, alphabet[symbols[i]]);
    }
  sodium_memzero (symbols, sizeof symbols);
  return g_string_free (out, FALSE);
}

YkSecret *
yk_recovery_key_parse (const char *text,
                       GError    **error)
{
  guint8 symbols[TOTAL_CHARS];
  g_autoptr (YkSecret) key = yk_secret_new (YK_RECOVERY_KEY_BYTES);
  guint8 expected[TOTAL_CHARS];
  int n = 0;
  gboolean typo;

  g_return_val_if_fail (text != NULL, NULL);
  if (!g_utf8_validate (text, -1, NULL))
    goto mistyped;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int v;

      /* People copy keys with spaces, dashes and line breaks. */
      if (g_unichar_isspace (c) || c == '-')
        continue;
      v = decode_char (c);
      if (v < 0 || n == TOTAL_CHARS)
        goto mistyped;
      symbols[n++] = (guint8) v;
    }
  if (n != TOTAL_CHARS)
    goto mistyped;

  memset (yk_secret_data (key), 0, YK_RECOVERY_KEY_BYTES);
  for (int i = 0; i < KEY_CHARS * 5; i++)
    if ((symbols[i / 5] >> (4 - i % 5)) & 1)
      yk_secret_data (key)[i / 8] |= (guint8) (0x80 >> (i % 8));

  to_symbols (yk_secret_peek (key), expected);
  typo = sodium_memcmp (expected, symbols, TOTAL_CHARS) != 0;
  sodium_memzero (expected, sizeof expected);
  sodium_memzero (symbols, sizeof symbols);
  if (typo)
    goto mistyped;
  return g_steal_pointer (&key);

mistyped:
  g_set_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_RECOVERY_KEY_TYPO,
               _("The recovery key is mistyped: it should be %1$d letters and digits in "
                 "groups of four, and its last group does not match the others"),
               TOTAL_CHARS);
  return NULL;
}
