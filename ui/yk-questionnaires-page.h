/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The Questionnaires screen of the main view: entering a day's paper
 * questionnaires (问卷) one after another. Site, date and kind stay
 * filled in; Enter saves and clears the respondent. Its `session`
 * property holds the YkUnlockedSession it shows; it is destroyed when
 * the app locks. `loading` is TRUE while the site's people load. */
#define YK_TYPE_QUESTIONNAIRES_PAGE (yk_questionnaires_page_get_type ())
G_DECLARE_FINAL_TYPE (YkQuestionnairesPage, yk_questionnaires_page, YK, QUESTIONNAIRES_PAGE, GtkWidget)

/* How many questionnaires the chosen site has on the chosen day. */
guint yk_questionnaires_page_get_day_count (YkQuestionnairesPage *self);
/* Links the next questionnaire to a person of the site (0, 0: nobody);
 * FALSE if the drop-down does not offer them. */
gboolean yk_questionnaires_page_choose_person (YkQuestionnairesPage *self,
                                               gint64                client_id,
                                               gint64                family_id);

G_END_DECLS
