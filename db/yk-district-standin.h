/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* TEMPORARY: replaced by the keys branch at merge. These are exactly the
 * declarations that branch adds to db/yk-store.h, app/yk-session.h and
 * crypto/yk-header.h (one password for every file, snapshot headers);
 * the district view is written against them only. At merge this file
 * pair is deleted, with its line in db/meson.build and its #include in
 * db/yk-db-district.h, and nothing else changes. */

#include "yk-crypto-types.h"
#include "yk-store.h"

G_BEGIN_DECLS

/* What one password unlocks: a person's key pair, theirs in every file. */
typedef struct _YkIdentity YkIdentity;

YkStore *yk_store_unlock_identity (const char  *path,
                                   const char  *account,
                                   const char  *password,
                                   YkIdentity **identity,
                                   GError     **error);
YkStore *yk_store_open_with_identity (const char       *path,
                                      const YkIdentity *identity,
                                      GError          **error);
YkSecret *yk_identity_derive_key (const YkIdentity *identity,
                                  const char        context[8]);
void yk_identity_free (YkIdentity *identity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkIdentity, yk_identity_free)

/* crypto/yk-header.h */
#define YK_SNAPSHOT_SITES_MAX 127

typedef struct
{
  guint64 generation;
  gint64 taken_at;
  char site_codes[YK_SNAPSHOT_SITES_MAX + 1];
  guint64 audit_head_id;
  guint8 audit_head_hash[8];
} YkSnapshotInfo;

/* FALSE, and `info` zeroed: the file is not a snapshot. */
gboolean yk_store_get_snapshot_info (YkStore        *store,
                                     YkSnapshotInfo *info);

G_END_DECLS
