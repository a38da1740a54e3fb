// SPDX-License-Identifier: GPL-2.0-or-later
/* Table-driven option parsing on top of getopt_long, with generated usage text. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "options.h"

#define OPT_LONG_HELP 0x10000

static size_t opts_count(const struct ndt_option *opts)
{
	size_t n = 0;

	while (opts && opts[n].id)
		n++;
	return n;
}

void ndt_opts_usage(FILE *f, const struct ndt_cmd_info *info)
{
	const struct ndt_option *o;

	fprintf(f, "\n usage: %s %s\n\n", info->prog, info->usage);
	for (o = info->opts; o && o->id; o++) {
		char left[64];
		int n = 0;

		if (o->short_name)
			n += snprintf(left + n, sizeof(left) - n, "-%c%s", o->short_name,
				      o->long_name ? ", " : "");
		else
			n += snprintf(left + n, sizeof(left) - n, "    ");
		if (o->long_name)
			n += snprintf(left + n, sizeof(left) - n, "--%s", o->long_name);
		if (o->arg && (size_t)n < sizeof(left))
			snprintf(left + n, sizeof(left) - n, " %s", o->arg);
		if (strlen(left) > 24)
			fprintf(f, "    %s\n%30s%s\n", left, "", o->help);
		else
			fprintf(f, "    %-24s  %s\n", left, o->help);
	}
	fputc('\n', f);
}

static int usage_error(const struct ndt_cmd_info *info, const char *what, const char *opt)
{
	fprintf(stderr, "%s: %s '%s'\n", info->prog, what, opt);
	ndt_opts_usage(stderr, info);
	return NDT_OPTS_USAGE_ERROR;
}

int ndt_opts_parse(const struct ndt_cmd_info *info, int argc, char **argv, ndt_opt_cb cb,
		   void *priv)
{
	size_t n = opts_count(info->opts), i, nl = 0;
	struct option *lopts = calloc(n + 2, sizeof(*lopts));
	char *sopts = malloc(2 * n + 3);
	size_t sl = 0;
	int rc = 0, c;

	if (!lopts || !sopts) {
		free(lopts);
		free(sopts);
		fprintf(stderr, "%s: out of memory\n", info->prog);
		return NDT_OPTS_USAGE_ERROR;
	}
	sopts[sl++] = ':';
	sopts[sl++] = 'h';
	for (i = 0; i < n; i++) {
		const struct ndt_option *o = &info->opts[i];

		if (o->short_name) {
			sopts[sl++] = o->short_name;
			if (o->arg)
				sopts[sl++] = ':';
		}
		if (o->long_name)
			lopts[nl++] = (struct option){ o->long_name, o->arg ? required_argument
									    : no_argument,
						       NULL, o->id };
	}
	sopts[sl] = '\0';
	lopts[nl++] = (struct option){ "help", no_argument, NULL, OPT_LONG_HELP };

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, sopts, lopts, NULL)) != -1) {
		if (c == 'h') {
			ndt_opts_usage(stdout, info);
			rc = NDT_OPTS_SHORT_HELP;
			break;
		}
		if (c == OPT_LONG_HELP) {
			rc = NDT_OPTS_LONG_HELP;
			break;
		}
		if (c == ':') {
			rc = usage_error(info, "missing value for option", argv[optind - 1]);
			break;
		}
		if (c == '?') {
			char s[3] = { '-', (char)optopt, 0 };

			rc = usage_error(info, "unknown option", optopt ? s : argv[optind - 1]);
			break;
		}
		for (i = 0; i < n; i++) {
			const struct ndt_option *o = &info->opts[i];

			if (o->id == c || (o->short_name && o->short_name == c))
				break;
		}
		if (i == n || cb(priv, info->opts[i].id, optarg) < 0) {
			if (i == n)
				fprintf(stderr, "%s: internal error: option %d\n", info->prog, c);
			ndt_opts_usage(stderr, info);
			rc = NDT_OPTS_USAGE_ERROR;
			break;
		}
	}
	if (rc == 0)
		rc = optind;
	free(lopts);
	free(sopts);
	return rc;
}
