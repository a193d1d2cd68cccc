/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define YK_APP_ERROR (yk_app_error_quark ())

typedef enum
{
  YK_APP_ERROR_FAILED,
  YK_APP_ERROR_USAGE,      /* a command line that cannot be understood: exit 2 */
  YK_APP_ERROR_INVALID,    /* a record or value that breaks a rule */
  YK_APP_ERROR_FORBIDDEN,  /* the account's role does not allow it */
  YK_APP_ERROR_NOT_FOUND,
  YK_APP_ERROR_READ_ONLY,  /* the district view: records are made at each site */
  YK_APP_ERROR_CONSENT_WITHDRAWN, /* the person withdrew their consent: no new records */
  YK_APP_ERROR_DUPLICATE,  /* the person already has a case file (the intake check) */
} YkAppError;

GQuark yk_app_error_quark (void);

G_END_DECLS
