// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The service manager's notification protocol (sd_notify(3)): datagrams of
 * "KEY=VALUE" lines to the AF_UNIX socket named by $NOTIFY_SOCKET ('@' for the
 * abstract namespace). Without the variable every call does nothing.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "monitor.h"

void mon_notify(const char *fmt, ...)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char msg[512];
	socklen_t salen;
	size_t plen;
	va_list ap;
	int fd;

	if (!path || !*path || (path[0] != '/' && path[0] != '@'))
		return;
	plen = strlen(path);
	if (plen >= sizeof(sa.sun_path))
		return;
	memcpy(sa.sun_path, path, plen);
	if (path[0] == '@')
		sa.sun_path[0] = '\0';
	salen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + plen + (path[0] == '/'));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	sendto(fd, msg, strlen(msg), MSG_NOSIGNAL, (struct sockaddr *)&sa, salen);
	close(fd);
}

int mon_watchdog_ms(void)
{
	const char *usec = getenv("WATCHDOG_USEC"), *pid = getenv("WATCHDOG_PID");
	unsigned long long us;
	char *end;

	if (!usec)
		return 0;
	if (pid && strtol(pid, NULL, 10) != getpid())
		return 0;
	errno = 0;
	us = strtoull(usec, &end, 10);
	if (errno || *end || us == 0)
		return 0;
	/* keep alive at half the interval, as sd_watchdog_enabled(3) advises */
	us /= 2000;
	return us > 0x7fffffff ? 0x7fffffff : (us ? (int)us : 1);
}
