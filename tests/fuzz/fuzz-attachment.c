/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for attachments: the type check
 * (yk_attachment_check_type(), app/yk-attachments.c) and the chunk reader
 * (YkChunkReader, db/yk-db-attachments.c). The first byte chooses which.
 *
 * Type check: byte 1 picks a file name, the rest is the file. A type is
 * returned exactly when there is no error, and it is the one the magic
 * bytes say and the extension names.
 *
 * Chunk reader: the input describes a metadata row (size, chunk count,
 * a right or a wrong hash) and the rows that come (seq, length, a byte
 * changed or not); chunk bytes are a pattern of their offset, so that a
 * few input bytes describe megabytes. Content comes back exactly when
 * every chunk came in order, whole and unchanged, under the right hash,
 * and then it is the pattern, byte for byte; otherwise an error, never
 * part of a file. */
#include "fuzz-common.h"
#include "yk-app-error.h"
#include "yk-attachments.h"
#include "yk-db-error.h"

#include <string.h>

/* Small enough for many executions a second, large enough for chunks. */
#define MAX_FUZZ_SIZE (3 * YK_ATTACHMENT_CHUNK_SIZE + 17)

static const char *const names[] = {
  "scan.pdf", "scan.PDF", "photo.jpg", "photo.JPEG", "sheet.png", "notes.txt", "no-extension", "dir.pdf/file",
  "签到表.png", ".png",
};

static guint8
pattern_at (gsize offset)
{
  return (guint8) ((offset * 2654435761u) >> 13);
}

static void
fuzz_type_check (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  const char *name;
  const char *type;

  if (size < 1)
    return;
  name = names[data[0] % G_N_ELEMENTS (names)];
  type = yk_attachment_check_type (name, data + 1, size - 1, &error);
  FUZZ_CHECK ((type == NULL) == (error != NULL));
  if (type == NULL)
    {
      FUZZ_CHECK (error->domain == YK_APP_ERROR && error->message[0] != '\0');
      return;
    }
  FUZZ_CHECK (type == yk_attachment_sniff (data + 1, size - 1));
  FUZZ_CHECK (size - 1 <= YK_ATTACHMENT_MAX_SIZE);
  if (g_str_equal (type, YK_MEDIA_TYPE_PDF))
    FUZZ_CHECK (g_str_has_suffix (name, ".pdf") || g_str_has_suffix (name, ".PDF"));
  else if (g_str_equal (type, YK_MEDIA_TYPE_PNG))
    FUZZ_CHECK (g_str_has_suffix (name, ".png"));
  else
    FUZZ_CHECK (g_str_has_suffix (name, ".jpg") || g_str_has_suffix (name, ".JPEG"));
}

static guint32
take32 (const uint8_t **data, size_t *size)
{
  guint32 value = 0;

  for (int i = 0; i < 4 && *size > 0; i++, (*data)++, (*size)--)
    value = (value << 8) | **data;
  return value;
}

static void
fuzz_chunk_reader (const uint8_t *data, size_t size)
{
  g_autoptr (YkChunkReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) content = NULL;
  g_autofree guint8 *whole = NULL;
  g_autofree guint8 *chunk = NULL;
  guint8 hash[YK_ATTACHMENT_HASH_SIZE];
  guint32 flags = take32 (&data, &size);
  gint64 byte_size = take32 (&data, &size);
  gint64 chunk_count;
  gint64 added = 0;
  gboolean expect = TRUE;

  /* Mostly sizes the reader can hold; sometimes any 32-bit value. */
  if ((flags & 1) == 0 || byte_size <= YK_ATTACHMENT_MAX_SIZE)
    byte_size %= MAX_FUZZ_SIZE + 1;
  chunk_count = (byte_size + YK_ATTACHMENT_CHUNK_SIZE - 1) / YK_ATTACHMENT_CHUNK_SIZE;
  if (flags & 2)
    chunk_count += (gint64) (gint8) (flags >> 8);
  if (byte_size > 0 && byte_size <= MAX_FUZZ_SIZE)
    {
      whole = g_malloc ((gsize) byte_size);
      for (gsize i = 0; i < (gsize) byte_size; i++)
        whole[i] = pattern_at (i);
      yk_attachment_hash (whole, (gsize) byte_size, hash);
    }
  else
    memset (hash, 0, sizeof hash);
  if (flags & 4)
    hash[(flags >> 16) % sizeof hash] ^= 1, expect = FALSE;

  reader = yk_chunk_reader_new (7, "fuzz.png", byte_size, chunk_count, hash,
                                (flags & 8) ? (flags >> 24) % 64 : sizeof hash, &error);
  if (reader == NULL)
    {
      FUZZ_CHECK (error != NULL && g_error_matches (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED));
      FUZZ_CHECK (byte_size < 1 || byte_size > YK_ATTACHMENT_MAX_SIZE || (flags & 2) || (flags & 8));
      return;
    }
  FUZZ_CHECK (whole != NULL);
  FUZZ_CHECK (chunk_count == (byte_size + YK_ATTACHMENT_CHUNK_SIZE - 1) / YK_ATTACHMENT_CHUNK_SIZE);
  chunk = g_malloc (YK_ATTACHMENT_CHUNK_SIZE + 2);

  /* Each row: seq (1 byte), length change (1 byte, signed), a changed
   * byte's offset in the chunk (1 byte, 0: none). */
  while (size >= 3)
    {
      gint64 seq = data[0];
      gint64 offset = seq * YK_ATTACHMENT_CHUNK_SIZE;
      gint64 right = offset < byte_size ? MIN (YK_ATTACHMENT_CHUNK_SIZE, byte_size - offset) : 0;
      gint64 length = CLAMP (right + (gint8) data[1], 0, YK_ATTACHMENT_CHUNK_SIZE + 2);
      gboolean changed = data[2] != 0 && data[2] <= length;
      gboolean ok;

      for (gint64 i = 0; i < length; i++)
        chunk[i] = pattern_at ((gsize) (offset + i));
      if (changed)
        chunk[data[2] - 1] ^= 0x80;
      data += 3, size -= 3;
      ok = yk_chunk_reader_add (reader, seq, chunk, (gsize) length, &error);
      FUZZ_CHECK (ok == (error == NULL));
      FUZZ_CHECK (!ok || (seq == added && length == right));
      if (!ok)
        {
          FUZZ_CHECK (g_error_matches (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED));
          return; /* as yk_db_attachment_read() does: nothing more is read */
        }
      if (changed)
        expect = FALSE;
      added++;
    }
  if (added != chunk_count)
    expect = FALSE;
  content = yk_chunk_reader_finish (reader, &error);
  FUZZ_CHECK ((content != NULL) == (error == NULL));
  FUZZ_CHECK ((content != NULL) == expect);
  if (content != NULL)
    {
      FUZZ_CHECK (g_bytes_get_size (content) == (gsize) byte_size);
      FUZZ_CHECK (memcmp (g_bytes_get_data (content, NULL), whole, (gsize) byte_size) == 0);
    }
  else
    FUZZ_CHECK (g_error_matches (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED) && strstr (error->message, "fuzz.png"));
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  if (data[0] & 1)
    fuzz_chunk_reader (data + 1, size - 1);
  else
    fuzz_type_check (data + 1, size - 1);
  return 0;
}
