// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipc.sysv_sysctls_private: the SysV IPC limits kernel.msgmax, msgmnb,
 * msgmni, shmmax, shmall, shmmni, sem and shm_rmid_forced belong to the
 * IPC namespace.  The sandbox writes a value to each that differs from
 * the outer one and reads it back; the case process (in its disposable
 * outer IPC namespace, never the host's) still reads its own values.
 * Control: without CLONE_NEWIPC the sandbox's writes land in the
 * disposable outer namespace and verify reads them.  Rootless it needs a
 * kernel that lets root of the owning user namespace write these (6.18
 * does, measured; the catalogue dates it ~5.19, not verified here);
 * elsewhere it SKIPs naming root.
 */
#include "ipc_sysctl.h"

struct sv_sysctl {
	const char *name, *a, *b; /* the value written: a, or b if the outer one is a */
};

static const struct sv_sysctl sv_sysctls[] = {
	{ "kernel/msgmax", "8000", "8001" },
	{ "kernel/msgmnb", "16000", "16001" },
	{ "kernel/msgmni", "3000", "3001" },
	{ "kernel/shmmax", "1048576", "2097152" },
	{ "kernel/shmall", "1048576", "2097152" },
	{ "kernel/shmmni", "3000", "3001" },
	{ "kernel/sem", "250 32000 32 128", "251 32000 32 128" },
	{ "kernel/shm_rmid_forced", "1", "0" },
};

#define SV_N (sizeof(sv_sysctls) / sizeof(sv_sysctls[0]))

struct sv_shared {
	char before[SV_N][NSC_IPC_VAL]; /* outer values before the sandbox ran */
	const char *set[SV_N];		/* what the sandbox writes */
};

static int setup(struct nsc_ctx *ctx)
{
	struct sv_shared *sh = nsc_shared_as(ctx, struct sv_shared);

	for (size_t i = 0; i < SV_N; i++) {
		nsc_ipc_sysctl_read(ctx, sv_sysctls[i].name, sh->before[i], NSC_IPC_VAL);
		sh->set[i] = strcmp(sh->before[i], sv_sysctls[i].a) ? sv_sysctls[i].a :
								      sv_sysctls[i].b;
	}
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct sv_shared *sh = nsc_shared_as(ctx, struct sv_shared);
	char now[NSC_IPC_VAL];

	for (size_t i = 0; i < SV_N; i++) {
		nsc_ipc_sysctl_write(ctx, sv_sysctls[i].name, sh->set[i]);
		nsc_ipc_sysctl_read(ctx, sv_sysctls[i].name, now, sizeof(now));
		NSC_EXPECT_STREQ(ctx, now, sh->set[i], "%s reads back inside", sv_sysctls[i].name);
	}
}

static void verify(struct nsc_ctx *ctx)
{
	struct sv_shared *sh = nsc_shared_as(ctx, struct sv_shared);
	char now[NSC_IPC_VAL];

	for (size_t i = 0; i < SV_N; i++) {
		nsc_ipc_sysctl_read(ctx, sv_sysctls[i].name, now, sizeof(now));
		NSC_ISOLATED_STRNE(ctx, now, sh->set[i], "%s written inside shows outside",
				   sv_sysctls[i].name);
		NSC_EXPECT_STREQ(ctx, now, sh->before[i], "outer %s unchanged", sv_sysctls[i].name);
	}
}

NSC_CASE(ipc, sysv_sysctls_private) = {
	.summary = "SysV IPC sysctls written inside a new IPC namespace leave the outer ones",
	.clone_flags = CLONE_NEWIPC,
	.outer_flags = CLONE_NEWIPC,
	.kconfigs = NSC_KCONFIGS("CONFIG_SYSVIPC", "CONFIG_SYSCTL"),
	.setup = setup,
	.child = child,
	.verify = verify,
	.min_kernel = "3.1",
	.anchors = NSC_ANCHORS("man:ipc_namespaces(7)", "man:proc(5)"),
};
