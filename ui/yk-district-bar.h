/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* The district view's header (docs/design/district.md): that it is read
 * only and where records are made, each site's snapshot age (a warning
 * past the `district-stale-days` setting), files that could not be
 * opened, and settings that differ between files. */
#define YK_TYPE_DISTRICT_BAR (yk_district_bar_get_type ())
G_DECLARE_FINAL_TYPE (YkDistrictBar, yk_district_bar, YK, DISTRICT_BAR, GtkWidget)

GtkWidget *yk_district_bar_new (YkUnlockedSession *session);
/* Reads the files and warnings again (after a reload) and the ages. */
void yk_district_bar_update (YkDistrictBar *self);

G_END_DECLS
