/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-district.h"
#include "yk-db-district.h"

G_BEGIN_DECLS

/* The record of snapshots already shown (docs/design/district.md, "The
 * state file"), per database id in hex: the highest generation and its
 * time. Test hooks. */
typedef struct
{
  guint64 generation;
  gint64 taken_at;
} YkDistrictSeen;

#define YK_DISTRICT_STATE_CONTEXT "YkDistSt"

/* $XDG_STATE_HOME/yukang/district-seen-HEX: HEX the first 8 bytes of
 * the coordinator's public key. */
char *_yk_district_state_path (const YkIdentity *identity);
/* id hex → YkDistrictSeen *. A missing file is empty; a file that fails
 * its MAC or cannot be parsed is empty too, and `*problem` says so. */
GHashTable *_yk_district_state_load (const char     *path,
                                     const YkSecret *key,
                                     char          **problem);
gboolean _yk_district_state_save (const char     *path,
                                  const YkSecret *key,
                                  GHashTable     *seen,
                                  GError        **error);
/* Refuses a snapshot older than the one already shown. */
gboolean _yk_district_state_check (GHashTable           *seen,
                                   const char           *id_hex,
                                   const YkSnapshotInfo *info,
                                   const char           *file_name,
                                   GError              **error);
void _yk_district_state_note (GHashTable           *seen,
                              const char           *id_hex,
                              const YkSnapshotInfo *info);

/* Where snapshot headers are read from: tests put fakes in. NULL: the store's. */
typedef gboolean (*YkDistrictSnapshotFunc) (YkStore        *store,
                                            YkSnapshotInfo *info);
void _yk_district_set_snapshot_func (YkDistrictSnapshotFunc func);

/* Benchmarks: microseconds spent unlocking (key derivation) and merging
 * (or reading the cache). */
void _yk_district_get_timings (YkDistrict *district,
                               gint64     *unlock_usec,
                               gint64     *merge_usec);

/* $XDG_CACHE_HOME/yukang/district-cache-HEX.ykdb: the merged rows kept
 * between openings, HEX as for the state file. */
char *_yk_district_cache_path (const YkIdentity *identity);
/* Whether the rows came from the cache, and whether it was written. */
YkDistrictCacheOutcome _yk_district_get_cache_outcome (YkDistrict *district);

G_END_DECLS
