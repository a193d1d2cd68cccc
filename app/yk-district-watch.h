/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Watches a district view's folder (GFileMonitor) and says, once things
 * settle, that a snapshot in it was replaced or added: ::changed fires
 * `settle_ms` after the last event about a `*.ykdb` file directly in the
 * folder. Names starting with "." are the temporary names of a snapshot
 * being written or of a sync engine's download, never a finished file.
 * A file growing under its own name is reported as changed at most every
 * 800 ms (GFileMonitor's rate limit), so `settle_ms` must be longer for
 * the file to be said once, complete. */
#define YK_TYPE_DISTRICT_WATCH (yk_district_watch_get_type ())
G_DECLARE_FINAL_TYPE (YkDistrictWatch, yk_district_watch, YK, DISTRICT_WATCH, GObject)

YkDistrictWatch *yk_district_watch_new (const char *folder,
                                        guint       settle_ms,
                                        GError    **error);
/* Whether `name` (a base name) is a finished snapshot file. */
gboolean yk_district_watch_is_snapshot_name (const char *name);

G_END_DECLS
