// SPDX-License-Identifier: GPL-2.0-only
/* test.timeline_a (test-only): see timeline_case.h. */
#include "timeline_case.h"

TL_CASE(timeline_a);
