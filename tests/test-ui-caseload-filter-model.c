/* SPDX-License-Identifier: GPL-3.0-or-later */
/* YkCaseloadFilterModel against the chain it replaced (GtkFilterListModel
 * then GtkSortListModel): for a series of searches, filter changes,
 * sort orders and changes to the rows, the same people in the same
 * order; items-changed that describe every change (a copy kept only
 * from the signals equals the model); rows that stay at their positions. */
#include "yk-config.h"
#include "yk-caseload-filter-model.h"
#include "yk-caseload-row.h"

#include <gtk/gtk.h>

#define N_PEOPLE 600

typedef struct
{
  const char *needle;
  gint64 site_id; /* 0: any */
} Filters;

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  Filters *filters = user_data;

  if (filters->site_id != 0 && yk_caseload_row_get_site_id (item) != filters->site_id)
    return FALSE;
  return yk_caseload_row_matches (item, filters->needle);
}

static YkCaseloadRow *
person (guint i,
        int   generation)
{
  static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "Smith" };
  g_autofree char *case_no = g_strdup_printf ("C%05u", i);
  g_autofree char *name = g_strdup_printf ("%s%u", surnames[i % G_N_ELEMENTS (surnames)], (i * 7) % 31);
  g_autofree char *phone = g_strdup_printf ("13%09u", (i * 7919u + generation * 13u) % 1000000000u);
  YkCaseloadEntry entry = {
    .client_id = i + 1,
    .case_no = case_no,
    .name = name,
    .phone = phone,
    .site_id = 1 + i % 3,
    .site_name = (char *) "site",
    .worker_id = i % 5,
    .risk_level = (int) ((i + generation) % 7) - 1,
    .status = (char *) (i % 11 == 0 ? "closed" : "active"),
  };

  return yk_caseload_row_new (&entry, name);
}

/* The client ids a GListModel of rows holds, in order. */
static GArray *
ids_of (GListModel *model)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (YkCaseloadRow) row = g_list_model_get_item (model, i);
      gint64 id = yk_caseload_row_get_client_id (row);

      g_array_append_val (ids, id);
    }
  return ids;
}

/* What a view knows: only what items-changed told it. */
static void
mirror_cb (GListModel *model,
           guint       position,
           guint       removed,
           guint       added,
           GArray     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->len);
  g_array_remove_range (mirror, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr (YkCaseloadRow) row = g_list_model_get_item (model, position + i);
      gint64 id = yk_caseload_row_get_client_id (row);

      g_assert_nonnull (row);
      g_array_insert_val (mirror, position + i, id);
    }
  g_assert_cmpuint (mirror->len, ==, g_list_model_get_n_items (model));
}

typedef struct
{
  GListStore *store;
  Filters filters;
  GtkFilter *filter;
  GtkSorter *sorter; /* a GtkMultiSorter, as the column view's */
  GListModel *old_chain;
  YkCaseloadFilterModel *model;
  GArray *mirror;
  GPtrArray *rows_before; /* the model's items at the last check */
} Fixture;

static void
check (Fixture *f)
{
  GListModel *model = G_LIST_MODEL (f->model);
  g_autoptr (GArray) expected = ids_of (f->old_chain);
  g_autoptr (GArray) shown = ids_of (model);
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (shown->len, ==, expected->len);
  g_assert_cmpmem (shown->data, shown->len * sizeof (gint64), expected->data, expected->len * sizeof (gint64));
  g_assert_cmpmem (f->mirror->data, f->mirror->len * sizeof (gint64), expected->data,
                   expected->len * sizeof (gint64));
  g_assert_null (g_list_model_get_item (model, n));
  g_assert_cmpuint (g_list_model_get_item_type (model), ==, YK_TYPE_CASELOAD_ROW);

  /* The rows stay at their positions. */
  for (guint i = 0; i < MIN (n, f->rows_before->len); i++)
    {
      g_autoptr (YkCaseloadRow) row = g_list_model_get_item (model, i);

      g_assert_true (row == f->rows_before->pdata[i]);
    }
  g_ptr_array_set_size (f->rows_before, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (f->rows_before, g_list_model_get_item (model, i));
}

static void
search (Fixture    *f,
        const char *needle)
{
  f->filters.needle = needle;
  gtk_filter_changed (f->filter, GTK_FILTER_CHANGE_DIFFERENT);
  check (f);
}

static void
test_same_as_filter_then_sort (void)
{
  static const char *const needles[] = { "", "1", "13", "139", "1391", "139", "13", "c0", "c00", "c001", "c0012",
                                         "王", "王1", "王", "smith", "SMITH", "smith2", "", "nobody", "" };
  Fixture f = { 0 };
  GtkCustomFilter *custom;
  GtkSorter *by_case_no, *by_risk;
  g_autoptr (GtkFilterListModel) filtered = NULL;
  g_autoptr (GtkSortListModel) sorted = NULL;
  g_autoptr (GtkSortListModel) sorted_first = NULL;
  g_autoptr (GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);

  f.store = g_list_store_new (YK_TYPE_CASELOAD_ROW);
  f.filters.needle = "";
  custom = gtk_custom_filter_new (filter_func, &f.filters, NULL);
  f.filter = GTK_FILTER (custom);
  by_case_no = GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (YK_TYPE_CASELOAD_ROW, NULL, "case-no")));
  by_risk = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (YK_TYPE_CASELOAD_ROW, NULL, "risk-level")));
  f.sorter = GTK_SORTER (gtk_multi_sorter_new ());
  gtk_multi_sorter_append (GTK_MULTI_SORTER (f.sorter), g_object_ref (by_case_no));

  /* The chain it replaced; and the new one: sort, then filter. */
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (f.store)), g_object_ref (f.filter));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (filtered)), g_object_ref (f.sorter));
  f.old_chain = G_LIST_MODEL (sorted);
  sorted_first = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (f.store)), g_object_ref (f.sorter));
  f.model = yk_caseload_filter_model_new (G_LIST_MODEL (sorted_first), f.filter);
  f.mirror = g_array_new (FALSE, FALSE, sizeof (gint64));
  f.rows_before = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (f.model, "items-changed", G_CALLBACK (mirror_cb), f.mirror);
  check (&f);

  /* Loaded in reverse, so that the sort has work to do. */
  for (guint i = N_PEOPLE; i > 0; i--)
    g_ptr_array_add (people, person (i - 1, 0));
  g_list_store_splice (f.store, 0, 0, people->pdata, people->len);
  check (&f);

  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    search (&f, needles[i]);

  /* A site chosen, searched within, then all sites again. */
  f.filters.site_id = 2;
  search (&f, "");
  search (&f, "13");
  search (&f, "王");
  f.filters.site_id = 0;
  search (&f, "王");
  search (&f, "");

  /* Sorted by risk level, then descending, searching all the while. */
  gtk_multi_sorter_remove (GTK_MULTI_SORTER (f.sorter), 0);
  gtk_multi_sorter_append (GTK_MULTI_SORTER (f.sorter), g_object_ref (by_risk));
  check (&f);
  search (&f, "13");
  gtk_numeric_sorter_set_sort_order (GTK_NUMERIC_SORTER (by_risk), GTK_SORT_DESCENDING);
  check (&f);
  search (&f, "");

  /* Rows changed (a new phone number, a new risk level), one at a
   * time as after a saved record, then all of them as after a reload;
   * people removed and added. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (YkCaseloadRow) changed = person (i * 97, 1);

      g_list_store_splice (f.store, N_PEOPLE - 1 - i * 97, 1, (gpointer *) &changed, 1);
      check (&f);
    }
  search (&f, "1");
  g_ptr_array_set_size (people, 0);
  for (guint i = 0; i < N_PEOPLE; i++)
    g_ptr_array_add (people, person (i, 2));
  g_list_store_splice (f.store, 0, N_PEOPLE, people->pdata, people->len);
  check (&f);
  g_list_store_remove (f.store, 17);
  check (&f);
  g_list_store_remove (f.store, 0);
  check (&f);
  g_list_store_append (f.store, people->pdata[0]);
  check (&f);
  search (&f, "c00");
  g_list_store_remove_all (f.store);
  check (&f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f.model)), ==, 0);

  g_ptr_array_unref (f.rows_before);
  g_array_unref (f.mirror);
  g_signal_handlers_disconnect_by_data (f.model, f.mirror);
  g_assert_finalize_object (f.model);
  g_clear_object (&sorted_first);
  g_object_unref (f.sorter);
  g_object_unref (by_case_no);
  g_object_unref (by_risk);
  g_object_unref (f.filter);
  g_object_unref (f.store);
}

/* The followed row moves with its person, so a GtkSingleSelection on
 * top (and GTK's keyboard focus, kept on an item) stays on them; every
 * other position keeps its row. */
static gboolean
needle_filter_func (gpointer item,
                    gpointer user_data)
{
  return yk_caseload_row_matches (item, *(const char **) user_data);
}

static void
test_follow (void)
{
  static const char *const needles[] = { "c00", "c001", "c0012", "c001", "", "13", "" };
  g_autoptr (GListStore) store = g_list_store_new (YK_TYPE_CASELOAD_ROW);
  const char *needle = "";
  GtkFilter *filter = GTK_FILTER (gtk_custom_filter_new (needle_filter_func, &needle, NULL));
  YkCaseloadFilterModel *model = yk_caseload_filter_model_new (G_LIST_MODEL (store), filter);
  GtkSingleSelection *selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (model)));
  g_autoptr (GArray) mirror = g_array_new (FALSE, FALSE, sizeof (gint64));
  YkCaseloadRow *followed;
  gint64 person_id;

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr (YkCaseloadRow) row = person (i, 0);

      g_list_store_append (store, row);
    }
  g_array_free (mirror, TRUE);
  mirror = ids_of (G_LIST_MODEL (model));
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_cb), mirror);

  /* C00123, at position 123. */
  gtk_single_selection_set_selected (selection, 123);
  yk_caseload_filter_model_follow (model, 123);
  followed = gtk_single_selection_get_selected_item (selection);
  person_id = yk_caseload_row_get_client_id (followed);
  g_assert_cmpint (person_id, ==, 124);

  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    {
      g_autoptr (GArray) ids = NULL;
      g_autoptr (YkCaseloadRow) selected = NULL;

      needle = needles[i];
      gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
      ids = ids_of (G_LIST_MODEL (model));
      g_assert_cmpmem (mirror->data, mirror->len * sizeof (gint64), ids->data, ids->len * sizeof (gint64));
      g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) followed);
      g_assert_cmpint (yk_caseload_row_get_client_id (followed), ==, person_id);
      selected = g_list_model_get_item (G_LIST_MODEL (model), gtk_single_selection_get_selected (selection));
      g_assert_cmpint (yk_caseload_row_get_client_id (selected), ==, person_id);
    }

  /* Searched away, past the end of the rows shown: the followed row is
   * not given to someone else, so the selection does not jump to them
   * (it goes where GtkSingleSelection's autoselect puts it). */
  needle = "c0000";
  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 10);
  g_assert_true (gtk_single_selection_get_selected_item (selection) != (gpointer) followed);
  g_assert_cmpstr (yk_caseload_row_get_case_no (followed), ==, NULL);

  g_signal_handlers_disconnect_by_data (model, mirror);
  g_object_unref (selection);
  g_assert_finalize_object (model);
  g_object_unref (filter);
}

/* Without a filter: every row, in the model's order. */
static void
test_no_filter (void)
{
  g_autoptr (GListStore) store = g_list_store_new (YK_TYPE_CASELOAD_ROW);
  YkCaseloadFilterModel *model = yk_caseload_filter_model_new (G_LIST_MODEL (store), NULL);

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr (YkCaseloadRow) row = person (i, 0);

      g_list_store_append (store, row);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr (YkCaseloadRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autoptr (YkCaseloadRow) source = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_true (row != source);
      g_assert_true (yk_caseload_row_shows (row, source));
      g_assert_true (yk_caseload_row_equal (row, source));
      g_assert_cmpstr (yk_caseload_row_get_case_no (row), ==, yk_caseload_row_get_case_no (source));
    }
  g_assert_finalize_object (model);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/caseload-filter-model/same-as-filter-then-sort", test_same_as_filter_then_sort);
  g_test_add_func ("/ui/caseload-filter-model/follow", test_follow);
  g_test_add_func ("/ui/caseload-filter-model/no-filter", test_no_filter);
  return g_test_run ();
}
