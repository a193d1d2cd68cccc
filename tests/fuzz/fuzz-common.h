/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-crypto-types.h"

#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

/* libFuzzer's entry points, declared for -Wmissing-prototypes. */
int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Unlike g_assert(), never compiled out: a failed check is a finding. */
#define FUZZ_CHECK(expr) \
  G_STMT_START { \
    if (G_UNLIKELY (!(expr))) \
      fuzz_fail (__FILE__, __LINE__, #expr); \
  } G_STMT_END

/* Fixed so that every run, and every seed, uses the same keys. */
extern const guint8 fuzz_database_id[YK_DATABASE_ID_SIZE];

void fuzz_init (void);
YkSecret *fuzz_database_key_new (guint8 variant);
G_NORETURN void fuzz_fail (const char *file,
                           int         line,
                           const char *expr);

G_END_DECLS
