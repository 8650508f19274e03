// SPDX-License-Identifier: GPL-2.0-only
/*
 * no_veth.so: an LD_PRELOAD shim that makes the kernel look as if it had
 * no veth driver (CONFIG_VETH=n and no module): libnl's rtnl_link_add()
 * of a link of type "veth" fails with NLE_OPNOTSUPP, as the kernel's
 * EOPNOTSUPP for an unknown link kind reaches it.  Every other link goes
 * through.  Proves that each case decides "no veth" by trying and SKIPs
 * (or keeps a proof without veth) instead of ERROR (integration.no_veth).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <string.h>

#define NLE_OPNOTSUPP 10 /* <netlink/errno.h> */

struct nl_sock;
struct rtnl_link;

int rtnl_link_add(struct nl_sock *sk, struct rtnl_link *link, int flags);

int rtnl_link_add(struct nl_sock *sk, struct rtnl_link *link, int flags)
{
	int (*next)(struct nl_sock *, struct rtnl_link *, int) =
		(int (*)(struct nl_sock *, struct rtnl_link *, int))dlsym(RTLD_NEXT, "rtnl_link_add");
	char *(*type)(struct rtnl_link *) =
		(char *(*)(struct rtnl_link *))dlsym(RTLD_NEXT, "rtnl_link_get_type");
	const char *t = type ? type(link) : NULL;

	if (t && !strcmp(t, "veth"))
		return -NLE_OPNOTSUPP;
	return next ? next(sk, link, flags) : -NLE_OPNOTSUPP;
}
