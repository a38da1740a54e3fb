// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ndtool dax migrate-device-model: make dax_pmem use the dax bus model (/sys/bus/dax)
 * from the next load on, by installing the modprobe.d snippet daxctl installs (a symlink
 * /etc/modprobe.d/daxctl.conf to a file that blacklists dax_pmem_compat and aliases the
 * nd dax device type to dax_pmem).
 * ndtool dax split-acpi: daxctl's tool to rewrite dumped ACPI tables for a test platform;
 * ndtool checks its command line and says it does not provide it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "builtin.h"

#define MODPROBE_CONF "/etc/modprobe.d/daxctl.conf"
#define DAXCTL_MODPROBE_DATA "/usr/share/daxctl/daxctl.conf"

const struct ndt_cmd_info dax_migrate_info = {
	"ndtool dax migrate-device-model", "", NULL,
};

static const char *modprobe_data(void)
{
	const char *s = getenv("NDTOOL_MODPROBE_DATA");

	return s && s[0] ? s : NDTOOL_PKGDATADIR "/daxctl.conf";
}

/* Whether the file at @path says what the snippet says (whoever installed it). */
static bool same_snippet(const char *path)
{
	char line[256];
	bool blacklist = false, alias = false;
	FILE *f = fopen(path, "re");

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "blacklist dax_pmem_compat", 25) == 0)
			blacklist = true;
		if (strncmp(line, "alias nd:t7* dax_pmem", 21) == 0)
			alias = true;
	}
	fclose(f);
	return blacklist && alias;
}

int cmd_dax_migrate(int argc, char **argv, struct ndt_ctx *ctx)
{
	const struct ndt_cmd_info *info = &dax_migrate_info;
	int first = ndt_opts_parse(info, argc, argv, NULL, NULL);
	int ex = ndtool_opts_exit("dax-migrate-device-model", first);
	const char *data = modprobe_data();
	struct stat st;

	(void)ctx;
	if (ex >= 0)
		return ex;
	if (first != argc) {
		fprintf(stderr, "%s: takes no operand\n", info->prog);
		ndt_opts_usage(stderr, info);
		return NDT_EXIT_USAGE;
	}
	if (lstat(MODPROBE_CONF, &st) == 0) {
		if (same_snippet(MODPROBE_CONF)) {
			fprintf(stderr, "%s: %s is installed already: dax_pmem uses the dax bus "
					"model\n", info->prog, MODPROBE_CONF);
			return NDT_EXIT_OK;
		}
		fprintf(stderr, "%s: %s exists and does not select the dax bus model: remove it "
				"first to install the snippet\n", info->prog, MODPROBE_CONF);
		return NDT_EXIT_FAIL;
	}
	if (access(data, R_OK) < 0 || !same_snippet(data)) {
		fprintf(stderr, "%s: %s, the snippet to link, is not installed (%s): reinstall "
				"ndtool\n", info->prog, data, strerror(errno ? errno : ENOENT));
		return NDT_EXIT_FAIL;
	}
	if (symlink(data, MODPROBE_CONF) < 0) {
		fprintf(stderr, "%s: failed to install %s: %s\n", info->prog, MODPROBE_CONF,
			strerror(errno));
		return NDT_EXIT_FAIL;
	}
	fprintf(stderr, "installed %s -> %s: dax_pmem uses the dax bus model from its next "
			"load (the next boot)\n", MODPROBE_CONF, data);
	return NDT_EXIT_OK;
}

struct split_opts {
	const char *dir;
	long pxm, nodes;
	bool verbose;
};

static const struct ndt_option split_options[] = {
	{ 'd', 'd', "directory", "<path>", "Path to ACPI tables dumped by \"acpixtract -a\"" },
	{ 'p', 'p', "pxm", "<n>", "Proximity domain to split" },
	{ 'n', 'n', "nodes", "<n>", "Number of nodes to split capacity (default 2)" },
	{ 'v', 'v', "verbose", NULL, "Enable verbose output" },
	{ 0 },
};

const struct ndt_cmd_info dax_split_acpi_info = {
	"ndtool dax split-acpi", "<options>", split_options,
};

static int split_opt(void *priv, int id, const char *arg)
{
	struct split_opts *o = priv;
	char *end;
	long v;

	if (id == 'v') {
		o->verbose = true;
		return 0;
	}
	if (id == 'd') {
		o->dir = arg;
		return 0;
	}
	v = strtol(arg, &end, 0);
	if (!*arg || *end || v < 0 || (id == 'n' && v < 2)) {
		fprintf(stderr, "ndtool dax split-acpi: invalid --%s '%s'\n",
			id == 'p' ? "pxm" : "nodes", arg);
		return -1;
	}
	if (id == 'p')
		o->pxm = v;
	else
		o->nodes = v;
	return 0;
}

int cmd_dax_split_acpi(int argc, char **argv, struct ndt_ctx *ctx)
{
	const struct ndt_cmd_info *info = &dax_split_acpi_info;
	struct split_opts o = { .dir = ".", .nodes = 2 };
	int first = ndt_opts_parse(info, argc, argv, split_opt, &o);
	int ex = ndtool_opts_exit("dax-split-acpi", first);

	(void)ctx;
	if (ex >= 0)
		return ex;
	if (first != argc) {
		fprintf(stderr, "%s: takes no operand\n", info->prog);
		ndt_opts_usage(stderr, info);
		return NDT_EXIT_USAGE;
	}
	fprintf(stderr, "%s: not supported: ndtool does not rewrite dumped ACPI tables (SRAT, "
			"NFIT) to split proximity domain %ld of %s into %ld nodes; that is a "
			"tool for emulated test platforms, whose result only a kernel built with "
			"CONFIG_ACPI_TABLE_UPGRADE loads from the initrd. Use 'daxctl "
			"split-acpi' there\n", info->prog, o.pxm, o.dir, o.nodes);
	return NDT_EXIT_FAIL;
}
