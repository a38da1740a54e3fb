// SPDX-License-Identifier: GPL-2.0-or-later
/* read-infoblock, write-infoblock: the pfn/dax (and btt) info block of a namespace or file */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>
#include <uuid/uuid.h>
#include "builtin.h"
#include "json/filter.h"
#include "json/infoblock.h"
#include "util/infoblock.h"
#include "util/json.h"
#include "util/size.h"

enum ib_cmd { READ, WRITE };

struct ib_opts {
	enum ib_cmd cmd;
	const char *bus, *region, *output, *input;
	bool verbose, json, human, verify, to_stdout;
	bool devdax, map_mem, size_set, uuid_set, parent_set, mode_set, map_set;
	uint64_t size, align, offset;
	uint8_t uuid[16], parent[16];
};

#define IB_BASE \
	{ 'b', 'b', "bus", "<bus-id>", "limit namespace to a bus with an id or provider of " \
	  "<bus-id>" }, \
	{ 'r', 'r', "region", "<region-id>", "limit namespace to a region with an id or name " \
	  "of <region-id>" }, \
	{ 'v', 'v', "verbose", NULL, "emit extra debug messages to stderr" }, \
	{ 'o', 'o', "output", "<output-file>", "filename to write infoblock contents" }

static const struct ndt_option read_opts[] = {
	IB_BASE,
	{ 'i', 'i', "input", "<input-file>", "filename to read infoblock instead of a namespace" },
	{ 'V', 'V', "verify", NULL, "validate parent uuid, and infoblock checksum" },
	{ 'j', 'j', "json", NULL, "parse label data into json" },
	{ 'u', 'u', "human", NULL, "use human friendly number formats (implies --json)" },
	{ 0 },
};
static const struct ndt_option write_opts[] = {
	IB_BASE,
	{ 'c', 'c', "stdout", NULL, "write the infoblock data to stdout" },
	{ 'm', 'm', "mode", "<operation-mode>",
	  "specify the infoblock mode, 'fsdax' or 'devdax' (default 'fsdax')" },
	{ 's', 's', "size", "<size>", "override the image size to instantiate the infoblock" },
	{ 'a', 'a', "align", "<align>", "specify the expected physical alignment" },
	{ 'u', 'u', "uuid", "<uuid>", "specify the uuid for the infoblock (default: autogenerate)" },
	{ 'M', 'M', "map", "<memmap-location>",
	  "specify 'mem' or 'dev' for the location of the memmap" },
	{ 'p', 'p', "parent-uuid", "<parent-uuid>",
	  "specify the parent namespace uuid for the infoblock (default: 0)" },
	{ 'O', 'O', "offset", "<offset>",
	  "EXPERT/DEBUG only: enable namespace inner alignment padding" },
	{ 0 },
};

const struct ndt_cmd_info read_infoblock_info = {
	"ndtool read-infoblock", "<namespace>... | all | -i <file> [<options>]", read_opts };
const struct ndt_cmd_info write_infoblock_info = {
	"ndtool write-infoblock", "<namespace> | -o <file> | -c [<options>]", write_opts };

static const struct ndt_cmd_info *const infos[] = {
	[READ] = &read_infoblock_info, [WRITE] = &write_infoblock_info,
};

static int bad_value(const struct ib_opts *o, const char *what, const char *arg)
{
	fprintf(stderr, "%s: %s, not '%s'\n", infos[o->cmd]->prog, what, arg);
	return -1;
}

static int parse_uuid(const struct ib_opts *o, const char *arg, uint8_t *u, bool *set)
{
	if (uuid_parse(arg, u) < 0)
		return bad_value(o, "a uuid is 36 characters like "
				 "'01234567-89ab-cdef-0123-456789abcdef'", arg);
	*set = true;
	return 0;
}

static int write_opt(struct ib_opts *o, int id, const char *arg)
{
	switch (id) {
	case 'c': o->to_stdout = true; break;
	case 'm':
		if (strcmp(arg, "fsdax") == 0 || strcmp(arg, "memory") == 0)
			o->devdax = false;
		else if (strcmp(arg, "devdax") == 0 || strcmp(arg, "dax") == 0)
			o->devdax = true;
		else
			return bad_value(o, "--mode is fsdax or devdax", arg);
		o->mode_set = true;
		break;
	case 'M':
		if (strcmp(arg, "mem") == 0)
			o->map_mem = true;
		else if (strcmp(arg, "dev") == 0)
			o->map_mem = false;
		else
			return bad_value(o, "--map is mem or dev", arg);
		o->map_set = true;
		break;
	case 's':
		if (ndt_parse_size(arg, &o->size) < 0)
			return bad_value(o, "--size is a size (bytes, or with K M G T)", arg);
		o->size_set = true;
		break;
	case 'a':
		if (ndt_parse_size(arg, &o->align) < 0 || o->align < 4096 || o->align > UINT32_MAX ||
		    (o->align & (o->align - 1)))
			return bad_value(o, "--align is a power of two from 4K to 2G", arg);
		break;
	case 'O':
		if (ndt_parse_size(arg, &o->offset) < 0)
			return bad_value(o, "--offset is a size", arg);
		break;
	case 'u':
		return parse_uuid(o, arg, o->uuid, &o->uuid_set);
	case 'p':
		return parse_uuid(o, arg, o->parent, &o->parent_set);
	}
	return 0;
}

static int ib_opt(void *priv, int id, const char *arg)
{
	struct ib_opts *o = priv;

	switch (id) {
	case 'b': o->bus = arg; return 0;
	case 'r': o->region = arg; return 0;
	case 'v': o->verbose = true; return 0;
	case 'o': o->output = arg; return 0;
	}
	if (o->cmd == WRITE)
		return write_opt(o, id, arg);
	switch (id) {
	case 'i': o->input = arg; break;
	case 'V': o->verify = true; break;
	case 'j': o->json = true; break;
	case 'u': o->human = o->json = true; break;
	}
	return 0;
}

struct run {
	struct ib_opts *o;
	struct ndt_ctx *ctx;
	struct json_object *jarray;
	FILE *out;
	int done;
	int out_err;		/* errno of the first failed write to the output */
};

static const char *prog(const struct run *r)
{
	return infos[r->o->cmd]->prog;
}

/* A write to the output failed: -o FILE is named once; main() reports standard output. */
static void output_failed(struct run *r, int err)
{
	if (r->out_err)
		return;
	r->out_err = err ? err : EIO;
	if (r->o->output)
		fprintf(stderr, "%s: cannot write %s: %s\n", prog(r), r->o->output,
			strerror(r->out_err));
}

/* A failed library call: it recorded why; print it with the advice. */
static int lib_failed(struct run *r, int rc)
{
	struct ndtool_failure_ctx fc = { .op = NDTOOL_OP_INFOBLOCK };

	ndtool_failure(stderr, prog(r), r->ctx, rc, &fc);
	return rc;
}

/*
 * read-infoblock of one image (@image, NDT_IB_IMAGE bytes) named @name under @key ("dev"
 * or "file"). @ns_uuid: the namespace's uuid to check the parent uuid against, NULL for a
 * file. Returns 0 or -1 (reported).
 */
static int show(struct run *r, const char *key, const char *name, const uint8_t *image,
		const uint8_t *ns_uuid)
{
	struct ndt_infoblock ib;
	struct json_object *j;
	char why[128];

	ndt_infoblock_parse(image + NDT_IB_OFFSET, &ib);
	if (r->o->verify && !ndt_infoblock_verify(&ib, ns_uuid, why, sizeof(why))) {
		fprintf(stderr, "%s: %s: %s\n", prog(r), name, why);
		return -1;
	}
	if (!r->o->json) {
		if (fwrite(image, 1, NDT_IB_IMAGE, r->out) != NDT_IB_IMAGE) {
			output_failed(r, errno);
			return -1;
		}
		return 0;
	}
	if (ib.type == NDT_IB_NONE) {
		fprintf(stderr, "%s: %s: no info block (no pfn, dax or btt signature at offset "
				"4096)\n", prog(r), name);
		return -1;
	}
	j = ndt_infoblock_to_json(key, name, &ib, r->o->human);
	if (!j || json_object_array_add(r->jarray, j) != 0) {
		json_object_put(j);
		fprintf(stderr, "%s: %s: out of memory\n", prog(r), name);
		return -1;
	}
	return 0;
}

/* read-infoblock -i FILE (or standard input): the first NDT_IB_IMAGE bytes. */
static int read_file(struct run *r)
{
	const char *path = r->o->input, *name = path ? path : "<stdin>";
	uint8_t image[NDT_IB_IMAGE];
	FILE *in = stdin;
	size_t got;
	int err;

	if (path && !(in = fopen(path, "rb"))) {
		fprintf(stderr, "%s: %s: %s\n", prog(r), path, strerror(errno));
		return -1;
	}
	got = fread(image, 1, sizeof(image), in);
	err = ferror(in) ? errno : 0;
	if (in != stdin)
		fclose(in);
	if (err || got < sizeof(image)) {
		fprintf(stderr, "%s: %s: %s\n", prog(r), name,
			err ? strerror(err) : "shorter than the 8 KiB that hold an info block");
		return -1;
	}
	return show(r, "file", name, image, NULL);
}

/* The uuid the kernel compares a parent uuid with: the label's, zero when label-less. */
static void ns_uuid(struct ndt_namespace *ns, uint8_t *u)
{
	if (ndt_namespace_get_uuid(ns, u) < 0)
		memset(u, 0, 16);
}

static int read_ns(struct run *r, struct ndt_namespace *ns)
{
	uint8_t image[NDT_IB_IMAGE], uuid[16];
	struct ndt_raw *raw;
	ssize_t n;
	int rc;

	ns_uuid(ns, uuid);
	rc = ndt_namespace_raw_open(ns, NDT_RAW_READ, &raw);
	if (rc < 0)
		return lib_failed(r, rc);
	if (ndt_raw_get_size(raw) < sizeof(image)) {
		fprintf(stderr, "%s: %s is smaller than the 8 KiB that hold an info block\n",
			prog(r), ndt_namespace_get_devname(ns));
		n = -ERANGE;
	} else {
		n = ndt_raw_read(raw, image, sizeof(image), 0);
		if (n < 0)
			lib_failed(r, (int)n);
	}
	if (n < 0) {
		ndt_raw_close(raw);
		return -1;
	}
	rc = ndt_raw_close(raw);
	if (rc < 0)
		return lib_failed(r, rc);
	return show(r, "dev", ndt_namespace_get_devname(ns), image, uuid);
}

/*
 * Open the output of read-infoblock; stdout stays binary only when it is not a terminal.
 * Returns 0, -1 (FILE cannot be opened) or -2 (usage: binary to a terminal).
 */
static int open_output(struct run *r)
{
	if (r->o->output) {
		r->out = fopen(r->o->output, "wb");
		if (!r->out) {
			fprintf(stderr, "%s: %s: %s\n", prog(r), r->o->output, strerror(errno));
			return -1;
		}
		return 0;
	}
	if (!r->o->json && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s: info blocks are binary: write them with -o <file>, or parse "
				"them with -j\n", prog(r));
		return -2;
	}
	return 0;
}

/* Each selected namespace of the system; seeds (size 0) only when named. */
static int for_each_ns(struct run *r, const char *names, bool all,
		       int (*fn)(struct run *, struct ndt_namespace *), int *failed)
{
	struct ndt_namespace *ns;
	struct ndt_region *region;
	struct ndt_filter f;
	struct ndt_bus *bus;
	uint64_t size;
	int matched = 0;

	ndt_filter_init(&f);
	f.bus = r->o->bus;
	f.region = r->o->region;
	f.ns = names;
	ndt_bus_foreach(r->ctx, bus) {
		if (!ndt_filter_bus(&f, bus))
			continue;
		ndt_region_foreach(bus, region) {
			if (!ndt_filter_region(&f, region))
				continue;
			ndt_namespace_foreach(region, ns) {
				if (!ndt_filter_namespace(&f, ns))
					continue;
				if (all && (ndt_namespace_get_size(ns, &size) < 0 || !size))
					continue;
				matched++;
				if (fn(r, ns) < 0)
					(*failed)++;
				else
					r->done++;
			}
		}
	}
	return matched;
}

static int finish(struct run *r, int failed)
{
	if (r->o->json && json_object_array_length(r->jarray) &&
	    ndt_json_print(r->out, json_object_get(r->jarray)) < 0)
		output_failed(r, errno);
	json_object_put(r->jarray);
	if (r->o->output && r->out && fclose(r->out) != 0)
		output_failed(r, errno);
	if (r->out_err)
		failed++;
	fprintf(stderr, "%s %d infoblock%s\n", r->o->cmd == READ ? "read" : "wrote", r->done,
		r->done == 1 ? "" : "s");
	return failed ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}

int cmd_read_infoblock(int argc, char **argv, struct ndt_ctx *ctx)
{
	const struct ndt_cmd_info *info = infos[READ];
	struct ib_opts o = { .cmd = READ };
	struct run r = { .o = &o, .ctx = ctx, .out = stdout };
	int first, ex, failed = 0, matched;
	char *names;
	bool all;

	first = ndt_opts_parse(info, argc, argv, ib_opt, &o);
	ex = ndtool_opts_exit("read-infoblock", first);
	if (ex >= 0)
		return ex;
	if (o.verbose)
		ndt_set_log_priority(ctx, LOG_DEBUG);
	if (o.input && first < argc) {
		fprintf(stderr, "%s: read either --input or namespaces, not both\n", info->prog);
		ndt_opts_usage(stderr, info);
		return NDT_EXIT_USAGE;
	}
	if (first == argc && !o.input && isatty(STDIN_FILENO)) {
		fprintf(stderr, "%s: name namespaces (or 'all'), give an image with -i <file>, or "
				"pipe one in\n", info->prog);
		ndt_opts_usage(stderr, info);
		return NDT_EXIT_USAGE;
	}
	ex = open_output(&r);
	if (ex < 0)
		return ex == -2 ? NDT_EXIT_USAGE : NDT_EXIT_FAIL;
	r.jarray = json_object_new_array();
	if (!r.jarray)
		return NDT_EXIT_FAIL;
	/* no namespace: a file, or standard input as ndctl reads it */
	if (first == argc) {
		if (read_file(&r) < 0)
			failed++;
		else
			r.done++;
		return finish(&r, failed);
	}
	names = ndt_filter_join(argc, argv, first, &all);
	if (!names && !all) {
		json_object_put(r.jarray);
		return NDT_EXIT_FAIL;
	}
	if (ndtool_no_bus(ctx, info->prog)) {
		failed++;
	} else {
		matched = for_each_ns(&r, names, all, read_ns, &failed);
		if (!matched && names) {
			fprintf(stderr, "%s: no namespace matches '%s'\n", info->prog, names);
			failed++;
		}
	}
	free(names);
	return finish(&r, failed);
}

/*
 * The alignment recorded without --align: 2 MiB in an image (-o, -c), the page size on a
 * namespace, as ndctl 76.1 writes them.
 */
#define FILE_ALIGN (2u << 20)

static uint64_t page_size(void)
{
	long ps = sysconf(_SC_PAGESIZE);

	return ps > 0 ? (uint64_t)ps : 4096;
}

/*
 * write-infoblock: the image to write, from the options and the target's size; @align is
 * the target's default alignment.
 */
static int build_image(struct run *r, uint64_t size, uint64_t align, const uint8_t *parent,
		       uint8_t *image)
{
	struct ib_opts *o = r->o;
	struct ndt_infoblock_params p = {
		.devdax = o->devdax, .map_mem = o->map_mem, .size = size,
		.align = o->align ? o->align : align, .offset = o->offset,
	};
	char s[32], a[32];
	int rc;

	memcpy(p.uuid, o->uuid, 16);
	memcpy(p.parent_uuid, parent, 16);
	memset(image, 0, NDT_IB_OFFSET);
	rc = ndt_infoblock_build(&p, image + NDT_IB_OFFSET);
	if (rc == 0)
		return 0;
	if (!ndt_format_size(size, s, sizeof(s)))
		snprintf(s, sizeof(s), "%llu bytes", (unsigned long long)size);
	if (!ndt_format_size(p.align < (2u << 20) ? 2u << 20 : p.align, a, sizeof(a)))
		snprintf(a, sizeof(a), "%llu", (unsigned long long)p.align);
	if (rc == -ENXIO)
		fprintf(stderr, "%s: %s is too small: the data would start at or beyond its end "
				"once aligned to %s (unable to satisfy the alignment): use a larger "
				"--size or a smaller --align\n", prog(r), s, a);
	else
		fprintf(stderr, "%s: --size %s with --offset %llu: %s\n", prog(r), s,
			(unsigned long long)o->offset, strerror(-rc));
	return -1;
}

static int write_stdout(struct run *r)
{
	uint8_t image[NDT_IB_IMAGE], zero[16] = { 0 };

	if (build_image(r, r->o->size, FILE_ALIGN, r->o->parent_set ? r->o->parent : zero,
			image) < 0)
		return -1;
	if (fwrite(image, 1, sizeof(image), stdout) != sizeof(image))
		return -1;	/* main() reports a failed standard output */
	return 0;
}

/* -o FILE: an existing file keeps its bytes past the first 8 KiB and its size. */
static int write_output(struct run *r)
{
	const char *path = r->o->output;
	uint8_t image[NDT_IB_IMAGE], zero[16] = { 0 };
	struct stat st;
	uint64_t size = r->o->size;
	ssize_t n;
	int fd, err;

	if (!r->o->size_set) {
		if (stat(path, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
			fprintf(stderr, "%s: %s: %s: without --size the image size is the size of "
					"an existing file\n", prog(r), path,
				stat(path, &st) < 0 ? strerror(errno) : "empty or not a file");
			return -1;
		}
		size = (uint64_t)st.st_size;
	}
	if (build_image(r, size, FILE_ALIGN, r->o->parent_set ? r->o->parent : zero, image) < 0)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog(r), path, strerror(errno));
		return -1;
	}
	n = pwrite(fd, image, sizeof(image), 0);
	err = n < 0 ? errno : EIO;
	if (close(fd) < 0 && n == (ssize_t)sizeof(image)) {
		err = errno;
		n = -1;
	}
	if (n != (ssize_t)sizeof(image)) {
		fprintf(stderr, "%s: cannot write %s: %s\n", prog(r), path, strerror(err));
		return -1;
	}
	return 0;
}

static int claim_conflict(struct run *r, struct ndt_namespace *ns, struct ndt_claim *claim,
			  const char *what, const char *option)
{
	fprintf(stderr, "%s: %s stays claimed by %s while disabled, and the kernel enables it "
			"only with a block of the claim's %s: leave out %s, or change the mode "
			"with 'ndtool create-namespace -f -e %s'\n", prog(r),
		ndt_namespace_get_devname(ns), ndt_claim_get_devname(claim), what, option,
		ndt_namespace_get_devname(ns));
	return -1;
}

/*
 * A claim that stays configured while its namespace is disabled (a labelled namespace) is
 * set up again after the raw write with its own uuid, map location and alignment, and the
 * kernel enables the namespace only when the block agrees with them: they become the
 * defaults (in @o), and options that contradict them are refused before anything is
 * written.
 */
static int adopt_claim(struct run *r, struct ndt_namespace *ns, struct ib_opts *o)
{
	struct ndt_claim *claim = ndt_namespace_get_claim(ns);
	enum ndt_claim_type type;
	uint8_t uuid[16];
	uint64_t align;
	bool mem;

	if (!claim)
		return 0;
	type = ndt_claim_get_type(claim);
	if (type == NDT_CLAIM_BTT)
		return claim_conflict(r, ns, claim, "kind (a btt, sector mode)", "nothing");
	if (o->mode_set && o->devdax != (type == NDT_CLAIM_DAX))
		return claim_conflict(r, ns, claim, "mode", "--mode");
	o->devdax = type == NDT_CLAIM_DAX;
	if (ndt_claim_get_uuid(claim, uuid) == 0) {
		if (o->uuid_set && memcmp(uuid, o->uuid, 16) != 0)
			return claim_conflict(r, ns, claim, "uuid", "--uuid");
		memcpy(o->uuid, uuid, 16);
	}
	if (ndt_claim_get_align(claim, &align) == 0 && align) {
		if (o->align && o->align != align)
			return claim_conflict(r, ns, claim, "alignment", "--align");
		o->align = align;
	}
	mem = ndt_claim_get_map(claim) == NDT_MAP_MEM;
	if (o->map_set && o->map_mem != mem)
		return claim_conflict(r, ns, claim, "map location", "--map");
	o->map_mem = mem;
	return 0;
}

static int write_ns(struct run *r, struct ndt_namespace *ns)
{
	uint8_t image[NDT_IB_IMAGE], uuid[16];
	struct ndt_raw *raw;
	uint64_t size;
	ssize_t n;
	int rc;

	/* everything is checked and built before the namespace is touched */
	rc = ndt_namespace_check_idle(ns);
	if (rc < 0)
		return lib_failed(r, rc);
	if (ndt_namespace_is_active(ns)) {
		fprintf(stderr, "%s: %s is active: disable it first ('ndtool disable-namespace "
				"%s')\n", prog(r), ndt_namespace_get_devname(ns),
			ndt_namespace_get_devname(ns));
		return -1;
	}
	if (adopt_claim(r, ns, r->o) < 0)
		return -1;
	rc = ndt_namespace_get_size(ns, &size);
	if (rc < 0 || !size) {
		fprintf(stderr, "%s: %s has no capacity (a seed for new namespaces)\n", prog(r),
			ndt_namespace_get_devname(ns));
		return -1;
	}
	ns_uuid(ns, uuid);
	if (build_image(r, r->o->size_set ? r->o->size : size, page_size(),
			r->o->parent_set ? r->o->parent : uuid, image) < 0)
		return -1;
	rc = ndt_namespace_raw_open(ns, NDT_RAW_WRITE, &raw);
	if (rc < 0)
		return lib_failed(r, rc);
	n = ndt_raw_write(raw, image, sizeof(image), 0);
	if (n < 0) {
		lib_failed(r, (int)n);
		ndt_raw_close(raw);
		return -1;
	}
	rc = ndt_raw_close(raw);
	if (rc < 0)
		return lib_failed(r, rc);
	return 0;
}

int cmd_write_infoblock(int argc, char **argv, struct ndt_ctx *ctx)
{
	const struct ndt_cmd_info *info = infos[WRITE];
	struct ib_opts o = { .cmd = WRITE };
	struct run r = { .o = &o, .ctx = ctx, .out = stdout };
	int first, ex, failed = 0, matched, targets;
	char *names;
	bool all;

	first = ndt_opts_parse(info, argc, argv, ib_opt, &o);
	ex = ndtool_opts_exit("write-infoblock", first);
	if (ex >= 0)
		return ex;
	if (o.verbose)
		ndt_set_log_priority(ctx, LOG_DEBUG);
	targets = (first < argc) + !!o.output + o.to_stdout;
	if (targets != 1 || argc - first > 1) {
		fprintf(stderr, "%s: write to one namespace, or a file (-o), or standard output "
				"(-c)\n", info->prog);
		ndt_opts_usage(stderr, info);
		return NDT_EXIT_USAGE;
	}
	if (o.to_stdout && !o.size_set) {
		fprintf(stderr, "%s: --stdout needs --size: the image size\n", info->prog);
		return NDT_EXIT_USAGE;
	}
	if (!o.uuid_set)
		uuid_generate(o.uuid);
	r.jarray = json_object_new_array();
	if (!r.jarray)
		return NDT_EXIT_FAIL;
	if (o.to_stdout || o.output) {
		r.done = (o.to_stdout ? write_stdout(&r) : write_output(&r)) < 0 ? 0 : 1;
		o.output = NULL;	/* finish() closes no file */
		return finish(&r, !r.done);
	}
	names = ndt_filter_join(argc, argv, first, &all);
	if (!names || all) {
		if (all)
			fprintf(stderr, "%s: name one namespace: the same info block on every "
					"namespace is never right\n", info->prog);
		free(names);
		json_object_put(r.jarray);
		return all ? NDT_EXIT_USAGE : NDT_EXIT_FAIL;
	}
	if (ndtool_no_bus(ctx, info->prog)) {
		failed++;
	} else {
		matched = for_each_ns(&r, names, false, write_ns, &failed);
		if (!matched) {
			fprintf(stderr, "%s: no namespace matches '%s'\n", info->prog, names);
			failed++;
		}
	}
	free(names);
	return finish(&r, failed);
}
