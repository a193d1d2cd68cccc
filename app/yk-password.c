/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-password.h"
#include "yk-app-error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define MAX_PASSWORD 1024

void
yk_password_free (YkPassword *password)
{
  if (password == NULL)
    return;
  explicit_bzero (password, strlen (password));
  g_free (password);
}

/* Reads one line (without its line break) from fd, byte by byte, so
 * nothing past it is consumed. */
static char *
read_line (int fd)
{
  char buffer[MAX_PASSWORD + 1];
  gsize n = 0;
  char *line;

  for (;;)
    {
      char c;
      gssize got = read (fd, &c, 1);

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0 || c == '\n')
        break;
      if (n < MAX_PASSWORD)
        buffer[n++] = c;
    }
  if (n > 0 && buffer[n - 1] == '\r')
    n--;
  buffer[n] = '\0';
  line = g_strndup (buffer, n);
  explicit_bzero (buffer, sizeof buffer);
  return line;
}

static YkPassword *
read_from_file (const char *file,
                GError    **error)
{
  int fd = g_str_equal (file, "-") ? STDIN_FILENO : open (file, O_RDONLY | O_CLOEXEC);
  char *line;

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FAILED,
                   _("Could not read the password file “%1$s”: %2$s"), file, g_strerror (saved));
      return NULL;
    }
  line = read_line (fd);
  if (fd != STDIN_FILENO)
    close (fd);
  return line;
}

static YkPassword *
prompt_without_echo (int         tty,
                     const char *prompt)
{
  struct termios saved, quiet;
  gboolean restore;
  char *line;

  if (write (tty, prompt, strlen (prompt)) < 0)
    return NULL;
  restore = tcgetattr (tty, &saved) == 0;
  if (restore)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      quiet.c_lflag |= ECHONL;
      tcsetattr (tty, TCSAFLUSH, &quiet);
    }
  line = read_line (tty);
  if (restore)
    tcsetattr (tty, TCSAFLUSH, &saved);
  return line;
}

YkPassword *
yk_password_read (const char *file,
                  const char *prompt,
                  gboolean    confirm,
                  GError    **error)
{
  g_autoptr (YkPassword) first = NULL;
  g_autoptr (YkPassword) second = NULL;
  int tty;

  if (file != NULL)
    return read_from_file (file, error);

  tty = open ("/dev/tty", O_RDWR | O_CLOEXEC);
  if (tty < 0)
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_USAGE,
                           _("No terminal to ask for the password on; give it with --password-file"));
      return NULL;
    }
  first = prompt_without_echo (tty, prompt);
  if (first != NULL && confirm)
    {
      second = prompt_without_echo (tty, _("Type it again: "));
      if (second == NULL || strcmp (first, second) != 0)
        {
          close (tty);
          g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                               _("The two passwords are not the same"));
          return NULL;
        }
    }
  close (tty);
  return g_steal_pointer (&first);
}
