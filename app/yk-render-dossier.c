/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-config.h"
#include "yk-dossier-private.h"
#include "yk-record-rules.h"
#include "yk-render-private.h"
#include "yk-text.h"
#include "yk-transfer.h"
#include "yk-validate.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <string.h>

/* The dossier's layout (docs/design/dossier.md): each person from a new
 * page, their cover alone on it, then the sections in PRODUCT.md's
 * order. Everything is a block of known height — a heading, a table's
 * head, one row of a table, a line of text, the SDSS chart — laid out
 * down the pages first, so every page knows its "page x of y" before
 * the first is drawn, on a PDF surface or a printer's context alike.
 * A row or paragraph taller than a page (a note has no length limit) is
 * split at its lines as it is laid down: split_block (). */

#define BODY 8.5                /* points: tables of fields */
#define SMALL 7.0               /* the contacts and SDSS tables */
#define HEADING 12.0
#define MARGIN_TEXT 7.0         /* the running head and the footer */
#define HEAD_HEIGHT 20.0        /* the running head, above the content */
#define FOOT_HEIGHT 18.0        /* the footer, below it */
#define PAD 2.0                 /* inside a cell, left and right */
#define VPAD 2.0                /* inside a cell, above and below */
#define CHART_HEIGHT 170.0
#define CHART_SCALE 0.7

typedef struct
{
  const char *title;            /* translated; NULL in a table of fields */
  double share;                 /* of the width */
  double align;                 /* 0 left, 0.5 centre, 1 right */
} Column;

/* A table: its columns, and how its rows are drawn. */
typedef struct
{
  Column *columns;
  guint n_columns;
  double size;
  gboolean fields;              /* label, value, label, value…: labels grey, no head */
  double head_height;           /* 0: no head */
} Table;

typedef enum
{
  BLOCK_COVER,
  BLOCK_HEADING,
  BLOCK_TABLE_HEAD,
  BLOCK_ROW,
  BLOCK_TEXT,                   /* a line or paragraph: "None recorded", a legend */
  BLOCK_CHART,
  BLOCK_PICTURE,                /* an attached scan or photo, scaled to fit */
} BlockKind;

typedef struct
{
  BlockKind kind;
  guint person;
  Table *table;                 /* TABLE_HEAD, ROW */
  char **cells;                 /* ROW: one per column; NULL in the rest of a split row's note */
  char *text;                   /* HEADING, TEXT; a ROW's note under its cells */
  double size;                  /* TEXT */
  double cells_height;          /* ROW */
  gboolean runs_on;             /* ROW: split, the next block goes on with it: no rule under it */
  double height;
  cairo_surface_t *picture;     /* PICTURE, drawn at `scale` points a pixel */
  double scale;
  gboolean keep_with_next;      /* a heading, a table's head: never last on a page */
  gboolean continued;           /* a ROW first on a page: its table's head is drawn again above it */
  int page;
  double top;
} Block;

typedef struct
{
  guint person;
  int number;                   /* 1-based, within the person's pages */
  int first_block, end_block;
} Page;

struct _YkDossierDocument
{
  GPtrArray *people;
  char *printed_by;
  char *printed_at;
  double width, height;
  GPtrArray *tables;            /* Table */
  GArray *blocks;               /* Block */
  GArray *pages;                /* Page */
  int *person_pages;            /* pages per person */
  int unknown;
};

/* --- building blocks --- */

static void
table_free (Table *table)
{
  g_free (table->columns);
  g_free (table);
}

static void
block_clear (Block *block)
{
  g_strfreev (block->cells);
  g_free (block->text);
  g_clear_pointer (&block->picture, cairo_surface_destroy);
}

static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "—";
}

static double
cell_width (const YkDossierDocument *doc, const Table *table, guint column)
{
  return MAX (doc->width * table->columns[column].share - 2 * PAD, 1);
}

static double
cell_x (const YkDossierDocument *doc, const Table *table, guint column)
{
  double x = 0;

  for (guint c = 0; c < column; c++)
    x += doc->width * table->columns[c].share;
  return x;
}

static Table *
add_table (YkDossierDocument *doc, cairo_t *cr, const Column *columns, guint n_columns, double size, gboolean fields)
{
  Table *table = g_new0 (Table, 1);

  table->columns = g_memdup2 (columns, sizeof (Column) * n_columns);
  table->n_columns = n_columns;
  table->size = size;
  table->fields = fields;
  if (!fields)
    {
      for (guint c = 0; c < n_columns; c++)
        table->head_height = MAX (table->head_height,
                                  yk_render_text_height (cr, columns[c].title, size * 0.95, YK_RENDER_BOLD,
                                                         cell_width (doc, table, c)));
      table->head_height += 2 * VPAD + 1;
    }
  g_ptr_array_add (doc->tables, table);
  return table;
}

static Block *
add_block (YkDossierDocument *doc, BlockKind kind, guint person, double height)
{
  Block block = { 0 };

  block.kind = kind;
  block.person = person;
  block.height = height;
  g_array_append_val (doc->blocks, block);
  return &g_array_index (doc->blocks, Block, doc->blocks->len - 1);
}

static void
add_heading (YkDossierDocument *doc, cairo_t *cr, guint person, const char *text)
{
  Block *block = add_block (doc, BLOCK_HEADING, person,
                            10 + yk_render_text_height (cr, text, HEADING, YK_RENDER_BOLD, doc->width) + 5);

  block->text = g_strdup (text);
  block->keep_with_next = TRUE;
}

/* The width a TEXT block wraps at, and a ROW's note. */
static double
text_width (const YkDossierDocument *doc)
{
  return doc->width - 2 * PAD;
}

static double
note_width (const YkDossierDocument *doc)
{
  return doc->width - 6 * PAD;
}

static double
text_block_height (cairo_t *cr, const YkDossierDocument *doc, const char *text, double size)
{
  return yk_render_text_height (cr, text, size, YK_RENDER_REGULAR, text_width (doc)) + 2 * VPAD;
}

static void
add_text (YkDossierDocument *doc, cairo_t *cr, guint person, const char *text, double size)
{
  Block *block = add_block (doc, BLOCK_TEXT, person, text_block_height (cr, doc, text, size));

  block->text = g_strdup (text);
  block->size = size;
}

static void
add_table_head (YkDossierDocument *doc, guint person, Table *table)
{
  Block *block;

  if (table->head_height <= 0)
    return;
  block = add_block (doc, BLOCK_TABLE_HEAD, person, table->head_height);
  block->table = table;
  block->keep_with_next = TRUE;
}

/* A ROW's cells_height and height, from its cells and note. The rest
 * of a split note has no cells: a cell's padding above it, under the
 * table's head it may be drawn beneath. */
static void
measure_row (const YkDossierDocument *doc, cairo_t *cr, Block *block)
{
  const Table *table = block->table;
  double height = 0;

  if (block->cells != NULL)
    {
      for (guint c = 0; c < table->n_columns; c++)
        height = MAX (height, yk_render_text_height (cr, block->cells[c], table->size, YK_RENDER_REGULAR,
                                                     cell_width (doc, table, c)));
      height += 2 * VPAD;
    }
  else
    height = VPAD;
  block->cells_height = height;
  if (block->text != NULL)
    height += yk_render_text_height (cr, block->text, table->size, YK_RENDER_REGULAR, note_width (doc)) + VPAD;
  block->height = height;
}

/* A row of `table`: the NULL-terminated `cells` (taken), and a note
 * under them across the table (taken, may be NULL). */
static void
add_row (YkDossierDocument *doc, cairo_t *cr, guint person, Table *table, char **cells, char *note)
{
  Block *block;

  g_assert (g_strv_length (cells) == table->n_columns);
  block = add_block (doc, BLOCK_ROW, person, 0);
  block->table = table;
  block->cells = cells;
  if (note != NULL && *note != '\0')
    block->text = note;
  else
    g_free (note);
  measure_row (doc, cr, block);
}

/* The `n` cells of a row (NULL for one not recorded), each "—" when
 * empty. */
static char **
cells_new (guint n, ...)
{
  char **cells = g_new0 (char *, n + 1);
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    cells[i] = g_strdup (or_dash (va_arg (args, const char *)));
  va_end (args);
  return cells;
}

/* Label and value pairs, two to a row: the profile, consent. `pairs` is
 * n strings, label, value, label, value… (a value may be NULL); an odd
 * pair out ends a row alone. */
static void
add_fields (YkDossierDocument *doc, cairo_t *cr, guint person, const char *const *pairs, guint n)
{
  static const Column columns[] = {
    { NULL, 0.17, 0 }, { NULL, 0.33, 0 }, { NULL, 0.17, 0 }, { NULL, 0.33, 0 },
  };
  Table *table = add_table (doc, cr, columns, G_N_ELEMENTS (columns), BODY, TRUE);

  for (guint i = 0; i < n; i += 4)
    {
      char **cells = cells_new (4, pairs[i], pairs[i + 1], pairs[MIN (i + 2, n - 2)], pairs[MIN (i + 3, n - 1)]);

      /* An odd pair out: the row's second half left blank. */
      if (i + 2 >= n)
        {
          g_free (cells[2]);
          g_free (cells[3]);
          cells[2] = g_strdup ("");
          cells[3] = g_strdup ("");
        }
      add_row (doc, cr, person, table, cells, NULL);
    }
}

/* --- the sections, each from the person's data --- */

static const char *
status_label (const YkClientRecord *client)
{
  return client->voided_at != NULL ? _("Voided") : yk_case_status_label (client->status);
}

static const char *
contact_type_label (const char *type)
{
  return g_strcmp0 (type, "home_visit") == 0 ? _("Home visit") : _("Phone follow-up");
}

static const char *
medication_short_label (const char *medication)
{
  if (g_strcmp0 (medication, "regular") == 0)
    return C_("medication", "Regular");
  if (g_strcmp0 (medication, "intermittent") == 0)
    return C_("medication", "Intermittent");
  if (g_strcmp0 (medication, "none") == 0)
    return C_("medication", "None");
  if (g_strcmp0 (medication, "not_required") == 0)
    return C_("medication", "Not prescribed");
  return NULL;
}

static const char *
referral_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "hospital") == 0)
    return _("Hospital");
  if (g_strcmp0 (kind, "employment") == 0)
    return _("Employment");
  return _("Other service");
}

static char *
number_or_empty (int value)
{
  return value >= 0 ? g_strdup_printf ("%d", value) : NULL;
}

static void
add_none (YkDossierDocument *doc, cairo_t *cr, guint person)
{
  add_text (doc, cr, person, _("None recorded"), BODY);
}

static void
add_cover (YkDossierDocument *doc, guint person)
{
  add_block (doc, BLOCK_COVER, person, doc->height);
}

/* Consent: today the informed-consent date the intake requires. The
 * consent records (who signed, form, scope, withdrawal) join it here,
 * read into YkDossierPerson by yk_dossier_person_load (). */
/* The consent behind the case file (docs/design/file-format.md,
 * "Consent"), in the words of the case file's consent section. */
static const char *
consent_signer_label (const YkClientRecord *client)
{
  if (g_strcmp0 (client->consent_signer, "self") == 0)
    return C_("consent signer", "The person");
  if (g_strcmp0 (client->consent_signer, "guardian") == 0)
    return C_("consent signer", "Guardian");
  return C_("consent signer", "Not recorded");
}

static const char *
consent_form_label (const YkClientRecord *client)
{
  if (g_strcmp0 (client->consent_form, "written") == 0)
    return C_("consent form", "Written");
  if (g_strcmp0 (client->consent_form, "oral_recorded") == 0)
    return C_("consent form", "Oral, recorded");
  return C_("consent form", "Form not recorded");
}

static char *
consent_scope_text (const YkClientRecord *client)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();

  if (client->consent_scope & YK_CONSENT_SCOPE_CASE_FILE)
    g_ptr_array_add (parts, (gpointer) _("Keeping a case file"));
  if (client->consent_scope & YK_CONSENT_SCOPE_SERVICES)
    g_ptr_array_add (parts, (gpointer) _("Recording services"));
  if (client->consent_scope & YK_CONSENT_SCOPE_REPORTING)
    g_ptr_array_add (parts, (gpointer) _("Reporting in statistics"));
  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: between the items of a list on one line */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

static void
add_consent_section (YkDossierDocument *doc, cairo_t *cr, guint person, const YkClientRecord *client)
{
  g_autofree char *scope = consent_scope_text (client);
  const char *pairs[] = {
    _("Informed consent date"), client->consent_date,
    _("Signed by"), consent_signer_label (client),
    _("Guardian who signed"), client->consent_guardian,
    _("Form of consent"), consent_form_label (client),
    _("Consented to"), scope,
    _("Consent withdrawn on"), client->consent_withdrawn_date,
    _("Reason for withdrawing consent"), client->consent_withdrawal_reason,
  };

  add_heading (doc, cr, person, _("Consent"));
  add_fields (doc, cr, person, pairs, G_N_ELEMENTS (pairs));
}

static void
add_profile_section (YkDossierDocument *doc, cairo_t *cr, guint person, const YkCaseFile *file)
{
  const YkClientRecord *c = file->client;
  g_autofree char *risk = number_or_empty (c->risk_level);
  g_autofree char *guardian = NULL;
  const char *pairs[] = {
    _("Case number"), c->case_no, _("Name"), c->name,
    _("Gender"), c->gender, _("Birth date"), c->birth_date,
    _("Resident ID number"), c->id_number, _("Phone"), c->phone,
    _("Address"), c->address, _("Community"), c->community,
    _("Diagnosis"), c->diagnosis, _("Risk level"), risk,
    _("Guardian"), NULL, _("Guardian phone"), c->guardian_phone,
    _("Site"), file->site_name, _("Responsible social worker"), file->worker_name,
    _("Intake date"), c->intake_date, _("Stable at intake"), c->stable_at_intake ? _("Yes") : _("No"),
    _("Status"), status_label (c), _("Status date"), c->status_date,
    _("Status reason"), c->status_reason, _("Referral source"), yk_referral_source_label (c->referral_source),
  };

  if (c->guardian_name != NULL && *c->guardian_name != '\0')
    guardian = c->guardian_relation != NULL && *c->guardian_relation != '\0'
                 /* TRANSLATORS: a guardian's name and their relation to the person */
                 ? g_strdup_printf (_("%1$s (%2$s)"), c->guardian_name, c->guardian_relation)
                 : g_strdup (c->guardian_name);
  pairs[21] = guardian;
  add_heading (doc, cr, person, _("Profile"));
  add_fields (doc, cr, person, pairs, G_N_ELEMENTS (pairs));
}

static void
add_family_section (YkDossierDocument *doc, cairo_t *cr, guint person, GPtrArray *family)
{
  const Column columns[] = {
    { _("Family member number"), 0.2, 0 }, { _("Name"), 0.3, 0 }, { _("Relation"), 0.2, 0 }, { _("Phone"), 0.3, 0 },
  };
  Table *table;

  add_heading (doc, cr, person, _("Family"));
  if (family->len == 0)
    {
      add_none (doc, cr, person);
      return;
    }
  table = add_table (doc, cr, columns, G_N_ELEMENTS (columns), BODY, FALSE);
  add_table_head (doc, person, table);
  for (guint i = 0; i < family->len; i++)
    {
      const YkFamilyRecord *r = &((YkDbCaseFamily *) family->pdata[i])->record;

      add_row (doc, cr, person, table, cells_new (4, r->family_no, r->name, r->relation, r->phone), NULL);
    }
}

static void
add_plan_section (YkDossierDocument *doc, cairo_t *cr, guint person, GPtrArray *goals)
{
  const Column columns[] = {
    { _("Goal"), 0.34, 0 }, { _("Set on"), 0.13, 0 }, { _("Target date"), 0.13, 0 },
    { _("Review date"), 0.13, 0 }, { _("Progress"), 0.27, 0 },
  };
  Table *table;

  add_heading (doc, cr, person, _("Rehabilitation plan"));
  if (goals->len == 0)
    {
      add_none (doc, cr, person);
      return;
    }
  table = add_table (doc, cr, columns, G_N_ELEMENTS (columns), BODY, FALSE);
  add_table_head (doc, person, table);
  for (guint i = 0; i < goals->len; i++)
    {
      const YkDbCasePlanGoal *g = goals->pdata[i];
      const YkPlanGoalRecord *r = &g->record;

      add_row (doc, cr, person, table,
               cells_new (5, r->goal, g->created_on, r->target_date, r->review_date, r->progress), NULL);
    }
}

/* A part of a contact's note, when `value` was recorded; takes `text`. */
static void
add_note_part (GString *note, const char *value, char *text)
{
  if (value != NULL && *value != '\0')
    /* TRANSLATORS: separates the parts of a contact's note in the dossier */
    yk_text_append_part (note, _("; "), text);
  g_free (text);
}

/* The follow-up form's free-text fields, under the row of the others. */
static char *
contact_note (const YkContactRecord *r)
{
  g_autoptr (GString) note = g_string_new (NULL);

  /* TRANSLATORS: the parts of a contact's note in the dossier; %1$s is what was recorded */
  add_note_part (note, r->reached ? NULL : r->unreached_reason, g_strdup_printf (_("Not reached: %1$s"), r->unreached_reason));
  add_note_part (note, r->seen, g_strdup_printf (_("Seen: %1$s"), r->seen));
  add_note_part (note, r->dangerous_behaviour, g_strdup_printf (_("Dangerous behaviour: %1$s"), r->dangerous_behaviour));
  add_note_part (note, r->hospital_stays, g_strdup_printf (_("Hospital stays: %1$s"), r->hospital_stays));
  add_note_part (note, r->adverse_reactions, g_strdup_printf (_("Adverse reactions: %1$s"), r->adverse_reactions));
  add_note_part (note, r->measures, g_strdup_printf (_("Rehabilitation measures: %1$s"), r->measures));
  add_note_part (note, r->notes, g_strdup_printf (_("Notes: %1$s"), r->notes));
  return g_string_free (g_steal_pointer (&note), FALSE);
}

static void
add_contacts_section (YkDossierDocument *doc, cairo_t *cr, guint person, GPtrArray *contacts)
{
  /* Widths for what the cells hold: 基本稳定 and 电话随访 on one line,
   * 良好 in each social-function column, at SMALL on A4. */
  const Column columns[] = {
    { _("Date"), 0.09, 0 },
    { _("Type"), 0.075, 0 },
    { _("Social worker"), 0.075, 0 },
    { _("Reached"), 0.045, 0.5 },
    { C_("table head", "Minutes"), 0.05, 1 },
    { _("Condition"), 0.075, 0 },
    { _("Risk level"), 0.04, 0.5 },
    { _("Medication"), 0.07, 0 },
    { _("Insight"), 0.05, 0 },
    { _("Sleep"), 0.045, 0 },
    { _("Diet"), 0.045, 0 },
    { yk_record_field_label ("sf_self_care"), 0.05, 0 },
    { yk_record_field_label ("sf_housework"), 0.05, 0 },
    { yk_record_field_label ("sf_work"), 0.05, 0 },
    { yk_record_field_label ("sf_learning"), 0.05, 0 },
    { yk_record_field_label ("sf_social"), 0.05, 0 },
    { _("Next follow-up date"), 0.09, 0 },
  };
  Table *table;

  add_heading (doc, cr, person, _("Contacts"));
  if (contacts->len == 0)
    {
      add_none (doc, cr, person);
      return;
    }
  table = add_table (doc, cr, columns, G_N_ELEMENTS (columns), SMALL, FALSE);
  add_table_head (doc, person, table);
  for (guint i = 0; i < contacts->len; i++)
    {
      const YkDbCaseContact *c = contacts->pdata[i];
      const YkContactRecord *r = &c->record;
      g_autofree char *minutes = number_or_empty (r->duration_min);
      g_autofree char *risk = number_or_empty (r->risk_level);

      add_row (doc, cr, person, table,
               cells_new (17, r->date, contact_type_label (r->type), c->worker_name, r->reached ? C_("reached", "Yes") : C_("reached", "No"), minutes, yk_case_condition_label (r->condition), risk, medication_short_label (r->medication), r->insight, r->sleep, r->diet, r->social[0], r->social[1], r->social[2], r->social[3], r->social[4], r->next_date),
               contact_note (r));
    }
}

static void
add_sdss_section (YkDossierDocument *doc, cairo_t *cr, guint person, GPtrArray *assessments)
{
  static const char *const numbers[YK_SDSS_ITEMS] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "10" };
  Column columns[YK_SDSS_ITEMS + 3];
  g_autoptr (GString) legend = g_string_new (NULL);
  guint n_live = 0;
  Table *table;

  add_heading (doc, cr, person, _("SDSS assessments"));
  for (guint i = 0; i < assessments->len; i++)
    n_live += !((YkCaseAssessment *) assessments->pdata[i])->voided;
  if (n_live == 0)
    {
      add_none (doc, cr, person);
      return;
    }
  /* The chart the case file shows (yk_render_sdss_draw ()), then the
   * scores it is drawn from. */
  add_block (doc, BLOCK_CHART, person, CHART_HEIGHT + 6)->keep_with_next = TRUE;

  columns[0] = (Column) { _("Date"), 0.16, 0 };
  for (int k = 0; k < YK_SDSS_ITEMS; k++)
    columns[1 + k] = (Column) { numbers[k], 0.06, 0.5 };
  columns[YK_SDSS_ITEMS + 1] = (Column) { _("Total"), 0.09, 0.5 };
  columns[YK_SDSS_ITEMS + 2] = (Column) { "", 0.15, 0 };
  table = add_table (doc, cr, columns, G_N_ELEMENTS (columns), SMALL + 0.5, FALSE);
  add_table_head (doc, person, table);
  for (guint i = 0; i < assessments->len; i++)
    {
      const YkCaseAssessment *a = assessments->pdata[i];
      GPtrArray *cells;

      if (a->voided)
        continue;
      cells = g_ptr_array_new ();
      g_ptr_array_add (cells, g_strdup (a->date));
      for (int k = 0; k < YK_SDSS_ITEMS; k++)
        g_ptr_array_add (cells, a->items[k] == 9 ? g_strdup ("—") : g_strdup_printf ("%d", a->items[k]));
      g_ptr_array_add (cells, g_strdup_printf ("%d", a->total));
      g_ptr_array_add (cells, g_strdup (a->baseline ? _("Baseline") : ""));
      g_ptr_array_add (cells, NULL);
      add_row (doc, cr, person, table, (char **) g_ptr_array_free (cells, FALSE), NULL);
    }
  /* The legend stays with the table's last row. */
  g_array_index (doc->blocks, Block, doc->blocks->len - 1).keep_with_next = TRUE;
  for (int k = 0; k < YK_SDSS_ITEMS; k++)
    {
      g_autofree char *item = g_strdup_printf ("%d %s", k + 1, yk_sdss_item_name (k));
      yk_text_append_part (legend, _("; "), item);
    }
  g_string_append_c (legend, '\n');
  g_string_append (legend, _("Each item is scored 0–2; — marks an item that does not apply (recorded as 9), left out "
                             "of the total. A total of 2 or more marks a social-function deficit; the first "
                             "assessment is the baseline."));
  add_text (doc, cr, person, legend->str, SMALL);
}

static void
add_referrals_section (YkDossierDocument *doc, cairo_t *cr, guint person, GPtrArray *referrals)
{
  const Column columns[] = {
    { _("Date"), 0.14, 0 }, { _("Referred to"), 0.26, 0 }, { _("Reason"), 0.3, 0 }, { _("Outcome"), 0.3, 0 },
  };
  Table *table;

  add_heading (doc, cr, person, _("Referrals"));
  if (referrals->len == 0)
    {
      add_none (doc, cr, person);
      return;
    }
  table = add_table (doc, cr, columns, G_N_ELEMENTS (columns), BODY, FALSE);
  add_table_head (doc, person, table);
  for (guint i = 0; i < referrals->len; i++)
    {
      const YkReferralRecord *r = &((YkDbCaseReferral *) referrals->pdata[i])->record;
      g_autofree char *to = r->to_whom != NULL && *r->to_whom != '\0'
                              /* TRANSLATORS: where a person was referred: a kind (Hospital), then its name */
                              ? g_strdup_printf (_("%1$s: %2$s"), referral_kind_label (r->to_kind), r->to_whom)
                              : g_strdup (referral_kind_label (r->to_kind));

      add_row (doc, cr, person, table, cells_new (4, r->date, to, r->reason, r->outcome), NULL);
    }
}

/* The case's status over time: in the programme from the intake, and
 * the status it left it with (the record keeps the latest change). */
static void
add_status_section (YkDossierDocument *doc, cairo_t *cr, guint person, const YkClientRecord *c)
{
  const Column columns[] = { { _("Date"), 0.16, 0 }, { _("Status"), 0.2, 0 }, { _("Reason"), 0.64, 0 } };
  g_autofree char *from = yk_transfer_describe (c, FALSE), *to = yk_transfer_describe (c, TRUE);
  g_autofree char *opened = NULL, *left = NULL;
  Table *table;

  /* A transfer (迁移, docs/design/transfer.md): each case names the other. */
  opened = from != NULL ? g_strdup_printf ("%s · %s", _("Case file opened"), from) : g_strdup (_("Case file opened"));
  left = to != NULL ? g_strdup_printf ("%s · %s", c->status_reason != NULL ? c->status_reason : "", to)
                    : g_strdup (c->status_reason);
  add_heading (doc, cr, person, _("Status history"));
  table = add_table (doc, cr, columns, G_N_ELEMENTS (columns), BODY, FALSE);
  add_table_head (doc, person, table);
  add_row (doc, cr, person, table, cells_new (3, c->intake_date, C_("status", "Active"), opened), NULL);
  if (c->status != NULL && !g_str_equal (c->status, "active"))
    add_row (doc, cr, person, table, cells_new (3, c->status_date, yk_case_status_label (c->status), left), NULL);
  if (c->voided_at != NULL)
    add_row (doc, cr, person, table, cells_new (3, c->voided_at, _("Voided"), NULL), NULL);
}

static char *
size_text (gint64 size)
{
  return size >= 0 ? g_format_size (size) : NULL;
}

/* The attachments list, as given (docs/design/dossier.md): the files
 * themselves are never printed here, only named. */
static void
add_attachments_section (YkDossierDocument *doc, cairo_t *cr, guint person, GPtrArray *attachments)
{
  const Column columns[] = {
    { _("File"), 0.44, 0 }, { _("Kind"), 0.2, 0 }, { _("Attached on"), 0.18, 0 }, { _("Size"), 0.18, 1 },
  };
  Table *table;

  add_heading (doc, cr, person, _("Attachments"));
  if (attachments->len == 0)
    {
      add_text (doc, cr, person, _("No attachments"), BODY);
      return;
    }
  table = add_table (doc, cr, columns, G_N_ELEMENTS (columns), BODY, FALSE);
  add_table_head (doc, person, table);
  for (guint i = 0; i < attachments->len; i++)
    {
      const YkDossierAttachment *a = attachments->pdata[i];
      g_autofree char *size = size_text (a->size);

      add_row (doc, cr, person, table, cells_new (4, a->name, a->kind, a->date, size), NULL);
    }
}

/* A picture as it is drawn: at most this many pixels on its longer side
 * (about 200 dpi across A4's width), so a 20 MB scan stays small. */
#define PICTURE_MAX_PIXELS 1600

static void
picture_size_cb (GdkPixbufLoader *loader, int width, int height, gpointer user_data)
{
  double shrink = MIN (1.0, (double) PICTURE_MAX_PIXELS / MAX (width, height));

  if (shrink < 1.0)
    gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * shrink)), MAX (1, (int) (height * shrink)));
}

/* Decoded from memory (nothing written anywhere) into a cairo surface;
 * NULL if it does not decode (it did when it was attached). */
static cairo_surface_t *
picture_surface (GBytes *bytes)
{
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr (GdkPixbuf) oriented = NULL;
  GdkPixbuf *pixbuf;
  cairo_surface_t *surface;
  const guint8 *pixels;
  guint8 *out;
  int width, height, channels, stride, out_stride;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (picture_size_cb), NULL);
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, NULL) || !gdk_pixbuf_loader_close (loader, NULL) ||
      (pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) == NULL)
    return NULL;
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  width = gdk_pixbuf_get_width (oriented);
  height = gdk_pixbuf_get_height (oriented);
  channels = gdk_pixbuf_get_n_channels (oriented);
  stride = gdk_pixbuf_get_rowstride (oriented);
  pixels = gdk_pixbuf_read_pixels (oriented);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_flush (surface);
  out = cairo_image_surface_get_data (surface);
  out_stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = pixels + y * stride + x * channels;
        guint32 a = channels == 4 ? p[3] : 255;
        guint32 r = p[0] * a / 255, g = p[1] * a / 255, b = p[2] * a / 255;

        ((guint32 *) (out + y * out_stride))[x] = (a << 24) | (r << 16) | (g << 8) | b;
      }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* After the list: each picture, under its name, as wide as the page at
 * most and never taller than one (nor larger than a point a pixel). */
static void
add_pictures (YkDossierDocument *doc, cairo_t *cr, guint person, GPtrArray *attachments)
{
  double room = doc->height - FOOT_HEIGHT - 4 - HEAD_HEIGHT;

  for (guint i = 0; i < attachments->len; i++)
    {
      const YkDossierAttachment *a = attachments->pdata[i];
      cairo_surface_t *surface = a->picture != NULL ? picture_surface (a->picture) : NULL;
      double caption, scale, w, h;
      Block *block;

      if (surface == NULL)
        continue;
      w = cairo_image_surface_get_width (surface);
      h = cairo_image_surface_get_height (surface);
      caption = 10 + yk_render_text_height (cr, a->name, BODY, YK_RENDER_BOLD, doc->width) + 5;
      scale = MIN (1.0, MIN (doc->width / w, (room - caption - 4) / h));
      block = add_block (doc, BLOCK_TEXT, person, caption);
      block->text = g_strdup (a->name);
      block->size = BODY;
      block->keep_with_next = TRUE;
      block = add_block (doc, BLOCK_PICTURE, person, h * scale + 4);
      block->picture = surface;
      block->scale = scale;
    }
}

static void
add_person (YkDossierDocument *doc, cairo_t *cr, guint index)
{
  const YkDossierPerson *p = doc->people->pdata[index];

  add_cover (doc, index);
  add_consent_section (doc, cr, index, p->file->client);
  add_profile_section (doc, cr, index, p->file);
  add_family_section (doc, cr, index, p->family);
  add_plan_section (doc, cr, index, p->plan_goals);
  add_contacts_section (doc, cr, index, p->contacts);
  add_sdss_section (doc, cr, index, p->file->assessments);
  add_referrals_section (doc, cr, index, p->referrals);
  add_status_section (doc, cr, index, p->file->client);
  add_attachments_section (doc, cr, index, p->attachments);
  add_pictures (doc, cr, index, p->attachments);
}

/* --- splitting what is taller than a page --- */

/* How far down a page blocks may go: above the footer. */
static double
page_bottom (const YkDossierDocument *doc)
{
  return doc->height - FOOT_HEIGHT - 4;
}

/* The room a block has on a page of its own: under the running head,
 * and for a row under its table's head, which paginate () repeats. */
static double
empty_room (const YkDossierDocument *doc, const Block *b)
{
  double room = page_bottom (doc) - HEAD_HEIGHT;

  if (b->kind == BLOCK_ROW && b->table->head_height > 0)
    room -= b->table->head_height;
  return room;
}

/* Taller than any page, and made of lines: split as it is laid down
 * rather than drawn over the footer. A heading is never that tall; the
 * chart has its height; a picture is scaled to fit a page. */
static gboolean
is_tall (const YkDossierDocument *doc, const Block *b)
{
  return (b->kind == BLOCK_ROW || b->kind == BLOCK_TEXT) && b->height > empty_room (doc, b);
}

/* Where `text`, wrapped at `width` as yk_render_text () wraps it, is
 * cut so that its lines above the cut take at most `room` points (but
 * its first line however little the room): the byte index where the
 * first line that does not fit begins, strlen (text) if all do. Pango's
 * own line breaks, so each part wraps and draws as the whole did.
 * *used (may be NULL): the height of the lines above the cut. */
static gsize
cut_lines (cairo_t *cr, const char *text, double size, double width, double room, double *used)
{
  g_autoptr (PangoLayout) layout = yk_render_layout_new (cr, text, size, YK_RENDER_REGULAR, width);
  g_autoptr (PangoLayoutIter) iter = pango_layout_get_iter (layout);
  gsize cut = strlen (text);
  int bottom = 0;

  do
    {
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      /* As pango_layout_get_pixel_size () rounds the whole. */
      if (bottom > 0 && PANGO_PIXELS_CEIL (logical.y + logical.height) > room)
        {
          cut = pango_layout_iter_get_line_readonly (iter)->start_index;
          break;
        }
      bottom = PANGO_PIXELS_CEIL (logical.y + logical.height);
    }
  while (pango_layout_iter_next_line (iter));
  if (used != NULL)
    *used = bottom;
  return cut;
}

/* The part of `text` above `cut`, less the spaces or line break Pango
 * leaves at the end of a line (a trailing newline would draw an empty
 * line more). */
static char *
text_before (const char *text, gsize cut)
{
  return g_strchomp (g_strndup (text, cut));
}

/* The start of a row: its cells and the first line of its note, which
 * stay together, so no page ends on cells whose note is all overleaf. */
static double
row_start (const YkDossierDocument *doc, cairo_t *cr, const Block *b)
{
  double used = 0;

  if (b->text != NULL)
    {
      cut_lines (cr, b->text, b->table->size, note_width (doc), 0, &used);
      used += VPAD;
    }
  return b->cells_height + used;
}

/* What must fit where tall block `b` begins: its first line; a row's
 * start, or the first line of its cells if that is taller than a page. */
static double
first_part (const YkDossierDocument *doc, cairo_t *cr, const Block *b)
{
  double used = 0, start;

  if (b->kind == BLOCK_TEXT)
    {
      cut_lines (cr, b->text, b->size, text_width (doc), 0, &used);
      return used + 2 * VPAD;
    }
  start = row_start (doc, cr, b);
  if (b->cells == NULL || start <= empty_room (doc, b))
    return start;
  for (guint c = 0; c < b->table->n_columns; c++)
    {
      double line = 0;

      cut_lines (cr, b->cells[c], b->table->size, cell_width (doc, b->table, c), 0, &line);
      used = MAX (used, line);
    }
  return used + 2 * VPAD;
}

/* Tall block `b` as *head, taking at most `room` points (at least its
 * first line), and *rest, what follows it, of the same kind: FALSE if
 * there is no rest (a single line taller than a page, drawn whole as
 * before). A row's note runs on in rows without cells, drawn as the
 * note was, and under the table's head on a new page like any row, so
 * a page of note is seen to be the table's. A row whose cells alone
 * (with the note's first line) are taller than a page is cut across
 * its columns at the same height, so their lines stay side by side; its
 * note follows whole, to be split in turn. */
static gboolean
split_block (const YkDossierDocument *doc, cairo_t *cr, const Block *b, double room, Block *head, Block *rest)
{
  *head = (Block) { .kind = b->kind, .person = b->person, .table = b->table, .size = b->size };
  *rest = *head;
  rest->keep_with_next = b->keep_with_next;
  rest->runs_on = b->runs_on;
  if (b->kind == BLOCK_TEXT)
    {
      gsize cut = cut_lines (cr, b->text, b->size, text_width (doc), room - 2 * VPAD, NULL);

      head->text = text_before (b->text, cut);
      rest->text = b->text[cut] != '\0' ? g_strdup (b->text + cut) : NULL;
      head->height = text_block_height (cr, doc, head->text, b->size);
      if (rest->text != NULL)
        rest->height = text_block_height (cr, doc, rest->text, b->size);
    }
  else if (b->cells != NULL && row_start (doc, cr, b) > room)
    {
      const Table *table = b->table;
      gboolean more = FALSE;

      head->cells = g_new0 (char *, table->n_columns + 1);
      rest->cells = g_new0 (char *, table->n_columns + 1);
      for (guint c = 0; c < table->n_columns; c++)
        {
          gsize cut = cut_lines (cr, b->cells[c], table->size, cell_width (doc, table, c), room - 2 * VPAD, NULL);

          head->cells[c] = text_before (b->cells[c], cut);
          rest->cells[c] = g_strdup (b->cells[c] + cut);
          more |= b->cells[c][cut] != '\0';
        }
      if (!more)
        g_clear_pointer (&rest->cells, g_strfreev);
      rest->text = g_strdup (b->text);
      measure_row (doc, cr, head);
      if (rest->cells != NULL || rest->text != NULL)
        measure_row (doc, cr, rest);
    }
  else
    {
      gsize cut;

      /* Cells that fit with room to spare: only a note can be too tall. */
      g_assert (b->text != NULL);
      cut = cut_lines (cr, b->text, b->table->size, note_width (doc), room - b->cells_height - VPAD, NULL);

      head->cells = g_strdupv (b->cells);
      head->text = text_before (b->text, cut);
      rest->text = b->text[cut] != '\0' ? g_strdup (b->text + cut) : NULL;
      measure_row (doc, cr, head);
      if (rest->text != NULL)
        measure_row (doc, cr, rest);
    }
  if (rest->cells == NULL && rest->text == NULL)
    {
      /* Nothing to split off: the block as it was. */
      block_clear (head);
      *head = *b;
      head->cells = g_strdupv (b->cells);
      head->text = g_strdup (b->text);
      head->picture = NULL;
      return FALSE;
    }
  head->runs_on = TRUE;
  return TRUE;
}

/* --- pagination --- */

static void
start_page (YkDossierDocument *doc, guint person, int block)
{
  Page page = { person, 1, block, block };

  if (doc->pages->len > 0)
    {
      Page *last = &g_array_index (doc->pages, Page, doc->pages->len - 1);
      if (last->person == person)
        page.number = last->number + 1;
    }
  g_array_append_val (doc->pages, page);
}

/* What must fit with block i on its page: itself, and the blocks it
 * keeps with (a heading with the head and first row of its table); of
 * a block to be split, its first part. */
static double
needed (const YkDossierDocument *doc, cairo_t *cr, guint i)
{
  double height = 0;

  for (; i < doc->blocks->len; i++)
    {
      const Block *b = &g_array_index (doc->blocks, Block, i);

      if (is_tall (doc, b))
        return height + first_part (doc, cr, b);
      height += b->height;
      if (!b->keep_with_next)
        break;
    }
  return height;
}

static void
paginate (YkDossierDocument *doc, cairo_t *cr)
{
  double bottom = page_bottom (doc), y = 0;
  gboolean full = FALSE;

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *b = &g_array_index (doc->blocks, Block, i);
      const Block *previous = i > 0 ? &g_array_index (doc->blocks, Block, i - 1) : NULL;
      gboolean continued;

      if (b->kind == BLOCK_COVER || (previous != NULL && previous->kind == BLOCK_COVER))
        {
          start_page (doc, b->person, i);
          y = b->kind == BLOCK_COVER ? 0 : HEAD_HEIGHT;
        }
      else if (y > HEAD_HEIGHT && (full || y + needed (doc, cr, i) > bottom))
        {
          start_page (doc, b->person, i);
          y = HEAD_HEIGHT;
        }
      full = FALSE;
      /* A table running onto a new page: its head again, above the row. */
      continued = b->kind == BLOCK_ROW && y == HEAD_HEIGHT && b->table->head_height > 0;
      if (continued)
        y += b->table->head_height;
      /* Taller than a page: what fits here, the rest from the next page. */
      if (is_tall (doc, b))
        {
          Block head, rest;

          if (split_block (doc, cr, b, bottom - y, &head, &rest))
            {
              g_array_insert_val (doc->blocks, i + 1, rest);
              full = TRUE;
            }
          b = &g_array_index (doc->blocks, Block, i);
          block_clear (b);
          *b = head;
        }
      b->continued = continued;
      b->page = doc->pages->len - 1;
      b->top = y;
      y += b->height;
      g_array_index (doc->pages, Page, doc->pages->len - 1).end_block = i + 1;
    }
  doc->person_pages = g_new0 (int, MAX (doc->people->len, 1));
  for (guint p = 0; p < doc->pages->len; p++)
    doc->person_pages[g_array_index (doc->pages, Page, p).person]++;
}

YkDossierDocument *
yk_dossier_document_new (cairo_t    *cr,
                         GPtrArray  *people,
                         const char *printed_by,
                         GDateTime  *printed_at,
                         double      width,
                         double      height)
{
  g_autoptr (YkDossierDocument) doc = g_new0 (YkDossierDocument, 1);

  g_return_val_if_fail (cr != NULL, NULL);
  g_return_val_if_fail (people != NULL, NULL);
  g_return_val_if_fail (printed_at != NULL, NULL);

  doc->people = g_ptr_array_ref (people);
  doc->printed_by = g_strdup (printed_by != NULL ? printed_by : "—");
  doc->printed_at = g_date_time_format (printed_at, "%Y-%m-%d %H:%M");
  doc->width = width;
  doc->height = height;
  doc->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  doc->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (doc->blocks, (GDestroyNotify) block_clear);
  doc->pages = g_array_new (FALSE, TRUE, sizeof (Page));
  for (guint i = 0; i < people->len; i++)
    add_person (doc, cr, i);
  paginate (doc, cr);
  return g_steal_pointer (&doc);
}

void
yk_dossier_document_free (YkDossierDocument *doc)
{
  if (doc == NULL)
    return;
  g_ptr_array_unref (doc->people);
  g_free (doc->printed_by);
  g_free (doc->printed_at);
  g_ptr_array_unref (doc->tables);
  g_array_unref (doc->blocks);
  g_array_unref (doc->pages);
  g_free (doc->person_pages);
  g_free (doc);
}

int
yk_dossier_document_get_n_pages (const YkDossierDocument *doc)
{
  g_return_val_if_fail (doc != NULL, 0);
  return doc->pages->len;
}

guint
yk_dossier_document_get_page_person (const YkDossierDocument *doc,
                                     int                      page)
{
  g_return_val_if_fail (doc != NULL, 0);
  g_return_val_if_fail (page >= 0 && (guint) page < doc->pages->len, 0);
  return g_array_index (doc->pages, Page, page).person;
}

int
yk_dossier_document_get_unknown_glyphs (const YkDossierDocument *doc)
{
  g_return_val_if_fail (doc != NULL, 0);
  return doc->unknown;
}

/* --- drawing --- */

static double
show (YkDossierDocument *doc, cairo_t *cr, const char *text, double x, double y, double size, YkRenderFont font,
      double width, double align)
{
  return _yk_render_show (cr, text, x, y, size, font, width, align, &doc->unknown);
}

static void
grey (cairo_t *cr, double level)
{
  cairo_set_source_rgb (cr, level, level, level);
}

static void
draw_table_head (YkDossierDocument *doc, cairo_t *cr, const Table *table, double y)
{
  grey (cr, 0.92);
  cairo_rectangle (cr, 0, y, doc->width, table->head_height - 1);
  cairo_fill (cr);
  grey (cr, 0);
  for (guint c = 0; c < table->n_columns; c++)
    show (doc, cr, table->columns[c].title, cell_x (doc, table, c) + PAD, y + VPAD, table->size * 0.95,
          YK_RENDER_BOLD, cell_width (doc, table, c), table->columns[c].align);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, 0, y + table->head_height - 0.5);
  cairo_line_to (cr, doc->width, y + table->head_height - 0.5);
  cairo_stroke (cr);
}

static void
draw_row (YkDossierDocument *doc, cairo_t *cr, const Block *b)
{
  const Table *table = b->table;

  if (b->continued)
    draw_table_head (doc, cr, table, b->top - table->head_height);
  for (guint c = 0; b->cells != NULL && c < table->n_columns; c++)
    {
      gboolean label = table->fields && c % 2 == 0;

      grey (cr, label ? 0.35 : 0);
      show (doc, cr, b->cells[c], cell_x (doc, table, c) + PAD, b->top + VPAD, table->size, YK_RENDER_REGULAR,
            cell_width (doc, table, c), table->columns[c].align);
    }
  if (b->text != NULL)
    {
      grey (cr, 0.2);
      show (doc, cr, b->text, 4 * PAD, b->top + b->cells_height, table->size, YK_RENDER_REGULAR,
            note_width (doc), 0);
    }
  /* A row split over pages is ruled off where it ends. */
  if (b->runs_on)
    return;
  grey (cr, 0.75);
  cairo_set_line_width (cr, 0.3);
  cairo_move_to (cr, 0, b->top + b->height - 0.5);
  cairo_line_to (cr, doc->width, b->top + b->height - 0.5);
  cairo_stroke (cr);
}

static void
draw_chart (YkDossierDocument *doc, cairo_t *cr, const Block *b)
{
  static const YkRenderColour black = { 0, 0, 0, 1 };
  const YkDossierPerson *p = doc->people->pdata[b->person];
  GPtrArray *assessments = p->file->assessments;
  g_autofree YkRenderSdssPoint *points = g_new0 (YkRenderSdssPoint, MAX (assessments->len, 1));
  guint n = 0;

  /* As the case file feeds its chart (ui/yk-sdss-chart.c): live ones. */
  for (guint i = 0; i < assessments->len; i++)
    {
      const YkCaseAssessment *a = assessments->pdata[i];
      GDate day;

      if (a->voided || !yk_date_parse (a->date, &day, NULL))
        continue;
      points[n++] = (YkRenderSdssPoint) { a->date, g_date_get_julian (&day), CLAMP (a->total, 0, YK_RENDER_SDSS_MAX),
                                          a->baseline };
    }
  /* The chart's words are sized for the screen: scaled to sit beside
   * the tables' small print. */
  cairo_save (cr);
  cairo_translate (cr, 0, b->top);
  cairo_scale (cr, CHART_SCALE, CHART_SCALE);
  doc->unknown += yk_render_sdss_draw (cr, doc->width / CHART_SCALE, CHART_HEIGHT / CHART_SCALE, points, n, &black);
  cairo_restore (cr);
}

static void
draw_cover (YkDossierDocument *doc, cairo_t *cr, const Block *b)
{
  const YkDossierPerson *p = doc->people->pdata[b->person];
  const YkCaseFile *file = p->file;
  const YkClientRecord *c = file->client;
  guint reached = 0, live_assessments = 0;
  g_autofree char *status = NULL, *contacts = NULL, *assessments = NULL, *plan = NULL, *referrals = NULL;
  g_autofree char *family = NULL, *attachments = NULL, *printed = NULL;
  double y = doc->height * 0.14, label_right = doc->width * 0.36, value_left = doc->width * 0.40;

  for (guint i = 0; i < p->contacts->len; i++)
    reached += ((YkDbCaseContact *) p->contacts->pdata[i])->record.reached;
  for (guint i = 0; i < file->assessments->len; i++)
    live_assessments += !((YkCaseAssessment *) file->assessments->pdata[i])->voided;
  status = c->status_date != NULL && g_strcmp0 (c->status, "active") != 0
             /* TRANSLATORS: a status and the day it began */
             ? g_strdup_printf (_("%1$s since %2$s"), status_label (c), c->status_date)
             : g_strdup (status_label (c));
  /* TRANSLATORS: the dossier's cover: how many contacts it lists, and how many of them reached the person */
  contacts = g_strdup_printf (_("%1$u (%2$u reached)"), p->contacts->len, reached);
  assessments = g_strdup_printf ("%u", live_assessments);
  plan = g_strdup_printf ("%u", p->plan_goals->len);
  referrals = g_strdup_printf ("%u", p->referrals->len);
  family = g_strdup_printf ("%u", p->family->len);
  attachments = g_strdup_printf ("%u", p->attachments->len);

  grey (cr, 0);
  y += show (doc, cr, _("Case Dossier"), doc->width / 2, y, 26, YK_RENDER_BOLD, 0, 0.5) + 8;
  grey (cr, 0.3);
  y += show (doc, cr, or_dash (file->site_name), doc->width / 2, y, 12, YK_RENDER_REGULAR, 0, 0.5);
  y += 40;
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, doc->width * 0.15, y - 20);
  cairo_line_to (cr, doc->width * 0.85, y - 20);
  cairo_stroke (cr);

  {
    const char *pairs[] = {
      _("Case number"), c->case_no, _("Name"), c->name, _("Site"), file->site_name,
      _("Responsible social worker"), file->worker_name, _("Status"), status, _("Intake date"), c->intake_date,
      NULL,
    };

    for (guint i = 0; pairs[i] != NULL; i += 2)
      {
        double h;

        grey (cr, 0.35);
        show (doc, cr, pairs[i], label_right, y + 2, 11, YK_RENDER_REGULAR, 0, 1);
        grey (cr, 0);
        h = show (doc, cr, or_dash (pairs[i + 1]), value_left, y, 14, i < 4 ? YK_RENDER_BOLD : YK_RENDER_REGULAR,
                  doc->width - value_left, 0);
        y += MAX (h, 18) + 8;
      }
  }

  y += 24;
  grey (cr, 0);
  y += show (doc, cr, _("This dossier holds"), value_left, y, 10, YK_RENDER_BOLD, 0, 0) + 6;
  {
    const char *pairs[] = {
      _("Contacts"), contacts, _("SDSS assessments"), assessments, _("Plan goals"), plan,
      _("Referrals"), referrals, _("Family members"), family, _("Attachments"), attachments, NULL,
    };

    for (guint i = 0; pairs[i] != NULL; i += 2)
      {
        grey (cr, 0.35);
        show (doc, cr, pairs[i], label_right, y, 10, YK_RENDER_REGULAR, 0, 1);
        grey (cr, 0);
        y += show (doc, cr, pairs[i + 1], value_left, y, 10, YK_RENDER_REGULAR, 0, 0) + 4;
      }
  }

  /* TRANSLATORS: on the dossier's cover: %1$s is a person's name, %2$s a date and time */
  printed = g_strdup_printf (_("Printed by %1$s on %2$s from Yukang. It holds health information about a person: "
                               "keep it locked away, and destroy it when it is no longer needed. "
                               "Its printing is recorded in the audit trail."),
                             doc->printed_by, doc->printed_at);
  grey (cr, 0.3);
  show (doc, cr, printed, doc->width * 0.1, doc->height * 0.82, 8.5, YK_RENDER_REGULAR, doc->width * 0.8, 0.5);
}

static void
draw_running_head (YkDossierDocument *doc, cairo_t *cr, guint person)
{
  const YkCaseFile *file = ((YkDossierPerson *) doc->people->pdata[person])->file;
  g_autofree char *left = g_strdup_printf ("%s  %s", file->client->case_no, file->client->name);
  /* TRANSLATORS: the running head of the dossier's pages: %1$s is the site */
  g_autofree char *right = g_strdup_printf (_("Case dossier · %1$s"), or_dash (file->site_name));

  grey (cr, 0.35);
  show (doc, cr, left, 0, 0, MARGIN_TEXT, YK_RENDER_BOLD, 0, 0);
  show (doc, cr, right, doc->width, 0, MARGIN_TEXT, YK_RENDER_REGULAR, 0, 1);
  cairo_set_line_width (cr, 0.4);
  cairo_move_to (cr, 0, HEAD_HEIGHT - 8);
  cairo_line_to (cr, doc->width, HEAD_HEIGHT - 8);
  cairo_stroke (cr);
}

/* Who printed it, when, and page x of y — of the person's dossier, and
 * in a site's document of the whole, so a page found loose is placed. */
static void
draw_footer (YkDossierDocument *doc, cairo_t *cr, int page)
{
  const Page *p = &g_array_index (doc->pages, Page, page);
  /* TRANSLATORS: the footer of every page of a dossier: %1$s is who printed it, %2$s when */
  g_autofree char *printed = g_strdup_printf (_("Printed by %1$s, %2$s"), doc->printed_by, doc->printed_at);
  g_autofree char *number = NULL;
  double y = doc->height - MARGIN_TEXT * 1.5;

  if (doc->people->len > 1)
    /* TRANSLATORS: a page's number in one person's dossier, then in a document of several people's */
    number = g_strdup_printf (_("Page %1$d of %2$d (page %3$d of %4$d in all)"), p->number,
                              doc->person_pages[p->person], page + 1, doc->pages->len);
  else
    number = g_strdup_printf (_("Page %1$d of %2$d"), p->number, doc->person_pages[p->person]);
  grey (cr, 0.4);
  cairo_set_line_width (cr, 0.4);
  cairo_move_to (cr, 0, y - 4);
  cairo_line_to (cr, doc->width, y - 4);
  cairo_stroke (cr);
  show (doc, cr, printed, 0, y, MARGIN_TEXT, YK_RENDER_REGULAR, 0, 0);
  show (doc, cr, number, doc->width, y, MARGIN_TEXT, YK_RENDER_REGULAR, 0, 1);
}

void
yk_dossier_document_draw_page (YkDossierDocument *doc,
                               cairo_t           *cr,
                               int                page)
{
  const Page *p;

  g_return_if_fail (doc != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page >= 0 && (guint) page < doc->pages->len);

  p = &g_array_index (doc->pages, Page, page);
  cairo_save (cr);
  if (p->number > 1)
    draw_running_head (doc, cr, p->person);
  for (int i = p->first_block; i < p->end_block; i++)
    {
      const Block *b = &g_array_index (doc->blocks, Block, i);

      grey (cr, 0);
      switch (b->kind)
        {
        case BLOCK_COVER:
          draw_cover (doc, cr, b);
          break;
        case BLOCK_HEADING:
          show (doc, cr, b->text, 0, b->top + 10, HEADING, YK_RENDER_BOLD, doc->width, 0);
          break;
        case BLOCK_TABLE_HEAD:
          draw_table_head (doc, cr, b->table, b->top);
          break;
        case BLOCK_ROW:
          draw_row (doc, cr, b);
          break;
        case BLOCK_TEXT:
          grey (cr, 0.25);
          show (doc, cr, b->text, PAD, b->top + VPAD, b->size, YK_RENDER_REGULAR, text_width (doc), 0);
          break;
        case BLOCK_CHART:
          draw_chart (doc, cr, b);
          break;
        case BLOCK_PICTURE:
          cairo_save (cr);
          cairo_translate (cr, 0, b->top);
          cairo_scale (cr, b->scale, b->scale);
          cairo_set_source_surface (cr, b->picture, 0, 0);
          cairo_paint (cr);
          cairo_restore (cr);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  draw_footer (doc, cr, page);
  cairo_restore (cr);
}
