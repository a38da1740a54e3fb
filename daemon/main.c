// SPDX-License-Identifier: GPL-2.0-or-later
/* ndtool-monitor: the health monitor as a program of its own (the service runs it). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "util/options.h"
#include "monitor.h"

int main(int argc, char **argv)
{
	struct ndt_ctx *ctx;
	int rc;

	rc = ndt_ctx_new(&ctx);
	if (rc < 0) {
		fprintf(stderr, "ndtool-monitor: cannot create a library context: %s\n",
			strerror(-rc));
		return 1;
	}
	rc = ndt_monitor_main(argc, argv, ctx, "ndtool-monitor");
	ndt_ctx_unref(ctx);
	switch (rc) {
	case NDT_OPTS_SHORT_HELP:
		return 0;
	case NDT_OPTS_LIST_OPTS:
		return 130;
	case NDT_OPTS_LONG_HELP:
		fflush(stdout);
		execlp("man", "man", "ndtool-monitor", (char *)NULL);
		fprintf(stderr, "ndtool-monitor: cannot show the manual: %s\n", strerror(errno));
		return 1;
	}
	return rc;
}
