// SPDX-License-Identifier: GPL-2.0-only
/* Positive control: fixtures see the case API, their own headers and base. */
#include "base.h"
#include "fixture.h"
#include "nscheck.h"

int nsc_layering_ok_fixtures(void);
int nsc_layering_ok_fixtures(void)
{
	return NSC_SHARED_SIZE;
}
