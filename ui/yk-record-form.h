/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-form-drafts.h"
#include "yk-unlocked-session.h"
#include "yk-recording.h" /* the record types */

G_BEGIN_DECLS

/* What every recording dialog does the same way: errors shown under the
 * field at fault (the field keys of app/yk-record-rules.h), the draft kept
 * when the lock closes the dialog and given back when it reopens, and
 * reading the fields. Not a widget: each dialog owns one. */
typedef struct _YkRecordForm YkRecordForm;

YkRecordForm *yk_record_form_new (GtkWindow         *dialog,
                                  YkUnlockedSession *session,
                                  YkFormDrafts      *drafts,
                                  const char        *form_name,
                                  gint64             id);
void yk_record_form_free (YkRecordForm *form);

void yk_record_form_set_error_label (YkRecordForm *form,
                                     GtkWidget    *label);
void yk_record_form_set_expander (YkRecordForm *form,
                                  GtkWidget    *expander);
void yk_record_form_add_field (YkRecordForm *form,
                               const char   *field,
                               GtkWidget    *input,
                               GtkWidget    *error_label);

YkUnlockedSession *yk_record_form_get_unlocked (YkRecordForm *form);
YkSession *yk_record_form_get_session (YkRecordForm *form);

gboolean yk_record_form_restore_draft (YkRecordForm *form);
void yk_record_form_keep_draft (YkRecordForm *form);
void yk_record_form_close (YkRecordForm *form);
void yk_record_form_saved (YkRecordForm *form,
                           gint64        client_id);

void yk_record_form_clear_errors (YkRecordForm *form);
gboolean yk_record_form_fail (YkRecordForm *form,
                              const char   *field,
                              const char   *message);
gboolean yk_record_form_fail_error (YkRecordForm *form,
                                    const char   *field,
                                    const GError *error);
const char *yk_record_form_get_error (YkRecordForm *form,
                                      const char   *field);

char *yk_record_form_text (GtkWidget *input);
gboolean yk_record_form_date (YkRecordForm *form,
                              const char   *field,
                              GtkWidget    *entry,
                              gboolean      required,
                              char        **iso);
void yk_record_form_set_today (GtkWidget *entry);

const char *yk_record_form_choice (GtkWidget         *dropdown,
                                   const char *const *codes);
void yk_record_form_choose (GtkWidget         *dropdown,
                            const char *const *codes,
                            const char        *code);
void yk_record_form_fill_staff (GtkWidget *dropdown,
                                GPtrArray *staff,
                                gint64     selected_id);
gint64 yk_record_form_staff_id (GtkWidget *dropdown);
const char *yk_record_form_referral_source (GtkWidget *dropdown);
void yk_record_form_choose_referral_source (GtkWidget  *dropdown,
                                            const char *code);

void yk_record_form_class_add_shortcuts (GtkWidgetClass *widget_class);
YkClientRecord *yk_record_form_load_person (YkRecordForm *form,
                                            GtkWidget    *subtitle_label,
                                            gint64        client_id);

G_END_DECLS
