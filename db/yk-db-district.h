/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-store.h"

G_BEGIN_DECLS

/* The district view's rows (docs/design/district.md): every opened file
 * copied into one read-only in-memory database with the schema of a
 * normal one, so every query of app/ runs on it unchanged. */

/* File i's row ids become id + i * YK_DISTRICT_ID_STRIDE (sites and
 * coordinators aside): room for 2^40 rows a table per file, and for
 * 8,388,608 files under 2^63. */
#define YK_DISTRICT_ID_STRIDE (G_GINT64_CONSTANT (1) << 40)

typedef struct
{
  YkStore *store;   /* unlocked, its cipher attached */
  const char *name; /* how messages name the file: “SPQ.ykdb” */
} YkDistrictSource;

/* The merged rows kept between openings (docs/design/district.md, "The
 * cache"): an encrypted Yukang file, keyed for `identity`. file_keys[i]
 * says what source i is (its snapshot); the cache's rows of a source
 * whose key, or whose id remap, changed are merged again. */
typedef struct
{
  const char *path;
  const YkIdentity *identity;
  const char *const *file_keys; /* one per source */
} YkDistrictCache;

typedef enum
{
  YK_DISTRICT_CACHE_NONE,    /* no cache asked for */
  YK_DISTRICT_CACHE_HIT,     /* every row came from the cache */
  YK_DISTRICT_CACHE_UPDATED, /* from the cache, the changed files' rows merged again; the cache being written */
  YK_DISTRICT_CACHE_WRITTEN, /* merged from the files; the cache being written */
  YK_DISTRICT_CACHE_FAILED,  /* merged (or updated); the cache's writing could not start */
} YkDistrictCacheOutcome;

/* The codes of the sites a file holds, sorted. */
char **yk_db_district_site_codes (sqlite3 *db,
                                  GError **error);

/* Copies the sources' rows, in this order (file i is the i-th), into a
 * new merged database; its store's connections are read-only. The
 * settings are the first source's. Sites with one code are one site,
 * coordinators with one account one person. Fails naming the file when
 * one is damaged or cut, when two files have one case number, family
 * member or activity number, or two sites one name. */
YkStore *yk_store_new_district (const YkDistrictSource *sources,
                                guint                   n_sources,
                                const char             *account,
                                GError                **error);
/* The same, through `cache` (NULL: none): its rows when every page of
 * it authenticates and it was made of as many files, in one remap, with
 * the rows of the files whose key changed merged again (all merged
 * afresh when more than half did); then, if anything changed, written
 * in a thread of its own, under another name, and renamed over it: the
 * store returns before. A cache that fails anything is never used, only
 * replaced. */
YkStore *yk_store_new_district_cached (const YkDistrictSource *sources,
                                       guint                   n_sources,
                                       const char             *account,
                                       const YkDistrictCache  *cache,
                                       YkDistrictCacheOutcome *outcome,
                                       GError                **error);
/* Waits for the caches still being written (a later opening does, before
 * it reads one; tests and benchmarks, to know it is there). */
void _yk_store_district_cache_wait (void);
/* A district view's store: nothing it opens can be written. */
gboolean yk_store_is_read_only (YkStore *store);

G_END_DECLS
