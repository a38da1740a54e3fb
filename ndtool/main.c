// SPDX-License-Identifier: GPL-2.0-or-later
/* ndtool: the command table and dispatch. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "builtin.h"
#include "util/suggest.h"

static const struct ndtool_cmd commands[] = {
	{ "activate-firmware", cmd_activate_firmware, &activate_firmware_info,
	  "activate staged DIMM firmware at run time", true },
	{ "bench", cmd_bench, &bench_info,
	  "prove direct access to persistent memory and measure persisting", true },
	{ "check-labels", cmd_check_labels, &check_labels_info,
	  "check label areas for index and checksum problems", true },
	{ "check-namespace", cmd_check_namespace, &check_namespace_info,
	  "check (and repair) the BTT metadata of sector-mode namespaces", true },
	{ "create-namespace", cmd_create_namespace, &create_namespace_info,
	  "provision or reconfigure a namespace", true },
	{ "dax", cmd_dax, &dax_info,
	  "device-dax: list, create, reconfigure (daxctl's commands: ndtool dax --list-cmds)",
	  true },
	{ "clear-errors", cmd_clear_errors, &clear_errors_info,
	  "clear the known media errors of namespaces (their data is lost)", true },
	{ "destroy-namespace", cmd_destroy_namespace, &destroy_namespace_info,
	  "destroy namespaces and their data", true },
	{ "disable-dimm", cmd_disable_dimm, &disable_dimm_info, "disable idle DIMMs", true },
	{ "disable-namespace", cmd_disable_namespace, &disable_namespace_info,
	  "disable namespaces", true },
	{ "disable-region", cmd_disable_region, &disable_region_info,
	  "disable regions and their namespaces", true },
	{ "enable-dimm", cmd_enable_dimm, &enable_dimm_info, "enable DIMMs", true },
	{ "enable-namespace", cmd_enable_namespace, &enable_namespace_info, "enable namespaces",
	  true },
	{ "enable-region", cmd_enable_region, &enable_region_info, "enable regions", true },
	{ "freeze-security", cmd_freeze_security, &freeze_security_info,
	  "refuse security changes on DIMMs until the next reboot", true },
	{ "help", cmd_help, &help_info, "show the manual page of a command", false },
	{ "init-labels", cmd_init_labels, &init_labels_info,
	  "initialize label areas (v1.1 or v1.2 index blocks)", true },
	{ "inject-error", cmd_inject_error, &inject_error_info,
	  "inject, un-inject or report simulated media errors (test platforms)", true },
	{ "inject-smart", cmd_inject_smart, &inject_smart_info,
	  "inject SMART values, set alarm thresholds and alarms (test platforms)", true },
	{ "load-keys", cmd_load_keys, &load_keys_info,
	  "load the master key and DIMM passphrase keys into the kernel keyring", true },
	{ "list", cmd_list, &list_info,
	  "list buses, DIMMs, regions, namespaces and device-dax as JSON", true },
	{ "monitor", cmd_monitor, &monitor_info,
	  "watch DIMM health and report changes as JSON events", true },
	{ "read-infoblock", cmd_read_infoblock, &read_infoblock_info,
	  "read the info block of namespaces or files, raw or parsed into JSON", true },
	{ "read-labels", cmd_read_labels, &read_labels_info,
	  "read label areas, raw or parsed into JSON", true },
	{ "remove-passphrase", cmd_remove_passphrase, &remove_passphrase_info,
	  "remove DIMM passphrases (security disabled)", true },
	{ "sanitize-dimm", cmd_sanitize_dimm, &sanitize_dimm_info,
	  "crypto-erase or overwrite DIMMs (all their data is lost)", true },
	{ "setup-passphrase", cmd_setup_passphrase, &setup_passphrase_info,
	  "set up DIMM passphrases sealed by a master key", true },
	{ "start-scrub", cmd_start_scrub, &start_scrub_info,
	  "start an address range scrub for media errors", true },
	{ "update-firmware", cmd_update_firmware, &update_firmware_info,
	  "send a firmware image to DIMMs, arm or disarm them for activation", true },
	{ "update-passphrase", cmd_update_passphrase, &update_passphrase_info,
	  "change DIMM passphrases (or their master key)", true },
	{ "version", cmd_version, &version_info, "print the ndtool version", false },
	{ "wait-scrub", cmd_wait_scrub, &wait_scrub_info,
	  "wait until address range scrubs are done", true },
	{ "wait-overwrite", cmd_wait_overwrite, &wait_overwrite_info,
	  "wait until DIMM overwrites are done", true },
	{ "write-infoblock", cmd_write_infoblock, &write_infoblock_info,
	  "write an fsdax or devdax info block to a namespace, a file or stdout", true },
	{ "write-labels", cmd_write_labels, &write_labels_info,
	  "write a label area from a file", true },
	{ "zero-labels", cmd_zero_labels, &zero_labels_info, "zero label areas", true },
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/* A command of the table, or "dax-NAME" for the dax command NAME. */
const struct ndtool_cmd *ndtool_find_cmd(const char *name)
{
	size_t i;

	if (strncmp(name, "dax-", 4) == 0)
		return ndtool_dax_find_cmd(name + 4);

	for (i = 0; i < NR_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

void ndtool_main_usage(FILE *f)
{
	size_t i;

	fprintf(f, "\n usage: ndtool [-v|--version] [-h|--help] [--list-cmds] COMMAND [ARGS]\n\n");
	fprintf(f, " Commands:\n");
	for (i = 0; i < NR_COMMANDS; i++)
		fprintf(f, "   %-20s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n See 'ndtool help COMMAND' or 'ndtool COMMAND --help' for more.\n\n");
}

int ndtool_unknown_cmd(const char *name)
{
	const char *names[NR_COMMANDS];
	const char *best;
	size_t i;

	for (i = 0; i < NR_COMMANDS; i++)
		names[i] = commands[i].name;
	best = ndt_suggest(name, names, NR_COMMANDS);
	if (best)
		fprintf(stderr, "ndtool: '%s' is not an ndtool command; did you mean '%s'? "
				"('ndtool --list-cmds' lists them all)\n",
			name, best);
	else
		fprintf(stderr, "ndtool: '%s' is not an ndtool command "
				"('ndtool --list-cmds' lists them all)\n",
			name);
	return NDT_EXIT_USAGE;
}

int ndtool_opts_exit(const char *cmd, int rc)
{
	switch (rc) {
	case NDT_OPTS_USAGE_ERROR:
		return NDT_EXIT_USAGE;
	case NDT_OPTS_SHORT_HELP:
		return NDT_EXIT_OK;
	case NDT_OPTS_LONG_HELP:
		return ndtool_show_help(cmd);
	case NDT_OPTS_LIST_OPTS:
		return NDT_EXIT_LIST_OPTS;
	default:
		return -1;
	}
}

static int run_cmd(const struct ndtool_cmd *cmd, int argc, char **argv)
{
	struct ndt_ctx *ctx = NULL;
	int rc;

	if (cmd->needs_ctx) {
		rc = ndt_ctx_new(&ctx);
		if (rc < 0) {
			fprintf(stderr, "ndtool: cannot create a library context: %s\n",
				strerror(-rc));
			return NDT_EXIT_FAIL;
		}
	}
	rc = cmd->fn(argc, argv, ctx);
	ndt_ctx_unref(ctx);

	/* A full disk or closed pipe on stdout is a failure, not a silent success. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "ndtool %s: write error on stdout: %s\n", cmd->name,
			strerror(errno));
		return NDT_EXIT_FAIL;
	}
	return rc;
}

static int main_option(const char *opt)
{
	size_t i;

	if (strcmp(opt, "--version") == 0 || strcmp(opt, "-v") == 0) {
		printf("%s\n", PACKAGE_VERSION);
		return NDT_EXIT_OK;
	}
	if (strcmp(opt, "--list-cmds") == 0) {
		for (i = 0; i < NR_COMMANDS; i++)
			printf("%s\n", commands[i].name);
		return NDT_EXIT_OK;
	}
	if (strcmp(opt, "-h") == 0) {
		ndtool_main_usage(stdout);
		return NDT_EXIT_OK;
	}
	if (strcmp(opt, "--help") == 0)
		return ndtool_show_help(NULL);
	fprintf(stderr, "ndtool: unknown option '%s'\n", opt);
	ndtool_main_usage(stderr);
	return NDT_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	const struct ndtool_cmd *cmd;
	int rc;

	if (argc < 2) {
		ndtool_main_usage(stderr);
		return NDT_EXIT_USAGE;
	}
	if (argv[1][0] == '-') {
		rc = main_option(argv[1]);
		if (fflush(stdout) != 0 || ferror(stdout))
			return NDT_EXIT_FAIL;
		return rc;
	}
	cmd = ndtool_find_cmd(argv[1]);
	if (!cmd)
		return ndtool_unknown_cmd(argv[1]);
	return run_cmd(cmd, argc - 1, argv + 1);
}
