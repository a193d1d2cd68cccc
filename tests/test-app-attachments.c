/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Attachments (附件) as app/ keeps them: only whole PDF, JPEG and PNG
 * files of at most 20 MiB whose content agrees with their name and
 * decodes; read back whole or reported as damage naming the attachment;
 * voided like records; kept to the session's sites; saved to a file only
 * by a coordinator, audited; carried by yukang split and shown by the
 * district view; and never, in any form, plaintext on disk: not in the
 * database, not in its journal mid-transaction, not in $TMPDIR (a fresh
 * one for this test). On the demo data (seed 1). */
#include "app-test-util.h"
#include "yk-app-error.h"
#include "yk-attachments.h"
#include "yk-audit-words.h"
#include "yk-db-error.h"
#include "yk-db-records.h"
#include "yk-db-staff.h"
#include "yk-demo.h"
#include "yk-district.h"
#include "yk-split.h"

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

#define PW "coordinator pass 1"
#define WORKER_PW "worker pass 1"
#define MARKER "YK-ATTACHMENT-MARKER-5e1f0c9a"

static AppTestDb test_db;
static YkSession *session; /* the coordinator's */
static YkSession *worker;  /* 李社工 at SPQ */
static char *tmpdir;       /* the fresh $TMPDIR */

static gint64
count (const char *sql)
{
  return app_test_query_int (session, sql);
}

static YkAttachmentOwner
person (const char *case_no)
{
  YkAttachmentOwner owner = { 0 };

  owner.client_id = yk_db_client_find_case_no (app_test_connection (session), case_no, NULL);
  g_assert_cmpint (owner.client_id, >, 0);
  return owner;
}

static YkAttachmentOwner
activity (const char *activity_no)
{
  YkAttachmentOwner owner = { 0 };

  owner.activity_id = yk_db_activity_find_no (app_test_connection (session), activity_no);
  g_assert_cmpint (owner.activity_id, >, 0);
  return owner;
}

/* A picture of w × h; noisy ones do not compress (a PNG of several
 * chunks). `comment` goes into a PNG tEXt chunk as it is. */
static GBytes *
make_picture (const char *type, int w, int h, gboolean noisy, const char *comment)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  char *buffer = NULL;
  gsize size = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w * 3; x++)
      pixels[y * stride + x] = noisy ? (guint8) g_rand_int (rand) : (guint8) (x + y);
  if (comment != NULL)
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, "tEXt::Comment", comment, NULL);
  else
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, NULL);
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

static cairo_status_t
append_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A two-page PDF, made by cairo in memory. */
static GBytes *
make_pdf (void)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, out, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (int page = 0; page < 2; page++)
    {
      cairo_move_to (cr, 72, 72);
      cairo_show_text (cr, page == 0 ? "Sign-in sheet, page 1" : "Page 2");
      cairo_rectangle (cr, 72, 100, 400, 300);
      cairo_stroke (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

static void
assert_refused (YkSession *who, YkAttachmentOwner owner, const char *name, GBytes *content, const char *fragment)
{
  g_autoptr (GError) error = NULL;
  gint64 before = count ("SELECT count(*) FROM attachments");
  gint64 chunks = count ("SELECT count(*) FROM attachment_chunks");
  gint64 audit = count ("SELECT count(*) FROM audit WHERE action = 'attach'");
  gint64 id = 0;

  g_assert_false (yk_attachments_add (who, &owner, "form", name, content, &id, &error));
  g_assert_nonnull (error);
  g_test_message ("%s: %s", name, error->message);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("expected “%s” in “%s”", fragment, error->message);
  g_assert_cmpint (id, ==, 0);
  g_assert_cmpint (count ("SELECT count(*) FROM attachments"), ==, before);
  g_assert_cmpint (count ("SELECT count(*) FROM attachment_chunks"), ==, chunks);
  g_assert_cmpint (count ("SELECT count(*) FROM audit WHERE action = 'attach'"), ==, audit);
}

static gint64
add (YkSession *who, YkAttachmentOwner owner, const char *kind, const char *name, GBytes *content)
{
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  g_assert_true (yk_attachments_add (who, &owner, kind, name, content, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* --- the type check --- */

static void
test_type_check (void)
{
  g_autoptr (GBytes) png = make_picture ("png", 40, 30, FALSE, NULL);
  g_autoptr (GBytes) jpeg = make_picture ("jpeg", 40, 30, FALSE, NULL);
  g_autoptr (GBytes) pdf = make_pdf ();
  const guint8 *data;
  gsize size;
  struct
  {
    const char *name;
    GBytes *content;
    const char *type; /* NULL: refused */
  } cases[] = {
    { "a.png", png, YK_MEDIA_TYPE_PNG },   { "a.PNG", png, YK_MEDIA_TYPE_PNG },
    { "b.jpg", jpeg, YK_MEDIA_TYPE_JPEG }, { "b.jpeg", jpeg, YK_MEDIA_TYPE_JPEG },
    { "c.pdf", pdf, YK_MEDIA_TYPE_PDF },   { "a.pdf", png, NULL },
    { "b.png", jpeg, NULL },               { "c.jpg", pdf, NULL },
    { "c.txt", pdf, NULL },                { "c", pdf, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      const char *type;

      data = g_bytes_get_data (cases[i].content, &size);
      type = yk_attachment_check_type (cases[i].name, data, size, &error);
      g_assert_cmpstr (type, ==, cases[i].type);
      g_assert_true ((type == NULL) == (error != NULL));
    }
  g_assert_cmpint (YK_ATTACHMENT_MAX_SIZE, ==, 20971520);
}

/* --- refused files: a message, nothing stored --- */

static void
test_refused (void)
{
  YkAttachmentOwner owner = person ("SPQ-0001");
  g_autoptr (GBytes) png = make_picture ("png", 60, 40, FALSE, NULL);
  g_autoptr (GBytes) pdf = make_pdf ();
  g_autoptr (GBytes) truncated_pdf = g_bytes_new_from_bytes (pdf, 0, g_bytes_get_size (pdf) / 2);
  g_autoptr (GByteArray) bad_jpeg = g_byte_array_new ();
  g_autoptr (GBytes) bad_jpeg_bytes = NULL;
  g_autoptr (GByteArray) bad_png = g_byte_array_new ();
  g_autoptr (GBytes) bad_png_bytes = NULL;
  g_autoptr (GByteArray) bad_pdf = g_byte_array_new ();
  g_autoptr (GBytes) bad_pdf_bytes = NULL;
  g_autofree char *big_path = g_build_filename (test_db.dir, "too-big.png", NULL);
  g_autofree guint8 *big = g_malloc0 (YK_ATTACHMENT_MAX_SIZE + 1);
  g_autoptr (GError) error = NULL;
  static const guint8 jpeg_start[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0 };
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (png, &size);

  /* A JPEG's start and end around nonsense. */
  g_byte_array_append (bad_jpeg, jpeg_start, sizeof jpeg_start);
  for (int i = 0; i < 500; i++)
    g_byte_array_append (bad_jpeg, (const guint8 *) "\x13\x37", 2);
  g_byte_array_append (bad_jpeg, (const guint8 *) "\xff\xd9", 2);
  bad_jpeg_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&bad_jpeg));
  assert_refused (session, owner, "扫描.jpg", bad_jpeg_bytes, "扫描.jpg");

  assert_refused (session, owner, "consent.pdf", truncated_pdf, "not a whole file");
  assert_refused (session, owner, "picture.pdf", png, "is a PNG picture, not a PDF document");
  assert_refused (session, owner, "notes.txt", png, "only PDF documents");

  /* A PNG whose pixel data is damaged: signature and IEND intact. */
  g_byte_array_append (bad_png, data, (guint) size);
  for (gsize i = 60; i < size - 20; i++)
    bad_png->data[i] ^= 0x5a;
  bad_png_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&bad_png));
  assert_refused (session, owner, "broken.png", bad_png_bytes, "does not decode");

  /* A PDF that begins and ends as one, with nothing poppler can read. */
  g_byte_array_append (bad_pdf, (const guint8 *) "%PDF-1.7\ngarbage garbage\n%%EOF\n", 32);
  bad_pdf_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&bad_pdf));
  assert_refused (session, owner, "empty.pdf", bad_pdf_bytes, "cannot be opened as a PDF document");

  /* 20 MiB and one byte, as a file: refused by its size, the message
   * naming the limit. */
  memcpy (big, data, size);
  g_assert_true (g_file_set_contents (big_path, (const char *) big, YK_ATTACHMENT_MAX_SIZE + 1, NULL));
  g_assert_false (yk_attachments_add_file (session, &owner, "photo", big_path, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "20,971,520"));
  g_assert_nonnull (strstr (error->message, "20971521"));
  g_clear_error (&error);
  g_assert_cmpint (count ("SELECT count(*) FROM attachments"), ==, 0);
  g_unlink (big_path);

  /* Bad kinds and owners. */
  g_assert_false (yk_attachments_add (session, &owner, "selfie", "a.png", png, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);
  owner.client_id = 999999;
  g_assert_false (yk_attachments_add (session, &owner, "photo", "a.png", png, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_assert_cmpint (count ("SELECT count(*) FROM attachments"), ==, 0);
}

/* --- stored, listed, read back --- */

static void
test_add_list_read (void)
{
  YkAttachmentOwner owner = person ("SPQ-0002");
  YkAttachmentOwner sheet = activity ("SPQ-A0001");
  g_autoptr (GBytes) png = make_picture ("png", 600, 500, TRUE, NULL);
  g_autoptr (GBytes) jpeg = make_picture ("jpeg", 300, 200, FALSE, NULL);
  g_autoptr (GBytes) pdf = make_pdf ();
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) sheets = NULL;
  g_autoptr (GError) error = NULL;
  gint64 png_id, jpeg_id, pdf_id;

  g_assert_cmpuint (g_bytes_get_size (png), >, 3 * YK_ATTACHMENT_CHUNK_SIZE);
  png_id = add (session, owner, "form", "/home/someone/扫描 随访表.png", png);
  jpeg_id = add (session, owner, "photo", "photo.JPG", jpeg);
  pdf_id = add (session, sheet, "sign-in", "签到表.pdf", pdf);

  rows = yk_attachments_list (session, owner.client_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (((YkAttachmentRow *) rows->pdata[0])->id, ==, png_id);
  /* The folder is not kept. */
  g_assert_cmpstr (((YkAttachmentRow *) rows->pdata[0])->file_name, ==, "扫描 随访表.png");
  g_assert_cmpstr (((YkAttachmentRow *) rows->pdata[0])->media_type, ==, YK_MEDIA_TYPE_PNG);
  g_assert_cmpstr (((YkAttachmentRow *) rows->pdata[1])->kind, ==, "photo");
  g_assert_cmpint (((YkAttachmentRow *) rows->pdata[1])->byte_size, ==, (gint64) g_bytes_get_size (jpeg));
  sheets = yk_attachments_list (session, 0, sheet.activity_id, &error);
  g_assert_cmpuint (sheets->len, ==, 1);
  g_assert_cmpint (((YkAttachmentRow *) sheets->pdata[0])->id, ==, pdf_id);

  /* Chunks of 256 KiB, the last shorter. */
  g_assert_cmpint (app_test_query_int (session, "SELECT count(*) FROM attachment_chunks WHERE attachment_id = "
                                                "(SELECT max(id) - 2 FROM attachments)"),
                   ==, (gint64) (g_bytes_get_size (png) + YK_ATTACHMENT_CHUNK_SIZE - 1) / YK_ATTACHMENT_CHUNK_SIZE);
  g_assert_cmpint (count ("SELECT max(length(data)) FROM attachment_chunks"), ==, YK_ATTACHMENT_CHUNK_SIZE);

  for (guint i = 0; i < 3; i++)
    {
      gint64 id = (gint64[]){ png_id, jpeg_id, pdf_id }[i];
      GBytes *expected = (GBytes *[]){ png, jpeg, pdf }[i];
      g_autoptr (YkAttachmentRow) row = NULL;
      g_autoptr (GBytes) content = yk_attachments_read (session, id, &row, &error);

      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (content, expected));
      g_assert_cmpint (row->id, ==, id);
    }
  g_assert_cmpint (count ("SELECT count(*) FROM audit WHERE action = 'attach' AND record_table = 'attachments'"), ==,
                   3);
}

/* On one of a person's contacts: listed with the person; a contact of
 * someone else is refused. */
static void
test_on_contact (void)
{
  YkAttachmentOwner owner = person ("SPQ-0007");
  YkAttachmentOwner other = person ("SPQ-0008");
  g_autoptr (GBytes) jpeg = make_picture ("jpeg", 64, 48, FALSE, NULL);
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT min(id) FROM contacts WHERE client_id = %" G_GINT64_FORMAT
                                          " AND voided_at IS NULL",
                                          owner.client_id);
  gint64 id;

  owner.contact_id = count (sql);
  g_assert_cmpint (owner.contact_id, >, 0);
  id = add (session, owner, "photo", "家访.jpg", jpeg);
  rows = yk_attachments_list (session, owner.client_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((YkAttachmentRow *) rows->pdata[0])->id, ==, id);
  g_assert_cmpint (((YkAttachmentRow *) rows->pdata[0])->owner.contact_id, ==, owner.contact_id);

  other.contact_id = owner.contact_id;
  g_assert_false (yk_attachments_add (session, &other, "photo", "家访.jpg", jpeg, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
}

/* --- damage --- */

static void
test_damaged_chunk (void)
{
  YkAttachmentOwner owner = person ("SPQ-0003");
  g_autoptr (GBytes) png = make_picture ("png", 500, 400, TRUE, NULL);
  g_autoptr (GBytes) content = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 id = add (session, owner, "form", "damaged.png", png);

  /* Chunks are never changed: the schema refuses it. */
  sql = g_strdup_printf ("UPDATE attachment_chunks SET data = data WHERE attachment_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (sqlite3_exec (app_test_connection (session), sql, NULL, NULL, NULL), !=, SQLITE_OK);
  g_free (sql);

  /* A test's own way round that, as a flipped bit would do. */
  app_test_exec (session, "DROP TRIGGER attachment_chunks_no_update");
  sql = g_strdup_printf ("UPDATE attachment_chunks SET data = CAST (zeroblob (length (data)) AS BLOB) "
                         "WHERE attachment_id = %" G_GINT64_FORMAT " AND seq = 1",
                         id);
  app_test_exec (session, sql);
  content = yk_attachments_read (session, id, NULL, &error);
  g_assert_null (content);
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“damaged.png”"));
  g_assert_nonnull (strstr (error->message, "checksum"));
  g_clear_error (&error);

  /* A chunk cut short, and one missing. */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE attachment_chunks SET data = substr (data, 1, 100) "
                         "WHERE attachment_id = %" G_GINT64_FORMAT " AND seq = 0",
                         id);
  app_test_exec (session, sql);
  g_assert_null (yk_attachments_read (session, id, NULL, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "part 1 of"));
  g_clear_error (&error);
  app_test_exec (session, "DROP TRIGGER attachment_chunks_no_delete");
  g_free (sql);
  sql = g_strdup_printf ("DELETE FROM attachment_chunks WHERE attachment_id = %" G_GINT64_FORMAT " AND seq = 0", id);
  app_test_exec (session, sql);
  g_assert_null (yk_attachments_read (session, id, NULL, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "part 1 of"));
  g_assert_nonnull (strstr (error->message, "missing"));
  g_clear_error (&error);

  /* The triggers again, for the tests after this one; the damaged one is voided. */
  app_test_exec (session, "CREATE TRIGGER attachment_chunks_no_update BEFORE UPDATE ON attachment_chunks "
                          "BEGIN SELECT RAISE (ABORT, 'an attachment is never changed'); END");
  app_test_exec (session, "CREATE TRIGGER attachment_chunks_no_delete BEFORE DELETE ON attachment_chunks "
                          "BEGIN SELECT RAISE (ABORT, 'an attachment is never deleted'); END");
  g_assert_true (yk_attachments_void (session, id, "damaged in a test", &error));
  g_assert_no_error (error);
}

/* --- voiding and who may do what --- */

static void
test_void_and_scope (void)
{
  YkAttachmentOwner own = person ("SPQ-0004");
  YkAttachmentOwner other_site = person ("JL-0001");
  YkAttachmentOwner other_activity = activity ("JL-A0001");
  g_autoptr (GBytes) png = make_picture ("png", 50, 50, FALSE, NULL);
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *saved = g_build_filename (test_db.dir, "saved.png", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  gint64 mine, coordinators, jl;

  mine = add (worker, own, "photo", "mine.png", png);
  coordinators = add (session, own, "form", "theirs.png", png);
  jl = add (session, other_site, "form", "jl.png", png);

  /* Another site's person, activity and attachment do not exist for 李社工. */
  g_assert_false (yk_attachments_add (worker, &other_site, "photo", "x.png", png, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (yk_attachments_add (worker, &other_activity, "sign-in", "x.png", png, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  rows = yk_attachments_list (worker, other_site.client_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_null (yk_attachments_read (worker, jl, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A social worker voids their own, not a coordinator's. */
  g_assert_false (yk_attachments_void (worker, coordinators, "wrong person", &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_true (yk_attachments_void (worker, mine, "wrong person", &error));
  g_assert_no_error (error);
  rows = yk_attachments_list (session, own.client_id, 0, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((YkAttachmentRow *) rows->pdata[0])->id, ==, coordinators);
  g_assert_null (yk_attachments_read (session, mine, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count ("SELECT count(*) FROM audit WHERE action = 'void' AND record_table = 'attachments'"), >=, 1);

  /* 另存为: a coordinator's act, audited; a social worker's refused. */
  g_assert_false (yk_attachments_save (worker, coordinators, saved, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (g_file_test (saved, G_FILE_TEST_EXISTS));
  g_assert_true (yk_attachments_save (session, coordinators, saved, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (saved, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  g_assert_cmpint (count ("SELECT count(*) FROM audit WHERE action = 'attachment_save'"), ==, 1);
  g_assert_cmpstr (yk_audit_action_label ("attachment_save"), !=, "attachment_save");
  g_unlink (saved);
}

/* --- no plaintext anywhere --- */

static void
scan_tree (const char *path, guint *files)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, NULL))
        {
          (*files)++;
          if (memmem (contents, length, MARKER, strlen (MARKER)) != NULL)
            g_error ("the marker is in plaintext in %s", path);
        }
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      scan_tree (child, files);
    }
}

static GBytes *
read_file (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static gboolean
has_marker (GBytes *bytes)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  return memmem (data, size, MARKER, strlen (MARKER)) != NULL;
}

static void
test_no_plaintext (void)
{
  YkAttachmentOwner owner = person ("SPQ-0005");
  g_autoptr (GBytes) png = make_picture ("png", 700, 500, TRUE, MARKER);
  g_autoptr (GBytes) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *journal = g_strconcat (test_db.path, "-journal", NULL);
  g_autofree char *sql = NULL;
  sqlite3 *db = app_test_connection (session);
  guint files = 0;
  gint64 id = 0;

  g_assert_true (has_marker (png));
  /* A small cache: pages spill to the file before the commit. */
  app_test_exec (session, "PRAGMA cache_size = 10");

  /* Mid-transaction: the new pages written, the old ones in the journal. */
  g_assert_true (yk_db_begin (db, &error));
  g_assert_true (yk_attachments_add (session, &owner, "form", "marked.png", png, &id, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
  {
    g_autoptr (GBytes) journal_mid = read_file (journal);
    g_autoptr (GBytes) database_mid = read_file (test_db.path);

    g_assert_false (has_marker (journal_mid));
    g_assert_false (has_marker (database_mid));
    scan_tree (tmpdir, &files);
  }
  g_assert_true (yk_db_commit (db, &error));
  back = yk_attachments_read (session, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (has_marker (back));

  /* A transaction that rewrites the marker's pages puts their old
   * images, marker and all, into the journal: sealed like the pages. */
  app_test_exec (session, "BEGIN IMMEDIATE");
  app_test_exec (session, "DROP TRIGGER attachment_chunks_no_update");
  sql = g_strdup_printf ("UPDATE attachment_chunks SET data = CAST (zeroblob (length (data)) AS BLOB) "
                         "WHERE attachment_id = %" G_GINT64_FORMAT,
                         id);
  app_test_exec (session, sql);
  {
    g_autoptr (GBytes) journal_mid = read_file (journal);

    g_assert_cmpuint (g_bytes_get_size (journal_mid), >, g_bytes_get_size (png));
    g_assert_false (has_marker (journal_mid));
    scan_tree (tmpdir, &files);
  }
  app_test_exec (session, "ROLLBACK");
  app_test_exec (session, "PRAGMA cache_size = -2000");
  g_clear_pointer (&back, g_bytes_unref);
  back = yk_attachments_read (session, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, png));

  /* And after: the file, the saved-as copy aside, and all of $TMPDIR. */
  scan_tree (tmpdir, &files);
  g_test_message ("scanned %u files under %s", files, tmpdir);
  g_assert_cmpuint (files, >=, 3);
}

/* --- yukang split and the district view --- */

static void
test_split_and_district (void)
{
  YkAttachmentOwner owner = person ("SPQ-0006");
  YkAttachmentOwner jl_sheet = activity ("JL-A0002");
  g_autoptr (GBytes) png = make_picture ("png", 80, 60, FALSE, NULL);
  g_autoptr (GBytes) pdf = make_pdf ();
  g_autofree char *folder = g_build_filename (test_db.dir, "sites", NULL);
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GPtrArray) paths = g_ptr_array_new ();
  g_autoptr (YkDistrict) district = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GBytes) content = NULL;
  g_autoptr (GError) error = NULL;
  YkAttachmentOwner found;
  YkSession *view;

  add (session, owner, "consent", "同意书.png", png);
  add (session, jl_sheet, "sign-in", "sheet.pdf", pdf);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (yk_session_split (session, folder, &files, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (paths, ((YkSplitFile *) files->pdata[i])->path);
  g_ptr_array_add (paths, NULL);

  district = yk_district_open ((const char *const *) paths->pdata, APP_TEST_COORDINATOR, PW, &error);
  g_assert_no_error (error);
  view = yk_district_get_session (district);
  g_assert_true (yk_attachments_find_owner (view, "SPQ-0006", NULL, &found, &error));
  rows = yk_attachments_list (view, found.client_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  content = yk_attachments_read (view, ((YkAttachmentRow *) rows->pdata[0])->id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (content, png));
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&content, g_bytes_unref);
  g_assert_true (yk_attachments_find_owner (view, NULL, "JL-A0002", &found, &error));
  rows = yk_attachments_list (view, 0, found.activity_id, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  content = yk_attachments_read (view, ((YkAttachmentRow *) rows->pdata[0])->id, NULL, &error);
  g_assert_true (g_bytes_equal (content, pdf));

  /* Read only. */
  g_assert_false (yk_attachments_add (view, &found, "other", "more.png", png, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (yk_attachments_void (view, ((YkAttachmentRow *) rows->pdata[0])->id, "no", &error));
  g_assert_nonnull (error);
  g_clear_pointer (&district, yk_district_free);
  for (guint i = 0; i < files->len; i++)
    g_unlink (((YkSplitFile *) files->pdata[i])->path);
  g_rmdir (folder);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *template = g_build_filename (g_getenv ("TMPDIR") ? g_getenv ("TMPDIR") : "/tmp",
                                                "yukang-attachments-tmpdir-XXXXXX", NULL);
  int status;

  /* A fresh, empty $TMPDIR before anything asks where it is: whatever
   * any library writes there, the no-plaintext test scans. */
  tmpdir = g_mkdtemp (g_steal_pointer (&template));
  g_assert_nonnull (tmpdir);
  g_setenv ("TMPDIR", tmpdir, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpstr (g_get_tmp_dir (), ==, tmpdir);
  app_test_db_init (&test_db, "demo.ykdb");
  app_test_db_create (&test_db, APP_TEST_COORDINATOR, NULL, PW);
  app_test_db_add_worker (&test_db, "li", WORKER_PW, "SPQ", "李社工");
  session = g_steal_pointer (&test_db.coordinator);
  g_assert_true (yk_demo_fill (session, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);
  worker = app_test_db_open (&test_db, "li", WORKER_PW);

  g_test_add_func ("/app/attachments/type-check", test_type_check);
  g_test_add_func ("/app/attachments/refused", test_refused);
  g_test_add_func ("/app/attachments/add-list-read", test_add_list_read);
  g_test_add_func ("/app/attachments/on-contact", test_on_contact);
  g_test_add_func ("/app/attachments/damaged-chunk", test_damaged_chunk);
  g_test_add_func ("/app/attachments/void-and-scope", test_void_and_scope);
  g_test_add_func ("/app/attachments/no-plaintext", test_no_plaintext);
  g_test_add_func ("/app/attachments/split-and-district", test_split_and_district);
  status = g_test_run ();
  g_clear_pointer (&worker, yk_session_close);
  g_clear_pointer (&session, yk_session_close);
  app_test_db_clear (&test_db);
  app_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
