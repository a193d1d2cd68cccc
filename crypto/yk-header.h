/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-crypto-types.h"

G_BEGIN_DECLS

/* The plaintext header area at the start of a database file: two copies
 * of the header, written alternately (B, sync, A, sync), each with a
 * generation number and a BLAKE2b checksum, so a crash while one is
 * written leaves the other. After unlock a MAC keyed from the database
 * key authenticates the copy in use. */
#define YK_HEADER_COPY_SIZE 32768
#define YK_HEADER_AREA_SIZE (2 * YK_HEADER_COPY_SIZE)
#define YK_HEADER_MAX_SLOTS 96
#define YK_HEADER_MAC_SIZE 32
#define YK_SLOT_NAME_MAX 64
#define YK_SLOT_SALT_SIZE 16
#define YK_SLOT_PUBLIC_KEY_SIZE 32
#define YK_SLOT_WRAP_NONCE_SIZE 24
#define YK_SLOT_WRAPPED_SIZE (32 + 16)
#define YK_SLOT_SEALED_SIZE (32 + 48)
#define YK_SLOT_SIGN_PUBLIC_KEY_SIZE 32

/* Version 2 adds each account's Ed25519 public key (audit signatures) in
 * bytes a version-1 slot left zero; version 3 adds a slot's wrap origin
 * (a key slot copied from another file) and the snapshot block, both in
 * bytes version 2 left zero. Versions 1 and 2 are still read, and
 * written as version 3 at the next header write
 * (docs/design/file-format.md). */
#define YK_HEADER_VERSION 3
#define YK_HEADER_VERSION_MIN 1

/* What a snapshot's header says about it (docs/design/file-format.md,
 * "Snapshots"). All zero in a file that is not a snapshot. */
#define YK_SNAPSHOT_SITES_MAX 127
typedef struct
{
  guint64 generation;            /* 0: not a snapshot */
  gint64 taken_at;               /* Unix seconds, UTC */
  char site_codes[YK_SNAPSHOT_SITES_MAX + 1];
  guint64 audit_head_id;         /* 0: empty trail */
  guint8 audit_head_hash[8];
} YkSnapshotInfo;

typedef enum
{
  YK_SLOT_EMPTY = 0,
  YK_SLOT_ACCOUNT = 1,
  YK_SLOT_RECOVERY = 2,
} YkSlotKind;

struct _YkKeySlot
{
  YkSlotKind kind;
  char name[YK_SLOT_NAME_MAX + 1]; /* account name, NUL-terminated UTF-8 */
  guint64 opslimit;
  guint64 memlimit;
  guint8 salt[YK_SLOT_SALT_SIZE];
  guint8 public_key[YK_SLOT_PUBLIC_KEY_SIZE];
  guint8 wrap_nonce[YK_SLOT_WRAP_NONCE_SIZE];
  guint8 wrapped_secret[YK_SLOT_WRAPPED_SIZE]; /* X25519 secret key under the password */
  guint8 sealed_key[YK_SLOT_SEALED_SIZE];      /* database key sealed to public_key */
  guint8 sign_public_key[YK_SLOT_SIGN_PUBLIC_KEY_SIZE]; /* all zero: not known yet */
  /* Version 3: a slot copied from another file keeps the associated data
   * its secret key was wrapped with there, which names that file's
   * database id and slot index (yk_key_slot_copy()). */
  gboolean has_origin;
  guint32 origin_index;
  guint8 origin_database_id[YK_DATABASE_ID_SIZE];
};

struct _YkHeader
{
  guint32 version;
  guint8 database_id[YK_DATABASE_ID_SIZE];
  guint64 generation;
  guint8 mac[YK_HEADER_MAC_SIZE];
  YkKeySlot slots[YK_HEADER_MAX_SLOTS];
  YkSnapshotInfo snapshot; /* version 3 */
};

/* Which copies of the header area passed their checksum. */
typedef enum
{
  YK_HEADER_COPY_A_OK = 1 << 0,
  YK_HEADER_COPY_B_OK = 1 << 1,
} YkHeaderCopies;

void yk_header_init (YkHeader *header);
gboolean yk_header_parse (const guint8 *copy,
                          gsize         len,
                          YkHeader     *header,
                          GError      **error);
guint yk_header_read_area (const guint8   *area,
                           gsize           len,
                           YkHeader        candidates[2],
                           YkHeaderCopies *copies,
                           GError        **error);
void yk_header_serialize (YkHeader       *header,
                          const YkSecret *database_key,
                          guint8          copy[YK_HEADER_COPY_SIZE]);
gboolean yk_header_verify_mac (const YkHeader *header,
                               const YkSecret *database_key);

int yk_header_find_account (const YkHeader *header,
                            const char     *name);
int yk_header_find_recovery (const YkHeader *header);
int yk_header_find_free (const YkHeader *header);

G_END_DECLS
