/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dossier (app/yk-dossier.c, app/yk-render-dossier.c): a demo
 * person's PDF read back with pdftotext holds their name, case number,
 * every reached contact's date and the SDSS totals the engine computes;
 * a site's PDF holds every person; printing is audited naming each
 * person; a social worker cannot print another site's person; a note
 * longer than a page runs on over the pages, whole and above the
 * footer. */
#include "app-test-util.h"
#include "yk-attachments.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-demo.h"
#include "yk-pdf.h"
#include "yk-dossier.h"
#include "yk-reader.h"
#include "yk-record-rules.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <poppler.h>
#include <string.h>

#define PASSWORD APP_TEST_COORDINATOR_PASSWORD

/* One demo database for every test: filling it takes seconds. */
static AppTestDb test_db;

static char *
run_tool (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };

  return run_tool (argv);
}

static int
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run_tool (argv);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return atoi (pages + strlen ("Pages:"));
}

/* The pictures in a PDF (pdfimages -list: two lines of head, then one a picture). */
static int
pdf_pictures (const char *path)
{
  const char *argv[] = { "pdfimages", "-list", path, NULL };
  g_autofree char *list = run_tool (argv);
  g_auto (GStrv) lines = g_strsplit (list, "\n", -1);
  int n = 0;

  for (guint i = 2; lines[0] != NULL && lines[1] != NULL && lines[i] != NULL; i++)
    n += *lines[i] != '\0';
  return n;
}

static void
assert_contains (const char *text, const char *fragment)
{
  if (strstr (text, fragment) == NULL)
    g_error ("expected “%s” in the dossier's text", fragment);
}

/* The SPQ person with the most live SDSS assessments (the demo gives
 * some several): the richest dossier. */
static gint64
richest_person (void)
{
  return app_test_query_int (test_db.coordinator,
                             "SELECT c.id FROM clients c JOIN sites s ON s.id = c.site_id "
                             "JOIN assessments a ON a.client_id = c.id AND a.voided_at IS NULL "
                             "WHERE s.code = 'SPQ' AND c.voided_at IS NULL "
                             "GROUP BY c.id ORDER BY count (*) DESC, c.id LIMIT 1");
}

static GPtrArray *
load_people (YkSession *session, const gint64 *ids, guint n)
{
  g_autoptr (YkReader) reader = yk_reader_new_for_session (session);
  GPtrArray *people = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_dossier_person_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      YkDossierPerson *person = yk_dossier_person_load (reader, ids[i], &error);

      g_assert_no_error (error);
      g_ptr_array_add (people, person);
    }
  return people;
}

static gint64
audit_rows (const char *action, gint64 client_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM audit WHERE action = '%s' AND record_table = 'clients' "
                                          "AND record_id = %" G_GINT64_FORMAT,
                                          action, client_id);

  return app_test_query_int (test_db.coordinator, sql);
}

/* A line of the SDSS table as pdftotext lays it out: the date, the ten
 * items (— for 9, does not apply) and the total. */
static char *
sdss_line_pattern (const char *date, const int items[YK_SDSS_ITEMS], int total)
{
  GString *pattern = g_string_new (date);

  for (int k = 0; k < YK_SDSS_ITEMS; k++)
    if (items[k] == 9)
      g_string_append (pattern, "\\s+—");
    else
      g_string_append_printf (pattern, "\\s+%d", items[k]);
  g_string_append_printf (pattern, "\\s+%d\\b", total);
  return g_string_free (pattern, FALSE);
}

static void
test_demo_person (void)
{
  gint64 id = richest_person ();
  g_autoptr (GPtrArray) people = load_people (test_db.coordinator, &id, 1);
  g_autofree char *path = g_build_filename (test_db.dir, "person.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL, *name = NULL, *case_no = NULL, *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 before = audit_rows ("dossier_export", id);
  guint n_contacts = 0, n_assessments = 0;
  int pages;

  g_assert_true (yk_dossier_write_pdf (test_db.coordinator, people, path, NULL, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  pages = pdf_pages (path);

  sql = g_strdup_printf ("SELECT name, case_no, referral_source FROM clients WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (sqlite3_prepare_v2 (app_test_connection (test_db.coordinator), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  case_no = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  /* The referral source in the profile, in words (the demo leaves some not recorded). */
  assert_contains (text, "Referral source");
  if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    assert_contains (text, yk_referral_source_label ((const char *) sqlite3_column_text (stmt, 2)));
  sqlite3_finalize (stmt);
  /* Full names: the dossier is evidence, and printing it is audited. */
  assert_contains (text, name);
  assert_contains (text, case_no);
  /* The demo's consent: signed by the person, in writing, for all three. */
  assert_contains (text, "The person");
  assert_contains (text, "Written");
  assert_contains (text, "Keeping a case file");
  assert_contains (text, "Reporting in statistics");

  /* Every reached contact, by its date. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT contact_date FROM contacts WHERE client_id = %" G_GINT64_FORMAT
                         " AND reached = 1 AND voided_at IS NULL",
                         id);
  g_assert_cmpint (sqlite3_prepare_v2 (app_test_connection (test_db.coordinator), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      assert_contains (text, (const char *) sqlite3_column_text (stmt, 0));
      n_contacts++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_contacts, >, 0);

  /* Every live SDSS assessment: its items and the engine's total on one line. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT a_date, sdss_1, sdss_2, sdss_3, sdss_4, sdss_5, sdss_6, sdss_7, sdss_8, sdss_9, "
                         "sdss_10 FROM assessments WHERE client_id = %" G_GINT64_FORMAT " AND voided_at IS NULL",
                         id);
  g_assert_cmpint (sqlite3_prepare_v2 (app_test_connection (test_db.coordinator), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int items[YK_SDSS_ITEMS];
      g_autofree char *pattern = NULL;

      for (int k = 0; k < YK_SDSS_ITEMS; k++)
        items[k] = sqlite3_column_int (stmt, 1 + k);
      pattern = sdss_line_pattern ((const char *) sqlite3_column_text (stmt, 0), items, yk_sdss_total (items));
      if (!g_regex_match_simple (pattern, text, G_REGEX_MULTILINE, 0))
        g_error ("no SDSS line /%s/ in:\n%s", pattern, text);
      n_assessments++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_assessments, >=, 2);

  /* The footer: who printed it, page x of y, on every page. */
  g_assert_cmpint (pages, >=, 2);
  {
    g_autofree char *last = g_strdup_printf ("Page %d of %d", pages, pages);
    g_auto (GStrv) sheets = g_strsplit (text, "\f", -1);
    guint printed = 0;

    assert_contains (text, "Page 1 of");
    assert_contains (text, last);
    for (guint i = 0; sheets[i] != NULL; i++)
      if (strstr (sheets[i], "Printed by " APP_TEST_COORDINATOR_NAME) != NULL)
        printed++;
    g_assert_cmpuint (printed, ==, pages);
  }
  /* Audited once, naming the person. */
  g_assert_cmpint (audit_rows ("dossier_export", id), ==, before + 1);
}

/* Every word has a glyph (HACKING.md: Noto CJK, zh-cn), and the layout
 * fits a page: pages drawn, nothing missing. */
static void
test_glyphs (void)
{
  gint64 id = richest_person ();
  g_autoptr (GPtrArray) people = load_people (test_db.coordinator, &id, 1);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (YkDossierDocument) doc = yk_dossier_document_new (cr, people, "测试员", now, 495, 742);

  g_assert_cmpint (yk_dossier_document_get_n_pages (doc), >=, 2);
  for (int page = 0; page < yk_dossier_document_get_n_pages (doc); page++)
    {
      g_assert_cmpuint (yk_dossier_document_get_page_person (doc, page), ==, 0);
      yk_dossier_document_draw_page (doc, cr, page);
      cairo_show_page (cr);
    }
  g_assert_cmpint (yk_dossier_document_get_unknown_glyphs (doc), ==, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* No attachments yet: the section says so; a list is shown as given. */
static void
test_attachments (void)
{
  gint64 id = richest_person ();
  g_autoptr (GPtrArray) people = load_people (test_db.coordinator, &id, 1);
  g_autofree char *path = g_build_filename (test_db.dir, "attachments.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (yk_dossier_write_pdf (test_db.coordinator, people, path, NULL, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  assert_contains (text, "No attachments");
  /* Personal data: readable by its owner only. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  yk_dossier_person_add_attachment (people->pdata[0], "知情同意书扫描.pdf", "Consent form", "2021-03-05", 245760);
  g_assert_true (yk_dossier_write_pdf (test_db.coordinator, people, path, NULL, NULL, &error));
  g_assert_no_error (error);
  g_free (text);
  text = pdf_text (path);
  assert_contains (text, "知情同意书扫描.pdf");
  g_assert_null (strstr (text, "No attachments"));
}

/* An attachment stored on the person is listed by the dossier as read
 * from the file: its name and kind; a voided one is not. */
static void
test_stored_attachments (void)
{
  gint64 id = richest_person ();
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 40, 30);
  g_autoptr (GBytes) png = NULL;
  g_autoptr (GPtrArray) people = NULL;
  g_autofree char *path = g_build_filename (test_db.dir, "stored.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  YkAttachmentOwner owner = { .client_id = id };
  char *buffer = NULL;
  gsize size = 0;
  gint64 kept, voided;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  png = g_bytes_new_take (buffer, size);
  g_assert_true (yk_attachments_add (test_db.coordinator, &owner, "consent", "同意书第一页.png", png, &kept, &error));
  g_assert_no_error (error);
  g_assert_true (yk_attachments_add (test_db.coordinator, &owner, "photo", "作废的照片.png", png, &voided, &error));
  g_assert_no_error (error);
  g_assert_true (yk_attachments_void (test_db.coordinator, voided, "拍错了人", &error));
  g_assert_no_error (error);

  people = load_people (test_db.coordinator, &id, 1);
  g_assert_true (yk_dossier_write_pdf (test_db.coordinator, people, path, NULL, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  assert_contains (text, "同意书第一页.png");
  assert_contains (text, yk_attachment_kind_label ("consent"));
  g_assert_null (strstr (text, "作废的照片.png"));
  g_assert_cmpint (pdf_pictures (path), ==, 0);

  /* With the pictures: the live one appended, under its name again. */
  g_assert_true (yk_dossier_people_add_pictures (test_db.coordinator, people, &error));
  g_assert_no_error (error);
  g_assert_true (yk_dossier_write_pdf (test_db.coordinator, people, path, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pdf_pictures (path), ==, 1);
  g_free (text);
  text = pdf_text (path);
  g_assert_nonnull (strstr (strstr (text, "同意书第一页.png") + 1, "同意书第一页.png"));
}

static void
progress_cb (guint done, guint total, gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, ==, *calls + 1);
  g_assert_cmpuint (done, <=, total);
  (*calls)++;
}

/* A site's active people in one PDF: each person's case number in it,
 * each from a new page, a sane number of pages. */
static void
test_site (void)
{
  g_autoptr (YkReader) reader = yk_reader_new_for_session (test_db.coordinator);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = yk_dossier_list_site (reader, "SPQ", "active", &error);
  g_autoptr (GPtrArray) people = NULL;
  g_autofree char *path = g_build_filename (test_db.dir, "site.pdf", NULL);
  g_autofree char *text = NULL;
  gint64 expected = app_test_query_int (test_db.coordinator,
                                        "SELECT count (*) FROM clients c JOIN sites s ON s.id = c.site_id "
                                        "WHERE s.code = 'SPQ' AND c.status = 'active' AND c.voided_at IS NULL");
  guint calls = 0;
  int pages;

  g_assert_no_error (error);
  g_assert_cmpint (ids->len, ==, expected);
  g_assert_cmpint (ids->len, >, 10);
  people = load_people (test_db.coordinator, (const gint64 *) ids->data, ids->len);
  g_assert_true (yk_dossier_write_pdf (test_db.coordinator, people, path, progress_cb, &calls, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, ids->len);
  pages = pdf_pages (path);
  /* A cover and at least one page of records each; no one runs to dozens. */
  g_assert_cmpint (pages, >=, 2 * (int) ids->len);
  g_assert_cmpint (pages, <=, 12 * (int) ids->len);
  text = pdf_text (path);
  for (guint i = 0; i < people->len; i++)
    {
      const YkCaseFile *file = yk_dossier_person_get_case_file (people->pdata[i]);

      assert_contains (text, file->client->case_no);
      g_assert_cmpstr (file->client->status, ==, "active");
      g_assert_cmpint (audit_rows ("dossier_export", file->client->id), >=, 1);
    }

  /* Unknown site, unknown status. */
  g_assert_null (yk_dossier_list_site (reader, "XX", NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (yk_dossier_list_site (reader, "SPQ", "gone", &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_USAGE);
}

/* A social worker at SPQ cannot print a JL person, nor JL's site: not
 * found / refused, no file, no audit entry. Their own site's people
 * they can. */
static void
test_worker_other_site (void)
{
  g_autoptr (YkReader) reader = yk_reader_new_for_session (test_db.worker);
  g_autoptr (GError) error = NULL;
  gint64 jl = app_test_query_int (test_db.coordinator, "SELECT id FROM clients WHERE case_no = 'JL-0001'");
  gint64 audit_before = app_test_query_int (test_db.coordinator, "SELECT count (*) FROM audit");
  g_autofree char *path = g_build_filename (test_db.dir, "jl.pdf", NULL);
  g_autoptr (GArray) own = NULL;

  g_assert_cmpint (jl, >, 0);
  g_assert_cmpint (yk_dossier_find_case (reader, "JL-0001", &error), ==, 0);
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (yk_dossier_person_load (reader, jl, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (yk_dossier_list_site (reader, "JL", NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (app_test_query_int (test_db.coordinator, "SELECT count (*) FROM audit"), ==, audit_before);

  own = yk_dossier_list_site (reader, "SPQ", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (own->len, >, 0);
  g_assert_cmpint (yk_dossier_find_case (reader, "SPQ-0001", &error), >, 0);
  g_assert_no_error (error);
}

static void
test_file_names (void)
{
  g_autofree char *one = yk_dossier_file_name ("SPQ-0001");
  g_autofree char *site = yk_dossier_site_file_name ("SPQ", NULL);
  g_autofree char *active = yk_dossier_site_file_name ("SPQ", "active");
  g_autofree char *odd = yk_dossier_file_name ("A/B");

  g_assert_cmpstr (one, ==, "个案档案_SPQ-0001.pdf");
  g_assert_cmpstr (site, ==, "个案档案_SPQ.pdf");
  g_assert_cmpstr (active, ==, "个案档案_SPQ_active.pdf");
  /* A case number is never a path. */
  g_assert_cmpstr (odd, ==, "个案档案_A_B.pdf");
}

/* An invented sentence, repeated to make a note longer than a page. */
#define FILLER "社工上门随访，了解近况平稳，按时服药，家属配合良好。"
#define N_MARKERS 72

/* A note of N_MARKERS paragraphs, each a marker then the sentence three
 * times (85 characters): over 6,000 characters. A marker, 【P0001】,
 * holds no place a line may break (UAX #14), so it is read whole
 * whichever page it falls on. */
static char *
long_note (void)
{
  GString *note = g_string_new (NULL);

  for (int k = 1; k <= N_MARKERS; k++)
    g_string_append_printf (note, "【P%04d】" FILLER FILLER FILLER, k);
  return g_string_free (note, FALSE);
}

/* The first characters of `text`, for a message. */
static char *
excerpt (const char *text)
{
  return g_utf8_substring (text, 0, MIN (16, g_utf8_strlen (text, -1)));
}

static char *
strip_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* The note, read back in order from `text` (the pages' text, spaces
 * taken out): wherever it breaks off, what comes before it resumes must
 * be a page's end and the next one's start (the footer, the running
 * head, the table's head) holding nothing of the note, so no line is
 * lost, repeated or drawn elsewhere. */
static void
assert_note_runs_on (const char *text, const char *note)
{
  const char *n = note, *t;
  size_t probe = 3 * strlen ("【P0000】");
  g_autofree char *start = g_strndup (note, probe);
  guint breaks = 0;

  g_assert_null (strstr (text, note)); /* it does not fit one page */
  t = strstr (text, start);
  g_assert_nonnull (t);
  while (*n != '\0')
    {
      g_autofree char *next = NULL, *skipped = NULL, *where = NULL;
      const char *resume;

      if (*t == *n)
        {
          t++, n++;
          continue;
        }
      /* A break: at a character's start, and the note resumes further on. */
      while ((*n & 0xc0) == 0x80)
        n--, t--;
      next = g_strndup (n, MIN (probe, strlen (n)));
      resume = strstr (t, next);
      where = excerpt (n);
      if (resume == NULL)
        g_error ("the note is lost at “%s”", where);
      skipped = g_strndup (t, resume - t);
      if (strstr (skipped, "Printedby") == NULL || strstr (skipped, FILLER) != NULL || strstr (skipped, "【") != NULL)
        g_error ("the note breaks off, not at a page's end, at “%s”: “%s”", where, skipped);
      t = resume;
      breaks++;
    }
  g_assert_cmpuint (breaks, >=, 2);
}

/* A contact whose note is longer than a page (notes have no limit): the
 * row, then the note running on over the next pages, each of its
 * markers once and in order, nothing of it under the footer's line or
 * off the page, and "Page x of y" counting the pages there are. */
static void
test_long_note (void)
{
  gint64 id = app_test_query_int (test_db.coordinator,
                                  "SELECT c.id FROM clients c JOIN sites s ON s.id = c.site_id "
                                  "WHERE s.code = 'SPQ' AND c.voided_at IS NULL AND c.status = 'active' "
                                  "ORDER BY c.id DESC LIMIT 1");
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *note = long_note ();
  g_autofree char *path = g_build_filename (test_db.dir, "long-note.pdf", NULL);
  g_autofree char *uri = NULL, *whole = NULL, *stripped_note = NULL;
  g_autoptr (GPtrArray) people = NULL;
  PopplerDocument *pdf;
  g_autoptr (GString) all = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  YkContactRecord record = { .client_id = id, .type = (char *) "phone", .date = today, .reached = TRUE,
                             .duration_min = 20, .risk_level = 0, .condition = (char *) "stable", .notes = note };
  gint64 contact = 0;
  /* The footer's line, in the PDF page's points: the content area starts
   * YK_PDF_MARGIN * 0.8 down and is YK_PDF_PAGE_HEIGHT - 1.5 *
   * YK_PDF_MARGIN tall (yk_dossier_write_pdf ()); draw_footer () rules
   * it MARGIN_TEXT * 1.5 + 4 = 14.5 points above that area's bottom. */
  double footer_line = YK_PDF_MARGIN * 0.8 + (YK_PDF_PAGE_HEIGHT - 1.5 * YK_PDF_MARGIN) - 14.5;
  int n_pages, from = 0;

  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (g_utf8_strlen (note, -1), >, 6000);
  g_assert_true (yk_casework_add_contact (test_db.coordinator, &record, &contact, &error));
  g_assert_no_error (error);
  people = load_people (test_db.coordinator, &id, 1);
  g_assert_true (yk_dossier_write_pdf (test_db.coordinator, people, path, NULL, NULL, &error));
  g_assert_no_error (error);

  uri = g_filename_to_uri (path, NULL, &error);
  g_assert_no_error (error);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  n_pages = poppler_document_get_n_pages (pdf);
  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree PopplerRectangle *boxes = NULL;
      g_autofree char *number = g_strdup_printf ("Page %d of %d", i + 1, n_pages);
      const char *printed = g_strrstr (text, "Printed by");
      const char *printed_end = printed != NULL ? strchr (printed, '\n') : NULL;
      const char *numbered = strstr (text, number);
      double width, height;
      guint n_boxes = 0;
      glong k = 0;

      /* (2) Every glyph but the footer's above the footer's line, and on
       * the page. The boxes are the text's characters, in order. */
      poppler_page_get_size (page, &width, &height);
      g_assert_true (poppler_page_get_text_layout (page, &boxes, &n_boxes));
      for (const char *p = text; *p != '\0' && k < (glong) n_boxes; p = g_utf8_next_char (p), k++)
        {
          gboolean in_footer = (printed != NULL && p >= printed && (printed_end == NULL || p < printed_end)) ||
                               (numbered != NULL && p >= numbered && p < numbered + strlen (number));

          if (g_unichar_isspace (g_utf8_get_char (p)))
            continue;
          if (boxes[k].y2 > height + 0.5 || boxes[k].x2 > width + 0.5 || (!in_footer && boxes[k].y2 > footer_line))
            {
              g_autofree char *what = excerpt (p);

              g_error ("page %d of %d: “%s…” drawn down to %.1f, the footer's line at %.1f, the page %.1f tall",
                       i + 1, n_pages, what, boxes[k].y2, footer_line, height);
            }
        }
      /* (3) Page x of y, y the pages there are. */
      if (printed == NULL || numbered == NULL)
        g_error ("page %d: no footer saying “%s”:\n%s", i + 1, number, text);
      g_string_append (all, text);
      g_object_unref (page);
    }
  g_object_unref (pdf);

  /* (1) Every marker once, in order. */
  whole = strip_spaces (all->str);
  for (int k = 1; k <= N_MARKERS; k++)
    {
      g_autofree char *marker = g_strdup_printf ("【P%04d】", k);
      const char *at = strstr (whole, marker);

      if (at == NULL)
        g_error ("%s is not in the dossier (%d pages)", marker, n_pages);
      g_assert_null (strstr (at + 1, marker));
      g_assert_cmpint (at - whole, >, from);
      from = at - whole;
    }
  /* And the note whole, nothing between its parts but page turns. */
  stripped_note = strip_spaces (note);
  assert_note_runs_on (whole, stripped_note);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  /* The words asserted are the source strings. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  app_test_db_make (&test_db);
  g_assert_true (yk_demo_fill (test_db.coordinator, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);
  app_test_db_open_worker (&test_db);

  g_test_add_func ("/app/dossier/file-names", test_file_names);
  g_test_add_func ("/app/dossier/demo-person", test_demo_person);
  g_test_add_func ("/app/dossier/glyphs", test_glyphs);
  g_test_add_func ("/app/dossier/attachments", test_attachments);
  g_test_add_func ("/app/dossier/stored-attachments", test_stored_attachments);
  g_test_add_func ("/app/dossier/site", test_site);
  g_test_add_func ("/app/dossier/worker-other-site", test_worker_other_site);
  /* Last: it adds a contact the tests above do not expect. */
  g_test_add_func ("/app/dossier/long-note", test_long_note);
  status = g_test_run ();
  app_test_db_clear (&test_db);
  return status;
}
