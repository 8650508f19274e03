/* SPDX-License-Identifier: GPL-2.0-only */
/* Harness internals shared by ctx.c, sandbox.c, probe.c, probe_run.c and runner.c. */
#ifndef NSC_INTERNAL_H
#define NSC_INTERNAL_H

#include <setjmp.h>
#include <stdatomic.h>

#include "nscheck.h"
#include "ns.h"
#include "sys.h"
#include "result.h"
#include "target.h"

enum nsc_mode {
	NSC_MODE_REAL,	    /* the case as declared */
	NSC_MODE_CONTROL,   /* flags withheld; must observe sharing */
	NSC_MODE_SELFCHECK, /* flags withheld; must end in FAIL */
};

/* Isolation check sites tracked per job (struct nsc_check_site). */
#define NSC_SITES_MAX 1024

/* The check sites of this binary (the "nsc_checks" section). */
unsigned int nsc_site_count(void);
const struct nsc_check_site *nsc_site_at(unsigned int idx);

/* Per-job memory shared by runner, case process and sandbox. */
struct nsc_shm {
	atomic_uint checks;			/* checks evaluated */
	atomic_uint failed;			/* FAIL checks */
	atomic_uint seq;			/* FAIL/ERROR/SKIP records so far */
	atomic_uint fail_seq;			/* order of the first FAIL, 0: none */
	atomic_uint error_seq;			/* ... of the first ERROR */
	atomic_uint skip_seq;			/* ... of the first SKIP */
	atomic_uint shared_seq;			/* control: order of the first sharing seen */
	atomic_uint nsfail_seq;			/* order of the first failed namespace creation */
	atomic_uchar site_eval[NSC_SITES_MAX];	/* isolation check sites evaluated */
	atomic_uchar site_fired[NSC_SITES_MAX]; /* ... that saw sharing (flags withheld) */
	uint64_t nsfail_flags;			/* ... its CLONE_NEW* flags */
	int nsfail_err;				/* ... its errno */
	atomic_int finished;			/* the case process ran to its end */
	atomic_int kernel_wait;			/* ... sleeps on the kernel (nsc_kernel_wait) */
	atomic_uint ndiag;
	int error_err; /* errno of the first ERROR */
	int skip_err;
	char fail_msg[512];  /* first FAIL message */
	char error_msg[512]; /* first ERROR message */
	char skip_reason[512];
	char skip_hint[256];
	char shared_msg[256]; /* what the control observed */
	struct nsc_diag diag[NSC_DIAG_MAX];
	atomic_uint nfinding;
	struct nsc_kv finding[NSC_FINDING_MAX];
	unsigned char data[NSC_SHARED_SIZE] __attribute__((aligned(16)));
};

struct nsc_ctx {
	const struct nsc_case *c;
	enum nsc_mode mode;
	uint64_t withheld; /* flags the sandbox layer drops */
	struct nsc_shm *shm;
	bool in_child;	  /* running in the sandbox */
	bool rootless;	  /* case process entered its own userns */
	unsigned int via; /* NSC_VIA_*: how the sandbox is created */
	pid_t child_pid;
	int child_pidfd;
	int done_fd;	    /* eventfd: tells the runner a kernel wait began or ended */
	int sandbox_cgroup; /* cgroup the sandbox starts in, or -1 */
	int sync_c2p[2];    /* child wakes parent */
	int sync_p2c[2];    /* parent wakes child */
	uid_t outer_uid;
	gid_t outer_gid;
	jmp_buf *leave;			 /* case-process hooks leave here */
	const struct nsc_target *target; /* target run: the process audited */
	pid_t target_pid;		 /* target case: whom the probe joins */
	int target_pidfd;
	char target_name[64];
	struct nsc_err err;
};

/*
 * Enter a user namespace of our own that maps our uid and gid to root
 * (the probe in rootless mode; the case process proves it by identity
 * too, sandbox.c).  0 or -errno.
 */
int nsc_userns_enter_root(struct nsc_err *err);

/* Case process entry: runs one job and never returns. */
void nsc_case_process(struct nsc_ctx *ctx) __attribute__((noreturn));

/* Leave the current hook (child: exit; case process: longjmp). */
void nsc_ctx_leave(struct nsc_ctx *ctx) __attribute__((noreturn));

/* Record an ERROR without leaving. */
void nsc_ctx_record_error(struct nsc_ctx *ctx, int errnum, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * A namespace creation (sandbox clone, outer unshare, nsc_unshare) failed
 * with @err: noted, so that an ERROR it causes can be classified as the
 * host restriction it is (harness/probe.c).
 */
void nsc_ctx_ns_failed(struct nsc_ctx *ctx, uint64_t flags, int err);

/* Record a FAIL (not an isolation check: no control semantics) and leave. */
void nsc_ctx_fail(struct nsc_ctx *ctx, const char *where, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));

/* FAIL "namespace not created": @how succeeded but @flag's namespace did not change. */
void nsc_ctx_not_created(struct nsc_ctx *ctx, uint64_t flag, const char *how)
	__attribute__((noreturn));

/*
 * unshare(@flags), then prove by identity that every namespace was
 * created (else FAIL "namespace not created", leaves).  Returns 0 or
 * -errno (ctx->err names @what).
 */
int nsc_unshare_checked(struct nsc_ctx *ctx, uint64_t flags, const char *what);

/* Target case: the target this run probes (control: the case process). */
void nsc_target_prepare(struct nsc_ctx *ctx);
/* Target case, probe child: join the target's namespaces (may fork). */
void nsc_target_join(struct nsc_ctx *ctx);
bool nsc_case_is_target(const struct nsc_case *c);

#endif
