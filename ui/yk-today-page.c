/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-today-page.h"
#include "yk-reader.h"
#include "yk-reader-task.h"
#include "yk-due.h"
#include "yk-due-format.h"
#include "yk-file-chooser.h"
#include "yk-today.h"
#include "yk-today-item.h"
#include "yk-unlocked-session.h"
#include "yk-validate.h"

#include <glib/gi18n.h>
#include <string.h>

/* "Due soon" means within this many days; the page says so. */
#define HORIZON_DAYS 7
/* Shown again after this long, the page counts again: others may have
 * recorded something, and the day may have changed. */
#define REFRESH_AFTER_USEC (5 * 60 * G_USEC_PER_SEC)
/* A load quicker than this never shows a spinner. */
#define SPINNER_DELAY_MS 200

typedef enum
{
  LOAD_FOLLOWUPS,
  LOAD_FIGURES,
  N_LOADS
} LoadKind;

/* The figures shown, in the order the bureau lists the work done. */
static const YkIndicator shown_figures[] = {
  YK_INDICATOR_HOME_VISITS,   YK_INDICATOR_PHONE_FOLLOWUPS, YK_INDICATOR_ACTIVITIES,
  YK_INDICATOR_QUESTIONNAIRES, YK_INDICATOR_CASE_FILES_NEW, YK_INDICATOR_BENEFICIARIES,
};
#define N_SHOWN_FIGURES G_N_ELEMENTS (shown_figures)

/* What one read in a worker thread asks for (yk-reader-task.h: a
 * reader the session lends, waited for before the session can close).
 * Its queries check the cancellable as they run (yk_today_*). The
 * filters are a coordinator's picks; the reader keeps a social worker
 * to their own people. */
typedef struct
{
  LoadKind kind;
  GDate today;
  GDate horizon;
  gint64 site_id;
  gint64 worker_id;
} Request;

struct _YkTodayPage
{
  GtkWidget parent_instance;

  GtkLabel *due_title;
  GtkLabel *due_subtitle;
  GtkLabel *due_empty;
  GtkWidget *start_box;
  GtkWidget *import_button;
  GtkLabel *due_message;
  GtkWidget *filter_box;
  GtkDropDown *site_dropdown;
  GtkDropDown *worker_dropdown;
  GtkStringList *site_names;
  GtkStringList *worker_names;
  GtkStack *due_stack;
  GtkListView *due_view;
  GListStore *due_store;
  GtkLabel *due_error;
  GtkLabel *risk_subtitle;
  GtkStack *risk_stack;
  GtkListView *risk_view;
  GListStore *risk_store;
  GtkLabel *risk_error;
  GtkLabel *figures_subtitle;
  GtkStack *figures_stack;
  GtkGrid *figures_grid;
  GtkLabel *figures_error;
  GtkLabel *figure_labels[N_SHOWN_FIGURES][3]; /* this quarter, last quarter, change */

  YkUnlockedSession *session;
  gulong records_changed_id;
  gulong full_names_id;
  char *today; /* pinned ISO date, or NULL for the real date */

  GArray *site_ids;         /* gint64 per site_dropdown position; 0: all */
  GArray *worker_ids;       /* gint64 per worker_dropdown position; 0: all */
  GHashTable *worker_names_by_id; /* coordinator only: gint64 id → display name */
  gboolean filling_filters;

  GTask *tasks[N_LOADS];            /* the running reads */
  GCancellable *cancellables[N_LOADS];
  Request requests[N_LOADS];        /* what they asked, for applying the results */
  guint spinner_ids[N_LOADS];
  gint64 loaded_at; /* monotonic time the last full load started */
  GDate loaded_day;
  gboolean stale;
};

G_DEFINE_FINAL_TYPE (YkTodayPage, yk_today_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_TODAY,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
free_result (LoadKind kind,
             gpointer result)
{
  if (result == NULL)
    return;
  if (kind == LOAD_FOLLOWUPS)
    g_ptr_array_unref (result);
  else
    yk_today_figures_free (result);
}

/* Worker thread. */
static gpointer
read_cb (YkReader     *reader,
         gpointer      data,
         GCancellable *cancellable,
         GError      **error)
{
  const Request *request = data;

  if (request->kind == LOAD_FOLLOWUPS)
    return yk_today_followups (reader, request->site_id, request->worker_id, &request->today, &request->horizon,
                               cancellable, error);
  return yk_today_figures (reader, &request->today, cancellable, error);
}

static YkSession *
open_session (YkTodayPage *self)
{
  return self->session != NULL ? yk_unlocked_session_get_session (self->session) : NULL;
}

static gboolean
is_coordinator (YkTodayPage *self)
{
  return self->session != NULL && yk_unlocked_session_is_coordinator (self->session);
}

static void
current_day (YkTodayPage *self,
             GDate       *day)
{
  if (self->today == NULL || !yk_date_parse (self->today, day, NULL))
    yk_date_today (day);
}

static gboolean
get_busy (YkTodayPage *self)
{
  return self->tasks[LOAD_FOLLOWUPS] != NULL || self->tasks[LOAD_FIGURES] != NULL;
}

static void
set_stacks (YkTodayPage *self,
            LoadKind     kind,
            const char  *name)
{
  if (kind == LOAD_FOLLOWUPS)
    {
      gtk_stack_set_visible_child_name (self->due_stack, name);
      gtk_stack_set_visible_child_name (self->risk_stack, name);
    }
  else
    gtk_stack_set_visible_child_name (self->figures_stack, name);
}

static void
show_error (YkTodayPage *self,
            LoadKind     kind,
            const char  *message)
{
  if (kind == LOAD_FOLLOWUPS)
    {
      gtk_label_set_text (self->due_error, message);
      gtk_label_set_text (self->risk_error, message);
    }
  else
    gtk_label_set_text (self->figures_error, message);
  set_stacks (self, kind, "error");
}

/* Stops a load under way and closes its connection; its callback, when
 * it comes, finds it is no longer the page's and drops the result. */
static void
cancel_load (YkTodayPage *self,
             LoadKind     kind)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->tasks[kind]);
  g_autoptr (GCancellable) cancellable = g_steal_pointer (&self->cancellables[kind]);

  g_clear_handle_id (&self->spinner_ids[kind], g_source_remove);
  if (task == NULL)
    return;
  g_cancellable_cancel (cancellable);
  yk_reader_task_wait (task);
}

/* An empty list means two things: everyone is followed up, or there is
 * nobody yet (a new database, a new site). The second says where to
 * start; the figures, read beside the list, tell which (case files in
 * the scope up to this quarter's end). */
static void
show_start (YkTodayPage *self,
            gboolean     nobody_yet)
{
  gtk_label_set_text (self->due_empty,
                      nobody_yet ? (is_coordinator (self)
                                      ? _("There are no service users yet. Add the first one, or import the "
                                          "spreadsheets (台账) the sites keep today.")
                                      : _("There are no service users at your site yet. Add the first one; "
                                          "a coordinator can import the sites’ spreadsheets (台账)."))
                                 : _("No one is due for follow-up in the next 7 days, and no one is overdue."));
  gtk_widget_set_visible (self->start_box, nobody_yet);
  gtk_widget_set_visible (self->import_button, nobody_yet && is_coordinator (self));
}

static void
apply_followups (YkTodayPage   *self,
                 GPtrArray     *list,
                 const Request *load)
{
  g_autoptr (GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) at_risk = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *due_heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due within %d day, and overdue",
                                                               "Due within %d days, and overdue", HORIZON_DAYS),
                                                  HORIZON_DAYS);
  const char *risk_heading = _("Risk level 3 or above, or unstable, at the last contact");
  gboolean coordinator = is_coordinator (self);
  guint overdue = 0;

  for (guint i = 0; i < list->len; i++)
    {
      const YkFollowup *followup = list->pdata[i];
      const char *worker = coordinator && self->worker_names_by_id != NULL
                             ? g_hash_table_lookup (self->worker_names_by_id, &followup->worker_id)
                             : NULL;
      g_autofree char *name = yk_unlocked_session_own_name (self->session, followup->name, followup->worker_id);
      g_autoptr (YkTodayItem) item = yk_today_item_new (followup, name, &load->today, worker);

      /* yk_followup_list() also gives the people at risk whose
       * follow-up is not due yet: they belong to the second list only. */
      if (g_date_compare (&followup->due, &load->horizon) <= 0)
        {
          g_ptr_array_add (due, g_object_ref (item));
          overdue += followup->overdue;
        }
      if (followup->at_risk)
        g_ptr_array_add (at_risk, g_object_ref (item));
    }
  g_list_store_splice (self->due_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->due_store)),
                       due->pdata, due->len);
  g_list_store_splice (self->risk_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->risk_store)),
                       at_risk->pdata, at_risk->len);

  if (due->len == 0)
    gtk_label_set_text (self->due_subtitle, due_heading);
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s: %2$u person, %3$u overdue",
                                                            "%1$s: %2$u people, %3$u overdue", due->len),
                                               due_heading, due->len, overdue);
      gtk_label_set_text (self->due_subtitle, text);
    }
  if (at_risk->len == 0)
    gtk_label_set_text (self->risk_subtitle, risk_heading);
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s: %2$u person",
                                                            "%1$s: %2$u people", at_risk->len),
                                               risk_heading, at_risk->len);
      gtk_label_set_text (self->risk_subtitle, text);
    }
  gtk_stack_set_visible_child_name (self->due_stack, due->len > 0 ? "list" : "empty");
  gtk_stack_set_visible_child_name (self->risk_stack, at_risk->len > 0 ? "list" : "empty");
}

/* "2021Q4" → "2021年第4季度" in Chinese. */
static char *
quarter_label (const char *period)
{
  int year = 0, quarter = 0;

  if (sscanf (period, "%dQ%d", &year, &quarter) != 2)
    return g_strdup (period);
  return g_strdup_printf (_("Q%2$d %1$d"), year, quarter);
}

static char *
change_text (gint64 now,
             gint64 before)
{
  if (now > before)
    return g_strdup_printf ("↑ %lld", (long long) (now - before));
  if (now < before)
    return g_strdup_printf ("↓ %lld", (long long) (before - now));
  return g_strdup (_("No change"));
}

static void
apply_figures (YkTodayPage          *self,
               const YkTodayFigures *figures,
               const Request        *load)
{
  g_autofree char *this_quarter = quarter_label (figures->period[0]);
  g_autofree char *last_quarter = quarter_label (figures->period[1]);
  const YkReport *now = figures->report[0], *before = figures->report[1];
  /* A social worker's figures are their site's. */
  const char *scope = !is_coordinator (self) && now->sites->len == 1 ? ((YkReportSite *) now->sites->pdata[0])->name
                                                                     : _("All sites");
  g_autofree char *subtitle = g_strdup_printf (_("%1$s so far, beside %2$s · %3$s"), this_quarter, last_quarter,
                                               scope);

  for (guint i = 0; i < N_SHOWN_FIGURES; i++)
    {
      YkIndicator k = shown_figures[i];
      g_autofree char *value_now = g_strdup_printf ("%lld", (long long) now->total[k]);
      g_autofree char *value_before = g_strdup_printf ("%lld", (long long) before->total[k]);
      g_autofree char *change = change_text (now->total[k], before->total[k]);

      gtk_label_set_text (self->figure_labels[i][0], value_now);
      gtk_label_set_text (self->figure_labels[i][1], value_before);
      gtk_label_set_text (self->figure_labels[i][2], change);
    }
  gtk_label_set_text (self->figures_subtitle, subtitle);
  gtk_stack_set_visible_child_name (self->figures_stack, "figures");
  show_start (self, now->total[YK_INDICATOR_CASE_FILES_TOTAL] == 0);
}

/* Main thread. A cancelled read may belong to a page already gone. */
static void
load_done (GAsyncResult *result,
           gpointer      user_data,
           LoadKind      kind)
{
  g_autoptr (GError) error = NULL;
  gpointer value = yk_reader_task_run_finish (result, &error);
  YkTodayPage *self;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      free_result (kind, value);
      return;
    }
  self = YK_TODAY_PAGE (user_data);
  if (self->tasks[kind] != G_TASK (result))
    {
      free_result (kind, value);
      return;
    }
  g_clear_object (&self->tasks[kind]);
  g_clear_object (&self->cancellables[kind]);
  g_clear_handle_id (&self->spinner_ids[kind], g_source_remove);

  if (value == NULL)
    show_error (self, kind, error->message);
  else if (kind == LOAD_FOLLOWUPS)
    apply_followups (self, value, &self->requests[kind]);
  else
    apply_figures (self, value, &self->requests[kind]);
  free_result (kind, value);
  if (!get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
followups_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  load_done (result, user_data, LOAD_FOLLOWUPS);
}

static void
figures_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  load_done (result, user_data, LOAD_FIGURES);
}

/* The lists or the figures take long enough to say so. */
static void
show_spinner (YkTodayPage *self,
              LoadKind     kind)
{
  self->spinner_ids[kind] = 0;
  set_stacks (self, kind, "loading");
}

static gboolean
followups_spinner_cb (gpointer user_data)
{
  show_spinner (user_data, LOAD_FOLLOWUPS);
  return G_SOURCE_REMOVE;
}

static gboolean
figures_spinner_cb (gpointer user_data)
{
  show_spinner (user_data, LOAD_FIGURES);
  return G_SOURCE_REMOVE;
}

static gint64
selected_id (GArray      *ids,
             GtkDropDown *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  return ids != NULL && position < ids->len ? g_array_index (ids, gint64, position) : 0;
}

/* The follow-up filters a coordinator picked (0: all). A social worker
 * has none to pick; the reader keeps them to their own people. */
static void
followup_filters (YkTodayPage *self,
                  gint64      *site_id,
                  gint64      *worker_id)
{
  gboolean coordinator = is_coordinator (self);

  *site_id = coordinator ? selected_id (self->site_ids, self->site_dropdown) : 0;
  *worker_id = coordinator ? selected_id (self->worker_ids, self->worker_dropdown) : 0;
}

static void
start_load (YkTodayPage *self,
            LoadKind     kind)
{
  YkSession *session = open_session (self);
  gboolean was_busy = get_busy (self);
  Request *request;

  cancel_load (self, kind);
  if (session == NULL)
    return;

  request = &self->requests[kind];
  memset (request, 0, sizeof *request);
  request->kind = kind;
  current_day (self, &request->today);
  request->horizon = request->today;
  g_date_add_days (&request->horizon, HORIZON_DAYS);
  if (kind == LOAD_FOLLOWUPS)
    followup_filters (self, &request->site_id, &request->worker_id);

  self->cancellables[kind] = g_cancellable_new ();
  self->tasks[kind] = yk_reader_task_run_async (self->session, read_cb, g_memdup2 (request, sizeof *request), g_free,
                                                kind == LOAD_FOLLOWUPS ? (GDestroyNotify) g_ptr_array_unref
                                                                       : (GDestroyNotify) yk_today_figures_free,
                                                self->cancellables[kind],
                                                kind == LOAD_FOLLOWUPS ? followups_done_cb : figures_done_cb, self);
  self->spinner_ids[kind] = g_timeout_add (SPINNER_DELAY_MS,
                                           kind == LOAD_FOLLOWUPS ? followups_spinner_cb : figures_spinner_cb, self);
  if (!was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
reload (YkTodayPage *self)
{
  self->stale = FALSE;
  self->loaded_at = g_get_monotonic_time ();
  current_day (self, &self->loaded_day);
  start_load (self, LOAD_FOLLOWUPS);
  start_load (self, LOAD_FIGURES);
}

static void
fill_workers (YkTodayPage *self,
              gint64       site_id)
{
  YkSession *session = open_session (self);
  g_autoptr (GPtrArray) workers = session != NULL ? yk_today_workers (session, site_id, NULL) : NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  g_array_set_size (self->worker_ids, 0);
  g_array_append_val (self->worker_ids, (gint64) { 0 });
  g_ptr_array_add (names, (gpointer) _("All social workers"));
  for (guint i = 0; workers != NULL && i < workers->len; i++)
    {
      YkStaffRow *worker = workers->pdata[i];

      g_array_append_val (self->worker_ids, worker->id);
      g_ptr_array_add (names, worker->display_name);
    }
  g_ptr_array_add (names, NULL);
  self->filling_filters = TRUE;
  gtk_string_list_splice (self->worker_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->worker_names)),
                          (const char *const *) names->pdata);
  gtk_drop_down_set_selected (self->worker_dropdown, 0);
  self->filling_filters = FALSE;
}

/* Sites and social workers to narrow a coordinator's list by; a social
 * worker's list is their own people, with nothing to choose. */
static void
fill_filters (YkTodayPage *self)
{
  YkSession *session = open_session (self);
  g_autoptr (GPtrArray) sites = NULL;
  g_autoptr (GPtrArray) workers = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  gtk_widget_set_visible (self->filter_box, session != NULL && is_coordinator (self));
  /* A coordinator's list is everyone's, until narrowed to one worker. */
  gtk_label_set_text (self->due_title, session != NULL && is_coordinator (self) ? _("Follow-ups Due")
                                                                                : _("My follow-ups"));
  g_hash_table_remove_all (self->worker_names_by_id);
  if (session == NULL || !is_coordinator (self))
    return;

  sites = yk_today_sites (session, NULL);
  g_array_set_size (self->site_ids, 0);
  g_array_append_val (self->site_ids, (gint64) { 0 });
  g_ptr_array_add (names, (gpointer) _("All sites"));
  for (guint i = 0; sites != NULL && i < sites->len; i++)
    {
      YkSiteRow *site = sites->pdata[i];

      g_array_append_val (self->site_ids, site->id);
      g_ptr_array_add (names, site->name);
    }
  g_ptr_array_add (names, NULL);
  self->filling_filters = TRUE;
  gtk_string_list_splice (self->site_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->site_names)),
                          (const char *const *) names->pdata);
  gtk_drop_down_set_selected (self->site_dropdown, 0);
  self->filling_filters = FALSE;
  fill_workers (self, 0);

  workers = yk_today_workers (session, 0, NULL);
  for (guint i = 0; workers != NULL && i < workers->len; i++)
    {
      YkStaffRow *worker = workers->pdata[i];

      g_hash_table_insert (self->worker_names_by_id, g_memdup2 (&worker->id, sizeof worker->id),
                           g_strdup (worker->display_name));
    }
}

static void
site_selected_cb (YkTodayPage *self)
{
  if (self->filling_filters)
    return;
  fill_workers (self, selected_id (self->site_ids, self->site_dropdown));
  start_load (self, LOAD_FOLLOWUPS);
}

static void
worker_selected_cb (YkTodayPage *self)
{
  if (self->filling_filters)
    return;
  start_load (self, LOAD_FOLLOWUPS);
}

static void
row_activated_cb (GtkListView *view,
                  guint        position,
                  YkTodayPage *self)
{
  g_autoptr (YkTodayItem) item = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (view)), position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "case.open", "x", yk_today_item_get_client_id (item));
}

static void
records_changed_cb (YkTodayPage *self,
                    gint64       client_id)
{
  /* Counted when next seen, not behind another screen's back. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    self->stale = TRUE;
}

/* Names shown in full or masked: the lists are made again at once,
 * shown or not, so that no name stays in the form just turned off. */
static void
full_names_cb (YkTodayPage *self)
{
  start_load (self, LOAD_FOLLOWUPS);
}

static void
yk_today_page_map (GtkWidget *widget)
{
  YkTodayPage *self = YK_TODAY_PAGE (widget);
  GDate day;

  GTK_WIDGET_CLASS (yk_today_page_parent_class)->map (widget);

  current_day (self, &day);
  if (self->stale || g_get_monotonic_time () - self->loaded_at > REFRESH_AFTER_USEC ||
      !g_date_valid (&self->loaded_day) || g_date_compare (&day, &self->loaded_day) != 0)
    reload (self);
}

/* Taken out of the window (the app locks, the window closes): a read
 * under way holds the page, so dispose may come too late; stop it now,
 * before the session closes. */
static void
yk_today_page_unroot (GtkWidget *widget)
{
  YkTodayPage *self = YK_TODAY_PAGE (widget);
  gboolean was_busy = get_busy (self);

  for (int kind = 0; kind < N_LOADS; kind++)
    cancel_load (self, (LoadKind) kind);
  if (was_busy)
    {
      self->stale = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  GTK_WIDGET_CLASS (yk_today_page_parent_class)->unroot (widget);
}

static void
yk_today_page_dispose (GObject *object)
{
  YkTodayPage *self = YK_TODAY_PAGE (object);
  GtkWidget *child;

  /* Before the session can close: no connection of ours may outlive it. */
  for (int kind = 0; kind < N_LOADS; kind++)
    cancel_load (self, (LoadKind) kind);
  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->records_changed_id, self->session);
      g_clear_signal_handler (&self->full_names_id, self->session);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_TODAY_PAGE);
  /* The template's unnamed top-level children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (yk_today_page_parent_class)->dispose (object);
}

static void
yk_today_page_finalize (GObject *object)
{
  YkTodayPage *self = YK_TODAY_PAGE (object);

  g_free (self->today);
  g_clear_pointer (&self->site_ids, g_array_unref);
  g_clear_pointer (&self->worker_ids, g_array_unref);
  g_clear_pointer (&self->worker_names_by_id, g_hash_table_unref);
  G_OBJECT_CLASS (yk_today_page_parent_class)->finalize (object);
}

static void
yk_today_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  YkTodayPage *self = YK_TODAY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_TODAY:
      g_value_set_string (value, self->today);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_session (YkTodayPage       *self,
             YkUnlockedSession *session)
{
  if (self->session == session)
    return;
  for (int kind = 0; kind < N_LOADS; kind++)
    cancel_load (self, (LoadKind) kind);
  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->records_changed_id, self->session);
      g_clear_signal_handler (&self->full_names_id, self->session);
    }
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      self->records_changed_id = g_signal_connect_object (session, "records-changed", G_CALLBACK (records_changed_cb),
                                                          self, G_CONNECT_SWAPPED);
      self->full_names_id = g_signal_connect_object (session, "notify::full-names", G_CALLBACK (full_names_cb), self,
                                                     G_CONNECT_SWAPPED);
    }
  fill_filters (self);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
yk_today_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  YkTodayPage *self = YK_TODAY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (self, g_value_get_object (value));
      break;
    case PROP_TODAY:
      yk_today_page_set_today (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
show_message (YkTodayPage *self,
              const char  *text,
              gboolean     is_error)
{
  gtk_label_set_text (self->due_message, text);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->due_message), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->due_message), TRUE);
}

static void
export_chosen_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (YkTodayPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = yk_file_chooser_finish (result, &error);

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message, TRUE);
      return;
    }
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return; /* locked meanwhile: nothing is read any more */
  if (yk_today_page_save_due_list (self, file, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      /* TRANSLATORS: %1$s is a file name */
      g_autofree char *saved = g_strdup_printf (_("Saved “%1$s”."), name);

      show_message (self, saved, FALSE);
    }
  else
    show_message (self, error->message, TRUE);
}

/* 随访清单: the list above as a PDF to print and take along, with case
 * numbers and no names (app/yk-due-format.h says why). */
static void
export_due_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  YkTodayPage *self = YK_TODAY_PAGE (widget);
  g_autofree char *iso = NULL;
  g_autofree char *name = NULL;
  GDate day;

  if (open_session (self) == NULL)
    return;
  current_day (self, &day);
  iso = yk_date_format_iso (&day);
  /* TRANSLATORS: the suggested file name of the printed follow-up list; %1$s is the date */
  name = g_strdup_printf (_("Follow-ups_%1$s.pdf"), iso);
  yk_file_chooser_save_file (GTK_WINDOW (gtk_widget_get_root (widget)), _("Export the Follow-up List"), name,
                             _("PDF documents"), "*.pdf", export_chosen_cb, g_object_ref (self));
}

static void
yk_today_page_class_init (YkTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_today_page_dispose;
  object_class->finalize = yk_today_page_finalize;
  object_class->get_property = yk_today_page_get_property;
  object_class->set_property = yk_today_page_set_property;
  widget_class->map = yk_today_page_map;
  widget_class->unroot = yk_today_page_unroot;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, YK_TYPE_UNLOCKED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * YkTodayPage:today:
   *
   * The day the page is about, as an ISO date ("2021-11-15"), or %NULL
   * (the default) for the real date. Previews and tests pin it.
   */
  properties[PROP_TODAY] =
    g_param_spec_string ("today", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * YkTodayPage:busy:
   *
   * Whether a list or the figures are being read.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YK_TYPE_TODAY_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, due_title);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, due_subtitle);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, due_empty);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, start_box);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, due_message);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, site_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, worker_dropdown);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, site_names);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, worker_names);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, due_stack);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, due_view);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, due_store);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, due_error);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, risk_subtitle);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, risk_stack);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, risk_view);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, risk_store);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, risk_error);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, figures_subtitle);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, figures_stack);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, figures_grid);
  gtk_widget_class_bind_template_child (widget_class, YkTodayPage, figures_error);
  gtk_widget_class_bind_template_callback (widget_class, site_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, worker_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "today.export-due", NULL, export_due_action);
}

/* The figures' rows come from shown_figures[]: one per indicator, its
 * label the bureau's own (yk_indicator_label), then the two quarters
 * and the change, right-aligned in tabular figures. */
static void
add_figure_rows (YkTodayPage *self)
{
  for (guint i = 0; i < N_SHOWN_FIGURES; i++)
    {
      GtkWidget *label = gtk_label_new (yk_indicator_label (shown_figures[i]));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_grid_attach (self->figures_grid, label, 0, (int) i + 1, 1, 1);
      for (int column = 0; column < 3; column++)
        {
          GtkWidget *value = gtk_label_new ("");

          gtk_label_set_xalign (GTK_LABEL (value), 1);
          gtk_widget_add_css_class (value, "yk-numeric");
          if (column == 2)
            gtk_widget_add_css_class (value, "dim-label");
          gtk_grid_attach (self->figures_grid, value, column + 1, (int) i + 1, 1, 1);
          self->figure_labels[i][column] = GTK_LABEL (value);
        }
    }
}

static void
yk_today_page_init (YkTodayPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_figure_rows (self);
  self->site_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->worker_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->worker_names_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

/* NULL: the real date. Counts again for the new day. */
void
yk_today_page_set_today (YkTodayPage *self,
                         const char  *today)
{
  g_return_if_fail (YK_IS_TODAY_PAGE (self));

  if (g_strcmp0 (self->today, today) == 0)
    return;
  g_free (self->today);
  self->today = g_strdup (today);
  if (self->session != NULL)
    reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

const char *
yk_today_page_get_today (YkTodayPage *self)
{
  g_return_val_if_fail (YK_IS_TODAY_PAGE (self), NULL);
  return self->today;
}

gboolean
yk_today_page_get_busy (YkTodayPage *self)
{
  g_return_val_if_fail (YK_IS_TODAY_PAGE (self), FALSE);
  return get_busy (self);
}

/* Writes the follow-up list the page shows (the same people, as of its
 * day) to `file` as a PDF. On the session's own connection: one indexed
 * read of the people in scope, as quick as the list itself. */
gboolean
yk_today_page_save_due_list (YkTodayPage *self,
                             GFile       *file,
                             GError     **error)
{
  YkSession *session;
  g_autoptr (YkReader) reader = NULL;
  g_autoptr (YkDueList) list = NULL;
  g_autofree char *path = NULL;
  gint64 site_id = 0, worker_id = 0;
  GDate day;

  g_return_val_if_fail (YK_IS_TODAY_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  session = open_session (self);
  if (session == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The database is locked"));
      return FALSE;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Choose a file on this computer"));
      return FALSE;
    }
  current_day (self, &day);
  followup_filters (self, &site_id, &worker_id);
  reader = yk_reader_new_for_session (session);
  list = yk_due_list_for_today (reader, site_id, worker_id, &day, HORIZON_DAYS, error);
  return list != NULL && yk_due_list_write_pdf (list, path, error);
}
