// SPDX-License-Identifier: GPL-2.0-or-later
/* ndtool help / version, and man page display with a usage-text fallback. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "builtin.h"

/*
 * Run "man ARGS..." (stdout/stderr to /dev/null when @quiet); its exit status or -1.
 * SIGCHLD is set to its default meanwhile: when it is ignored (inherited so), the kernel
 * reaps the child itself and waitpid() could never report its status.
 */
static int run_man(const char *page, bool quiet)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL }, old;
	pid_t pid;
	int status = 0, rc;

	fflush(stdout);
	sigemptyset(&dfl.sa_mask);
	if (sigaction(SIGCHLD, &dfl, &old) < 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		sigaction(SIGCHLD, &old, NULL);
		return -1;
	}
	if (pid == 0) {
		if (quiet) {
			int fd = open("/dev/null", O_WRONLY);

			if (fd >= 0) {
				dup2(fd, STDOUT_FILENO);
				dup2(fd, STDERR_FILENO);
			}
			execlp("man", "man", "-w", page, (char *)NULL);
		} else {
			execlp("man", "man", page, (char *)NULL);
		}
		_exit(127);
	}
	do {
		rc = waitpid(pid, &status, 0);
	} while (rc < 0 && errno == EINTR);
	sigaction(SIGCHLD, &old, NULL);
	if (rc < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int ndtool_show_help(const char *cmd)
{
	const struct ndtool_cmd *c = cmd ? ndtool_find_cmd(cmd) : NULL;
	char page[128];

	if (cmd && !c)
		return ndtool_unknown_cmd(cmd);
	snprintf(page, sizeof(page), "ndtool%s%s", cmd ? "-" : "", cmd ? cmd : "");
	if (run_man(page, true) == 0 && run_man(page, false) == 0)
		return NDT_EXIT_OK;

	fprintf(stderr, "ndtool: manual page %s is not available; showing the usage\n", page);
	if (c)
		ndt_opts_usage(stdout, c->info);
	else
		ndtool_main_usage(stdout);
	return NDT_EXIT_OK;
}

const struct ndt_cmd_info help_info = {
	.prog = "ndtool help",
	.usage = "[COMMAND | dax [COMMAND]]",
};

int cmd_help(int argc, char **argv, struct ndt_ctx *ctx)
{
	int rc = ndt_opts_parse(&help_info, argc, argv, NULL, NULL);
	int ex = ndtool_opts_exit("help", rc);

	if (ex >= 0)
		return ex;
	/* ndtool help dax COMMAND: the page of the dax command */
	if (argc - rc == 2 && strcmp(argv[rc], "dax") == 0)
		return cmd_dax_help(2, argv + rc, ctx);
	if (argc - rc > 1) {
		fprintf(stderr, "ndtool help: one command at a time\n");
		ndt_opts_usage(stderr, &help_info);
		return NDT_EXIT_USAGE;
	}
	if (rc == argc) {
		ndtool_main_usage(stdout);
		return NDT_EXIT_OK;
	}
	return ndtool_show_help(argv[rc]);
}

const struct ndt_cmd_info version_info = {
	.prog = "ndtool version",
	.usage = "",
};

int cmd_version(int argc, char **argv, struct ndt_ctx *ctx)
{
	int rc = ndt_opts_parse(&version_info, argc, argv, NULL, NULL);
	int ex = ndtool_opts_exit("version", rc);

	if (ex >= 0)
		return ex;
	if (rc != argc) {
		fprintf(stderr, "ndtool version: unexpected argument '%s'\n", argv[rc]);
		return NDT_EXIT_USAGE;
	}
	printf("%s\n", PACKAGE_VERSION);
	return NDT_EXIT_OK;
}
