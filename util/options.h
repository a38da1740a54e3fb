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
	NDT_OPTS_LIST_OPTS = -4,	/* --list-opts: long options printed on stdout */
};

/*
 * Parse argv[1..] (argv[0] is the command name) with getopt_long, options and
 * operands in any order. Returns the index of the first operand (argc when there is
 * none; operands are moved to the end of argv) or one of the NDT_OPTS_* codes.
 *
 * Every long option --NAME also has a negated form that takes no value, --no-NAME (for
 * a NAME that starts with "no-", the NAME without it), unless the table has an option
 * of that name: an option that is on by default declares its --no- form itself and
 * gets it as its own id. The negated form drops the option's earlier occurrences,
 * short or long: a flag is unset, a counter back to 0, a value back to its default.
 *
 * The callback runs once the whole command line is known to be well formed, for each
 * occurrence that no later negation dropped, in command-line order. It is never called
 * for -h, --help or --list-opts, which end the parse. --list-opts prints the long
 * options in table order, each as "--NAME ", with no newline.
 */
int ndt_opts_parse(const struct ndt_cmd_info *info, int argc, char **argv, ndt_opt_cb cb,
		   void *priv);

/* Print "usage: <prog> <usage>" and the option table. */
void ndt_opts_usage(FILE *f, const struct ndt_cmd_info *info);

/* Print the long options as --list-opts does. */
void ndt_opts_list(FILE *f, const struct ndt_cmd_info *info);

#endif
