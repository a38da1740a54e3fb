// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "tap.h"
#include "util/options.h"

struct st {
	int v;
	const char *bus;
	int flag;
	int calls;
};

static const struct ndt_option opts[] = {
	{ 'b', 'b', "bus", "<bus-id>", "filter by bus" },
	{ 'v', 'v', "verbose", NULL, "more output" },
	{ 256, 0, "long-only", NULL, "a long option without a letter" },
	{ 0 },
};

static const struct ndt_cmd_info info = { "ndtool test", "[<options>] <name>", opts };

static int cb(void *priv, int id, const char *arg)
{
	struct st *s = priv;

	s->calls++;
	switch (id) {
	case 'b':
		if (strcmp(arg, "bad") == 0) {
			fprintf(stderr, "bad bus\n");
			return -1;
		}
		s->bus = arg;
		break;
	case 'v':
		s->v++;
		break;
	case 256:
		s->flag = 1;
		break;
	}
	return 0;
}

/* Run a parse with stdout/stderr silenced. */
static int parse(int argc, char **argv, struct st *s)
{
	int rc, out = dup(1), errfd = dup(2);

	fflush(stdout);
	freopen("/dev/null", "w", stderr);
	freopen("/dev/null", "w", stdout);
	rc = ndt_opts_parse(&info, argc, argv, cb, s);
	fflush(stdout);
	fflush(stderr);
	dup2(out, 1);
	dup2(errfd, 2);
	close(out);
	close(errfd);
	return rc;
}

int main(void)
{
	struct st s = { 0 };
	char *a1[] = { "test", "-vv", "--bus=nfit_test.0", "name0", "--long-only", "-v", NULL };
	char *a2[] = { "test", "-b", NULL };
	char *a3[] = { "test", "--nope", NULL };
	char *a4[] = { "test", "-x", NULL };
	char *a5[] = { "test", "-b", "bad", NULL };
	char *a6[] = { "test", "-h", NULL };
	char *a7[] = { "test", "--help", NULL };
	char *a8[] = { "test", "-b", "x", "--", "-v", NULL };
	char *a9[] = { "test", NULL };
	FILE *f;
	char *text = NULL;
	size_t len = 0;
	int rc;

	rc = parse(6, a1, &s);
	is_int(rc, 5, "operand moved after the options");
	is_str(a1[rc], "name0", "operand preserved");
	is_int(s.v, 3, "-vv and -v counted");
	is_str(s.bus, "nfit_test.0", "--bus=value");
	is_int(s.flag, 1, "long-only option");

	memset(&s, 0, sizeof(s));
	is_int(parse(2, a2, &s), NDT_OPTS_USAGE_ERROR, "missing value is a usage error");
	is_int(parse(2, a3, &s), NDT_OPTS_USAGE_ERROR, "unknown long option");
	is_int(parse(2, a4, &s), NDT_OPTS_USAGE_ERROR, "unknown short option");
	is_int(parse(3, a5, &s), NDT_OPTS_USAGE_ERROR, "callback rejection");
	is_int(parse(2, a6, &s), NDT_OPTS_SHORT_HELP, "-h");
	is_int(parse(2, a7, &s), NDT_OPTS_LONG_HELP, "--help");
	memset(&s, 0, sizeof(s));
	rc = parse(5, a8, &s);
	is_int(rc, 4, "-- ends the options");
	is_int(s.v, 0, "option after -- is an operand");
	is_int(parse(1, a9, &s), 1, "no arguments");

	f = open_memstream(&text, &len);
	ndt_opts_usage(f, &info);
	fclose(f);
	ok(strstr(text, "usage: ndtool test [<options>] <name>") != NULL, "usage line");
	ok(strstr(text, "    -b, --bus <bus-id>        filter by bus\n") != NULL,
	   "aligned option with value");
	ok(strstr(text, "        --long-only           a long option without a letter\n") != NULL,
	   "long-only option indented");
	free(text);
	return done();
}
