/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-store-private.h"
#include "yk-crypto-error.h"
#include "yk-key-slot.h"

#include "yk-secret.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

/* Account slots. Adding, removing or re-keying one never re-encrypts the
 * data and never needs another account's password (docs/design/security.md promise 3):
 * the database key this store holds is sealed to the new slot. */

typedef struct
{
  const char *account;
  const char *password;
  YkKdfLevel level;
} YkAccountChange;

static gboolean
read_current_header (YkStore  *store,
                     YkHeader *header,
                     GError  **error)
{
  g_autofree guint8 *area = g_malloc (YK_HEADER_AREA_SIZE);
  YkHeaderCopies copies;

  if (_yk_store_refuse_merged (store, error))
    return FALSE;
  return _yk_store_read_area (store->db, area, error) &&
         _yk_store_pick_header (area, YK_HEADER_AREA_SIZE, store->database_key, header, &copies,
                                error);
}

static void
set_no_such_account (GError    **error,
                     const char *account)
{
  g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_NO_SUCH_ACCOUNT,
               _("There is no account named “%1$s”"), account);
}

char **
yk_store_list_accounts (YkStore *store,
                        GError **error)
{
  g_autofree YkHeader *header = g_new0 (YkHeader, 1);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (!read_current_header (store, header, error))
    return NULL;
  for (guint i = 0; i < YK_HEADER_MAX_SLOTS; i++)
    if (header->slots[i].kind == YK_SLOT_ACCOUNT)
      g_ptr_array_add (names, g_strdup (header->slots[i].name));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* The slot a new account gets; -1 with an error when the name is taken
 * or the header is full. */
static int
free_slot_for (const YkHeader *header,
               const char     *account,
               GError        **error)
{
  int index;

  if (yk_header_find_account (header, account) >= 0)
    {
      g_set_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_ACCOUNT_EXISTS,
                   _("An account named “%1$s” already exists"), account);
      return -1;
    }
  index = yk_header_find_free (header);
  if (index < 0)
    g_set_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_SLOTS_FULL,
                 _("This database already has the most accounts it can hold (%1$d)"),
                 YK_HEADER_MAX_SLOTS - 1);
  return index;
}

static gboolean
add_account_edit (YkHeader *header,
                  YkStore  *store,
                  gpointer  data,
                  GError  **error)
{
  YkAccountChange *change = data;
  int index = free_slot_for (header, change->account, error);

  if (index < 0)
    return FALSE;
  return yk_key_slot_init_account (&header->slots[index], index, header->database_id,
                                   change->account, change->password, change->level,
                                   store->database_key, error);
}

gboolean
yk_store_add_account (YkStore    *store,
                      const char *account,
                      const char *password,
                      YkKdfLevel  level,
                      GError    **error)
{
  YkAccountChange change = { account, password, level };

  g_return_val_if_fail (account != NULL && *account != '\0', FALSE);
  /* Checked before the lock is taken, so a typo costs no key derivation. */
  if (!yk_password_check_strength (password, error))
    return FALSE;
  return _yk_store_edit_header (store, add_account_edit, &change, error);
}

typedef struct
{
  const YkHeader *other;
  int index;
} YkSlotCopy;

static gboolean
copy_account_edit (YkHeader *header,
                   YkStore  *store,
                   gpointer  data,
                   GError  **error)
{
  YkSlotCopy *copy = data;
  const YkKeySlot *source = &copy->other->slots[copy->index];
  int index = free_slot_for (header, source->name, error);

  if (index < 0)
    return FALSE;
  /* The same key pair twice would be one person under two names. */
  for (guint i = 0; i < YK_HEADER_MAX_SLOTS; i++)
    if (header->slots[i].kind == YK_SLOT_ACCOUNT &&
        sodium_memcmp (header->slots[i].public_key, source->public_key, YK_SLOT_PUBLIC_KEY_SIZE) == 0)
      {
        g_set_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_ACCOUNT_EXISTS,
                     _("The account “%1$s” already has this key pair"), header->slots[i].name);
        return FALSE;
      }
  return yk_key_slot_copy (&header->slots[index], source, (guint) copy->index, copy->other->database_id,
                           store->database_key, error);
}

/* Coordinators add one another, and social workers, to each site file
 * (docs/design/file-format.md, "Portable key slots"): the slot is read
 * from the other file's plaintext header. This store's own key pair
 * authenticates that header when it has a slot there too; otherwise the
 * public key is taken as it stands, and the caller says so. */
gboolean
yk_store_add_account_key_from (YkStore    *store,
                               const char *account,
                               const char *other_path,
                               gboolean   *authenticated,
                               GError    **error)
{
  g_autofree YkHeader *other = g_new0 (YkHeader, 1);
  YkSlotCopy copy = { other, -1 };
  gboolean checked = FALSE;

  g_return_val_if_fail (account != NULL && *account != '\0' && other_path != NULL, FALSE);
  if (authenticated != NULL)
    *authenticated = FALSE;
  if (!_yk_store_refuse_read_only (store, error) ||
      !_yk_store_read_other_header (other_path, store->identity, other, &checked, error))
    return FALSE;
  if (memcmp (other->database_id, store->database_id, YK_DATABASE_ID_SIZE) == 0)
    {
      g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                           _("That file is this database, or a copy of it"));
      return FALSE;
    }
  copy.index = yk_header_find_account (other, account);
  if (copy.index < 0)
    {
      _yk_store_set_no_slot (error, other_path, account);
      return FALSE;
    }
  if (!_yk_store_edit_header (store, copy_account_edit, &copy, error))
    return FALSE;
  if (authenticated != NULL)
    *authenticated = checked;
  return TRUE;
}

static gboolean
remove_account_edit (YkHeader *header,
                     YkStore  *store,
                     gpointer  data,
                     GError  **error)
{
  YkAccountChange *change = data;
  int index = yk_header_find_account (header, change->account);
  guint remaining = 0;

  if (index < 0)
    {
      set_no_such_account (error, change->account);
      return FALSE;
    }
  for (guint i = 0; i < YK_HEADER_MAX_SLOTS; i++)
    if (header->slots[i].kind == YK_SLOT_ACCOUNT)
      remaining++;
  if (remaining == 1)
    {
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_LAST_ACCOUNT,
                   _("“%1$s” is the only account; removing it would leave nobody able to "
                     "unlock the database"), change->account);
      return FALSE;
    }
  memset (&header->slots[index], 0, sizeof header->slots[index]);
  return TRUE;
}

/* The removed person's password stops working at once. They may have kept
 * the database key itself: yk_store_rotate_key() takes care of that. */
gboolean
yk_store_remove_account (YkStore    *store,
                         const char *account,
                         GError    **error)
{
  YkAccountChange change = { .account = account };

  return _yk_store_edit_header (store, remove_account_edit, &change, error);
}

static gboolean
set_password_edit (YkHeader *header,
                   YkStore  *store,
                   gpointer  data,
                   GError  **error)
{
  YkAccountChange *change = data;
  int index = yk_header_find_account (header, change->account);

  if (index < 0)
    {
      set_no_such_account (error, change->account);
      return FALSE;
    }
  /* One's own password: the same key pair under a new salt, so that it
   * still opens every other file that has it (docs/design/security.md,
   * "Portable key slots"). Anyone else's (a reset, the recovery key): a
   * fresh key pair and salt, nothing of the old slot survives. */
  if (store->identity != NULL && g_strcmp0 (store->identity->account, change->account) == 0 &&
      sodium_memcmp (header->slots[index].public_key, store->identity->public_key, YK_SLOT_PUBLIC_KEY_SIZE) == 0)
    return yk_key_slot_rewrap (&header->slots[index], index, header->database_id, store->identity->secret_key,
                               change->password, change->level, error);
  return yk_key_slot_init_account (&header->slots[index], index, header->database_id,
                                   change->account, change->password, change->level,
                                   store->database_key, error);
}

gboolean
yk_store_set_password (YkStore    *store,
                       const char *account,
                       const char *password,
                       YkKdfLevel  level,
                       GError    **error)
{
  YkAccountChange change = { account, password, level };

  if (!yk_password_check_strength (password, error))
    return FALSE;
  return _yk_store_edit_header (store, set_password_edit, &change, error);
}

/* For "change my password": proves the old one without unlocking again. */
gboolean
yk_store_check_password (YkStore    *store,
                         const char *account,
                         const char *password,
                         GError    **error)
{
  g_autofree YkHeader *header = g_new0 (YkHeader, 1);
  g_autoptr (YkSecret) key = NULL;
  int index;

  if (!read_current_header (store, header, error))
    return FALSE;
  index = yk_header_find_account (header, account);
  if (index < 0)
    {
      g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD,
                           _("Wrong user name or password"));
      return FALSE;
    }
  key = yk_key_slot_open_with_password (&header->slots[index], index, header->database_id,
                                        password, error);
  return key != NULL;
}
