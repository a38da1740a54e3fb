// SPDX-License-Identifier: GPL-2.0-or-later
/* Table-driven option parsing on top of getopt_long, with generated usage text. */
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "options.h"

/* getopt_long's values for what is not a short option */
#define OPT_LONG_HELP 0x10000
#define OPT_LIST_OPTS 0x10001
#define OPT_LONG 0x20000	/* + table index: --NAME */
#define OPT_NEGATED 0x40000	/* + table index: the negated form of --NAME */

/* The getopt tables of one parse. */
struct parser {
	const struct ndt_cmd_info *info;
	size_t n;		/* entries of info->opts */
	struct option *lopts;
	char **neg;		/* neg[i]: the negated name of entry i, or NULL */
	char *sopts;
};

/* An accepted occurrence of an option, passed to the callback when the parse is done. */
struct occurrence {
	size_t idx;
	const char *arg;
};

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

void ndt_opts_list(FILE *f, const struct ndt_cmd_info *info)
{
	const struct ndt_option *o;

	for (o = info->opts; o && o->id; o++)
		if (o->long_name)
			fprintf(f, "--%s ", o->long_name);
}

/* Whether --@name is already an option of the parse (the table, built-in or negated). */
static bool name_taken(const struct parser *p, const char *name)
{
	size_t i;

	if (strcmp(name, "help") == 0 || strcmp(name, "list-opts") == 0)
		return true;
	for (i = 0; i < p->n; i++) {
		const char *l = p->info->opts[i].long_name;

		if ((l && strcmp(l, name) == 0) || (p->neg[i] && strcmp(p->neg[i], name) == 0))
			return true;
	}
	return false;
}

/* The negated name of --@name: "no-NAME", or NAME without its "no-". NULL: none. */
static char *negated_name(const struct parser *p, const char *name)
{
	char *neg;

	if (strncmp(name, "no-", 3) == 0) {
		neg = strdup(name + 3);
	} else {
		neg = malloc(strlen(name) + 4);
		if (neg)
			strcat(strcpy(neg, "no-"), name);
	}
	if (neg && (!neg[0] || name_taken(p, neg))) {
		free(neg);
		return NULL;
	}
	return neg;
}

static void parser_free(struct parser *p)
{
	size_t i;

	for (i = 0; p->neg && i < p->n; i++)
		free(p->neg[i]);
	free(p->neg);
	free(p->lopts);
	free(p->sopts);
}

static int parser_init(struct parser *p, const struct ndt_cmd_info *info)
{
	size_t i, nl = 0, sl = 0;

	p->info = info;
	p->n = opts_count(info->opts);
	p->lopts = calloc(2 * p->n + 3, sizeof(*p->lopts));
	p->neg = calloc(p->n + 1, sizeof(*p->neg));
	p->sopts = malloc(2 * p->n + 3);
	if (!p->lopts || !p->neg || !p->sopts)
		return -1;
	p->sopts[sl++] = ':';
	p->sopts[sl++] = 'h';
	for (i = 0; i < p->n; i++) {
		const struct ndt_option *o = &info->opts[i];

		if (o->short_name) {
			p->sopts[sl++] = o->short_name;
			if (o->arg)
				p->sopts[sl++] = ':';
		}
		if (!o->long_name)
			continue;
		p->lopts[nl++] = (struct option){ o->long_name,
						  o->arg ? required_argument : no_argument, NULL,
						  (int)(OPT_LONG + i) };
		p->neg[i] = negated_name(p, o->long_name);
		if (p->neg[i])
			p->lopts[nl++] = (struct option){ p->neg[i], no_argument, NULL,
							  (int)(OPT_NEGATED + i) };
	}
	p->sopts[sl] = '\0';
	p->lopts[nl++] = (struct option){ "help", no_argument, NULL, OPT_LONG_HELP };
	p->lopts[nl++] = (struct option){ "list-opts", no_argument, NULL, OPT_LIST_OPTS };
	return 0;
}

static int usage_error(const struct ndt_cmd_info *info, const char *what, const char *opt,
		       int len)
{
	fprintf(stderr, "%s: %s '%.*s'\n", info->prog, what, len, opt);
	ndt_opts_usage(stderr, info);
	return NDT_OPTS_USAGE_ERROR;
}

/* getopt_long returned '?' for @word: unknown, ambiguous, or a value given to a flag. */
static int bad_option(const struct parser *p, const char *word)
{
	const struct option *l;
	char s[3] = { '-', (char)optopt, 0 };
	int len = (int)strcspn(word, "="), matches = 0;

	if (optopt >= OPT_LONG_HELP) {
		fprintf(stderr, "%s: option '%.*s' takes no value\n", p->info->prog, len, word);
		ndt_opts_usage(stderr, p->info);
		return NDT_OPTS_USAGE_ERROR;
	}
	if (optopt)
		return usage_error(p->info, "unknown option", s, 2);
	if (strncmp(word, "--", 2) == 0)
		for (l = p->lopts; l->name; l++)
			matches += strncmp(l->name, word + 2, len - 2) == 0;
	if (matches < 2)
		return usage_error(p->info, "unknown option", word, len);
	fprintf(stderr, "%s: ambiguous option '%.*s' (could be", p->info->prog, len, word);
	for (l = p->lopts; l->name; l++) {
		if (strncmp(l->name, word + 2, len - 2) != 0)
			continue;
		matches--;
		fprintf(stderr, "%s--%s", matches == 0 ? " or " : " ", l->name);
		if (matches > 1)
			fputc(',', stderr);
	}
	fprintf(stderr, ")\n");
	ndt_opts_usage(stderr, p->info);
	return NDT_OPTS_USAGE_ERROR;
}

/* The table entry of getopt_long's value @c; p->n when there is none. */
static size_t entry_of(const struct parser *p, int c)
{
	size_t i;

	if (c >= OPT_NEGATED)
		return (size_t)(c - OPT_NEGATED);
	if (c >= OPT_LONG)
		return (size_t)(c - OPT_LONG);
	for (i = 0; i < p->n; i++)
		if (p->info->opts[i].short_name && p->info->opts[i].short_name == c)
			break;
	return i;
}

/* Remove the occurrences of entry @idx: its negated form was given. */
static size_t drop(struct occurrence *occ, size_t nocc, size_t idx)
{
	size_t i, k = 0;

	for (i = 0; i < nocc; i++)
		if (occ[i].idx != idx)
			occ[k++] = occ[i];
	return k;
}

static int add(struct occurrence **occ, size_t *nocc, size_t *cap, size_t idx, const char *arg)
{
	if (*nocc == *cap) {
		size_t ncap = *cap ? 2 * *cap : 16;
		struct occurrence *n = realloc(*occ, ncap * sizeof(*n));

		if (!n)
			return -1;
		*occ = n;
		*cap = ncap;
	}
	(*occ)[(*nocc)++] = (struct occurrence){ idx, arg };
	return 0;
}

static int scan(struct parser *p, int argc, char **argv, struct occurrence **occ,
		size_t *nocc)
{
	const struct ndt_cmd_info *info = p->info;
	size_t cap = 0, idx;
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, p->sopts, p->lopts, NULL)) != -1) {
		if (c == 'h') {
			ndt_opts_usage(stdout, info);
			return NDT_OPTS_SHORT_HELP;
		}
		if (c == OPT_LONG_HELP)
			return NDT_OPTS_LONG_HELP;
		if (c == OPT_LIST_OPTS) {
			ndt_opts_list(stdout, info);
			return NDT_OPTS_LIST_OPTS;
		}
		if (c == ':')
			return usage_error(info, "missing value for option", argv[optind - 1],
					   (int)strlen(argv[optind - 1]));
		if (c == '?')
			return bad_option(p, argv[optind - 1]);
		idx = entry_of(p, c);
		if (idx >= p->n) {
			fprintf(stderr, "%s: internal error: option %d\n", info->prog, c);
			return NDT_OPTS_USAGE_ERROR;
		}
		if (c >= OPT_NEGATED) {
			*nocc = drop(*occ, *nocc, idx);
			continue;
		}
		if (add(occ, nocc, &cap, idx, optarg) < 0) {
			fprintf(stderr, "%s: out of memory\n", info->prog);
			return NDT_OPTS_USAGE_ERROR;
		}
	}
	return optind;
}

int ndt_opts_parse(const struct ndt_cmd_info *info, int argc, char **argv, ndt_opt_cb cb,
		   void *priv)
{
	struct parser p = { 0 };
	struct occurrence *occ = NULL;
	size_t nocc = 0, i;
	int rc;

	if (parser_init(&p, info) < 0) {
		parser_free(&p);
		fprintf(stderr, "%s: out of memory\n", info->prog);
		return NDT_OPTS_USAGE_ERROR;
	}
	rc = scan(&p, argc, argv, &occ, &nocc);
	for (i = 0; rc >= 0 && cb && i < nocc; i++) {
		if (cb(priv, info->opts[occ[i].idx].id, occ[i].arg) < 0) {
			ndt_opts_usage(stderr, info);
			rc = NDT_OPTS_USAGE_ERROR;
		}
	}
	free(occ);
	parser_free(&p);
	return rc;
}
