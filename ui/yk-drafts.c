/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-drafts.h"
#include "yk-wipe.h"

struct _YkDrafts
{
  GObject parent_instance;

  GHashTable *drafts; /* key → GHashTable of field → value */
};

G_DEFINE_FINAL_TYPE (YkDrafts, yk_drafts, G_TYPE_OBJECT)

/* The parts cannot run into each other: a path or an account never holds
 * a control character. */
static char *
draft_key (const char *account,
           const char *path,
           gint64      client_id,
           const char *form)
{
  return g_strdup_printf ("%s\x1f%s\x1f%lld\x1f%s", account, path, (long long) client_id, form);
}

static GHashTable *
values_copy (GHashTable *values)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) yk_wipe_and_free);
  GHashTableIter iter;
  gpointer field, value;

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &field, &value))
    g_hash_table_insert (copy, g_strdup (field), g_strdup (value));
  return copy;
}

static void
yk_drafts_finalize (GObject *object)
{
  YkDrafts *self = YK_DRAFTS (object);

  g_clear_pointer (&self->drafts, g_hash_table_unref);
  G_OBJECT_CLASS (yk_drafts_parent_class)->finalize (object);
}

static void
yk_drafts_class_init (YkDraftsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yk_drafts_finalize;
}

static void
yk_drafts_init (YkDrafts *self)
{
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
}

YkDrafts *
yk_drafts_new (void)
{
  return g_object_new (YK_TYPE_DRAFTS, NULL);
}

/* Replaces the draft with a copy of `values`; an empty table drops it. */
void
yk_drafts_save (YkDrafts   *self,
                const char *account,
                const char *path,
                gint64      client_id,
                const char *form,
                GHashTable *values)
{
  g_return_if_fail (YK_IS_DRAFTS (self));

  if (values == NULL || g_hash_table_size (values) == 0)
    {
      yk_drafts_discard (self, account, path, client_id, form);
      return;
    }
  g_hash_table_replace (self->drafts, draft_key (account, path, client_id, form), values_copy (values));
}

/* A copy of the draft, or NULL. */
GHashTable *
yk_drafts_lookup (YkDrafts   *self,
                  const char *account,
                  const char *path,
                  gint64      client_id,
                  const char *form)
{
  g_autofree char *key = draft_key (account, path, client_id, form);
  GHashTable *values;

  g_return_val_if_fail (YK_IS_DRAFTS (self), NULL);
  values = g_hash_table_lookup (self->drafts, key);
  return values != NULL ? values_copy (values) : NULL;
}

void
yk_drafts_discard (YkDrafts   *self,
                   const char *account,
                   const char *path,
                   gint64      client_id,
                   const char *form)
{
  g_autofree char *key = draft_key (account, path, client_id, form);

  g_return_if_fail (YK_IS_DRAFTS (self));
  g_hash_table_remove (self->drafts, key);
}

guint
yk_drafts_get_count (YkDrafts *self)
{
  g_return_val_if_fail (YK_IS_DRAFTS (self), 0);
  return g_hash_table_size (self->drafts);
}
