/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-dossier.h"
#include "yk-db-case-file.h"

G_BEGIN_DECLS

/* What the layout (yk-render-dossier.c) reads of a person. */
struct _YkDossierPerson
{
  YkCaseFile *file;        /* client, site and worker names, assessments (and their baseline) */
  GPtrArray *contacts;     /* YkDbCaseContact, live, oldest first */
  GPtrArray *family;       /* YkDbCaseFamily, live, in the order written */
  GPtrArray *plan_goals;   /* YkDbCasePlanGoal, live, in the order written */
  GPtrArray *referrals;    /* YkDbCaseReferral, live, oldest first */
  GPtrArray *attachments;  /* YkDossierAttachment */
};

G_END_DECLS
