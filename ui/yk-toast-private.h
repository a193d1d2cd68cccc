/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-toast.h"

G_BEGIN_DECLS

/* Test hook: what YK_TOAST_SECONDS without a click do, at once. FALSE if
 * no timeout was pending. */
gboolean _yk_toast_expire (YkToast *self);

G_END_DECLS
