// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ndtool dax COMMAND: daxctl's commands, behind one entry of ndtool's table. Each command
 * lives in ndtool/dax-<name>.c; its man page is ndtool-dax-<name>(1).
 */
#include <stdio.h>
#include <string.h>
#include "builtin.h"
#include "util/suggest.h"

static const struct ndtool_cmd dax_commands[] = {
	{ "create-device", cmd_dax_create_device, &dax_create_device_info,
	  "create a device-dax device in a dynamic dax region", true },
	{ "destroy-device", cmd_dax_destroy_device, &dax_destroy_device_info,
	  "destroy device-dax devices, returning their capacity to the region", true },
	{ "disable-device", cmd_dax_disable_device, &dax_disable_device_info,
	  "disable device-dax devices", true },
	{ "enable-device", cmd_dax_enable_device, &dax_enable_device_info,
	  "enable device-dax devices in devdax mode", true },
	{ "help", cmd_dax_help, &dax_help_info, "show the manual page of a dax command", false },
	{ "list", cmd_dax_list, &dax_list_info,
	  "list dax regions, devices and mappings as JSON", true },
	{ "migrate-device-model", cmd_dax_migrate, &dax_migrate_info,
	  "make dax_pmem use the dax bus model (a modprobe.d snippet)", false },
	{ "offline-memory", cmd_dax_offline_memory, &dax_offline_info,
	  "offline the memory of system-ram devices", true },
	{ "online-memory", cmd_dax_online_memory, &dax_online_info,
	  "online the memory of system-ram devices", true },
	{ "reconfigure-device", cmd_dax_reconfigure, &dax_reconfigure_info,
	  "switch devices between devdax and system-ram, or resize them", true },
	{ "split-acpi", cmd_dax_split_acpi, &dax_split_acpi_info,
	  "split an ACPI proximity domain (not supported)", false },
	{ "version", cmd_version, &version_info, "print the ndtool version", false },
};

#define NR_DAX_COMMANDS (sizeof(dax_commands) / sizeof(dax_commands[0]))

const struct ndtool_cmd *ndtool_dax_find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < NR_DAX_COMMANDS; i++)
		if (strcmp(dax_commands[i].name, name) == 0)
			return &dax_commands[i];
	return NULL;
}

void ndtool_dax_usage(FILE *f)
{
	size_t i;

	fprintf(f, "\n usage: ndtool dax [--list-cmds] COMMAND [ARGS]\n\n");
	fprintf(f, " Commands (daxctl's):\n");
	for (i = 0; i < NR_DAX_COMMANDS; i++)
		fprintf(f, "   %-22s %s\n", dax_commands[i].name, dax_commands[i].summary);
	fprintf(f, "\n See 'ndtool help dax COMMAND' or 'ndtool dax COMMAND --help' for more.\n\n");
}

static int dax_unknown_cmd(const char *name)
{
	const char *names[NR_DAX_COMMANDS];
	const char *best;
	size_t i;

	for (i = 0; i < NR_DAX_COMMANDS; i++)
		names[i] = dax_commands[i].name;
	best = ndt_suggest(name, names, NR_DAX_COMMANDS);
	fprintf(stderr, "ndtool dax: '%s' is not a dax command", name);
	if (best)
		fprintf(stderr, "; did you mean '%s'?", best);
	fprintf(stderr, " ('ndtool dax --list-cmds' lists them all)\n");
	return NDT_EXIT_USAGE;
}

const struct ndt_cmd_info dax_info = {
	.prog = "ndtool dax",
	.usage = "[--list-cmds] COMMAND [ARGS]",
};

int cmd_dax(int argc, char **argv, struct ndt_ctx *ctx)
{
	const struct ndtool_cmd *cmd;
	size_t i;

	if (argc < 2) {
		ndtool_dax_usage(stderr);
		return NDT_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--list-cmds") == 0) {
		for (i = 0; i < NR_DAX_COMMANDS; i++)
			printf("%s\n", dax_commands[i].name);
		return NDT_EXIT_OK;
	}
	/* options of "ndtool dax" itself: none long, as every command's --list-opts says */
	if (strcmp(argv[1], "--list-opts") == 0)
		return NDT_EXIT_LIST_OPTS;
	if (strcmp(argv[1], "-h") == 0) {
		ndtool_dax_usage(stdout);
		return NDT_EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0)
		return ndtool_show_help("dax");
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-v") == 0) {
		printf("%s\n", PACKAGE_VERSION);
		return NDT_EXIT_OK;
	}
	if (argv[1][0] == '-') {
		fprintf(stderr, "ndtool dax: unknown option '%s'\n", argv[1]);
		ndtool_dax_usage(stderr);
		return NDT_EXIT_USAGE;
	}
	cmd = ndtool_dax_find_cmd(argv[1]);
	if (!cmd)
		return dax_unknown_cmd(argv[1]);
	return cmd->fn(argc - 1, argv + 1, ctx);
}

const struct ndt_cmd_info dax_help_info = {
	.prog = "ndtool dax help",
	.usage = "[COMMAND]",
};

int cmd_dax_help(int argc, char **argv, struct ndt_ctx *ctx)
{
	int rc = ndt_opts_parse(&dax_help_info, argc, argv, NULL, NULL);
	int ex = ndtool_opts_exit("dax-help", rc);
	char name[64];

	(void)ctx;
	if (ex >= 0)
		return ex;
	if (argc - rc > 1) {
		fprintf(stderr, "ndtool dax help: one command at a time\n");
		ndt_opts_usage(stderr, &dax_help_info);
		return NDT_EXIT_USAGE;
	}
	if (rc == argc)
		return ndtool_show_help("dax");
	if (!ndtool_dax_find_cmd(argv[rc]))
		return dax_unknown_cmd(argv[rc]);
	snprintf(name, sizeof(name), "dax-%s", argv[rc]);
	return ndtool_show_help(name);
}
