/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* File format constants, fixed by docs/design/file-format.md. */
#define YK_FORMAT_VERSION 1
#define YK_PAGE_SIZE 4096
#define YK_PAGE_RESERVE 40                      /* nonce + tag at the end of each page */
#define YK_PAGE_PAYLOAD (YK_PAGE_SIZE - YK_PAGE_RESERVE)
#define YK_DATABASE_ID_SIZE 16
#define YK_KEY_SIZE 32

typedef struct _YkSecret YkSecret;
typedef struct _YkPageCipher YkPageCipher;
typedef struct _YkHeader YkHeader;
typedef struct _YkKeySlot YkKeySlot;

/* What a page belongs to; part of every page's associated data. */
typedef enum
{
  YK_FILE_KIND_DATABASE = 1,
  YK_FILE_KIND_JOURNAL = 2,
} YkFileKind;

/* Argon2id cost of a key slot. Nothing below INTERACTIVE is accepted. */
typedef enum
{
  YK_KDF_INTERACTIVE,
  YK_KDF_MODERATE,
  YK_KDF_SENSITIVE,
} YkKdfLevel;

G_END_DECLS
