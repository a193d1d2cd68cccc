/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Forward typedefs of app/, so its headers need not include each other
 * (nor, through them, SQLite) just to name a type. */

typedef struct _YkReader YkReader;
typedef struct _YkDistrict YkDistrict;
