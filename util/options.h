/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NDTOOL_UTIL_OPTIONS_H
#define NDTOOL_UTIL_OPTIONS_H

#include <stdio.h>

/* One command-line option. A table ends with an entry whose id is 0. */
struct ndt_option {
	int id;			/* passed to the callback: the short letter, or >= 256 */
	char short_name;	/* 0: long only */
	const char *long_name;	/* NULL: short only */
	const char *arg;	/* NULL: a flag; else the argument's name in the usage text */
	const char *help;
};

struct ndt_cmd_info {
	const char *prog;		/* "ndtool list" */
	const char *usage;		/* "[<options>]" */
	const struct ndt_option *opts;
};

/* The callback returns 0, or -1 after printing why the value is invalid. */
typedef int (*ndt_opt_cb)(void *priv, int id, const char *arg);

enum {
	NDT_OPTS_USAGE_ERROR = -1,	/* reported on stderr; exit 2 */
	NDT_OPTS_SHORT_HELP = -2,	/* -h: usage printed on stdout; exit 0 */
	NDT_OPTS_LONG_HELP = -3,	/* --help: the caller shows the man page */
};

/*
 * Parse argv[1..] (argv[0] is the command name) with getopt_long, options and
 * operands in any order. Returns the index of the first operand (argc when there is
 * none; operands are moved to the end of argv) or one of the NDT_OPTS_* codes.
 */
int ndt_opts_parse(const struct ndt_cmd_info *info, int argc, char **argv, ndt_opt_cb cb,
		   void *priv);

/* Print "usage: <prog> <usage>" and the option table. */
void ndt_opts_usage(FILE *f, const struct ndt_cmd_info *info);

#endif
