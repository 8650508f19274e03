// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel log lines (see kmsg.h).  /dev/kmsg is opened for every line: the
 * kernel rate-limits each open file to a burst of 10 records per 5 s
 * (printk_devkmsg=ratelimit, the default), which kept 10 of 30 lines
 * written through one descriptor here, and 30 of 30 with one open per
 * line (what kselftest's "echo >> /dev/kmsg" does).  Each line ends in a
 * newline: without one the kernel holds the record open for a
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

static bool nsc_kmsg_on;

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
	fd = open(NSC_KMSG, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	w = fd < 0 ? -1 : write(fd, buf, (size_t)n);
	if (fd >= 0 && close(fd) < 0)
		w = -1;
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
