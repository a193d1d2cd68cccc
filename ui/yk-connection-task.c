/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-connection-task.h"

typedef struct
{
  YkStore *store;
  YkConnectionFunc func;
  gpointer data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
  GMutex lock;
  GCond released_cond;
  gboolean released; /* the worker holds no connection any more */
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->released_cond);
  g_free (job);
}

static void
release (Job *job)
{
  g_mutex_lock (&job->lock);
  job->released = TRUE;
  g_cond_broadcast (&job->released_cond);
  g_mutex_unlock (&job->lock);
}

static void
work (GTask        *task,
      gpointer      source_object,
      gpointer      task_data,
      GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gpointer result = NULL;
  sqlite3 *db;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      release (job);
      g_task_return_error (task, error);
      return;
    }
  db = yk_store_open_connection (job->store, &error);
  if (db != NULL)
    {
      result = job->func (db, job->data, cancellable, &error);
      yk_store_close_connection (job->store, db);
    }
  release (job);
  if (result != NULL)
    g_task_return_pointer (task, result, job->result_free);
  else
    g_task_return_error (task, error);
}

GTask *
yk_connection_task_run (YkStore            *store,
                        YkConnectionFunc    func,
                        gpointer            data,
                        GDestroyNotify      data_free,
                        GDestroyNotify      result_free,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  /* No source object: the task must not keep a page alive past the lock
   * that should dispose it (callbacks check the cancellable instead). */
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->store = store;
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  g_mutex_init (&job->lock);
  g_cond_init (&job->released_cond);
  g_task_set_source_tag (task, yk_connection_task_run);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, work);
  return task;
}

gpointer
yk_connection_task_finish (GAsyncResult *result,
                           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
yk_connection_task_wait (GTask *task)
{
  Job *job = g_task_get_task_data (task);

  g_mutex_lock (&job->lock);
  while (!job->released)
    g_cond_wait (&job->released_cond, &job->lock);
  g_mutex_unlock (&job->lock);
}
