// SPDX-License-Identifier: GPL-2.0-only
/*
 * target_sleep: the whole of the FROM scratch image that
 * integration.target_podman audits with nscheck --target: it sleeps
 * until a signal ends it.  Linked statically (harness/tests/CMakeLists.txt),
 * it needs nothing in the image.  As a container's PID 1 it must handle
 * SIGTERM itself (the kernel ignores unhandled signals for init).
 */
#include <signal.h>
#include <unistd.h>

static void done(int sig)
{
	(void)sig;
	_exit(0);
}

int main(void)
{
	signal(SIGTERM, done);
	signal(SIGINT, done);
	for (;;)
		pause();
}
