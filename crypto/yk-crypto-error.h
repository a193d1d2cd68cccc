/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define YK_CRYPTO_ERROR (yk_crypto_error_quark ())

/* Codes a caller can act on: each maps to something a person can be told. */
typedef enum
{
  YK_CRYPTO_ERROR_FAILED,              /* libsodium itself failed (out of memory, no RNG) */
  YK_CRYPTO_ERROR_WRONG_PASSWORD,      /* "wrong user name or password", and nothing more */
  YK_CRYPTO_ERROR_RECOVERY_KEY_TYPO,   /* the recovery key's checksum does not match */
  YK_CRYPTO_ERROR_NOT_A_DATABASE,      /* no Yukang magic at the start of the file */
  YK_CRYPTO_ERROR_UNSUPPORTED_VERSION, /* written by a newer or unknown format */
  YK_CRYPTO_ERROR_DAMAGED_HEADER,      /* both header copies fail their checksum or MAC */
  YK_CRYPTO_ERROR_DAMAGED_PAGE,        /* a page fails authentication */
  YK_CRYPTO_ERROR_WEAK_KDF,            /* Argon2id parameters below "interactive" */
  YK_CRYPTO_ERROR_SLOTS_FULL,          /* no free key slot left */
  YK_CRYPTO_ERROR_NO_SUCH_ACCOUNT,     /* only used internally; shown as wrong password */
  YK_CRYPTO_ERROR_ACCOUNT_EXISTS,
  YK_CRYPTO_ERROR_WEAK_PASSWORD,       /* shorter than the minimum length */
  YK_CRYPTO_ERROR_NO_SLOT,             /* no key slot for this account's key pair */
} YkCryptoError;

GQuark yk_crypto_error_quark (void);

gboolean yk_crypto_init (GError **error);

G_END_DECLS
