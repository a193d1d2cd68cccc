/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-crypto-types.h"

#include <sqlite3.h>

G_BEGIN_DECLS

/* The audit trail: append-only rows chained by a keyed BLAKE2b MAC over
 * the previous row's MAC and this row, so editing, deleting or inserting
 * a row breaks the chain from there on. Each row is also signed by the
 * account that wrote it (Ed25519), and has its place in an unkeyed hash
 * chain that a key rotation leaves alone: the last row's id and the
 * first bytes of that hash are the head, written ID:HEX, that reports
 * and backups state so a trail cut or rewritten since is noticed
 * (docs/design/security.md, "Audit trail"). */
#define YK_AUDIT_HEAD_BYTES 8
#define YK_AUDIT_HASH_SIZE 32
#define YK_AUDIT_LISTED 16

typedef struct
{
  gint64 id; /* 0: an empty trail */
  guint8 hash[YK_AUDIT_HEAD_BYTES];
} YkAuditHead;

typedef enum
{
  YK_AUDIT_HEAD_NOT_ASKED,
  YK_AUDIT_HEAD_EXTENDED, /* the entry is there, with that hash */
  YK_AUDIT_HEAD_CUT,      /* no such entry: the trail ends before it */
  YK_AUDIT_HEAD_REWRITTEN /* the entry, or one before it, differs */
} YkAuditHeadStatus;

typedef struct
{
  gint64 id;
  char account[65];
} YkAuditBadSignature;

typedef struct
{
  guint64 rows;
  gint64 first_bad_id; /* 0 when the chain is intact */
  YkAuditHead head;    /* the last entry that verified */
  guint64 signed_rows;
  guint64 unsigned_rows; /* written before signatures, or with the recovery key */
  guint n_bad_signatures;
  YkAuditBadSignature bad_signatures[YK_AUDIT_LISTED]; /* the first ones */
  YkAuditHeadStatus expected;
} YkAuditCheck;

/* Who signs an entry: the database's id and the account's Ed25519
 * secret key (NULL: unsigned, as with the recovery key). */
typedef struct
{
  const guint8 *database_id;
  const YkSecret *signing_key;
} YkAuditSigner;

/* "1234:3f9a0c1b2d4e5f60"; parse is strict (decimal id > 0, exactly
 * 2 × YK_AUDIT_HEAD_BYTES lower- or upper-case hex digits). */
char *yk_audit_head_format (const YkAuditHead *head);
gboolean yk_audit_head_parse (const char  *text,
                              YkAuditHead *head);
/* The head as the trail stands, without checking it (yk_audit_verify
 * does): for reports, backups and, later, snapshots. */
gboolean yk_audit_read_head (sqlite3     *db,
                             YkAuditHead *head,
                             GError     **error);

/* Puts an account's signing public key (32 bytes) on record, once. */
gboolean yk_audit_register_signer (sqlite3      *db,
                                   const char   *account,
                                   const guint8 *public_key,
                                   GError      **error);
gboolean yk_audit_append (sqlite3             *db,
                          const YkSecret      *audit_key,
                          const YkAuditSigner *signer,
                          const char          *account,
                          const char     *action,
                          const char     *record_table,
                          gint64          record_id,
                          const char     *detail,
                          GError        **error);
/* The MAC chain, the hash chain and every signature (against the keys
 * audit_signers holds for the entry's account), and with `expected` also
 * whether the trail still extends that head. */
gboolean yk_audit_verify (sqlite3           *db,
                          const YkSecret    *audit_key,
                          const guint8      *database_id,
                          const YkAuditHead *expected,
                          YkAuditCheck      *check,
                          GError           **error);

/* Key rotation, on the newly keyed copy before anyone uses it: checks
 * the whole chain under `old_key` and signs it anew under `new_key`, in
 * one transaction. A chain that fails its check is refused
 * (YK_DB_ERROR_REFUSED), never re-signed. Without an audit table, TRUE. */
gboolean yk_audit_rekey (sqlite3        *db,
                         const YkSecret *old_key,
                         const YkSecret *new_key,
                         GError        **error);

G_END_DECLS
