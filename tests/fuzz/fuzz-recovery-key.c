/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the recovery-key parser (crypto/yk-recovery-key.c).
 *
 * Each input is used twice:
 *
 * 1. As text (up to the first NUL): yk_recovery_key_parse() must not
 *    crash, and must accept it only if it is a valid key written the ways
 *    the format allows: Crockford base32 in any case, O for 0, I and L for
 *    1, spaces (any Unicode white space) and dashes anywhere. An accepted
 *    key, formatted again, must give back the same symbols.
 *
 * 2. As a key: the first 20 bytes are a key, byte 20 picks an edit of its
 *    formatted text, bytes 21 to 24 where and what. Allowed spellings
 *    must give back the same key; one wrong symbol, two different
 *    neighbours swapped inside the key or inside the checksum, a symbol
 *    too many or too few, and a symbol replaced by any character of the
 *    Basic Multilingual Plane that is not a spelling of that symbol must
 *    all be reported as a typo. */
#include "fuzz-common.h"

#include "yk-crypto-error.h"
#include "yk-recovery-key.h"
#include "yk-secret.h"

#include <string.h>

#define KEY_CHARS 32
#define TOTAL_CHARS 36
#define GROUP 4

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

/* The symbol c is a spelling of, or 0. */
static char
canonical_symbol (gunichar c)
{
  char up;

  if (c >= 0x80 || !g_ascii_isalnum ((char) c))
    return 0;
  up = g_ascii_toupper ((char) c);
  if (up == 'O')
    up = '0';
  else if (up == 'I' || up == 'L')
    up = '1';
  return strchr (alphabet, up) != NULL ? up : 0;
}

/* The symbols of text in canonical spelling (upper case, 0 and 1 for
 * their look-alikes, no separators), or NULL if text holds anything the
 * format does not allow. The length is not checked. */
static char *
canonical_symbols (const char *text)
{
  GString *out;

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char symbol;

      if (g_unichar_isspace (c) || c == '-')
        continue;
      symbol = canonical_symbol (c);
      if (symbol == 0)
        goto refused;
      g_string_append_c (out, symbol);
    }
  return g_string_free (out, FALSE);

refused:
  g_string_free (out, TRUE);
  return NULL;
}

static char *
strip_dashes (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (*p != '-')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
check_typo_error (const YkSecret *key,
                  const GError   *error)
{
  FUZZ_CHECK (key == NULL);
  FUZZ_CHECK (error != NULL);
  FUZZ_CHECK (error->domain == YK_CRYPTO_ERROR);
  FUZZ_CHECK (error->code == YK_CRYPTO_ERROR_RECOVERY_KEY_TYPO);
  FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
}

static void
fuzz_text (const uint8_t *data,
           size_t         size)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *canonical = canonical_symbols (text);
  g_autoptr (YkSecret) key = yk_recovery_key_parse (text, &error);
  g_autofree char *formatted = NULL;
  g_autofree char *symbols = NULL;

  if (key == NULL)
    {
      check_typo_error (key, error);
      return;
    }
  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (yk_secret_len (key) == YK_RECOVERY_KEY_BYTES);
  /* Accepted, so it must have been a key in an allowed spelling. */
  FUZZ_CHECK (canonical != NULL);
  formatted = yk_recovery_key_format (key);
  symbols = strip_dashes (formatted);
  FUZZ_CHECK (strcmp (symbols, canonical) == 0);
}

/* Index in the formatted text of the symbol-th symbol. */
static gsize
symbol_offset (guint symbol)
{
  return symbol + symbol / GROUP;
}

static YkSecret *
parse_expecting (const char     *text,
                 const YkSecret *expected)
{
  g_autoptr (GError) error = NULL;
  YkSecret *key = yk_recovery_key_parse (text, &error);

  if (expected == NULL)
    check_typo_error (key, error);
  else
    {
      FUZZ_CHECK (key != NULL);
      FUZZ_CHECK (error == NULL);
      FUZZ_CHECK (yk_secret_equal (key, expected));
    }
  return key;
}

static void
fuzz_key (const uint8_t *data,
          size_t         size)
{
  static const char *const separators[] = {
    "", " ", "\n", "\t", "--", "\r\n", "\xc2\xa0" /* no-break space */, " - ",
  };
  guint8 in[YK_RECOVERY_KEY_BYTES + 5] = { 0 };
  g_autoptr (YkSecret) key = yk_secret_new (YK_RECOVERY_KEY_BYTES);
  g_autoptr (YkSecret) back = NULL;
  g_autofree char *formatted = NULL;
  GString *edited;
  guint8 edit, where, what;
  guint symbol;
  char *a, *b;
  char tmp;
  gunichar replacement;
  char utf8[8];
  gint utf8_len;

  memcpy (in, data, MIN (size, sizeof in));
  memcpy (yk_secret_data (key), in, YK_RECOVERY_KEY_BYTES);
  edit = in[YK_RECOVERY_KEY_BYTES];
  where = in[YK_RECOVERY_KEY_BYTES + 1];
  what = in[YK_RECOVERY_KEY_BYTES + 2];

  formatted = yk_recovery_key_format (key);
  FUZZ_CHECK (formatted != NULL);
  FUZZ_CHECK (strlen (formatted) == TOTAL_CHARS + TOTAL_CHARS / GROUP - 1);
  for (guint i = 0; formatted[i]; i++)
    FUZZ_CHECK ((i % (GROUP + 1) == GROUP) ? formatted[i] == '-'
                                           : strchr (alphabet, formatted[i]) != NULL);
  back = parse_expecting (formatted, key);
  g_clear_pointer (&back, yk_secret_free);

  edited = g_string_new (formatted);
  switch (edit % 7)
    {
    case 0:
      /* Any case and the look-alikes; the bits of `what` choose where. */
      for (guint i = 0; i < edited->len; i++)
        {
          a = &edited->str[i];
          if (!((what >> (i % 8)) & 1))
            continue;
          if (*a == '0')
            *a = (where & 1) ? 'o' : 'O';
          else if (*a == '1')
            *a = "iIlL"[where % 4];
          else if (g_ascii_isalpha (*a))
            *a = g_ascii_tolower (*a);
        }
      back = parse_expecting (edited->str, key);
      break;

    case 1:
      /* Other separators, or none. */
      g_string_assign (edited, " ");
      for (guint i = 0; formatted[i]; i++)
        {
          if (formatted[i] == '-')
            g_string_append (edited, separators[(what + i) % G_N_ELEMENTS (separators)]);
          else
            g_string_append_c (edited, formatted[i]);
        }
      g_string_append_c (edited, '\n');
      back = parse_expecting (edited->str, key);
      break;

    case 2:
      /* One wrong symbol, in the key or in its checksum. */
      a = &edited->str[symbol_offset (where % TOTAL_CHARS)];
      *a = alphabet[(strchr (alphabet, *a) - alphabet + 1 + what % 31) % 32];
      back = parse_expecting (edited->str, NULL);
      break;

    case 3:
      /* Two neighbours swapped. Inside the key the weighted sum catches it
       * for certain, inside the checksum the symbols simply differ; across
       * the boundary only the hash can, so either outcome may happen. */
      symbol = where % (TOTAL_CHARS - 1);
      a = &edited->str[symbol_offset (symbol)];
      b = &edited->str[symbol_offset (symbol + 1)];
      tmp = *a;
      *a = *b;
      *b = tmp;
      if (*a == *b)
        back = parse_expecting (edited->str, key);
      else if (symbol + 1 != KEY_CHARS)
        back = parse_expecting (edited->str, NULL);
      else
        back = yk_recovery_key_parse (edited->str, NULL);
      break;

    case 4:
      /* A symbol too few. */
      g_string_erase (edited, symbol_offset (where % TOTAL_CHARS), 1);
      back = parse_expecting (edited->str, NULL);
      break;

    case 5:
      /* A symbol too many. */
      g_string_insert_c (edited, symbol_offset (where % TOTAL_CHARS), alphabet[what % 32]);
      back = parse_expecting (edited->str, NULL);
      break;

    default:
      /* One symbol written as any character of the BMP (a surrogate
       * comes out as invalid UTF-8, NUL cuts the text short). */
      a = &edited->str[symbol_offset (where % TOTAL_CHARS)];
      tmp = *a;
      replacement = in[YK_RECOVERY_KEY_BYTES + 3] | (gunichar) in[YK_RECOVERY_KEY_BYTES + 4] << 8;
      utf8_len = g_unichar_to_utf8 (replacement, utf8);
      g_string_erase (edited, a - edited->str, 1);
      g_string_insert_len (edited, symbol_offset (where % TOTAL_CHARS), utf8, utf8_len);
      back = parse_expecting (edited->str, canonical_symbol (replacement) == tmp ? key : NULL);
      break;
    }
  g_string_free (edited, TRUE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_text (data, size);
  fuzz_key (data, size);
  return 0;
}
