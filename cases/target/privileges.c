// SPDX-License-Identifier: GPL-2.0-only
/*
 * target.privileges: what the target may do beside its namespaces, from
 * /proc/PID/status and /proc/PID/attr, reported: effective and bounding
 * capabilities (all of this kernel's, or which), NoNewPrivs, the seccomp
 * mode and filter count, and its LSM label.  Full capabilities or no
 * seccomp are findings (--privileged gives both), not failures: they say
 * how the container was started.  Checked: the status fields are there
 * and well-formed.
 */
#include <stdio.h>
#include <stdlib.h>

#include "nscheck.h"
#include "target.h"

static const char *const cap_names[] = {
	"chown",
	"dac_override",
	"dac_read_search",
	"fowner",
	"fsetid",
	"kill",
	"setgid",
	"setuid",
	"setpcap",
	"linux_immutable",
	"net_bind_service",
	"net_broadcast",
	"net_admin",
	"net_raw",
	"ipc_lock",
	"ipc_owner",
	"sys_module",
	"sys_rawio",
	"sys_chroot",
	"sys_ptrace",
	"sys_pacct",
	"sys_admin",
	"sys_boot",
	"sys_nice",
	"sys_resource",
	"sys_time",
	"sys_tty_config",
	"mknod",
	"lease",
	"audit_write",
	"audit_control",
	"setfcap",
	"mac_override",
	"mac_admin",
	"syslog",
	"wake_alarm",
	"block_suspend",
	"audit_read",
	"perfmon",
	"bpf",
	"checkpoint_restore",
};
#define NCAPNAMES (sizeof(cap_names) / sizeof(cap_names[0]))

static int last_cap(void)
{
	long v;

	if (nsc_sysctl_get_long("/proc/sys/kernel/cap_last_cap", &v, NULL) < 0)
		v = -1;
	return v >= 0 && v < 64 ? (int)v : (int)NCAPNAMES - 1;
}

/* nscheck's own CapBnd: what any process here can have at most. */
static unsigned long long own_bounding(void)
{
	char line[128];
	unsigned long long v = ~0ULL;
	FILE *f = fopen("/proc/self/status", "re");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "CapBnd:", 7))
			v = strtoull(line + 7, NULL, 16);
	if (f)
		fclose(f);
	return v;
}

static void caps(struct nsc_ctx *ctx, const char *status, const char *field, const char *key)
{
	char v[64], list[NSC_KV_VALUE];
	unsigned long long mask, all;
	int last = last_cap(), n = 0;
	size_t o = 0;
	char *end;

	nsc_status_value(status, field, v, sizeof(v));
	mask = strtoull(v, &end, 16);
	NSC_EXPECT(ctx, v[0] && !*end, "%s of %s is a hex mask", field, nsc_target_name(ctx));
	all = last >= 63 ? ~0ULL : (1ULL << (last + 1)) - 1;
	list[0] = '\0';
	for (int i = 0; i <= last; i++)
		n += !!(mask & (1ULL << i));
	/* Name the fewer: those it has, or those it lacks. */
	for (int i = 0; i <= last; i++) {
		bool has = mask & (1ULL << i);

		if (has != (n <= (last + 1) / 2) || o + 24 >= sizeof(list))
			continue;
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s", o ? " " : "",
				      i < (int)NCAPNAMES ? cap_names[i] : "?");
	}
	if ((mask & all) == all)
		nsc_finding(ctx, key,
			    "0x%016llx: all %d capabilities of this kernel (full privileges)", mask,
			    last + 1);
	else if ((mask & own_bounding()) == own_bounding())
		/* Root here may lack some itself (a container host): as full as it gets. */
		nsc_finding(ctx, key,
			    "0x%016llx: %d of %d, every capability nscheck's own bounding set has (full privileges on this host), all but: %s",
			    mask, n, last + 1, list);
	else
		nsc_finding(ctx, key, "0x%016llx: %d of %d%s%s", mask, n, last + 1,
			    !n			? "" :
			    n <= (last + 1) / 2 ? ": " :
						  ", all but: ",
			    list);
}

static void lsm_label(struct nsc_ctx *ctx)
{
	static const char *const files[] = { "attr/apparmor/current", "attr/smack/current",
					     "attr/current" };
	char *buf = NULL;
	size_t len;

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		if (nsc_target_file(ctx, files[i], 4096, &buf, &len) == 0 && len) {
			buf[strcspn(buf, "\n")] = '\0';
			nsc_finding(ctx, "lsm_label", "%s (%s)", buf, files[i]);
			free(buf);
			return;
		}
		free(buf);
		buf = NULL;
	}
	nsc_finding(ctx, "lsm_label", "none (no LSM label readable)");
}

static void verify(struct nsc_ctx *ctx)
{
	char *status = nsc_target_status(ctx);
	char v[64], nf[32];
	long mode;

	caps(ctx, status, "CapEff", "cap_eff");
	caps(ctx, status, "CapBnd", "cap_bnd");
	nsc_status_value(status, "NoNewPrivs", v, sizeof(v));
	NSC_EXPECT(ctx, v[0] == '0' || v[0] == '1', "NoNewPrivs of %s is 0 or 1",
		   nsc_target_name(ctx));
	nsc_finding(ctx, "no_new_privs", "%s", v);
	nsc_status_value(status, "Seccomp", v, sizeof(v));
	nsc_status_value(status, "Seccomp_filters", nf, sizeof(nf));
	mode = v[0] ? strtol(v, NULL, 10) : -1;
	NSC_EXPECT(ctx, mode >= 0 && mode <= 2, "Seccomp of %s is 0, 1 or 2", nsc_target_name(ctx));
	nsc_finding(ctx, "seccomp", "%ld (%s)%s%s%s", mode,
		    mode == 0 ? "disabled: no seccomp filter" :
		    mode == 1 ? "strict" :
				"filter",
		    nf[0] ? ", " : "", nf, nf[0] ? " filters" : "");
	free(status);
	lsm_label(ctx);
}

NSC_CASE(target, privileges) = {
	.summary = "the target's capabilities, NoNewPrivs, seccomp mode and LSM label reported",
	.no_control = "reports the target's privileges: they describe how the container was "
		      "started, findings and no isolation check",
	.verify = verify,
	.min_kernel = "4.10",
	.anchors = NSC_ANCHORS("man:capabilities(7)", "man:seccomp(2)", "man:proc(5)"),
};
