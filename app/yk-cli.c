/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-config.h"
#include "yk-cli-private.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

typedef int (*YkCommandFunc) (int argc, char **argv);

typedef struct
{
  const char *name;
  const char *summary; /* translated when printed */
  YkCommandFunc run;
} YkCommand;

static int run_help (int argc, char **argv);
static int run_version (int argc, char **argv);

/* The commands of docs/design/formats.md join this table as they are built. */
static const YkCommand commands[] = {
  { "init", N_("Create an encrypted database"), yk_cli_init },
  { "user", N_("List, add or remove accounts, change passwords or the database key"), yk_cli_user },
  { "import", N_("Import a ledger folder of CSV files, all or nothing"), yk_cli_import },
  { "export", N_("Write the ledger files (personal data) to a folder"), yk_cli_export },
  { "report", N_("The pilot’s figures for a period, as text, CSV, JSON, XLSX or PDF"), yk_cli_report },
  { "due", N_("Who is due or overdue for follow-up, as text, CSV, JSON or PDF"), yk_cli_due },
  { "dossier", N_("A person’s whole case file as a PDF to print, or a site’s people in one"), yk_cli_dossier },
  { "verify", N_("Check every page, the database and the audit trail"), yk_cli_verify },
  { "backup", N_("Write an encrypted copy of the database"), yk_cli_backup },
  { "snapshot", N_("Write a read-only snapshot of the database into a folder, for the district view"), yk_cli_snapshot },
  { "transfer", N_("Transfer a person to another site: their case is referred out, a linked one opened there"), yk_cli_transfer },
  { "split", N_("Write one database per site into a folder, from a database holding every site"), yk_cli_split },
  { "attach", N_("Store a PDF, JPEG or PNG file with a service user or an activity"), yk_cli_attach },
  { "attachments", N_("List the attachments of a service user or an activity"), yk_cli_attachments },
  { "training", N_("Record, list or void staff training sessions (training add|list|void)"), yk_cli_training },
  { "demo", N_("Fill a database with invented data to try Yukang with"), yk_cli_demo },
  { "help", N_("Show this help"), run_help },
  { "version", N_("Show the version"), run_version },
};

static const YkCommand *
find_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n  yukang [--db FILE]\n  yukang COMMAND [OPTION…]\n\n%s\n",
           _("Usage:"), _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-11s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n\n%s\n\n%s\n\n%s\n",
           _("Commands that open a database take --db FILE, --user NAME and --password-file FILE, "
             "or --recovery-key-file FILE in place of the password (forgotten password: "
             "yukang user passwd --db FILE --recovery-key-file FILE --account NAME)."),
           _("One password for several databases: “yukang init --key-from OTHER” and “yukang user add "
             "--key-from OTHER” copy a person’s key from a database they already have an account in."),
           _("report, verify and export also take --db more than once, or --district DIR, to see "
             "several site files as one district, read only."),
           _("With no command, Yukang opens its window. "
             "Run “yukang COMMAND --help” for a command’s options."));
}

static int
run_help (int argc, char **argv)
{
  print_usage (stdout);
  return YK_EXIT_OK;
}

static int
run_version (int argc, char **argv)
{
  printf ("yukang %s\n", PACKAGE_VERSION);
  return YK_EXIT_OK;
}

/* The command line is handled before GTK starts, so that every command
 * works with no display. --help and --version belong here too; any other
 * option (--db, GTK's own) is the window's. */
gboolean
yk_cli_wants (int argc, char **argv)
{
  const char *first;

  if (argc < 2)
    return FALSE;
  first = argv[1];
  if (first[0] != '-')
    return TRUE;
  return strcmp (first, "--help") == 0 || strcmp (first, "-h") == 0 ||
         strcmp (first, "--version") == 0;
}

int
yk_cli_run (int argc, char **argv)
{
  const char *name;
  const YkCommand *command;

  g_return_val_if_fail (argc >= 2, YK_EXIT_USAGE);

  name = argv[1];
  if (strcmp (name, "--help") == 0 || strcmp (name, "-h") == 0)
    name = "help";
  else if (strcmp (name, "--version") == 0)
    name = "version";

  command = find_command (name);
  if (command == NULL)
    {
      /* TRANSLATORS: %1$s is what was typed in place of a command */
      fprintf (stderr, _("yukang: unknown command “%1$s”\n"), name);
      print_usage (stderr);
      return YK_EXIT_USAGE;
    }
  return command->run (argc - 1, argv + 1);
}
