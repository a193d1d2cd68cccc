/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The state a person is in, as their reached contacts recorded it: the
 * follow-up list, the caseload and the case file read it the same way.
 * Each is one backwards seek into contacts_last_reached, which covers the
 * columns, for the service user `c`.
 *
 * A quick call may leave the condition or the risk level unrecorded; that
 * says nothing about the person, so those two are taken from the newest
 * reached contact that recorded them. Otherwise a call saved without the
 * form's details would turn 不稳定 into "not recorded" (counted as stable)
 * and give a person at risk three months instead of two weeks. */

/* A column of the newest reached, unvoided contact; `until` is more SQL
 * for the contact x, such as a bound on its date ("" for none). */
#define YK_DB_LAST_REACHED_UNTIL(column, until)                                                      \
  "(SELECT x." column " FROM contacts x WHERE x.client_id = c.id AND x.voided_at IS NULL "           \
  "AND x.reached = 1" until " ORDER BY x.contact_date DESC, x.id DESC LIMIT 1)"

/* The newest value a reached, unvoided contact recorded for `column`. */
#define YK_DB_LAST_RECORDED_UNTIL(column, until)                                                     \
  YK_DB_LAST_REACHED_UNTIL (column, " AND x." column " IS NOT NULL" until)

#define YK_DB_LAST_REACHED(column) YK_DB_LAST_REACHED_UNTIL (column, "")
#define YK_DB_LAST_RECORDED(column) YK_DB_LAST_RECORDED_UNTIL (column, "")
