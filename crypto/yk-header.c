/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-crypto"

#include "yk-header-private.h"
#include "yk-crypto-error.h"
#include "yk-keys.h"
#include "yk-secret.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

/* Byte layout of one header copy (little-endian). */
#define MAGIC "YUKANGDB"
#define OFF_MAGIC 0
#define OFF_VERSION 8
#define OFF_COPY_SIZE 12
#define OFF_DATABASE_ID 16
#define OFF_GENERATION 32
#define OFF_MAX_SLOTS 40
#define OFF_MAC 64
#define OFF_SLOTS 128
#define SLOT_SIZE 320
#define OFF_ORIGINS (OFF_SLOTS + YK_HEADER_MAX_SLOTS * SLOT_SIZE) /* version 3 */
#define ORIGIN_SIZE YK_DATABASE_ID_SIZE
#define OFF_SNAPSHOT (OFF_ORIGINS + YK_HEADER_MAX_SLOTS * ORIGIN_SIZE) /* version 3 */
#define OFF_CHECKSUM (YK_HEADER_COPY_SIZE - 32)

/* Byte layout of the snapshot block. */
#define SNAP_GENERATION 0
#define SNAP_TAKEN_AT 8
#define SNAP_AUDIT_HEAD_ID 16
#define SNAP_AUDIT_HEAD_HASH 24
#define SNAP_SITE_CODES 32
#define SNAP_END (SNAP_SITE_CODES + YK_SNAPSHOT_SITES_MAX + 1)

/* Byte layout of one slot. */
#define SLOT_KIND 0
#define SLOT_NAME 4
#define SLOT_OPSLIMIT 68
#define SLOT_MEMLIMIT 76
#define SLOT_SALT 84
#define SLOT_PUBLIC_KEY 100
#define SLOT_WRAP_NONCE 132
#define SLOT_WRAPPED 156
#define SLOT_SEALED 204
#define SLOT_SIGN_PUBLIC_KEY 284 /* version 2 */
#define SLOT_ORIGIN_INDEX 316    /* version 3: origin slot index + 1, 0 = none */
#define SLOT_END 320

G_STATIC_ASSERT (SLOT_WRAPPED == SLOT_WRAP_NONCE + YK_SLOT_WRAP_NONCE_SIZE);
G_STATIC_ASSERT (SLOT_SEALED == SLOT_WRAPPED + YK_SLOT_WRAPPED_SIZE);
G_STATIC_ASSERT (SLOT_SIGN_PUBLIC_KEY == SLOT_SEALED + YK_SLOT_SEALED_SIZE);
G_STATIC_ASSERT (SLOT_ORIGIN_INDEX == SLOT_SIGN_PUBLIC_KEY + YK_SLOT_SIGN_PUBLIC_KEY_SIZE);
G_STATIC_ASSERT (SLOT_END == SLOT_ORIGIN_INDEX + 4);
G_STATIC_ASSERT (SLOT_END <= SLOT_SIZE);
G_STATIC_ASSERT (OFF_ORIGINS == 30848);
G_STATIC_ASSERT (OFF_SNAPSHOT == 32384);
G_STATIC_ASSERT (SNAP_AUDIT_HEAD_HASH + sizeof ((YkSnapshotInfo *) NULL)->audit_head_hash == SNAP_SITE_CODES);
G_STATIC_ASSERT (OFF_SNAPSHOT + SNAP_END <= OFF_CHECKSUM);

static guint32
read_u32 (const guint8 *p)
{
  guint32 v;
  memcpy (&v, p, 4);
  return GUINT32_FROM_LE (v);
}

static guint64
read_u64 (const guint8 *p)
{
  guint64 v;
  memcpy (&v, p, 8);
  return GUINT64_FROM_LE (v);
}

static void
write_u32 (guint8 *p, guint32 v)
{
  v = GUINT32_TO_LE (v);
  memcpy (p, &v, 4);
}

static void
write_u64 (guint8 *p, guint64 v)
{
  v = GUINT64_TO_LE (v);
  memcpy (p, &v, 8);
}

static void
compute_checksum (const guint8 *copy,
                  guint8        out[32])
{
  crypto_generichash (out, 32, copy, OFF_CHECKSUM, NULL, 0);
}

static void
set_damaged_slot (GError **error,
                  guint    index)
{
  g_set_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_DAMAGED_HEADER,
               _("Key slot %1$u of the file header is damaged"), index);
}

/* `origin`: the slot's entry in the table of origin database ids. */
static gboolean
parse_slot (const guint8 *p,
            const guint8 *origin,
            guint32       version,
            YkKeySlot    *slot,
            guint         index,
            GError      **error)
{
  guint32 origin_index;

  memset (slot, 0, sizeof *slot);
  slot->kind = p[SLOT_KIND];
  if (slot->kind == YK_SLOT_EMPTY)
    return TRUE;
  if (slot->kind != YK_SLOT_ACCOUNT && slot->kind != YK_SLOT_RECOVERY)
    {
      set_damaged_slot (error, index);
      return FALSE;
    }
  memcpy (slot->name, p + SLOT_NAME, YK_SLOT_NAME_MAX);
  slot->name[YK_SLOT_NAME_MAX] = '\0';
  if (!g_utf8_validate (slot->name, -1, NULL))
    {
      set_damaged_slot (error, index);
      return FALSE;
    }
  slot->opslimit = read_u64 (p + SLOT_OPSLIMIT);
  slot->memlimit = read_u64 (p + SLOT_MEMLIMIT);
  memcpy (slot->salt, p + SLOT_SALT, YK_SLOT_SALT_SIZE);
  memcpy (slot->public_key, p + SLOT_PUBLIC_KEY, YK_SLOT_PUBLIC_KEY_SIZE);
  memcpy (slot->wrap_nonce, p + SLOT_WRAP_NONCE, YK_SLOT_WRAP_NONCE_SIZE);
  memcpy (slot->wrapped_secret, p + SLOT_WRAPPED, YK_SLOT_WRAPPED_SIZE);
  memcpy (slot->sealed_key, p + SLOT_SEALED, YK_SLOT_SEALED_SIZE);
  if (version >= 2)
    memcpy (slot->sign_public_key, p + SLOT_SIGN_PUBLIC_KEY, YK_SLOT_SIGN_PUBLIC_KEY_SIZE);
  origin_index = version >= 3 ? read_u32 (p + SLOT_ORIGIN_INDEX) : 0;
  if (origin_index != 0)
    {
      /* Only an account's key pair travels between files. */
      if (slot->kind != YK_SLOT_ACCOUNT || origin_index > YK_HEADER_MAX_SLOTS)
        {
          set_damaged_slot (error, index);
          return FALSE;
        }
      slot->has_origin = TRUE;
      slot->origin_index = origin_index - 1;
      memcpy (slot->origin_database_id, origin, YK_DATABASE_ID_SIZE);
    }
  return TRUE;
}

static void
serialize_slot (const YkKeySlot *slot,
                guint32          version,
                guint8          *p,
                guint8          *origin)
{
  memset (p, 0, SLOT_SIZE);
  p[SLOT_KIND] = (guint8) slot->kind;
  if (slot->kind == YK_SLOT_EMPTY)
    return;
  memcpy (p + SLOT_NAME, slot->name, strnlen (slot->name, YK_SLOT_NAME_MAX));
  write_u64 (p + SLOT_OPSLIMIT, slot->opslimit);
  write_u64 (p + SLOT_MEMLIMIT, slot->memlimit);
  memcpy (p + SLOT_SALT, slot->salt, YK_SLOT_SALT_SIZE);
  memcpy (p + SLOT_PUBLIC_KEY, slot->public_key, YK_SLOT_PUBLIC_KEY_SIZE);
  memcpy (p + SLOT_WRAP_NONCE, slot->wrap_nonce, YK_SLOT_WRAP_NONCE_SIZE);
  memcpy (p + SLOT_WRAPPED, slot->wrapped_secret, YK_SLOT_WRAPPED_SIZE);
  memcpy (p + SLOT_SEALED, slot->sealed_key, YK_SLOT_SEALED_SIZE);
  if (version >= 2)
    memcpy (p + SLOT_SIGN_PUBLIC_KEY, slot->sign_public_key, YK_SLOT_SIGN_PUBLIC_KEY_SIZE);
  if (version >= 3 && slot->has_origin)
    {
      write_u32 (p + SLOT_ORIGIN_INDEX, slot->origin_index + 1);
      memcpy (origin, slot->origin_database_id, YK_DATABASE_ID_SIZE);
    }
}

/* The site codes must end inside their field, as UTF-8. */
static gboolean
parse_snapshot (const guint8   *p,
                YkSnapshotInfo *info,
                GError        **error)
{
  memset (info, 0, sizeof *info);
  info->generation = read_u64 (p + SNAP_GENERATION);
  info->taken_at = (gint64) read_u64 (p + SNAP_TAKEN_AT);
  info->audit_head_id = read_u64 (p + SNAP_AUDIT_HEAD_ID);
  memcpy (info->audit_head_hash, p + SNAP_AUDIT_HEAD_HASH, sizeof info->audit_head_hash);
  memcpy (info->site_codes, p + SNAP_SITE_CODES, sizeof info->site_codes);
  if (info->site_codes[YK_SNAPSHOT_SITES_MAX] != '\0' || !g_utf8_validate (info->site_codes, -1, NULL))
    {
      g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_DAMAGED_HEADER,
                           _("The snapshot block of the file header is damaged"));
      return FALSE;
    }
  return TRUE;
}

static void
serialize_snapshot (const YkSnapshotInfo *info,
                    guint8               *p)
{
  write_u64 (p + SNAP_GENERATION, info->generation);
  write_u64 (p + SNAP_TAKEN_AT, (guint64) info->taken_at);
  write_u64 (p + SNAP_AUDIT_HEAD_ID, info->audit_head_id);
  memcpy (p + SNAP_AUDIT_HEAD_HASH, info->audit_head_hash, sizeof info->audit_head_hash);
  memcpy (p + SNAP_SITE_CODES, info->site_codes, sizeof info->site_codes);
}

/* Everything but the MAC and checksum, as the MAC covers it. */
static void
serialize_body (const YkHeader *header,
                guint8          copy[YK_HEADER_COPY_SIZE])
{
  memset (copy, 0, YK_HEADER_COPY_SIZE);
  memcpy (copy + OFF_MAGIC, MAGIC, 8);
  write_u32 (copy + OFF_VERSION, header->version);
  write_u32 (copy + OFF_COPY_SIZE, YK_HEADER_COPY_SIZE);
  memcpy (copy + OFF_DATABASE_ID, header->database_id, YK_DATABASE_ID_SIZE);
  write_u64 (copy + OFF_GENERATION, header->generation);
  write_u32 (copy + OFF_MAX_SLOTS, YK_HEADER_MAX_SLOTS);
  for (guint i = 0; i < YK_HEADER_MAX_SLOTS; i++)
    serialize_slot (&header->slots[i], header->version, copy + OFF_SLOTS + i * SLOT_SIZE,
                    copy + OFF_ORIGINS + i * ORIGIN_SIZE);
  if (header->version >= 3)
    serialize_snapshot (&header->snapshot, copy + OFF_SNAPSHOT);
}

static void
compute_mac (const YkHeader *header,
             const YkSecret *database_key,
             guint8          mac[YK_HEADER_MAC_SIZE])
{
  g_autoptr (YkSecret) mac_key = yk_keys_derive (database_key, YK_SUBKEY_HEADER_MAC);
  g_autofree guint8 *body = g_malloc (YK_HEADER_COPY_SIZE);

  serialize_body (header, body);
  crypto_generichash (mac, YK_HEADER_MAC_SIZE, body, OFF_CHECKSUM,
                      yk_secret_peek (mac_key), yk_secret_len (mac_key));
}

void
yk_header_init (YkHeader *header)
{
  memset (header, 0, sizeof *header);
  header->version = YK_HEADER_VERSION;
  randombytes_buf (header->database_id, YK_DATABASE_ID_SIZE);
  header->generation = 1;
}

gboolean
yk_header_parse (const guint8 *copy,
                 gsize         len,
                 YkHeader     *header,
                 GError      **error)
{
  guint8 checksum[32];

  if (len < YK_HEADER_COPY_SIZE || memcmp (copy + OFF_MAGIC, MAGIC, 8) != 0)
    {
      g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_NOT_A_DATABASE,
                           _("This file is not a Yukang database"));
      return FALSE;
    }
  compute_checksum (copy, checksum);
  if (sodium_memcmp (checksum, copy + OFF_CHECKSUM, 32) != 0)
    {
      /* A newer format may checksum differently; say so rather than "damaged". */
      if (read_u32 (copy + OFF_VERSION) > YK_HEADER_VERSION)
        g_set_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_UNSUPPORTED_VERSION,
                     _("This database was written in format %1$u, which this version of "
                       "Yukang cannot read"), read_u32 (copy + OFF_VERSION));
      else
        g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_DAMAGED_HEADER,
                             _("The file header is damaged (checksum mismatch)"));
      return FALSE;
    }

  memset (header, 0, sizeof *header);
  header->version = read_u32 (copy + OFF_VERSION);
  if (header->version < YK_HEADER_VERSION_MIN || header->version > YK_HEADER_VERSION)
    {
      g_set_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_UNSUPPORTED_VERSION,
                   _("This database was written in format %1$u, which this version of "
                     "Yukang cannot read"), header->version);
      return FALSE;
    }
  if (read_u32 (copy + OFF_COPY_SIZE) != YK_HEADER_COPY_SIZE ||
      read_u32 (copy + OFF_MAX_SLOTS) != YK_HEADER_MAX_SLOTS)
    {
      g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_DAMAGED_HEADER,
                           _("The file header is damaged (impossible sizes)"));
      return FALSE;
    }
  memcpy (header->database_id, copy + OFF_DATABASE_ID, YK_DATABASE_ID_SIZE);
  header->generation = read_u64 (copy + OFF_GENERATION);
  memcpy (header->mac, copy + OFF_MAC, YK_HEADER_MAC_SIZE);
  for (guint i = 0; i < YK_HEADER_MAX_SLOTS; i++)
    if (!parse_slot (copy + OFF_SLOTS + i * SLOT_SIZE, copy + OFF_ORIGINS + i * ORIGIN_SIZE, header->version,
                     &header->slots[i], i, error))
      return FALSE;
  if (header->version >= 3 && !parse_snapshot (copy + OFF_SNAPSHOT, &header->snapshot, error))
    return FALSE;
  return TRUE;
}

/* Parses both copies; fills candidates with the valid ones, newest
 * generation first, and returns how many there are. With none, error
 * says why (the first copy's reason, as both usually agree). */
guint
yk_header_read_area (const guint8   *area,
                     gsize           len,
                     YkHeader        candidates[2],
                     YkHeaderCopies *copies,
                     GError        **error)
{
  g_autoptr (GError) error_a = NULL;
  g_autoptr (GError) error_b = NULL;
  gboolean a_ok, b_ok;
  guint n = 0;

  *copies = 0;
  if (len < YK_HEADER_AREA_SIZE)
    {
      g_set_error_literal (error, YK_CRYPTO_ERROR,
                           len >= 8 && memcmp (area, MAGIC, 8) == 0
                             ? YK_CRYPTO_ERROR_DAMAGED_HEADER
                             : YK_CRYPTO_ERROR_NOT_A_DATABASE,
                           len >= 8 && memcmp (area, MAGIC, 8) == 0
                             ? _("The file is too short to hold a Yukang header; it was truncated")
                             : _("This file is not a Yukang database"));
      return 0;
    }

  a_ok = yk_header_parse (area, YK_HEADER_COPY_SIZE, &candidates[0], &error_a);
  b_ok = yk_header_parse (area + YK_HEADER_COPY_SIZE, YK_HEADER_COPY_SIZE,
                          a_ok ? &candidates[1] : &candidates[0], &error_b);
  if (a_ok)
    *copies |= YK_HEADER_COPY_A_OK;
  if (b_ok)
    *copies |= YK_HEADER_COPY_B_OK;
  n = (a_ok ? 1 : 0) + (b_ok ? 1 : 0);

  if (n == 2 && candidates[1].generation > candidates[0].generation)
    {
      YkHeader *tmp = g_new (YkHeader, 1);
      *tmp = candidates[0];
      candidates[0] = candidates[1];
      candidates[1] = *tmp;
      g_free (tmp);
    }
  if (n == 0)
    {
      /* One copy unreadable for a reason other than damage says more. */
      if (error_a->code == YK_CRYPTO_ERROR_DAMAGED_HEADER && error_b->code != YK_CRYPTO_ERROR_NOT_A_DATABASE)
        g_propagate_error (error, g_steal_pointer (&error_b));
      else
        g_propagate_error (error, g_steal_pointer (&error_a));
    }
  return n;
}

void
_yk_header_serialize_version (YkHeader       *header,
                              guint32         version,
                              const YkSecret *database_key,
                              guint8          copy[YK_HEADER_COPY_SIZE])
{
  header->version = version;
  compute_mac (header, database_key, header->mac);
  serialize_body (header, copy);
  memcpy (copy + OFF_MAC, header->mac, YK_HEADER_MAC_SIZE);
  compute_checksum (copy, copy + OFF_CHECKSUM);
}

/* Whatever version was read, the header is written in the current one. */
void
yk_header_serialize (YkHeader       *header,
                     const YkSecret *database_key,
                     guint8          copy[YK_HEADER_COPY_SIZE])
{
  _yk_header_serialize_version (header, YK_HEADER_VERSION, database_key, copy);
}

gboolean
yk_header_verify_mac (const YkHeader *header,
                      const YkSecret *database_key)
{
  guint8 mac[YK_HEADER_MAC_SIZE];

  compute_mac (header, database_key, mac);
  return sodium_memcmp (mac, header->mac, YK_HEADER_MAC_SIZE) == 0;
}

int
yk_header_find_account (const YkHeader *header,
                        const char     *name)
{
  for (int i = 0; i < YK_HEADER_MAX_SLOTS; i++)
    if (header->slots[i].kind == YK_SLOT_ACCOUNT && g_strcmp0 (header->slots[i].name, name) == 0)
      return i;
  return -1;
}

int
yk_header_find_recovery (const YkHeader *header)
{
  for (int i = 0; i < YK_HEADER_MAX_SLOTS; i++)
    if (header->slots[i].kind == YK_SLOT_RECOVERY)
      return i;
  return -1;
}

int
yk_header_find_free (const YkHeader *header)
{
  for (int i = 0; i < YK_HEADER_MAX_SLOTS; i++)
    if (header->slots[i].kind == YK_SLOT_EMPTY)
      return i;
  return -1;
}
