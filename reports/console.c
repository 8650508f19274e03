// SPDX-License-Identifier: GPL-2.0-only
/*
 * The human reports: the console (stderr: one line per case unless
 * quiet, a progress line on a terminal, a summary) and the environment
 * fingerprint for "nscheck --env".
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "backends.h"
#include "escape.h"

#define NSC_GREEN "\033[32m"
#define NSC_RED "\033[31m"
#define NSC_YELLOW "\033[33m"
#define NSC_BOLD "\033[1m"
#define NSC_RESET "\033[0m"

struct console_priv {
	unsigned int done, planned;
	int progress_shown;
};

static int console_begin(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err)
{
	struct console_priv *p = calloc(1, sizeof(*p));

	if (!p)
		return nsc_err_set(err, ENOMEM, "console reporter");
	p->planned = run->planned;
	r->priv = p;
	if (run->target && !r->opts.quiet) {
		fprintf(r->fp, "nscheck: auditing PID %d (", run->target->pid);
		nsc_term_text(r->fp, run->target->comm);
		fputs("), ", r->fp);
		nsc_term_text(r->fp, run->target->label);
		fputc('\n', r->fp);
	}
	return 0;
}

static const char *status_colour(enum nsc_status s)
{
	switch (s) {
	case NSC_PASS:
		return NSC_GREEN;
	case NSC_SKIP:
		return NSC_YELLOW;
	default:
		return NSC_RED;
	}
}

/* Spaces to pad @s to @width columns (bytes: ids are ASCII). */
static int pad(const char *s, int width)
{
	int n = s ? (int)strlen(s) : 0;

	return n < width ? width - n : 0;
}

static void clear_progress(struct nsc_reporter *r, struct console_priv *p)
{
	if (p->progress_shown)
		fputs("\r\033[K", r->fp);
	p->progress_shown = 0;
}

/*
 * "[3/29] net.veth_ping", cut to the terminal's width less one column: a
 * line that wrapped could not be erased by "\r\033[K".  Controls in the
 * id become '?' (as nsc_term_text() does).
 */
static void progress_line(FILE *fp, const struct console_priv *p, const char *id, int width)
{
	char line[256];
	int n = snprintf(line, sizeof(line), "[%u/%u] %s", p->done, p->planned, id ? id : "");

	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = (int)sizeof(line) - 1;
	if (width > 1 && n > width - 1)
		n = width - 1;
	for (int i = 0; i < n; i++) {
		unsigned char c = (unsigned char)line[i];

		fputc(c < 0x20 || c == 0x7f ? '?' : c, fp);
	}
}

static int console_result(struct nsc_reporter *r, const struct nsc_result *res, struct nsc_err *err)
{
	struct console_priv *p = r->priv;
	const char *st = nsc_status_name(res->status);
	FILE *fp = r->fp;

	if (!p)
		return nsc_err_setx(err, EINVAL, "console reporter: result before begin");
	p->done++;
	if (r->opts.quiet)
		return 0;
	clear_progress(r, p);
	if (r->opts.color)
		fprintf(fp, "%s%-5s%s ", status_colour(res->status), st, NSC_RESET);
	else
		fprintf(fp, "%-5s ", st);
	nsc_term_text(fp, res->id);
	fprintf(fp, "%*s %7.3f s", pad(res->id, 32), "", nsc_secs(res->duration));
	if (res->reason[0]) {
		fputs("  ", fp);
		nsc_term_text(fp, res->reason);
	}
	fputc('\n', fp);
	if (res->status != NSC_PASS && res->hint[0]) {
		fputs("      hint: ", fp);
		nsc_term_text(fp, res->hint);
		fputc('\n', fp);
	}
	for (unsigned int i = 0; res->status != NSC_SKIP && res->status != NSC_PASS &&
				 i < res->ndiag && i < NSC_DIAG_MAX;
	     i++) {
		const struct nsc_diag *d = &res->diag[i];

		fputs("      ", fp);
		nsc_term_text(fp, d->where);
		fputs(": ", fp);
		nsc_term_text(fp, d->message);
		if (d->err)
			fprintf(fp, " (%s)", nsc_errno_name(d->err));
		if (d->expected[0] || d->got[0]) {
			fputs(": expected \"", fp);
			nsc_term_text(fp, d->expected);
			fputs("\", got \"", fp);
			nsc_term_text(fp, d->got);
			fputc('"', fp);
		}
		fputc('\n', fp);
	}
	for (unsigned int i = 0; i < res->nfinding && i < NSC_FINDING_MAX; i++) {
		fputs("      ", fp);
		nsc_term_text(fp, res->finding[i].key);
		fputs(": ", fp);
		nsc_term_text(fp, res->finding[i].value);
		fputc('\n', fp);
	}
	if (r->opts.progress && p->done < p->planned) {
		progress_line(fp, p, res->id, r->opts.width);
		p->progress_shown = 1;
	}
	nsc_report_flush(r);
	return 0;
}

static int console_end(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err)
{
	struct console_priv *p = r->priv;
	const struct nsc_counts *c = &run->counts;
	int col = r->opts.color;
	FILE *fp = r->fp;

	if (p)
		clear_progress(r, p);
	fprintf(fp,
		"nscheck: %s%u passed%s, %s%u failed%s, %s%u skipped%s, %s%u errors%s in %.2f s%s\n",
		col && c->pass ? NSC_GREEN : "", c->pass, col && c->pass ? NSC_RESET : "",
		col && c->fail ? NSC_RED : "", c->fail, col && c->fail ? NSC_RESET : "",
		col && c->skip ? NSC_YELLOW : "", c->skip, col && c->skip ? NSC_RESET : "",
		col && c->error ? NSC_RED : "", c->error, col && c->error ? NSC_RESET : "",
		nsc_secs(run->duration), run->interrupted ? " (interrupted)" : "");
	nsc_report_flush(r);
	return 0;
}

static void console_free(struct nsc_reporter *r)
{
	free(r->priv);
}

const struct nsc_reporter_ops nsc_console_ops = {
	.name = "console",
	.to_stderr = true,
	.begin = console_begin,
	.result = console_result,
	.end = console_end,
	.free_priv = console_free,
};

static const char *or_unknown(const char *s)
{
	return s && *s ? s : "(unknown)";
}

/* "label            value\n", the value made safe for a terminal. */
static void line(FILE *fp, const char *label, const char *value)
{
	fprintf(fp, "%-16s ", label);
	nsc_term_text(fp, or_unknown(value));
	fputc('\n', fp);
}

static int env_begin(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err)
{
	const struct nsc_env *e = run->env;
	FILE *fp = r->fp;

	fprintf(fp, "nscheck %s\n", or_unknown(run->tool_version));
	if (!e) {
		fputs("environment: not collected\n", fp);
		return 0;
	}
	line(fp, "hostname", e->hostname);
	line(fp, "kernel", e->kernel_release);
	line(fp, "kernel version", e->kernel_version);
	line(fp, "arch", e->arch);
	line(fp, "os", e->os_pretty);
	line(fp, "os id", e->os_id);
	line(fp, "os version id", e->os_version_id);
	fprintf(fp, "%-16s %u\n", "euid", e->euid);
	line(fp, "mode", e->mode ? e->mode : "");
	fprintf(fp, "%-16s 0x%016" PRIx64 "\n", "CapEff", e->cap_eff);
	fprintf(fp, "%-16s %s\n", "seccomp",
		e->seccomp == 0 ? "off (0)" :
		e->seccomp == 1 ? "strict (1)" :
		e->seccomp == 2 ? "filter (2)" :
				  "unknown");
	line(fp, "LSMs", e->lsm);
	if (e->tainted_known)
		fprintf(fp, "%-16s %llu\n", "kernel tainted", e->tainted);
	else
		line(fp, "kernel tainted", "unreadable");
	fputs("kernel config (", fp);
	nsc_term_text(fp, e->kconfig_source[0] ? e->kconfig_source : "none found");
	fputs("):\n", fp);
	for (unsigned int i = 0; i < e->nkconfig && i < NSC_ENV_KCONFIG_MAX; i++) {
		fprintf(fp, "  %-32s ", e->kconfig[i].key);
		nsc_term_text(fp, e->kconfig[i].value);
		fputc('\n', fp);
	}
	fputs("sysctls:\n", fp);
	for (unsigned int i = 0; i < e->nsysctl && i < NSC_ENV_SYSCTL_MAX; i++) {
		fprintf(fp, "  %-44s ", e->sysctl[i].key);
		nsc_term_text(fp, e->sysctl[i].value);
		fputc('\n', fp);
	}
	return 0;
}

static int env_result(struct nsc_reporter *r, const struct nsc_result *res, struct nsc_err *err)
{
	return 0;
}

static int env_end(struct nsc_reporter *r, const struct nsc_run_info *run, struct nsc_err *err)
{
	return 0;
}

const struct nsc_reporter_ops nsc_env_ops = {
	.name = "env",
	.begin = env_begin,
	.result = env_result,
	.end = env_end,
	.free_priv = NULL,
};
