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
	int last;		/* id of the last callback */
	int movable, autolabel;	/* the table with explicit no- options */
};

static const struct ndt_option opts[] = {
	{ 'b', 'b', "bus", "<bus-id>", "filter by bus" },
	{ 'v', 'v', "verbose", NULL, "more output" },
	{ 256, 0, "long-only", NULL, "a long option without a letter" },
	{ 'x', 'x', NULL, NULL, "a short option without a name" },
	{ 0 },
};

static const struct ndt_cmd_info info = { "ndtool test", "[<options>] <name>", opts };

/* Options that declare their own "no-" names, as daxctl's --no-movable and a flag that is
 * on by default. */
static const struct ndt_option neg_opts[] = {
	{ 300, 0, "no-movable", NULL, "online as ZONE_NORMAL" },
	{ 'L', 'L', "autolabel", NULL, "label automatically" },
	{ 301, 0, "no-autolabel", NULL, "do not label automatically" },
	{ 0 },
};

static const struct ndt_cmd_info neg_info = { "ndtool neg", "[<options>]", neg_opts };

static int cb(void *priv, int id, const char *arg)
{
	struct st *s = priv;

	s->calls++;
	s->last = id;
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
	case 300:
		s->movable = 0;
		break;
	case 'L':
		s->autolabel = 1;
		break;
	case 301:
		s->autolabel = 0;
		break;
	}
	return 0;
}

static char out[4096], err[4096];

static void slurp(FILE *f, char *buf, size_t len)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/* Run a parse of @inf with stdout and stderr captured in out[] and err[]. */
static int parse_info(const struct ndt_cmd_info *inf, int argc, char **argv, struct st *s)
{
	int rc, ofd = dup(1), efd = dup(2);
	FILE *fo = tmpfile(), *fe = tmpfile();

	if (!fo || !fe)
		abort();
	fflush(stdout);
	dup2(fileno(fo), 1);
	dup2(fileno(fe), 2);
	rc = ndt_opts_parse(inf, argc, argv, cb, s);
	fflush(stdout);
	fflush(stderr);
	dup2(ofd, 1);
	dup2(efd, 2);
	close(ofd);
	close(efd);
	slurp(fo, out, sizeof(out));
	slurp(fe, err, sizeof(err));
	return rc;
}

static int parse(int argc, char **argv, struct st *s)
{
	return parse_info(&info, argc, argv, s);
}

#define ARGS(...) ((char *[]){ "test", __VA_ARGS__, NULL })
#define NARGS(...) (int)(sizeof((char *[]){ "test", __VA_ARGS__ }) / sizeof(char *))
#define PARSE(s, ...) parse(NARGS(__VA_ARGS__), ARGS(__VA_ARGS__), s)
#define PARSE_NEG(s, ...) parse_info(&neg_info, NARGS(__VA_ARGS__), ARGS(__VA_ARGS__), s)

static void test_basics(void)
{
	struct st s = { 0 };
	char *a1[] = { "test", "-vv", "--bus=nfit_test.0", "name0", "--long-only", "-v", NULL };
	char *a8[] = { "test", "-b", "x", "--", "-v", NULL };
	char *a9[] = { "test", NULL };
	int rc;

	rc = parse(6, a1, &s);
	is_int(rc, 5, "operand moved after the options");
	is_str(a1[rc], "name0", "operand preserved");
	is_int(s.v, 3, "-vv and -v counted");
	is_str(s.bus, "nfit_test.0", "--bus=value");
	is_int(s.flag, 1, "long-only option");

	memset(&s, 0, sizeof(s));
	is_int(PARSE(&s, "-b"), NDT_OPTS_USAGE_ERROR, "missing value is a usage error");
	is_int(PARSE(&s, "--nope"), NDT_OPTS_USAGE_ERROR, "unknown long option");
	ok(strstr(err, "ndtool test: unknown option '--nope'") != NULL, "unknown option named");
	is_int(PARSE(&s, "-y"), NDT_OPTS_USAGE_ERROR, "unknown short option");
	ok(strstr(err, "unknown option '-y'") != NULL, "unknown short option named");
	is_int(PARSE(&s, "-b", "bad"), NDT_OPTS_USAGE_ERROR, "callback rejection");
	ok(strstr(err, "bad bus") && strstr(err, "usage: ndtool test"), "rejection and usage");
	is_int(PARSE(&s, "-h"), NDT_OPTS_SHORT_HELP, "-h");
	ok(strstr(out, "usage: ndtool test") != NULL, "-h prints the usage on stdout");
	is_int(PARSE(&s, "--help"), NDT_OPTS_LONG_HELP, "--help");
	memset(&s, 0, sizeof(s));
	rc = parse(5, a8, &s);
	is_int(rc, 4, "-- ends the options");
	is_int(s.v, 0, "option after -- is an operand");
	is_int(parse(1, a9, &s), 1, "no arguments");
}

static void test_values_for_flags(void)
{
	struct st s = { 0 };

	is_int(PARSE(&s, "--verbose=1"), NDT_OPTS_USAGE_ERROR, "--flag=value is a usage error");
	ok(strstr(err, "option '--verbose' takes no value") != NULL, "--flag=value: said so");
	is_int(PARSE(&s, "--no-verbose=1"), NDT_OPTS_USAGE_ERROR, "--no-flag=value: usage error");
	ok(strstr(err, "option '--no-verbose' takes no value") != NULL, "--no-flag=value: said so");
	is_int(PARSE(&s, "--no-bus=x"), NDT_OPTS_USAGE_ERROR, "--no-bus=x is a usage error");
	ok(strstr(err, "option '--no-bus' takes no value") != NULL, "--no-bus=x: said so");
	is_int(PARSE(&s, "--list-opts=1"), NDT_OPTS_USAGE_ERROR, "--list-opts=1: usage error");
}

static void test_negation(void)
{
	struct st s = { 0 };

	is_int(PARSE(&s, "--long-only", "--no-long-only"), 3, "--X --no-X parses");
	is_int(s.flag, 0, "--X --no-X: off");
	is_int(s.calls, 0, "--X --no-X: no callback");
	memset(&s, 0, sizeof(s));
	PARSE(&s, "--no-long-only", "--long-only");
	is_int(s.flag, 1, "--no-X --X: on (last wins)");
	memset(&s, 0, sizeof(s));
	PARSE(&s, "--no-long-only");
	is_int(s.calls, 0, "--no-X alone: nothing");

	memset(&s, 0, sizeof(s));
	PARSE(&s, "-vvv", "--no-verbose");
	is_int(s.v, 0, "-vvv --no-verbose: the count back to 0");
	memset(&s, 0, sizeof(s));
	PARSE(&s, "-vv", "--verbose", "--no-verbose", "-v");
	is_int(s.v, 1, "short and long dropped, the later -v counts");
	memset(&s, 0, sizeof(s));
	PARSE(&s, "-v", "--no-verbose", "--long-only", "-v", "--no-long-only", "-v");
	is_int(s.v, 2, "a negation drops only its own option");
	is_int(s.flag, 0, "the other option's negation applies too");

	memset(&s, 0, sizeof(s));
	is_int(PARSE(&s, "--bus=a", "--no-bus"), 3, "--bus=a --no-bus parses");
	is_str(s.bus, NULL, "--bus=a --no-bus: the filter is back to none");
	memset(&s, 0, sizeof(s));
	PARSE(&s, "--no-bus", "-b", "c");
	is_str(s.bus, "c", "--no-bus -b c: c");
	memset(&s, 0, sizeof(s));
	is_int(PARSE(&s, "-b", "bad", "--no-bus"), 4, "a dropped value is not checked");

	memset(&s, 0, sizeof(s));
	is_int(PARSE(&s, "--no-help"), NDT_OPTS_USAGE_ERROR, "no --no-help");
	is_int(PARSE(&s, "--no-list-opts"), NDT_OPTS_USAGE_ERROR, "no --no-list-opts");
	is_int(PARSE(&s, "--no-x"), NDT_OPTS_USAGE_ERROR, "no negation of a short-only option");
	is_int(PARSE(&s, "--no-verb"), 2, "a negation can be abbreviated");
	is_int(PARSE(&s, "--no-"), NDT_OPTS_USAGE_ERROR, "ambiguous negation");
	ok(strstr(err, "ambiguous option '--no-' (could be --no-bus, --no-verbose or "
		       "--no-long-only)") != NULL, "ambiguous: the candidates are named");

	memset(&s, 0, sizeof(s));
	is_int(PARSE(&s, "-v", "--long-only", "--nope"), NDT_OPTS_USAGE_ERROR, "bad line");
	is_int(s.calls, 0, "no callback runs for a malformed command line");
}

static void test_own_no_options(void)
{
	struct st s = { 0 };

	s.movable = 1;
	is_int(PARSE_NEG(&s, "--no-movable"), 2, "an option named no-X is its own option");
	is_int(s.last, 300, "--no-movable: its own id");
	is_int(s.movable, 0, "--no-movable applied");
	memset(&s, 0, sizeof(s));
	s.movable = 1;
	is_int(PARSE_NEG(&s, "--no-movable", "--movable"), 3, "--movable negates --no-movable");
	is_int(s.calls, 0, "--no-movable --movable: dropped");
	is_int(s.movable, 1, "--no-movable --movable: the default");
	is_int(PARSE_NEG(&s, "--no-no-movable"), NDT_OPTS_USAGE_ERROR, "no --no-no-movable");

	memset(&s, 0, sizeof(s));
	PARSE_NEG(&s, "--autolabel", "--no-autolabel");
	is_int(s.calls, 2, "a declared --no-X is not generated: both callbacks run");
	is_int(s.autolabel, 0, "--autolabel --no-autolabel: off");
	memset(&s, 0, sizeof(s));
	PARSE_NEG(&s, "--no-autolabel", "-L");
	is_int(s.autolabel, 1, "--no-autolabel -L: on");
	is_int(PARSE_NEG(&s, "--list-opts"), NDT_OPTS_LIST_OPTS, "--list-opts");
	is_str(out, "--no-movable --autolabel --no-autolabel ", "declared no- options listed");
}

static void test_list_opts(void)
{
	struct st s = { 0 };
	const struct ndt_cmd_info none = { "ndtool none", "", NULL };
	char *a[] = { "test", "--list-opts", NULL };

	is_int(PARSE(&s, "--list-opts"), NDT_OPTS_LIST_OPTS, "--list-opts code");
	is_str(out, "--bus --verbose --long-only ", "long options in table order, no newline");
	is_str(err, "", "--list-opts: nothing on stderr");
	memset(&s, 0, sizeof(s));
	is_int(PARSE(&s, "-v", "-b", "x", "--list-opts", "--nope"), NDT_OPTS_LIST_OPTS,
	       "--list-opts after options; what follows is not parsed");
	is_int(s.calls, 0, "--list-opts: no callback");
	is_int(PARSE(&s, "--nope", "--list-opts"), NDT_OPTS_USAGE_ERROR,
	       "an error before --list-opts wins");
	is_str(out, "", "nothing listed after an error");
	is_int(PARSE(&s, "-b", "--list-opts"), 3, "--list-opts as an option's value");
	is_str(s.bus, "--list-opts", "the value is kept");
	is_int(parse_info(&none, 2, a, &s), NDT_OPTS_LIST_OPTS, "a command without options");
	is_str(out, "", "it lists nothing");
}

static void test_usage(void)
{
	FILE *f;
	char *text = NULL;
	size_t len = 0;

	f = open_memstream(&text, &len);
	ndt_opts_usage(f, &info);
	fclose(f);
	ok(strstr(text, "usage: ndtool test [<options>] <name>") != NULL, "usage line");
	ok(strstr(text, "    -b, --bus <bus-id>        filter by bus\n") != NULL,
	   "aligned option with value");
	ok(strstr(text, "        --long-only           a long option without a letter\n") != NULL,
	   "long-only option indented");
	ok(strstr(text, "--no-") == NULL, "the usage does not repeat the negated forms");
	free(text);
}

int main(void)
{
	test_basics();
	test_values_for_flags();
	test_negation();
	test_own_no_options();
	test_list_opts();
	test_usage();
	return done();
}
