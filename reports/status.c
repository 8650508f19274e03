// SPDX-License-Identifier: GPL-2.0-only
/* Names of statuses and control outcomes, as every report spells them. */
#include "result.h"

const char *nsc_status_name(enum nsc_status s)
{
	switch (s) {
	case NSC_PASS:
		return "PASS";
	case NSC_FAIL:
		return "FAIL";
	case NSC_SKIP:
		return "SKIP";
	case NSC_ERROR:
		return "ERROR";
	}
	return "ERROR";
}

const char *nsc_control_name(enum nsc_control c)
{
	switch (c) {
	case NSC_CONTROL_NONE:
		return "none";
	case NSC_CONTROL_NOT_RUN:
		return "not-run";
	case NSC_CONTROL_SHARED:
		return "shared";
	case NSC_CONTROL_BLIND:
		return "blind";
	case NSC_CONTROL_ERROR:
		return "error";
	}
	return "error";
}
