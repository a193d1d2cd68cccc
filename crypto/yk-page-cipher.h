/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-crypto-types.h"
#include "yk-journal-header.h"

G_BEGIN_DECLS

/* Seals and opens database and journal pages: XChaCha20-Poly1305 over the
 * first YK_PAGE_PAYLOAD bytes, a fresh random nonce and the tag in the
 * reserved bytes, and associated data binding the database id, the page
 * number, the kind of file and the format version. Thread-safe: the cipher
 * is immutable after creation and reference counted. */
YkPageCipher *yk_page_cipher_new (const YkSecret *database_key,
                                  const guint8    database_id[YK_DATABASE_ID_SIZE]);
YkPageCipher *yk_page_cipher_ref (YkPageCipher *cipher);
void yk_page_cipher_unref (YkPageCipher *cipher);
YkJournalKey *yk_page_cipher_get_journal_key (YkPageCipher *cipher);

void yk_page_cipher_seal (YkPageCipher *cipher,
                          const guint8 *plain,
                          guint8       *sealed,
                          guint64       page_number,
                          YkFileKind    kind);
gboolean yk_page_cipher_open (YkPageCipher *cipher,
                              const guint8 *sealed,
                              guint8       *plain,
                              guint64       page_number,
                              YkFileKind    kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkPageCipher, yk_page_cipher_unref)

G_END_DECLS
