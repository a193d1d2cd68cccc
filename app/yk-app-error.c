/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-app-error.h"

G_DEFINE_QUARK (yk-app-error-quark, yk_app_error)
