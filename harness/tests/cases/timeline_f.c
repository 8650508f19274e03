// SPDX-License-Identifier: GPL-2.0-only
/* test.timeline_f (test-only): see timeline_case.h. */
#include "timeline_case.h"

TL_CASE(timeline_f);
