/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-key-slot.h"

G_BEGIN_DECLS

/* Tests only: how many times Argon2id has run in this process, so a test
 * can show that opening a file with an identity derives no key. */
guint _yk_key_slot_kdf_runs (void);

G_END_DECLS
