// SPDX-License-Identifier: GPL-2.0-only
/* Creation paths and the --unsafe opt-in (see via.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ns.h"
#include "via.h"

static const struct {
	unsigned int bit;
	const char *name;
} paths[] = {
	{ NSC_VIA_CLONE3, "clone3" },
	{ NSC_VIA_CLONE, "clone" },
	{ NSC_VIA_UNSHARE, "unshare" },
};

#define NPATHS (sizeof(paths) / sizeof(paths[0]))

int nsc_via_parse(const char *s, unsigned int *via)
{
	for (size_t i = 0; s && i < NPATHS; i++)
		if (!strcmp(s, paths[i].name)) {
			*via = paths[i].bit;
			return 0;
		}
	return -EINVAL;
}

const char *nsc_via_name(unsigned int via)
{
	for (size_t i = 0; i < NPATHS; i++)
		if (via == paths[i].bit)
			return paths[i].name;
	return "clone3";
}

unsigned int nsc_via_allowed(const struct nsc_case *c)
{
	unsigned int v = c->via & NSC_VIA_ALL ? c->via & NSC_VIA_ALL : NSC_VIA_ALL;

	if (c->clone_flags & nsc_ns_clone3_only_flags())
		v &= ~NSC_VIA_CLONE;
	return v;
}

/* "--via clone3", "--via clone3 or --via unshare" */
static void list_paths(unsigned int v, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < NPATHS; i++) {
		int n;

		if (!(v & paths[i].bit))
			continue;
		n = snprintf(buf + off, len - off, "%s--via %s", off ? " or " : "", paths[i].name);
		if (n < 0 || (size_t)n >= len - off)
			return;
		off += (size_t)n;
	}
}

bool nsc_via_skip(const struct nsc_case *c, unsigned int via, char *reason, size_t rlen, char *hint,
		  size_t hlen)
{
	unsigned int ok = nsc_via_allowed(c);
	char need[64];
	const struct nsc_ns_info *ns;

	if (ok & via)
		return false;
	list_paths(ok, need, sizeof(need));
	if (via == NSC_VIA_CLONE && (c->clone_flags & nsc_ns_clone3_only_flags()) &&
	    (!c->via || (c->via & NSC_VIA_CLONE))) {
		ns = nsc_ns_by_flag(c->clone_flags & nsc_ns_clone3_only_flags() &
				    -(c->clone_flags & nsc_ns_clone3_only_flags()));
		snprintf(reason, rlen,
			 "needs %s: clone(2) cannot express %s (its bit is clone(2)'s exit signal)",
			 need, ns ? ns->flag_name : "a flag of the case");
	} else {
		snprintf(reason, rlen, "needs %s: the case runs on that creation path only (.via)",
			 need);
	}
	snprintf(hint, hlen, "run it with %s", need);
	return true;
}

bool nsc_unsafe_skip(const struct nsc_case *c, bool unsafe, char *reason, size_t rlen, char *hint,
		     size_t hlen)
{
	if (!c->unsafe || unsafe)
		return false;
	snprintf(reason, rlen,
		 "needs --unsafe (this case would act on the host if isolation were broken: %s)",
		 c->summary ? c->summary : c->id);
	snprintf(hint, hlen,
		 "run nscheck --unsafe on a machine you may disturb (a VM); it runs the case only after its namespaces were verified");
	return true;
}
