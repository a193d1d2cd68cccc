/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-header.h"
#include "yk-store.h"

G_BEGIN_DECLS

struct _YkStore
{
  char *path;            /* as SQLite sees it (absolute) */
  char *account;         /* NULL when unlocked with the recovery key */
  YkSecret *database_key;
  YkSecret *signing_key; /* the account's Ed25519 key; NULL with the recovery key */
  guint8 database_id[YK_DATABASE_ID_SIZE];
  YkPageCipher *cipher;
  sqlite3 *db;
  int extra_connections;
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
/* yk-district.c: a connection to a district view's merged rows. */
sqlite3 *_yk_district_open_connection (const char *uri,
                                       gboolean    build,
                                       GError    **error);
/* What a district view's store answers to anything that would write a
 * file or read its header. */
gboolean _yk_store_refuse_merged (YkStore *store,
                                  GError **error);
/* yk-store-generation.c: the header's generation kept inside the data. */
gboolean _yk_store_record_generation (sqlite3 *db,
                                      guint64  generation,
                                      GError **error);
gboolean _yk_store_check_generation (sqlite3 *db,
                                     guint64  header_generation,
                                     GError **error);

G_END_DECLS
