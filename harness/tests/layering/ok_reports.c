// SPDX-License-Identifier: GPL-2.0-only
/* Positive control: with reports/'s include path, its own and base headers compile. */
#include "base.h"
#include "err.h"
#include "reporter.h"

int nsc_layering_ok_reports(void);
int nsc_layering_ok_reports(void)
{
	return NSC_ERR_MSG_MAX;
}
