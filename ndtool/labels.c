// SPDX-License-Identifier: GPL-2.0-or-later
/* read-labels, write-labels, zero-labels, init-labels, check-labels */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>
#include "util/label.h"
#include "builtin.h"
#include "json/filter.h"
#include "util/json.h"
#include "json/label.h"
#include "util/size.h"

enum label_cmd { READ, WRITE, ZERO, INIT, CHECK };

struct label_opts {
	enum label_cmd cmd;
	const char *bus;
	bool verbose, json, human, index_only, force, repair;
	uint64_t size, offset;
	bool size_set;
	const char *output, *input;
	int minor;
};

#define LABEL_BASE \
	{ 'b', 'b', "bus", "<bus-id>", "<nmem> must be on a bus with an id/provider of <bus-id>" }, \
	{ 'v', 'v', "verbose", NULL, "turn on debug" }
#define LABEL_RANGE \
	{ 's', 's', "size", "<n>", "number of label bytes to operate on" }, \
	{ 'O', 'O', "offset", "<n>", "offset into the label area to start at" }

static const struct ndt_option read_opts[] = {
	LABEL_BASE, LABEL_RANGE,
	{ 'o', 'o', "output", "<file>", "write the label area to <file>" },
	{ 'j', 'j', "json", NULL, "parse the label data into JSON" },
	{ 'u', 'u', "human", NULL, "human friendly number formats (implies --json)" },
	{ 'I', 'I', "index", NULL, "limit the read to the index block area" },
	{ 0 },
};
static const struct ndt_option write_opts[] = {
	LABEL_BASE, LABEL_RANGE,
	{ 'i', 'i', "input", "<file>", "read the label area data from <file> (default: stdin)" },
	{ 0 },
};
static const struct ndt_option zero_opts[] = { LABEL_BASE, LABEL_RANGE, { 0 } };
static const struct ndt_option init_opts[] = {
	LABEL_BASE,
	{ 'f', 'f', "force", NULL, "initialize even when a valid index block is present" },
	{ 'V', 'V', "label-version", "<version>", "label format version: 1.1 (default) or 1.2" },
	{ 0 },
};
static const struct ndt_option check_opts[] = {
	LABEL_BASE,
	{ 256, 0, "repair", NULL, "rebuild one broken index block from the other" },
	{ 0 },
};

const struct ndt_cmd_info read_labels_info = {
	"ndtool read-labels", "<nmem>... | all [-o <file>] [<options>]", read_opts };
const struct ndt_cmd_info write_labels_info = {
	"ndtool write-labels", "<nmem> [-i <file>] [<options>]", write_opts };
const struct ndt_cmd_info zero_labels_info = {
	"ndtool zero-labels", "<nmem>... | all [<options>]", zero_opts };
const struct ndt_cmd_info init_labels_info = {
	"ndtool init-labels", "<nmem>... | all [<options>]", init_opts };
const struct ndt_cmd_info check_labels_info = {
	"ndtool check-labels", "<nmem>... | all [<options>]", check_opts };

static const struct ndt_cmd_info *const infos[] = {
	[READ] = &read_labels_info, [WRITE] = &write_labels_info, [ZERO] = &zero_labels_info,
	[INIT] = &init_labels_info, [CHECK] = &check_labels_info,
};

static int label_opt(void *priv, int id, const char *arg)
{
	struct label_opts *o = priv;
	uint64_t v;

	switch (id) {
	case 'b': o->bus = arg; break;
	case 'v': o->verbose = true; break;
	case 'j': o->json = true; break;
	case 'u': o->human = o->json = true; break;
	case 'I': o->index_only = true; break;
	case 'f': o->force = true; break;
	case 256: o->repair = true; break;
	case 'o': o->output = arg; break;
	case 'i': o->input = arg; break;
	case 'V':
		if (strcmp(arg, "1.1") == 0 || strcmp(arg, "v1.1") == 0) {
			o->minor = 1;
		} else if (strcmp(arg, "1.2") == 0 || strcmp(arg, "v1.2") == 0) {
			o->minor = 2;
		} else {
			fprintf(stderr, "%s: --label-version is 1.1 or 1.2, not '%s'\n",
				infos[o->cmd]->prog, arg);
			return -1;
		}
		break;
	case 's':
	case 'O':
		if (ndt_parse_size(arg, &v) < 0) {
			fprintf(stderr, "%s: '%s' is not a size\n", infos[o->cmd]->prog, arg);
			return -1;
		}
		if (id == 's') {
			o->size = v;
			o->size_set = true;
		} else {
			o->offset = v;
		}
		break;
	}
	return 0;
}

struct run {
	struct label_opts *o;
	struct ndt_ctx *ctx;
	struct json_object *jarray;
	FILE *out;
	int done;
	bool explained;		/* the failure of the current DIMM was reported already */
	int out_err;		/* errno of the first failed write to the output */
};

static int refuse_active(struct run *r, struct ndt_dimm *dimm)
{
	const char *region = ndtool_dimm_active_region(dimm);

	if (!region)
		return 0;
	fprintf(stderr, "%s: %s holds the labels of enabled %s: disable it first "
			"('ndtool disable-region %s')\n",
		infos[r->o->cmd]->prog, ndt_dimm_get_devname(dimm), region, region);
	r->explained = true;
	return -EBUSY;
}

/* A failed label transfer: the library recorded why; print it with the advice. */
static int io_failed(struct run *r, int rc)
{
	ndtool_failure(stderr, infos[r->o->cmd]->prog, r->ctx, rc, NULL);
	r->explained = true;
	return rc;
}

/* Read the whole label area into a new buffer. */
static int read_area(struct run *r, struct ndt_dimm *dimm, uint8_t **buf, uint32_t *size)
{
	int rc = ndt_dimm_get_label_size(dimm, size, NULL);

	if (rc < 0)
		return rc;
	*buf = malloc(*size);
	if (!*buf)
		return -ENOMEM;
	rc = ndt_dimm_read_labels(dimm, *buf, 0, *size);
	if (rc < 0) {
		free(*buf);
		*buf = NULL;
		return io_failed(r, rc);
	}
	return rc;
}

static void problem(void *priv, const char *msg)
{
	fprintf(stderr, "%s: %s\n", (const char *)priv, msg);
}

/* A write to the output failed: -o FILE is named once; main() reports standard output. */
static void output_failed(struct run *r, int err)
{
	if (r->out_err)
		return;
	r->out_err = err ? err : EIO;
	if (r->o->output)
		fprintf(stderr, "%s: cannot write %s: %s\n", infos[r->o->cmd]->prog, r->o->output,
			strerror(r->out_err));
}

static int do_read(struct run *r, struct ndt_dimm *dimm)
{
	struct label_opts *o = r->o;
	struct ndt_label_area *area;
	uint8_t *buf;
	uint32_t size;
	uint64_t isize, len;
	int rc;

	rc = read_area(r, dimm, &buf, &size);
	if (rc < 0)
		return rc;
	if (o->offset > size) {
		free(buf);
		return -ERANGE;
	}
	len = o->size_set ? o->size : size - o->offset;
	if (o->index_only && ndt_label_area_parse(buf, size, &area) == 0) {
		isize = area->index_size * 2;
		ndt_label_area_free(area);
		if (isize < len)
			len = isize;
	}
	if (len > size - o->offset) {
		free(buf);
		return -ERANGE;
	}
	if (o->json) {
		rc = ndt_label_area_parse(buf, size, &area);
		if (rc == 0) {
			json_object_array_add(r->jarray, ndt_label_area_to_json(
								 ndt_dimm_get_devname(dimm), area,
								 o->human));
			ndt_label_area_free(area);
		}
	} else if (fwrite(buf + o->offset, 1, (size_t)len, r->out) != len) {
		output_failed(r, errno);
		r->explained = true;
		rc = -EIO;
	}
	free(buf);
	return rc;
}

static int write_range(struct run *r, struct ndt_dimm *dimm, const uint8_t *data, uint64_t off,
		       size_t len)
{
	int rc = refuse_active(r, dimm);

	if (rc < 0)
		return rc;
	rc = ndt_dimm_write_labels(dimm, data, off, len);
	if (rc == 0)
		rc = ndt_dimm_reload_labels(dimm);
	return rc < 0 ? io_failed(r, rc) : 0;
}

static int do_zero(struct run *r, struct ndt_dimm *dimm)
{
	uint32_t size;
	uint8_t *zeros;
	uint64_t len;
	int rc = ndt_dimm_get_label_size(dimm, &size, NULL);

	if (rc < 0)
		return rc;
	if (r->o->offset > size)
		return -ERANGE;
	len = r->o->size_set ? r->o->size : size - r->o->offset;
	if (len > size - r->o->offset)
		return -ERANGE;
	zeros = calloc(1, len ? (size_t)len : 1);
	if (!zeros)
		return -ENOMEM;
	rc = write_range(r, dimm, zeros, r->o->offset, len);
	free(zeros);
	return rc;
}

static int do_init(struct run *r, struct ndt_dimm *dimm)
{
	struct ndt_label_area *area;
	uint8_t *old, *fresh;
	uint32_t size;
	uint64_t isize;
	int rc;

	rc = refuse_active(r, dimm);
	if (rc < 0)
		return rc;
	rc = read_area(r, dimm, &old, &size);
	if (rc < 0)
		return rc;
	if (!r->o->force && ndt_label_area_parse(old, size, &area) == 0) {
		bool valid = area->current >= 0;

		ndt_label_area_free(area);
		if (valid) {
			fprintf(stderr, "%s: %s already has valid labels: add --force to "
					"initialize them (its namespaces are lost)\n",
				infos[INIT]->prog, ndt_dimm_get_devname(dimm));
			free(old);
			r->explained = true;
			return -EEXIST;
		}
	}
	fresh = calloc(1, size);
	rc = fresh ? ndt_label_area_init(fresh, size, r->o->minor ? r->o->minor : 1) : -ENOMEM;
	/* only the index blocks are written: the slots they mark free may keep old bytes */
	if (rc == 0)
		rc = ndt_label_area_parse(fresh, size, &area);
	if (rc == 0) {
		isize = area->index_size * 2;
		ndt_label_area_free(area);
		rc = write_range(r, dimm, fresh, 0, isize);
	}
	free(fresh);
	free(old);
	return rc;
}

static int do_check(struct run *r, struct ndt_dimm *dimm)
{
	const char *name = ndt_dimm_get_devname(dimm);
	struct ndt_label_area *area;
	uint8_t *buf;
	uint32_t size;
	int rc, problems;

	rc = read_area(r, dimm, &buf, &size);
	if (rc < 0)
		return rc;
	rc = ndt_label_area_parse(buf, size, &area);
	if (rc < 0) {
		free(buf);
		return rc;
	}
	problems = ndt_label_area_check(area, problem, (void *)name);
	ndt_label_area_free(area);
	if (problems && r->o->repair) {
		rc = ndt_label_index_repair(buf, size);
		if (rc > 0 && ndt_label_area_parse(buf, size, &area) == 0) {
			uint64_t isize = area->index_size * 2;

			ndt_label_area_free(area);
			rc = write_range(r, dimm, buf, 0, isize);
			if (rc == 0 && ndt_label_area_parse(buf, size, &area) == 0) {
				fprintf(stderr, "%s: index block rebuilt\n", name);
				problems = ndt_label_area_check(area, problem, (void *)name);
				ndt_label_area_free(area);
			}
		} else if (rc <= 0) {
			fprintf(stderr, "%s: not repairable: %s\n", name,
				rc == 0 ? "--repair rebuilds a broken index block from the other; "
					  "these problems need the labels rewritten (destroy and "
					  "recreate the namespaces, or init-labels)"
					: "no valid index block to copy from");
			rc = 0;
		}
	}
	free(buf);
	if (rc < 0)
		return rc;
	if (problems)
		r->explained = true;
	return problems ? -EUCLEAN : 0;
}

/*
 * The input is read only after the range is known to fit, and at most up to the end of the
 * label area (one byte more tells an input that is too long): a read error or an input
 * that does not fit writes nothing.
 */
static int do_write(struct run *r, struct ndt_dimm *dimm)
{
	struct label_opts *o = r->o;
	const char *prog = infos[WRITE]->prog, *dev = ndt_dimm_get_devname(dimm);
	const char *name = o->input ? o->input : "standard input";
	uint8_t *data = NULL;
	uint64_t room, want;
	uint32_t size;
	size_t len;
	FILE *in = stdin;
	int rc, err;

	rc = ndt_dimm_get_label_size(dimm, &size, NULL);
	if (rc < 0)
		return rc;
	if (o->offset > size || (o->size_set && o->size > size - o->offset))
		return -ERANGE;
	room = size - o->offset;
	want = o->size_set ? o->size : room + 1;
	if (o->input && !(in = fopen(o->input, "rb"))) {
		err = errno;
		fprintf(stderr, "%s: %s: %s\n", prog, o->input, strerror(err));
		r->explained = true;
		return -err;
	}
	data = malloc(want ? (size_t)want : 1);
	if (!data) {
		rc = -ENOMEM;
		goto out;
	}
	len = fread(data, 1, (size_t)want, in);
	err = errno;
	if (ferror(in)) {
		fprintf(stderr, "%s: cannot read %s: %s: nothing was written to %s\n", prog, name,
			strerror(err), dev);
		r->explained = true;
		rc = err ? -err : -EIO;
		goto out;
	}
	if (len > room) {
		fprintf(stderr, "%s: %s holds more than the %llu bytes from offset %llu to the end "
				"of %s's label area: use --size to write less\n",
			prog, name, (unsigned long long)room, (unsigned long long)o->offset, dev);
		r->explained = true;
		rc = -EFBIG;
		goto out;
	}
	rc = write_range(r, dimm, data, o->offset, len);
out:
	if (in != stdin)
		fclose(in);
	free(data);
	return rc;
}

/* Why a DIMM failed, when the step that failed did not say it already. */
static void label_failed(const struct ndt_cmd_info *info, struct ndt_dimm *dimm, int rc)
{
	const char *dev = ndt_dimm_get_devname(dimm);
	const char *why = strerror(-rc);

	if (rc == -EBUSY) {
		fprintf(stderr, "%s: %s is busy (%s): an enabled region may be using it; "
				"'ndtool list -R -d %s' shows its regions\n",
			info->prog, dev, why, dev);
		return;
	}
	if (rc == -EOPNOTSUPP)
		why = "the DIMM has no label area";
	else if (rc == -ERANGE)
		why = "--offset/--size reach past the label area";
	fprintf(stderr, "%s: %s: %s\n", info->prog, dev, why);
}

static const char *const done_verb[] = {
	[READ] = "read", [WRITE] = "wrote", [ZERO] = "zeroed", [INIT] = "initialized",
	[CHECK] = "verified",
};

static int label_command(enum label_cmd cmd, const char *name, int argc, char **argv,
			 struct ndt_ctx *ctx)
{
	const struct ndt_cmd_info *info = infos[cmd];
	struct label_opts o = { .cmd = cmd };
	struct run r = { .o = &o, .ctx = ctx, .out = stdout };
	struct ndt_filter f;
	struct ndt_dimm *dimm;
	struct ndt_bus *bus;
	int first, ex, rc, failed = 0, matched = 0;
	char *names = NULL;
	bool all;

	first = ndt_opts_parse(info, argc, argv, label_opt, &o);
	ex = ndtool_opts_exit(name, first);
	if (ex >= 0)
		return ex;
	if (o.verbose)
		ndt_set_log_priority(ctx, LOG_DEBUG);
	if (first == argc || (cmd == WRITE && argc - first != 1)) {
		fprintf(stderr, "%s: name %s\n", info->prog,
			cmd == WRITE ? "exactly one DIMM (nmemN)" : "DIMMs (nmemN) or 'all'");
		ndt_opts_usage(stderr, info);
		return NDT_EXIT_USAGE;
	}
	if (cmd == READ && !o.json && !o.output && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s: label areas are binary: write them with -o <file>, or parse "
				"them with -j\n", info->prog);
		return NDT_EXIT_USAGE;
	}
	ndt_filter_init(&f);
	f.bus = o.bus;
	names = ndt_filter_join(argc, argv, first, &all);
	if (!names && !all)
		return NDT_EXIT_FAIL;
	f.dimm = names;
	if (cmd == WRITE && all) {
		fprintf(stderr, "%s: name one DIMM: the same data on every DIMM is never right\n",
			info->prog);
		free(names);
		return NDT_EXIT_USAGE;
	}
	if (ndtool_no_bus(ctx, info->prog)) {
		free(names);
		return NDT_EXIT_FAIL;
	}
	if (o.output && !(r.out = fopen(o.output, "wb"))) {
		fprintf(stderr, "%s: %s: %s\n", info->prog, o.output, strerror(errno));
		free(names);
		return NDT_EXIT_FAIL;
	}
	r.jarray = json_object_new_array();
	ndt_bus_foreach(ctx, bus) {
		ndt_dimm_foreach(bus, dimm) {
			if (!ndt_filter_dimm(&f, dimm))
				continue;
			matched++;
			if (cmd == WRITE && matched > 1) {
				fprintf(stderr, "%s: '%s' names more than one DIMM\n", info->prog,
					names);
				failed++;
				break;
			}
			r.explained = false;
			switch (cmd) {
			case READ: rc = do_read(&r, dimm); break;
			case WRITE: rc = do_write(&r, dimm); break;
			case ZERO: rc = do_zero(&r, dimm); break;
			case INIT: rc = do_init(&r, dimm); break;
			default: rc = do_check(&r, dimm); break;
			}
			if (rc == 0) {
				r.done++;
				continue;
			}
			failed++;
			if (!r.explained)
				label_failed(info, dimm, rc);
		}
	}
	/* "all" may select no DIMM, as in the region and DIMM commands */
	if (!matched && names) {
		fprintf(stderr, "%s: no DIMM matches '%s'\n", info->prog, names);
		failed++;
	}
	if (o.json && json_object_array_length(r.jarray) &&
	    ndt_json_print(r.out, json_object_get(r.jarray)) < 0)
		output_failed(&r, errno);
	json_object_put(r.jarray);
	if (o.output && fclose(r.out) != 0)
		output_failed(&r, errno);
	if (r.out_err)
		failed++;
	if (cmd == CHECK && !failed)
		fprintf(stderr, "successfully verified %d nmem label%s\n", r.done,
			r.done == 1 ? "" : "s");
	else
		fprintf(stderr, "%s %d nmem%s\n", done_verb[cmd], r.done, r.done == 1 ? "" : "s");
	free(names);
	return failed ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}

int cmd_read_labels(int argc, char **argv, struct ndt_ctx *ctx)
{
	return label_command(READ, "read-labels", argc, argv, ctx);
}

int cmd_write_labels(int argc, char **argv, struct ndt_ctx *ctx)
{
	return label_command(WRITE, "write-labels", argc, argv, ctx);
}

int cmd_zero_labels(int argc, char **argv, struct ndt_ctx *ctx)
{
	return label_command(ZERO, "zero-labels", argc, argv, ctx);
}

int cmd_init_labels(int argc, char **argv, struct ndt_ctx *ctx)
{
	return label_command(INIT, "init-labels", argc, argv, ctx);
}

int cmd_check_labels(int argc, char **argv, struct ndt_ctx *ctx)
{
	return label_command(CHECK, "check-labels", argc, argv, ctx);
}
