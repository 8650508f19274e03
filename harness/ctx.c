// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checks, errors and skips as cases record them.  Records go to the
 * job's shared memory, so a check in the sandbox and one in the case
 * process land in the same result.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static void copy_str(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

static void add_diag(struct nsc_ctx *ctx, const char *where, const char *msg, int errnum,
		     const char *expected, const char *got)
{
	unsigned int i = atomic_fetch_add(&ctx->shm->ndiag, 1);
	struct nsc_diag *d;

	if (i >= NSC_DIAG_MAX)
		return;
	d = &ctx->shm->diag[i];
	copy_str(d->where, sizeof(d->where), where);
	copy_str(d->message, sizeof(d->message), msg);
	d->err = errnum;
	copy_str(d->expected, sizeof(d->expected), expected);
	copy_str(d->got, sizeof(d->got), got);
}

/*
 * Number this record (1, 2, ...) and keep the number in @slot if it is the
 * first of its kind.  Returns true for the first: its message is kept.
 */
static bool record_first(struct nsc_ctx *ctx, atomic_uint *slot)
{
	unsigned int seq = atomic_fetch_add(&ctx->shm->seq, 1) + 1, none = 0;

	return atomic_compare_exchange_strong(slot, &none, seq);
}

/* The context's end in the sandbox child: flush, coverage, exit. */
void nsc_exit(struct nsc_ctx *ctx)
{
	fflush(stdout);
	fflush(stderr);
	nsc_cov_dump();
	_exit(0);
}

void nsc_ctx_leave(struct nsc_ctx *ctx)
{
	if (ctx->in_child || !ctx->leave)
		nsc_exit(ctx);
	longjmp(*ctx->leave, 1);
}

extern const struct nsc_check_site __start_nsc_checks[] __attribute__((weak));
extern const struct nsc_check_site __stop_nsc_checks[] __attribute__((weak));

unsigned int nsc_site_count(void)
{
	if (!__start_nsc_checks || !__stop_nsc_checks)
		return 0;
	/* cppcheck-suppress comparePointers ; the linker's bounds of one section */
	return (unsigned int)(__stop_nsc_checks - __start_nsc_checks);
}

const struct nsc_check_site *nsc_site_at(unsigned int idx)
{
	return idx < nsc_site_count() ? &__start_nsc_checks[idx] : NULL;
}

/* The site's index in the section, or -1 (beyond NSC_SITES_MAX: untracked). */
static int site_index(const struct nsc_check_site *site)
{
	unsigned int n = nsc_site_count();

	/* cppcheck-suppress comparePointers ; a site is one of the section's */
	if (!n || site < __start_nsc_checks || site >= __stop_nsc_checks)
		return -1;
	/* cppcheck-suppress comparePointers ; a site is one of the section's */
	n = (unsigned int)(site - __start_nsc_checks);
	return n < NSC_SITES_MAX ? (int)n : -1;
}

bool nsc_check(struct nsc_ctx *ctx, const struct nsc_check_site *site, bool ok,
	       const char *expected, const char *got, const char *fmt, ...)
{
	bool isolation = site->kind == NSC_CHK_ISOLATION;
	int idx = isolation ? site_index(site) : -1;
	char msg[NSC_DIAG_TEXT], where[80];
	va_list ap;

	atomic_fetch_add(&ctx->shm->checks, 1);
	if (idx >= 0)
		atomic_store(&ctx->shm->site_eval[idx], 1);
	if (ok)
		return true;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(where, sizeof(where), "%s:%d", site->file, site->line);
	/* Without the namespace (control, --self-check): this check can fire. */
	if (idx >= 0 && ctx->mode != NSC_MODE_REAL)
		atomic_store(&ctx->shm->site_fired[idx], 1);

	if (ctx->mode == NSC_MODE_CONTROL) {
		if (isolation) {
			/* The probe saw the shared object: it can see.  Go on. */
			if (record_first(ctx, &ctx->shm->shared_seq))
				copy_str(ctx->shm->shared_msg, sizeof(ctx->shm->shared_msg), msg);
			return false;
		}
		if (atomic_load(&ctx->shm->shared_seq)) {
			/* A consequence of the sharing seen. */
			if (site->kind == NSC_CHK_ASSERT)
				nsc_ctx_leave(ctx);
			return false;
		}
	}
	atomic_fetch_add(&ctx->shm->failed, 1);
	if (record_first(ctx, &ctx->shm->fail_seq))
		copy_str(ctx->shm->fail_msg, sizeof(ctx->shm->fail_msg), msg);
	add_diag(ctx, where, msg, 0, expected, got);
	if (site->kind == NSC_CHK_ASSERT)
		nsc_ctx_leave(ctx);
	return false;
}

void nsc_ctx_record_error(struct nsc_ctx *ctx, int errnum, const char *where, const char *fmt, ...)
{
	char msg[NSC_DIAG_TEXT];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (record_first(ctx, &ctx->shm->error_seq)) {
		ctx->shm->error_err = errnum;
		copy_str(ctx->shm->error_msg, sizeof(ctx->shm->error_msg), msg);
	}
	add_diag(ctx, where, msg, errnum, NULL, NULL);
}

void nsc_error_msg_at(struct nsc_ctx *ctx, int errnum, const char *file, int line, const char *msg)
{
	char where[80];

	/*
	 * After the control saw the sharing, later breakage is recorded but
	 * harmless if every isolation check had fired by then; if one had
	 * not, the control is unfinished, not blind (verdict.c).
	 */
	snprintf(where, sizeof(where), "%s:%d", file, line);
	nsc_ctx_record_error(ctx, errnum, where, "%s", msg);
	nsc_ctx_leave(ctx);
}

void nsc_error_at(struct nsc_ctx *ctx, int errnum, const char *file, int line, const char *fmt, ...)
{
	char msg[NSC_DIAG_TEXT];
	va_list ap;

	va_start(ap, fmt);
	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		msg[0] = '\0';
	va_end(ap);
	nsc_errno_append(msg, sizeof(msg), errnum);
	nsc_error_msg_at(ctx, errnum, file, line, msg);
}

long nsc_no_exhaustion_at(struct nsc_ctx *ctx, long ret, const char *file, int line, const char *what)
{
	if (ret == -EAGAIN || ret == -ENOMEM || ret == -EMFILE || ret == -ENFILE)
		nsc_error_at(ctx, (int)-ret, file, line, "%s", what);
	return ret;
}

void nsc_skip(struct nsc_ctx *ctx, int errnum, const char *hint, const char *fmt, ...)
{
	char reason[sizeof(ctx->shm->skip_reason)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	/*
	 * A skip after a failed check is an error of the case: whatever the
	 * host lacks, the failure was observed (and wins, see verdict.c).
	 */
	if (atomic_load(&ctx->shm->fail_seq))
		nsc_ctx_record_error(ctx, errnum, "nsc_skip", "skip after a failed check: %s",
				     reason);
	else if (record_first(ctx, &ctx->shm->skip_seq)) {
		copy_str(ctx->shm->skip_reason, sizeof(ctx->shm->skip_reason), reason);
		copy_str(ctx->shm->skip_hint, sizeof(ctx->shm->skip_hint), hint);
		ctx->shm->skip_err = errnum;
	}
	nsc_ctx_leave(ctx);
}

bool nsc_streq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

const char *nsc_fmt_ll(long long v)
{
	static __thread char buf[4][32];
	static __thread unsigned int slot;
	char *b = buf[slot++ % 4];

	snprintf(b, sizeof(buf[0]), "%lld", v);
	return b;
}

const char *nsc_fmt_str(const char *s)
{
	static __thread char buf[4][NSC_DIAG_VALUE];
	static __thread unsigned int slot;
	char *b = buf[slot++ % 4];

	if (!s)
		return "(null)";
	snprintf(b, sizeof(buf[0]), "\"%s\"", s);
	return b;
}

struct nsc_err *nsc_errbuf(struct nsc_ctx *ctx)
{
	static __thread struct nsc_err none;

	return ctx ? &ctx->err : &none;
}

void *nsc_shared(struct nsc_ctx *ctx)
{
	return ctx->shm->data;
}

static int sync_fd(struct nsc_ctx *ctx, bool wake)
{
	if (ctx->in_child)
		return wake ? ctx->sync_c2p[1] : ctx->sync_p2c[0];
	return wake ? ctx->sync_p2c[1] : ctx->sync_c2p[0];
}

int nsc_sync_wake(struct nsc_ctx *ctx)
{
	char b = 1;

	if (write(sync_fd(ctx, true), &b, 1) != 1)
		return nsc_err_set(&ctx->err, errno ? errno : EPIPE, "sync wake");
	return 0;
}

int nsc_sync_wait(struct nsc_ctx *ctx)
{
	ssize_t n;
	char b;

	do
		n = read(sync_fd(ctx, false), &b, 1);
	while (n < 0 && errno == EINTR);
	if (n == 1)
		return 0;
	return nsc_err_setx(&ctx->err, EPIPE, "sync wait: the other side is gone");
}

pid_t nsc_child_pid(struct nsc_ctx *ctx)
{
	return ctx->child_pid;
}

int nsc_child_pidfd(struct nsc_ctx *ctx)
{
	return ctx->child_pidfd;
}

uint64_t nsc_sandbox_flags(struct nsc_ctx *ctx)
{
	return ctx->c->clone_flags & ~ctx->withheld;
}

const struct nsc_case *nsc_case_of(struct nsc_ctx *ctx)
{
	return ctx->c;
}

uid_t nsc_outer_uid(struct nsc_ctx *ctx)
{
	return ctx->outer_uid;
}

gid_t nsc_outer_gid(struct nsc_ctx *ctx)
{
	return ctx->outer_gid;
}

void nsc_ctx_ns_failed(struct nsc_ctx *ctx, uint64_t flags, int err)
{
	if (!record_first(ctx, &ctx->shm->nsfail_seq))
		return;
	ctx->shm->nsfail_flags = flags;
	ctx->shm->nsfail_err = err;
}

void nsc_ctx_fail(struct nsc_ctx *ctx, const char *where, const char *fmt, ...)
{
	char msg[NSC_DIAG_TEXT];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	atomic_fetch_add(&ctx->shm->checks, 1);
	atomic_fetch_add(&ctx->shm->failed, 1);
	if (record_first(ctx, &ctx->shm->fail_seq))
		copy_str(ctx->shm->fail_msg, sizeof(ctx->shm->fail_msg), msg);
	add_diag(ctx, where, msg, 0, NULL, NULL);
	nsc_ctx_leave(ctx);
}

void nsc_ctx_not_created(struct nsc_ctx *ctx, uint64_t flag, const char *how)
{
	const struct nsc_ns_info *ns = nsc_ns_by_flag(flag);

	nsc_ctx_fail(ctx, how,
		     "namespace not created: %s returned success, but the %s namespace is still the parent's",
		     how, ns ? ns->name : "?");
}

int nsc_unshare_checked(struct nsc_ctx *ctx, uint64_t flags, const char *what)
{
	struct nsc_ns_ids before, after;
	uint64_t same;
	int ret;

	ret = nsc_ns_ids_self(flags, true, &before, &ctx->err);
	if (ret < 0)
		return ret;
	if (unshare((int)flags) < 0) {
		nsc_ctx_ns_failed(ctx, flags, errno);
		return nsc_err_set(&ctx->err, errno, "%s", what);
	}
	ret = nsc_ns_ids_self(flags, true, &after, &ctx->err);
	if (ret < 0)
		return ret;
	same = nsc_ns_ids_same(&before, &after, flags);
	if (same)
		nsc_ctx_not_created(ctx, same, what);
	return 0;
}

/* Tell the runner to count us again (or not): it re-reads our record. */
static void kernel_wait_set(struct nsc_ctx *ctx, int on)
{
	if (ctx->in_child || ctx->done_fd <= 0 || !ctx->c->kernel_wait)
		return;
	atomic_store(&ctx->shm->kernel_wait, on);
	if (write(ctx->done_fd, &(uint64_t){ 1 }, sizeof(uint64_t)) < 0)
		ctx->done_fd = -1; /* then we keep our slot, as before */
}

void nsc_kernel_wait_begin(struct nsc_ctx *ctx)
{
	kernel_wait_set(ctx, 1);
}

void nsc_kernel_wait_end(struct nsc_ctx *ctx)
{
	kernel_wait_set(ctx, 0);
}

int nsc_unshare(struct nsc_ctx *ctx, uint64_t flags)
{
	char what[48];

	if (ctx)
		flags &= ~ctx->withheld;
	if (!flags)
		return 0;
	snprintf(what, sizeof(what), "unshare(0x%llx)", (unsigned long long)flags);
	if (ctx)
		return nsc_unshare_checked(ctx, flags, what);
	if (unshare((int)flags) < 0)
		return nsc_err_set(NULL, errno, "%s", what);
	return 0;
}
