/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-pdf.h"
#include "yk-app-error.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

void
yk_pdf_begin (YkPdf      *pdf,
              const char *path,
              const char *title)
{
  pdf->path = g_strdup (path);
  pdf->temporary = g_strdup_printf ("%s.yk-tmp", path);
  /* Made first, readable by its owner only: a report or a dossier holds
   * personal data (cairo's fopen keeps the mode of a file that exists).
   * If it cannot be made, cairo's own attempt reports the error. */
  {
    int fd = g_open (pdf->temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

    if (fd >= 0)
      {
        fchmod (fd, 0600);
        close (fd);
      }
  }
  pdf->surface = cairo_pdf_surface_create (pdf->temporary, YK_PDF_PAGE_WIDTH, YK_PDF_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATOR, "Yukang");
  pdf->cr = cairo_create (pdf->surface);
}

/* Ends the last page's drawing (the caller has shown it) and completes
 * the temporary file, not yet in place. */
gboolean
yk_pdf_end (YkPdf   *pdf,
            GError **error)
{
  cairo_status_t status;

  g_clear_pointer (&pdf->cr, cairo_destroy);
  cairo_surface_finish (pdf->surface);
  status = cairo_surface_status (pdf->surface);
  g_clear_pointer (&pdf->surface, cairo_surface_destroy);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FAILED, _("Could not write “%1$s”: %2$s"), pdf->path,
                   cairo_status_to_string (status));
      yk_pdf_discard (pdf);
      return FALSE;
    }
  return TRUE;
}

/* Puts the completed file under the name asked for. */
gboolean
yk_pdf_place (YkPdf   *pdf,
              GError **error)
{
  g_autofree char *path = g_steal_pointer (&pdf->path);
  g_autofree char *temporary = g_steal_pointer (&pdf->temporary);

  if (g_rename (temporary, path) != 0)
    {
      int saved = errno;

      g_unlink (temporary);
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FAILED, _("Could not write “%1$s”: %2$s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Removes the temporary file, whatever state it is in. */
void
yk_pdf_discard (YkPdf *pdf)
{
  g_clear_pointer (&pdf->cr, cairo_destroy);
  if (pdf->surface != NULL)
    cairo_surface_finish (pdf->surface);
  g_clear_pointer (&pdf->surface, cairo_surface_destroy);
  if (pdf->temporary != NULL)
    g_unlink (pdf->temporary);
  g_clear_pointer (&pdf->temporary, g_free);
  g_clear_pointer (&pdf->path, g_free);
}

gboolean
yk_pdf_finish (YkPdf   *pdf,
               GError **error)
{
  return yk_pdf_end (pdf, error) && yk_pdf_place (pdf, error);
}
