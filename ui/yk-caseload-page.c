/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-caseload-page.h"
#include "yk-caseload-filter-model.h"
#include "yk-spinner-delay.h"
#include "yk-caseload-row.h"
#include "yk-caseload.h"
#include "yk-reader.h"
#include "yk-reader-task.h"
#include "yk-casework.h"
#include "yk-record-rules.h"
#include "yk-unlocked-session.h"
#include "yk-validate.h"

#include <glib/gi18n.h>
#include <string.h>

/* What a load in the worker thread needs (yk_reader_task_run_async):
 * the day; whose people the reader knows. */
typedef struct
{
  GDate today;
} LoadRequest;

struct _YkCaseloadPage
{
  GtkWidget parent_instance;

  GListStore *store;
  GtkCustomFilter *choice_filter;
  GtkCustomFilter *search_filter;
  YkCaseloadFilterModel *filter_model;
  GtkSortListModel *sort_model;
  GtkSingleSelection *selection;
  GtkColumnView *column_view;
  GtkColumnViewColumn *case_no_column;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *site_column;
  GtkColumnViewColumn *worker_column;
  GtkColumnViewColumn *risk_column;
  GtkColumnViewColumn *condition_column;
  GtkColumnViewColumn *last_contact_column;
  GtkColumnViewColumn *due_column;
  GtkColumnViewColumn *status_column;
  GtkSearchEntry *search_entry;
  GtkDropDown *site_drop_down;
  GtkDropDown *worker_drop_down;
  GtkDropDown *status_drop_down;
  GtkDropDown *risk_drop_down;
  GtkDropDown *condition_drop_down;
  GtkDropDown *referral_source_drop_down;
  GtkStringList *site_choices;
  GtkStringList *worker_choices;
  GtkCheckButton *overdue_check;
  GtkSpinner *spinner;
  GtkLabel *count_label;
  GtkLabel *empty_label;

  YkUnlockedSession *session;

  /* What the choices of the site and worker drop-downs stand for:
   * 0 is "all"; WORKER_NONE is nobody assigned. */
  GArray *site_ids;
  GArray *worker_ids;
  gboolean updating_choices;

  /* The filters, read from the drop-downs when they change. */
  gint64 site_id;
  gint64 worker_id;
  int status;    /* -1: any */
  int risk;      /* RISK_ANY, RISK_HIGH, RISK_NONE or a level */
  int condition; /* -1: any */
  guint referral_source; /* 0: any; 1…6: yk_referral_source_codes() one less; 7: not recorded */
  gboolean overdue_only;
  char *needle;  /* folded search text */

  GTask *load_task; /* running, or NULL */
  GCancellable *load_cancellable;
  gboolean loading;
  guint spinner_timeout;
  char *error_text;
};

G_DEFINE_FINAL_TYPE (YkCaseloadPage, yk_caseload_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define WORKER_NONE ((gint64) -1)

/* The risk drop-down: any, 3 or more, levels 0-5, not recorded. */
enum
{
  RISK_ANY = -3,
  RISK_HIGH = -2,
  RISK_NONE = -1,
};

static YkSession *
get_session (YkCaseloadPage *self)
{
  return self->session != NULL ? yk_unlocked_session_get_session (self->session) : NULL;
}

static YkCaseloadRow *
selected_row (YkCaseloadPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_count (YkCaseloadPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autofree char *count = NULL;
  const char *empty = NULL;

  if (self->loading && total == 0)
    count = g_strdup ("");
  else
    count = g_strdup_printf (ngettext ("Showing %1$u of %2$u person", "Showing %1$u of %2$u people", total),
                             shown, total);
  gtk_label_set_text (self->count_label, count);

  if (self->error_text != NULL)
    empty = self->error_text;
  else if (self->loading || shown > 0)
    empty = NULL;
  else if (total == 0)
    empty = _("No service users yet. Add one with “New Service User”.");
  else
    empty = _("Nobody matches the search and filters.");
  gtk_label_set_text (self->empty_label, empty != NULL ? empty : "");
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), empty != NULL);
}

static void
set_loading (YkCaseloadPage *self,
             gboolean        loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  if (loading)
    yk_spinner_delay_start (self->spinner, &self->spinner_timeout);
  else
    yk_spinner_delay_stop (self->spinner, &self->spinner_timeout);
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
update_actions (YkCaseloadPage *self)
{
  gboolean selected = selected_row (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "caseload.open", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "caseload.record-phone", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "caseload.record-visit", selected);
}

static gint64
id_at (GArray *ids,
       guint   position)
{
  return position < ids->len ? g_array_index (ids, gint64, position) : 0;
}

/* The drop-downs into the filter's fields. */
static void
read_choices (YkCaseloadPage *self)
{
  static const int statuses[] = { -1, YK_CASELOAD_STATUS_ACTIVE, YK_CASELOAD_STATUS_REFERRED,
                                  YK_CASELOAD_STATUS_CLOSED };
  static const int conditions[] = { -1, YK_CASELOAD_CONDITION_STABLE, YK_CASELOAD_CONDITION_BASICALLY_STABLE,
                                    YK_CASELOAD_CONDITION_UNSTABLE, YK_CASELOAD_CONDITION_NONE };
  guint status = gtk_drop_down_get_selected (self->status_drop_down);
  guint risk = gtk_drop_down_get_selected (self->risk_drop_down);
  guint condition = gtk_drop_down_get_selected (self->condition_drop_down);

  self->site_id = gtk_widget_get_visible (GTK_WIDGET (self->site_drop_down))
                    ? id_at (self->site_ids, gtk_drop_down_get_selected (self->site_drop_down))
                    : 0;
  self->worker_id = id_at (self->worker_ids, gtk_drop_down_get_selected (self->worker_drop_down));
  self->status = status < G_N_ELEMENTS (statuses) ? statuses[status] : -1;
  if (risk == 0 || risk > 8)
    self->risk = RISK_ANY;
  else if (risk == 1)
    self->risk = RISK_HIGH;
  else if (risk == 8)
    self->risk = RISK_NONE;
  else
    self->risk = (int) risk - 2;
  self->condition = condition < G_N_ELEMENTS (conditions) ? conditions[condition] : -1;
  self->overdue_only = gtk_check_button_get_active (self->overdue_check);
  self->referral_source = gtk_drop_down_get_selected (self->referral_source_drop_down);
  if (self->referral_source > g_strv_length ((char **) yk_referral_source_codes ()) + 1)
    self->referral_source = 0;
}

static gboolean
choice_filter_func (gpointer item,
                    gpointer user_data)
{
  YkCaseloadPage *self = user_data;
  YkCaseloadRow *row = item;
  int risk = yk_caseload_row_get_risk_level (row);

  if (self->site_id != 0 && yk_caseload_row_get_site_id (row) != self->site_id)
    return FALSE;
  if (self->worker_id != 0 &&
      yk_caseload_row_get_worker_id (row) != (self->worker_id == WORKER_NONE ? 0 : self->worker_id))
    return FALSE;
  if (self->status >= 0 && (int) yk_caseload_row_get_status (row) != self->status)
    return FALSE;
  if (self->condition >= 0 && (int) yk_caseload_row_get_condition (row) != self->condition)
    return FALSE;
  if (self->overdue_only && !yk_caseload_row_get_overdue (row))
    return FALSE;
  if (self->referral_source > 0)
    {
      const char *const *codes = yk_referral_source_codes ();
      const char *wanted = self->referral_source <= g_strv_length ((char **) codes)
                             ? codes[self->referral_source - 1]
                             : NULL;

      if (g_strcmp0 (yk_caseload_row_get_referral_source (row), wanted) != 0)
        return FALSE;
    }
  switch (self->risk)
    {
    case RISK_ANY:
      return TRUE;
    case RISK_HIGH:
      return risk >= 3;
    default:
      return risk == self->risk;
    }
}

static gboolean
search_filter_func (gpointer item,
                    gpointer user_data)
{
  YkCaseloadPage *self = user_data;

  return yk_caseload_row_matches (item, self->needle);
}

/* "138 0013" and "138-0013" are searched for as the digits of a phone
 * number; anything with a letter or a character in it is kept whole. */
static char *
needle_from_text (const char *text)
{
  g_autofree char *folded = yk_caseload_search_fold (text);
  gboolean phone_like = TRUE;
  GString *digits;

  g_strstrip (folded);
  for (const char *p = folded; *p != '\0' && phone_like; p++)
    phone_like = g_ascii_isdigit (*p) || *p == ' ' || *p == '-';
  if (!phone_like)
    return g_steal_pointer (&folded);
  digits = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  return g_string_free (digits, FALSE);
}

/* Choices of a drop-down rebuilt from what was loaded, keeping the one
 * chosen if it is still there. `names` are in the order of `ids`. */
static void
set_choices (GtkDropDown   *drop_down,
             GtkStringList *list,
             GArray        *ids,
             const char    *all,
             GPtrArray     *names,
             GArray        *new_ids)
{
  gint64 chosen = id_at (ids, gtk_drop_down_get_selected (drop_down));
  guint position = 0;

  g_ptr_array_insert (names, 0, (gpointer) all);
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)),
                          (const char *const *) names->pdata);
  g_array_set_size (ids, 0);
  g_array_append_val (ids, (gint64) { 0 });
  g_array_append_vals (ids, new_ids->data, new_ids->len);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == chosen)
      position = i;
  gtk_drop_down_set_selected (drop_down, position);
}

typedef struct
{
  gint64 id;
  const char *name;
} Choice;

static int
compare_choices (gconstpointer a,
                 gconstpointer b)
{
  const Choice *x = a, *y = b;

  if ((x->id == WORKER_NONE) != (y->id == WORKER_NONE))
    return x->id == WORKER_NONE ? 1 : -1;
  return g_utf8_collate (x->name, y->name);
}

/* The sites or the workers of the people loaded, sorted by name. */
static void
choices_from (GPtrArray *entries,
              gboolean   sites,
              GPtrArray *names,
              GArray    *ids)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GArray) choices = g_array_new (FALSE, FALSE, sizeof (Choice));

  for (guint i = 0; i < entries->len; i++)
    {
      YkCaseloadEntry *e = entries->pdata[i];
      Choice choice;

      if (sites)
        choice = (Choice) { e->site_id, e->site_name };
      else if (e->worker_id == 0)
        choice = (Choice) { WORKER_NONE, _("Unassigned") };
      else
        choice = (Choice) { e->worker_id, e->worker_name };
      if (choice.name == NULL || g_hash_table_contains (seen, &choice.id))
        continue;
      g_hash_table_add (seen, g_memdup2 (&choice.id, sizeof choice.id));
      g_array_append_val (choices, choice);
    }
  g_array_sort (choices, compare_choices);
  for (guint i = 0; i < choices->len; i++)
    {
      Choice *choice = &g_array_index (choices, Choice, i);

      g_ptr_array_add (names, (gpointer) choice->name);
      g_array_append_val (ids, choice->id);
    }
}

static void
update_choices (YkCaseloadPage *self,
                GPtrArray      *entries)
{
  g_autoptr (GPtrArray) site_names = g_ptr_array_new ();
  g_autoptr (GPtrArray) worker_names = g_ptr_array_new ();
  g_autoptr (GArray) site_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) worker_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  choices_from (entries, TRUE, site_names, site_ids);
  choices_from (entries, FALSE, worker_names, worker_ids);
  self->updating_choices = TRUE;
  set_choices (self->site_drop_down, self->site_choices, self->site_ids, _("All sites"), site_names, site_ids);
  set_choices (self->worker_drop_down, self->worker_choices, self->worker_ids, _("All workers"), worker_names,
               worker_ids);
  self->updating_choices = FALSE;
  read_choices (self);
  gtk_filter_changed (GTK_FILTER (self->choice_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
select_client (YkCaseloadPage *self,
               gint64          client_id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n && client_id != 0; i++)
    {
      g_autoptr (YkCaseloadRow) row = g_list_model_get_item (model, i);

      if (yk_caseload_row_get_client_id (row) == client_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

/* More changed rows than this are replaced in one splice: each splice
 * makes the sort and filter models look again, and names shown in full
 * or masked change every row at once. */
#define MAX_ROWS_REPLACED 16

/* After a record is saved, usually one person's row changes. Replacing
 * only that row keeps the list where it was, and costs the view one
 * row instead of remaking every row on screen. FALSE when the people
 * themselves changed (someone added or voided), or most rows did. */
static gboolean
replace_changed_rows (YkCaseloadPage *self,
                      GPtrArray      *rows)
{
  GListModel *store = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (store);
  guint changed = 0;

  if (n != rows->len || n == 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (YkCaseloadRow) old = g_list_model_get_item (store, i);

      if (yk_caseload_row_get_client_id (old) != yk_caseload_row_get_client_id (rows->pdata[i]))
        return FALSE;
      if (!yk_caseload_row_equal (old, rows->pdata[i]) && ++changed > MAX_ROWS_REPLACED)
        return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (YkCaseloadRow) old = g_list_model_get_item (store, i);

      if (!yk_caseload_row_equal (old, rows->pdata[i]))
        g_list_store_splice (self->store, i, 1, &rows->pdata[i], 1);
    }
  return TRUE;
}

static void
show_entries (YkCaseloadPage *self,
              GPtrArray      *entries)
{
  YkCaseloadRow *selected = selected_row (self);
  gint64 selected_id = selected != NULL ? yk_caseload_row_get_client_id (selected) : 0;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_full (entries->len, g_object_unref);

  for (guint i = 0; i < entries->len; i++)
    {
      const YkCaseloadEntry *entry = entries->pdata[i];
      g_autofree char *name = yk_unlocked_session_list_name (self->session, entry->name);

      g_ptr_array_add (rows, yk_caseload_row_new (entry, name));
    }
  update_choices (self, entries);
  if (!replace_changed_rows (self, rows))
    g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)), rows->pdata,
                         rows->len);
  select_client (self, selected_id);
  update_count (self);
}

/* --- cells ---
 *
 * Made in C by signal factories rather than by GtkBuilderListItemFactory
 * templates: a filter that changes the rows on screen remakes every
 * visible cell, and parsing a template for each of 9 × 30 cells took
 * 80 ms a keystroke in yk-bench-caseload; plain widgets take a few. */

typedef struct
{
  const char *property;
  guint width; /* in average characters; a Chinese one counts two */
} TextCell;

/* GtkInscription, made for list cells: its size comes from `width`,
 * not from measuring its text, which GTK 4.8 would otherwise do for
 * each of the 200 rows it keeps ready. */
static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               const TextCell           *cell)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), cell->width);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), cell->width);
  gtk_list_item_set_child (item, inscription);
}

static void
bind_text_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              const TextCell           *cell)
{
  g_autofree char *text = NULL;

  g_object_get (gtk_list_item_get_item (item), cell->property, &text, NULL);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
}

/* An icon and a word (or a tooltip), with a style class: never colour alone. */
static GtkWidget *
warning_new (const char *icon_name,
             const char *css_class,
             const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 3);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text != NULL ? text : _("At risk"), -1);
  gtk_box_append (GTK_BOX (box), icon);
  if (text != NULL)
    gtk_box_append (GTK_BOX (box), gtk_label_new (text));
  gtk_widget_add_css_class (box, css_class);
  return box;
}

/* The name, or the date due, and a warning made only for a row that
 * needs one, then kept and hidden when the cell shows someone else:
 * most rows need none, and every widget a row has costs each keystroke
 * that brings rows into view (GTK 4.8 makes a row's widgets anew). */
static void
setup_with_warning_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  overdue)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static GtkWidget *
new_warning (gpointer overdue)
{
  GtkWidget *warning;

  if (overdue != NULL)
    return warning_new ("alarm-symbolic", "yk-overdue", _("Overdue"));
  warning = warning_new ("dialog-warning-symbolic", "yk-at-risk", NULL);
  gtk_widget_set_tooltip_text (warning, _("At risk: risk level 3 or more, or unstable at the last contact"));
  return warning;
}

static void
bind_with_warning_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  overdue)
{
  YkCaseloadRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *warning = gtk_widget_get_next_sibling (label);
  g_autofree char *text = NULL;
  gboolean warn;

  if (overdue != NULL)
    {
      g_object_get (row, "due-text", &text, NULL);
      warn = yk_caseload_row_get_overdue (row);
    }
  else
    {
      g_object_get (row, "name", &text, NULL);
      warn = yk_caseload_row_get_at_risk (row);
    }
  if (warning == NULL && warn)
    gtk_box_append (GTK_BOX (box), (warning = new_warning (overdue)));
  if (warning != NULL)
    gtk_widget_set_visible (warning, warn);
  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
set_factory (GtkColumnViewColumn *column,
             GCallback            setup,
             GCallback            bind,
             gpointer             data)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, data);
  g_signal_connect (factory, "bind", bind, data);
  gtk_column_view_column_set_factory (column, factory);
}

static void
set_factories (YkCaseloadPage *self)
{
  static const TextCell cells[] = {
    { "case-no", 9 },
    { "site-name", 18 },
    { "worker-name", 8 },
    { "risk-text", 5 },
    { "condition-text", 8 },
    { "last-contact-text", 10 },
    { "status-text", 4 },
  };
  GtkColumnViewColumn *columns[] = {
    self->case_no_column, self->site_column, self->worker_column, self->risk_column,
    self->condition_column, self->last_contact_column, self->status_column,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (cells) == G_N_ELEMENTS (columns));
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    set_factory (columns[i], G_CALLBACK (setup_text_cb), G_CALLBACK (bind_text_cb), (gpointer) &cells[i]);
  set_factory (self->name_column, G_CALLBACK (setup_with_warning_cb), G_CALLBACK (bind_with_warning_cb), NULL);
  set_factory (self->due_column, G_CALLBACK (setup_with_warning_cb), G_CALLBACK (bind_with_warning_cb),
               GINT_TO_POINTER (TRUE));
}

/* --- loading --- */

static void
clear_list (YkCaseloadPage *self)
{
  g_list_store_remove_all (self->store);
  update_count (self);
}

/* Waits for a running load to give its connection back: the store must
 * not close under it. Cancelled, it stops within milliseconds. */
static void
stop_load (YkCaseloadPage *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->load_task != NULL)
    yk_reader_task_wait (self->load_task);
  g_clear_object (&self->load_task);
  set_loading (self, FALSE);
}

static gpointer
load_in_thread (YkReader *reader, gpointer data, GCancellable *cancellable, GError **error)
{
  LoadRequest *request = data;

  return yk_caseload_load (reader, &request->today, cancellable, error);
}

static void
load_done_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = yk_reader_task_run_finish (result, &error);
  YkCaseloadPage *self = user_data;

  /* Cancelled: a newer load replaced this one, or the page went away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->load_task);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->error_text, g_free);
  if (entries != NULL)
    show_entries (self, entries);
  else
    {
      g_warning ("Could not list the service users: %s", error->message);
      self->error_text = g_strdup_printf (_("The service users could not be listed: %s"), error->message);
    }
  set_loading (self, FALSE);
}

/* A newer load replaces a running one, which stops within milliseconds. */
static void
start_load (YkCaseloadPage *self)
{
  YkSession *session = get_session (self);
  LoadRequest *request;

  stop_load (self);
  if (session == NULL)
    return;
  request = g_new0 (LoadRequest, 1);
  yk_date_today (&request->today);
  self->load_cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  self->load_task = yk_reader_task_run_async (self->session, load_in_thread, request, g_free,
                                              (GDestroyNotify) g_ptr_array_unref, self->load_cancellable,
                                              load_done_cb, self);
}

static void
records_changed_cb (YkCaseloadPage *self,
                    gint64          client_id)
{
  start_load (self);
}

static void
unlocked_changed_cb (YkCaseloadPage *self)
{
  if (get_session (self) != NULL)
    return;
  /* Locked under us: nothing personal stays on screen. */
  stop_load (self);
  clear_list (self);
}

static void
set_session (YkCaseloadPage    *self,
             YkUnlockedSession *session)
{
  if (self->session == session)
    return;
  stop_load (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  clear_list (self);
  if (session != NULL)
    {
      g_signal_connect_object (session, "records-changed", G_CALLBACK (records_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::unlocked", G_CALLBACK (unlocked_changed_cb), self,
                               G_CONNECT_SWAPPED);
      /* Names in full or masked: the rows are made again by a reload
       * (66 ms at district scale), which keeps the selection and search. */
      g_signal_connect_object (session, "notify::full-names", G_CALLBACK (start_load), self, G_CONNECT_SWAPPED);
      /* Absent, not insensitive: a social worker sees one site. */
      gtk_widget_set_visible (GTK_WIDGET (self->site_drop_down), yk_unlocked_session_is_coordinator (session));
      read_choices (self);
      start_load (self);
    }
}

static void
activate_row (YkCaseloadPage *self,
              YkCaseloadRow  *row,
              const char     *action)
{
  if (row != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), action, "x", yk_caseload_row_get_client_id (row));
}

static void
activate_cb (YkCaseloadPage *self,
             guint           position)
{
  g_autoptr (YkCaseloadRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  activate_row (self, row, "case.open");
}

static void
search_changed_cb (YkCaseloadPage *self)
{
  g_autofree char *needle = needle_from_text (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  GtkFilterChange change;

  if (g_strcmp0 (needle, self->needle) == 0)
    return;
  /* Typing one more character only narrows: the filter model then
   * looks again only at the rows still shown. */
  if (strstr (needle, self->needle) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->needle, needle) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;
  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  gtk_filter_changed (GTK_FILTER (self->search_filter), change);
}

static void
stop_search_cb (YkCaseloadPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
search_activate_cb (YkCaseloadPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
choice_changed_cb (YkCaseloadPage *self)
{
  if (self->updating_choices)
    return;
  read_choices (self);
  gtk_filter_changed (GTK_FILTER (self->choice_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
shown_changed_cb (YkCaseloadPage *self)
{
  update_count (self);
}

/* The filter model's rows keep their positions while the people they
 * show change, but for the one it follows and its neighbours, which
 * move with their people: the selected one, so that the selection, the
 * keyboard focus and the view stay on the person. */
static void
selection_changed_cb (YkCaseloadPage *self)
{
  yk_caseload_filter_model_follow (self->filter_model, gtk_single_selection_get_selected (self->selection));
  update_actions (self);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkCaseloadPage *self = YK_CASELOAD_PAGE (widget);

  activate_row (self, selected_row (self), "case.open");
}

static void
record_phone_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  YkCaseloadPage *self = YK_CASELOAD_PAGE (widget);

  activate_row (self, selected_row (self), "record.phone");
}

static void
record_visit_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  YkCaseloadPage *self = YK_CASELOAD_PAGE (widget);

  activate_row (self, selected_row (self), "record.visit");
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkCaseloadPage *self = YK_CASELOAD_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
yk_caseload_page_dispose (GObject *object)
{
  YkCaseloadPage *self = YK_CASELOAD_PAGE (object);
  GtkWidget *child;

  stop_load (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_handle_id (&self->spinner_timeout, g_source_remove);
  if (self->store != NULL)
    g_list_store_remove_all (self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_CASELOAD_PAGE);
  /* The template's unnamed top-level children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (yk_caseload_page_parent_class)->dispose (object);
}

static void
yk_caseload_page_finalize (GObject *object)
{
  YkCaseloadPage *self = YK_CASELOAD_PAGE (object);

  g_clear_pointer (&self->site_ids, g_array_unref);
  g_clear_pointer (&self->worker_ids, g_array_unref);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->error_text, g_free);
  G_OBJECT_CLASS (yk_caseload_page_parent_class)->finalize (object);
}

static void
yk_caseload_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YkCaseloadPage *self = YK_CASELOAD_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_caseload_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  YkCaseloadPage *self = YK_CASELOAD_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      if (self->session != g_value_get_object (value))
        {
          set_session (self, g_value_get_object (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_caseload_page_class_init (YkCaseloadPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_caseload_page_dispose;
  object_class->finalize = yk_caseload_page_finalize;
  object_class->get_property = yk_caseload_page_get_property;
  object_class->set_property = yk_caseload_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, YK_TYPE_UNLOCKED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* TRUE while the list is being read from the database. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (YK_TYPE_CASELOAD_ROW);
  g_type_ensure (YK_TYPE_CASELOAD_FILTER_MODEL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-caseload-page.ui");
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, store);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, choice_filter);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, search_filter);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, filter_model);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, sort_model);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, selection);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, case_no_column);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, site_column);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, worker_column);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, risk_column);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, condition_column);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, last_contact_column);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, due_column);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, site_drop_down);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, worker_drop_down);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, status_drop_down);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, risk_drop_down);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, condition_drop_down);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, referral_source_drop_down);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, site_choices);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, worker_choices);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, overdue_check);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, YkCaseloadPage, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, shown_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);

  gtk_widget_class_install_action (widget_class, "caseload.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "caseload.record-phone", NULL, record_phone_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "caseload.record-phone", NULL);
  gtk_widget_class_install_action (widget_class, "caseload.record-visit", NULL, record_visit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "caseload.record-visit", NULL);
  gtk_widget_class_install_action (widget_class, "caseload.find", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "caseload.find", NULL);
}

static void
yk_caseload_page_init (YkCaseloadPage *self)
{
  self->site_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->worker_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->needle = g_strdup ("");

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_custom_filter_set_filter_func (self->choice_filter, choice_filter_func, self, NULL);
  gtk_custom_filter_set_filter_func (self->search_filter, search_filter_func, self, NULL);
  set_factories (self);
  gtk_sort_list_model_set_sorter (self->sort_model, gtk_column_view_get_sorter (self->column_view));
  gtk_column_view_sort_by_column (self->column_view, self->case_no_column, GTK_SORT_ASCENDING);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  {
    g_autoptr (GPtrArray) none = g_ptr_array_new ();
    g_autoptr (GArray) no_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr (GPtrArray) none_either = g_ptr_array_new ();

    set_choices (self->site_drop_down, self->site_choices, self->site_ids, _("All sites"), none, no_ids);
    set_choices (self->worker_drop_down, self->worker_choices, self->worker_ids, _("All workers"), none_either,
                 no_ids);
  }
  read_choices (self);
  update_actions (self);
  update_count (self);
}
