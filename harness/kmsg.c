// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel log lines (see kmsg.h).  The kernel rate-limits each open file of
 * /dev/kmsg to a burst of 10 records per 5 s (printk_devkmsg=ratelimit, the
 * default), which kept 10 of 30 lines written through one descriptor here:
 * a descriptor writes at most NSC_KMSG_BURST records and is then replaced
 * (30 of 30 kept).  Each open costs the kernel a walk of its log buffer:
 * one open per line took 12 % of the CPU time of --all.  Each line ends in
 * a newline: without one the kernel holds the record open for a
 * continuation, and the last line of a run did not show in dmesg.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kmsg.h"

#define NSC_KMSG "/dev/kmsg"
#define NSC_KMSG_LINE 512
#define NSC_KMSG_BURST 10 /* the kernel's per-file burst (DEFAULT_RATELIMIT_BURST) */

static bool nsc_kmsg_on;
static int nsc_kmsg_fd = -1;
static unsigned int nsc_kmsg_used; /* records written through nsc_kmsg_fd */

bool nsc_kmsg_usable(void)
{
	return geteuid() == 0 && access(NSC_KMSG, W_OK) == 0;
}

void nsc_kmsg_enable(bool on)
{
	nsc_kmsg_on = on;
}

/* Bytes a log line can carry: printable ASCII; the rest becomes '?'. */
static void clean(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			*s = '?';
}

static void emit(const char *line)
{
	char buf[NSC_KMSG_LINE + 32];
	ssize_t w;
	int fd, n;

	n = snprintf(buf, sizeof(buf), "<13>nscheck[%d]: %s\n", (int)getpid(), line);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf)) { /* cut, but keep the record's newline */
		n = (int)sizeof(buf) - 1;
		buf[n - 1] = '\n';
	}
	if (nsc_kmsg_fd >= 0 && nsc_kmsg_used >= NSC_KMSG_BURST) {
		close(nsc_kmsg_fd);
		nsc_kmsg_fd = -1;
	}
	if (nsc_kmsg_fd < 0) {
		nsc_kmsg_fd = open(NSC_KMSG, O_WRONLY | O_CLOEXEC | O_NOCTTY);
		nsc_kmsg_used = 0;
	}
	fd = nsc_kmsg_fd;
	w = fd < 0 ? -1 : write(fd, buf, (size_t)n);
	nsc_kmsg_used++;
	if (w != n) {
		fprintf(stderr,
			"nscheck: warning: cannot write to %s (%s): no more kernel log lines\n",
			NSC_KMSG, strerror(w < 0 ? errno : EIO));
		nsc_kmsg_on = false;
	}
}

void nsc_kmsg_start(unsigned int index, unsigned int total, const char *id)
{
	char line[NSC_KMSG_LINE];

	if (!nsc_kmsg_on)
		return;
	snprintf(line, sizeof(line), "start %u/%u %s", index, total, id ? id : "");
	clean(line);
	emit(line);
}

void nsc_kmsg_format_result(const struct nsc_result *res, char *buf, size_t len)
{
	const char *id = res->id ? res->id : "";

	switch (res->status) {
	case NSC_PASS:
		snprintf(buf, len, "ok %u %s", res->index, id);
		break;
	case NSC_SKIP:
		snprintf(buf, len, "ok %u %s # SKIP %.200s", res->index, id, res->reason);
		break;
	default:
		snprintf(buf, len, "not ok %u %s # %s %.200s", res->index, id,
			 nsc_status_name(res->status), res->reason);
		break;
	}
	clean(buf);
}

void nsc_kmsg_result(const struct nsc_result *res)
{
	char line[NSC_KMSG_LINE];

	if (!nsc_kmsg_on)
		return;
	nsc_kmsg_format_result(res, line, sizeof(line));
	emit(line);
}
