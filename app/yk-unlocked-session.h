/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "yk-app-types.h"
#include "yk-session.h"

G_BEGIN_DECLS

/* The window's handle on an unlocked database: a reference-counted
 * GObject around the plain YkSession, so pages can hold it in a
 * `session` property and bind to it. It lends connections to worker
 * threads as YkReaders (the reader task, yk-reader-task.h), so the UI
 * never holds a connection. No GTK here: it is the core's. Locking calls yk_unlocked_session_close(),
 * which wipes the keys at once even while pages still hold references;
 * afterwards yk_unlocked_session_get_session() returns NULL and
 * `unlocked` is FALSE. The path, account and role stay readable, so the
 * unlock page can be filled in again. */
#define YK_TYPE_UNLOCKED_SESSION (yk_unlocked_session_get_type ())
G_DECLARE_FINAL_TYPE (YkUnlockedSession, yk_unlocked_session, YK, UNLOCKED_SESSION, GObject)

YkUnlockedSession *yk_unlocked_session_new (YkSession  *session,
                                            const char *path);
typedef struct _YkDistrict YkDistrict;
/* Takes `district`; its session closes with it. */
YkUnlockedSession *yk_unlocked_session_new_district (YkDistrict *district,
                                                    const char *folder);
YkDistrict *yk_unlocked_session_get_district (YkUnlockedSession *self);
gboolean yk_unlocked_session_is_read_only (YkUnlockedSession *self);
/* What a district view says about its folder having changed since it
 * was opened (newer snapshots); NULL when it has not. */
const char *yk_unlocked_session_get_reload_error (YkUnlockedSession *self);
gint64 yk_unlocked_session_map_client_id (YkUnlockedSession *self,
                                          gint64             id);
YkSession *yk_unlocked_session_get_session (YkUnlockedSession *self);
const char *yk_unlocked_session_get_path (YkUnlockedSession *self);
const char *yk_unlocked_session_get_account (YkUnlockedSession *self);
const char *yk_unlocked_session_get_display_name (YkUnlockedSession *self);
gboolean yk_unlocked_session_is_coordinator (YkUnlockedSession *self);
gboolean yk_unlocked_session_is_unlocked (YkUnlockedSession *self);
void yk_unlocked_session_close (YkUnlockedSession *self);
/* Connections for reads in worker threads, with who lent them; see the
 * .c. Pages use the reader task rather than these. */
YkReader *yk_unlocked_session_open_reader (YkUnlockedSession *self,
                                           GError           **error);
void yk_unlocked_session_close_reader (YkUnlockedSession *self,
                                      YkReader          *reader);
/* A slow write with the session to itself in a worker thread; see the .c. */
typedef gboolean (*YkExclusiveFunc) (YkSession *session,
                                     gpointer   data,
                                     GError   **error);
void yk_unlocked_session_run_exclusive (YkUnlockedSession  *self,
                                        YkExclusiveFunc     func,
                                        gpointer            data,
                                        GDestroyNotify      data_free,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
/* TRUE while such a job waits for readers or runs (the `busy` property). */
gboolean yk_unlocked_session_get_busy (YkUnlockedSession *self);
gboolean yk_unlocked_session_run_exclusive_finish (YkUnlockedSession *self,
                                                  GAsyncResult      *result,
                                                  GError           **error);
/* Names in lists (docs/design/security.md: masked, 王**). A coordinator may ask to
 * see them in full: the window binds `full-names-requested` to the
 * GSettings key show-full-names. `full-names` is what lists show: TRUE
 * only for an unlocked coordinator session that asked, and only once
 * that was written to the audit trail; pages re-render on its notify. */
void yk_unlocked_session_set_full_names_requested (YkUnlockedSession *self,
                                                   gboolean           requested);
gboolean yk_unlocked_session_get_full_names (YkUnlockedSession *self);
/* The one place that decides how a list shows `name`: in full, or
 * masked with yk_text_mask_name() (also when `self` is NULL). Search
 * keeps using the full name. */
char *yk_unlocked_session_list_name (YkUnlockedSession *self,
                                    const char        *name);
/* Where the task needs the person named (docs/design/security.md keeps overview lists
 * masked): a social worker's own people, those they are the responsible
 * worker of, in full; anyone else as yk_unlocked_session_list_name(). */
char *yk_unlocked_session_own_name (YkUnlockedSession *self,
                                    const char        *name,
                                    gint64             worker_id);
/* Emits ::records-changed; whoever saves or voids a record calls it. */
void yk_unlocked_session_records_changed (YkUnlockedSession *self,
                                          gint64             client_id);
/* Emits ::record-added; a dialog that saved a new record calls it. */
void yk_unlocked_session_record_added (YkUnlockedSession *self,
                                       const char        *table,
                                       gint64             id);

G_END_DECLS
