// SPDX-License-Identifier: GPL-2.0-or-later
/* monitor: the health monitor (daemon/) in the foreground, as ndctl monitor runs. */
#include "builtin.h"
#include "daemon/monitor.h"

const struct ndt_cmd_info monitor_info = {
	"ndtool monitor", "[<options>]", ndt_monitor_options,
};

int cmd_monitor(int argc, char **argv, struct ndt_ctx *ctx)
{
	int rc = ndt_monitor_main(argc, argv, ctx, monitor_info.prog);

	if (rc < 0)
		return ndtool_opts_exit("monitor", rc);
	return rc;
}
