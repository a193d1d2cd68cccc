/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-config.h"
#include "yk-reader-task.h"

typedef struct
{
  YkUnlockedSession *session; /* lent `reader` */
  YkReader *reader;           /* given back on the main thread */
  YkReaderFunc func;
  gpointer data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
  GAsyncReadyCallback callback;
  gpointer user_data;
  GMutex lock;
  GCond done_cond;
  gboolean done; /* the worker no longer uses the reader */
} Job;

static void
job_free (Job *job)
{
  g_assert (job->reader == NULL);
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_clear_object (&job->session);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->done_cond);
  g_free (job);
}

static void
give_back (Job *job)
{
  yk_unlocked_session_close_reader (job->session, g_steal_pointer (&job->reader));
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

  if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
    result = job->func (job->reader, job->data, cancellable, &error);
  g_mutex_lock (&job->lock);
  job->done = TRUE;
  g_cond_broadcast (&job->done_cond);
  g_mutex_unlock (&job->lock);
  if (result != NULL)
    g_task_return_pointer (task, result, job->result_free);
  else
    g_task_return_error (task, error);
}

/* Main thread: the connection goes back before the caller hears. */
static void
work_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));

  give_back (job);
  if (job->callback != NULL)
    job->callback (NULL, result, job->user_data);
}

GTask *
yk_reader_task_run_async (YkUnlockedSession  *session,
                          YkReaderFunc        func,
                          gpointer            data,
                          GDestroyNotify      data_free,
                          GDestroyNotify      result_free,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  GTask *task;
  Job *job;
  GError *error = NULL;

  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (session), NULL);
  g_return_val_if_fail (func != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  /* No source object: the task must not keep a page alive past the lock
   * that should dispose it (callbacks check the cancellable instead). */
  task = g_task_new (NULL, cancellable, work_done_cb, NULL);
  job = g_new0 (Job, 1);

  job->session = g_object_ref (session);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  job->callback = callback;
  job->user_data = user_data;
  g_mutex_init (&job->lock);
  g_cond_init (&job->done_cond);
  g_task_set_source_tag (task, yk_reader_task_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  job->reader = yk_unlocked_session_open_reader (session, &error);
  if (job->reader == NULL)
    {
      job->done = TRUE;
      g_task_return_error (task, error);
      return task;
    }
  g_task_run_in_thread (task, work);
  return task;
}

gpointer
yk_reader_task_run_finish (GAsyncResult *result,
                           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yk_reader_task_run_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
yk_reader_task_wait (GTask *task)
{
  Job *job;

  g_return_if_fail (G_IS_TASK (task));
  job = g_task_get_task_data (task);

  g_mutex_lock (&job->lock);
  while (!job->done)
    g_cond_wait (&job->done_cond, &job->lock);
  g_mutex_unlock (&job->lock);
  give_back (job);
}
