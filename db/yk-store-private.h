/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-header.h"
#include "yk-store.h"

G_BEGIN_DECLS

struct _YkIdentity
{
  char *account;
  guint8 public_key[YK_SLOT_PUBLIC_KEY_SIZE];
  YkSecret *secret_key;  /* X25519 */
  YkSecret *signing_key; /* Ed25519, libsodium's 64-byte form */
};

struct _YkStore
{
  char *path;            /* as SQLite sees it (absolute) */
  char *account;         /* NULL when unlocked with the recovery key */
  YkSecret *database_key;
  YkIdentity *identity;  /* the account's key pair; NULL with the recovery key */
  guint8 database_id[YK_DATABASE_ID_SIZE];
  YkPageCipher *cipher;
  sqlite3 *db;
  int extra_connections;
  gboolean read_only;    /* a snapshot: opened SQLITE_OPEN_READONLY, header never written */
  YkSnapshotInfo snapshot;
  /* A district view's merged rows (yk-district.c): an in-memory database
   * that every connection opens read-only, kept alive by the connection
   * that built it, which is never lent. NULL for a file. */
  char *merged_uri;
  sqlite3 *merged_keeper;
};

typedef gboolean (*YkHeaderEdit) (YkHeader *header,
                                  YkStore  *store,
                                  gpointer  data,
                                  GError  **error);

YkStore *_yk_store_new (const char   *full_path,
                        const char   *account,
                        YkSecret     *database_key,
                        const guint8  database_id[YK_DATABASE_ID_SIZE]);
sqlite3 *_yk_store_open_connection (const char *full_path,
                                    gboolean    read_only,
                                    GError    **error);
gboolean _yk_store_exec (sqlite3    *db,
                         const char *sql,
                         const char *doing,
                         GError    **error);
gboolean _yk_store_raw_file_io (const char *full_path,
                                gboolean    create,
                                guint8     *area,
                                gsize      *length,
                                GError    **error);
gboolean _yk_store_read_area (sqlite3 *db,
                              guint8  *area,
                              GError **error);
gboolean _yk_store_write_header (sqlite3        *db,
                                 YkHeader       *header,
                                 const YkSecret *database_key,
                                 GError        **error);
gboolean _yk_store_pick_header (const guint8   *area,
                                gsize           length,
                                const YkSecret *database_key,
                                YkHeader       *out,
                                YkHeaderCopies *copies,
                                GError        **error);
gboolean _yk_store_edit_header (YkStore      *store,
                                YkHeaderEdit  edit,
                                gpointer      data,
                                GError      **error);
void _yk_store_disable_core_dumps (void);
/* A new file's full path, with what creating one needs set up. */
gboolean _yk_store_prepare_create (const char *path,
                                   char      **full_path,
                                   GError    **error);
/* Writes the header area of a new file, whose account slots are
 * already made, with a new recovery slot (`*recovery_key`), and the
 * file's page 1. Takes `database_key` and `identity`. */
YkStore *_yk_store_create_file (const char *full_path,
                                YkHeader   *header,
                                YkSecret   *database_key,
                                YkIdentity *identity,
                                char      **recovery_key,
                                GError    **error);
/* A snapshot refuses every write: FALSE with the message that says so. */
gboolean _yk_store_refuse_read_only (YkStore *store,
                                     GError **error);
/* yk-store-identity.c */
YkIdentity *_yk_identity_new (const char *account,
                              YkSecret   *secret_key);
/* The newest copy of `other_path`'s header that `identity` authenticates
 * (its slot for the account opens, and the MAC checks), or with identity
 * NULL or no slot for it there the newest copy as it is, unchecked
 * (`*authenticated` FALSE). */
gboolean _yk_store_read_other_header (const char       *other_path,
                                      const YkIdentity *identity,
                                      YkHeader         *header,
                                      gboolean         *authenticated,
                                      GError          **error);
void _yk_store_set_no_slot (GError    **error,
                            const char *path,
                            const char *account);
/* yk-district.c: a connection to a district view's merged rows. */
sqlite3 *_yk_district_open_connection (const char *uri,
                                       gboolean    build,
                                       GError    **error);
/* What a district view's store answers to anything that would write a
 * file or read its header. */
gboolean _yk_store_refuse_merged (YkStore *store,
                                  GError **error);
/* yk-store-generation.c: the header's generation kept inside the data. */
gboolean _yk_store_read_counter (sqlite3    *db,
                                 const char *key,
                                 guint64    *value,
                                 const char *doing,
                                 GError    **error);
gboolean _yk_store_record_generation (sqlite3 *db,
                                      guint64  generation,
                                      GError **error);
gboolean _yk_store_check_generation (sqlite3 *db,
                                     guint64  header_generation,
                                     gboolean may_write,
                                     GError **error);

/* Tests only: called inside a snapshot's read transaction, once the
 * header has been read and before the pages are copied. */
typedef void (*YkSnapshotHook) (gpointer data);
void _yk_store_set_snapshot_hook (YkSnapshotHook hook,
                                  gpointer       data);

G_END_DECLS
