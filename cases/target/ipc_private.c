// SPDX-License-Identifier: GPL-2.0-only
/*
 * target.ipc_private: no SysV IPC object (message queue, semaphore set,
 * shared memory segment: key, id and ctime) and no POSIX message queue
 * of nscheck's IPC namespace is visible to a probe that joined the
 * target's; and the namespace itself is its own (not nscheck's, not
 * PID 1's).  Nothing is created in the host's IPC namespace: the objects
 * compared are those that happen to exist there (their number is
 * reported).
 * Control: nscheck's own case process as the target, in a disposable IPC
 * namespace where .plant made a private message queue: the probe must see
 * that queue (the object comparison is checked before the identity, so
 * the control exercises it).
 */
#include <dirent.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>

#include "nscheck.h"

#define IPC_OBJ_MAX 128
#define MQ_MAX 32

struct ipc_obj {
	char kind; /* 'm' msg, 's' sem, 'h' shm */
	long long key, id, ctime;
};

struct ipc_seen {
	unsigned int nobj, nmq;
	struct ipc_obj obj[IPC_OBJ_MAX];
	char mq[MQ_MAX][64];
	unsigned int in_nobj;
	char in_first[128]; /* first visible object, for the message */
};

/* Column @name in the header line of a /proc/sysvipc file, or -1. */
static int column(const char *header, const char *name)
{
	char buf[512], *tok, *save = NULL;
	int i = 0;

	snprintf(buf, sizeof(buf), "%s", header);
	for (tok = strtok_r(buf, " \t\n", &save); tok; tok = strtok_r(NULL, " \t\n", &save), i++)
		if (!strcmp(tok, name))
			return i;
	return -1;
}

/* The objects of the calling task's IPC namespace (/proc/sysvipc/ reads it). */
static unsigned int read_sysv(struct ipc_obj *out, unsigned int max)
{
	static const struct {
		char kind;
		const char *file, *id;
	} files[] = { { 'm', "/proc/sysvipc/msg", "msqid" },
		      { 's', "/proc/sysvipc/sem", "semid" },
		      { 'h', "/proc/sysvipc/shm", "shmid" } };
	unsigned int n = 0;

	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		char line[512];
		int ckey, cid, cctime;
		FILE *fp = fopen(files[f].file, "re");

		if (!fp)
			continue;
		if (!fgets(line, sizeof(line), fp)) {
			fclose(fp);
			continue;
		}
		ckey = column(line, "key");
		cid = column(line, files[f].id);
		cctime = column(line, "ctime");
		while (n < max && fgets(line, sizeof(line), fp)) {
			char *tok, *save = NULL;
			int i = 0;

			out[n].kind = files[f].kind;
			for (tok = strtok_r(line, " \t\n", &save); tok;
			     tok = strtok_r(NULL, " \t\n", &save), i++) {
				if (i == ckey)
					out[n].key = strtoll(tok, NULL, 10);
				else if (i == cid)
					out[n].id = strtoll(tok, NULL, 10);
				else if (i == cctime)
					out[n].ctime = strtoll(tok, NULL, 10);
			}
			n++;
		}
		fclose(fp);
	}
	return n;
}

static void plant(struct nsc_ctx *ctx)
{
	/* A disposable IPC namespace of nscheck's: the queue dies with it. */
	NSC_SAFE(ctx, msgget(IPC_PRIVATE, IPC_CREAT | 0600));
}

static int setup(struct nsc_ctx *ctx)
{
	struct ipc_seen *sh = nsc_shared_as(ctx, struct ipc_seen);
	DIR *d = opendir("/dev/mqueue");
	struct dirent *e;

	sh->nobj = read_sysv(sh->obj, IPC_OBJ_MAX);
	while (d && (e = readdir(d)) && sh->nmq < MQ_MAX)
		if (e->d_name[0] != '.')
			snprintf(sh->mq[sh->nmq++], sizeof(sh->mq[0]), "/%s", e->d_name);
	if (d)
		closedir(d);
	return 0;
}

static void child(struct nsc_ctx *ctx)
{
	struct ipc_seen *sh = nsc_shared_as(ctx, struct ipc_seen);
	struct ipc_obj *in = calloc(IPC_OBJ_MAX, sizeof(*in));

	if (!in)
		nsc_error(ctx, ENOMEM, "objects seen inside");
	sh->in_nobj = read_sysv(in, IPC_OBJ_MAX);
	for (unsigned int i = 0; i < sh->in_nobj; i++) {
		for (unsigned int h = 0; h < sh->nobj; h++) {
			const struct ipc_obj *a = &in[i], *b = &sh->obj[h];

			NSC_ISOLATED(ctx,
				     a->kind != b->kind || a->key != b->key || a->id != b->id ||
					     a->ctime != b->ctime,
				     "SysV %s key %lld id %lld of the host is visible in the target's IPC namespace",
				     a->kind == 'm' ? "message queue" :
				     a->kind == 's' ? "semaphore set" :
						      "shared memory segment",
				     a->key, a->id);
		}
	}
	free(in);
	/* Read-only opens through the joined namespace's own mqueue mount. */
	for (unsigned int q = 0; q < sh->nmq; q++) {
		mqd_t m = mq_open(sh->mq[q], O_RDONLY | O_NONBLOCK);

		if (m != (mqd_t)-1)
			mq_close(m);
		NSC_ISOLATED(ctx, m == (mqd_t)-1,
			     "POSIX message queue %s of the host is visible in the target's IPC namespace",
			     sh->mq[q]);
	}
}

static void verify(struct nsc_ctx *ctx)
{
	struct ipc_seen *sh = nsc_shared_as(ctx, struct ipc_seen);

	nsc_target_ns_private(ctx, CLONE_NEWIPC,
			      "IPC namespace is the host's: the container was started with --ipc=host");
	nsc_finding(ctx, "compared",
		    "%u SysV objects and %u POSIX queues of nscheck's IPC namespace; the target's has %u SysV objects",
		    sh->nobj, sh->nmq, sh->in_nobj);
}

NSC_CASE(target, ipc_private) = {
	.summary = "no SysV object or POSIX queue of the host is visible in the target's IPC namespace",
	.target_flags = CLONE_NEWIPC,
	.plant = plant,
	.setup = setup,
	.child = child,
	.verify = verify,
	.needs_root = true,
	.min_kernel = "3.0",
	.anchors = NSC_ANCHORS("man:ipc_namespaces(7)", "man:sysvipc(7)", "man:mq_overview(7)"),
};
