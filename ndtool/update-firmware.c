// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ndtool update-firmware: send a firmware image to DIMMs and stage it, then arm them for
 * run-time activation (or disarm them); or only arm or disarm. Prints the DIMMs with their
 * firmware, as ndctl does. Every DIMM, the image and the bus's scrub are checked before the
 * first DIMM changes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>
#include "builtin.h"
#include "json/filter.h"
#include "json/objects.h"
#include "util/json.h"

#define PROG "ndtool update-firmware"
#define MAX_IMAGE (64u << 20)	/* far above any DIMM's staging area */

enum { OPT_NO_ARM = 256, OPT_NO_DISARM };

static const struct ndt_option update_options[] = {
	{ 'b', 'b', "bus", "<bus-id>", "<nmem> must be on a bus with an id/provider of <bus-id>" },
	{ 'v', 'v', "verbose", NULL, "turn on debug" },
	{ 'f', 'f', "firmware", "<firmware-file>", "firmware filename for update" },
	{ 'i', 'i', "force", NULL, "ignore ARS / arm status, try to force update" },
	{ 'A', 'A', "arm", NULL, "arm device for firmware activation (default)" },
	{ OPT_NO_ARM, 0, "no-arm", NULL, "do not arm after the update" },
	{ 'D', 'D', "disarm", NULL, "disarm device for firmware activation" },
	{ OPT_NO_DISARM, 0, "no-disarm", NULL, "(not accepted)" },
	{ 0 },
};

const struct ndt_cmd_info update_firmware_info = {
	.prog = PROG,
	.usage = "<nmem0> [<nmem1>..<nmemN>] [<options>]",
	.opts = update_options,
};

struct update_opts {
	const char *bus, *file;
	bool verbose, force, arm, no_arm, disarm, no_disarm;
};

static int update_opt(void *priv, int id, const char *arg)
{
	struct update_opts *o = priv;

	switch (id) {
	case 'b': o->bus = arg; break;
	case 'v': o->verbose = true; break;
	case 'f': o->file = arg; break;
	case 'i': o->force = true; break;
	case 'A': o->arm = true; o->no_arm = false; break;
	case OPT_NO_ARM: o->no_arm = true; o->arm = false; break;
	case 'D': o->disarm = true; break;
	case OPT_NO_DISARM: o->no_disarm = true; break;
	}
	return 0;
}

/* The whole image, read before any DIMM changes; NULL after saying why. */
static void *read_image(const char *path, size_t *size)
{
	struct stat st;
	uint8_t *buf;
	size_t got = 0;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		fprintf(stderr, "%s: cannot read the firmware image %s: %s\n", PROG, path,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode) || st.st_size <= 0 || (uint64_t)st.st_size > MAX_IMAGE) {
		fprintf(stderr, "%s: the firmware image %s is %s\n", PROG, path,
			!S_ISREG(st.st_mode) ? "not a regular file" :
			st.st_size <= 0 ? "empty" : "larger than 64 MiB");
		close(fd);
		return NULL;
	}
	buf = malloc((size_t)st.st_size);
	while (buf && got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n <= 0) {
			fprintf(stderr, "%s: reading the firmware image %s failed: %s\n", PROG,
				path, n < 0 ? strerror(errno) : "it shrank while being read");
			free(buf);
			buf = NULL;
			break;
		}
		got += (size_t)n;
	}
	if (!buf && got == 0 && st.st_size > 0)
		fprintf(stderr, "%s: out of memory\n", PROG);
	close(fd);
	*size = got;
	return buf;
}

struct sel {
	struct ndt_dimm **v;
	size_t n, cap;
};

static bool sel_add(struct sel *s, struct ndt_dimm *d)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == d)
			return true;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		struct ndt_dimm **v = realloc(s->v, cap * sizeof(*v));

		if (!v)
			return false;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = d;
	return true;
}

/* What "all" selects: the DIMMs that can do what is asked. */
static bool fits(const struct update_opts *o, struct ndt_dimm *d)
{
	char state[32];

	if (o->file && !ndt_dimm_fw_update_supported(d))
		return false;
	if ((o->arm || o->disarm) &&
	    ndt_dimm_get_fw_activate_state(d, state, sizeof(state)) == -ENOENT)
		return false;
	return true;
}

/* The DIMMs the operands name, in operand order, each once. False after saying why. */
static bool select_dimms(struct ndt_ctx *ctx, const struct update_opts *o, int argc,
			 char **argv, int first, struct sel *s)
{
	struct ndt_filter f;
	struct ndt_dimm *d;
	struct ndt_bus *bus;

	ndt_filter_init(&f);
	f.bus = o->bus;
	for (int i = first; i < argc; i++) {
		bool all = strcmp(argv[i], "all") == 0, found = false;

		f.dimm = all ? NULL : argv[i];
		ndt_bus_foreach(ctx, bus) {
			ndt_dimm_foreach(bus, d) {
				if (!ndt_filter_dimm(&f, d))
					continue;
				found = true;
				if (all && !fits(o, d))
					continue;
				if (!sel_add(s, d)) {
					fprintf(stderr, "%s: out of memory\n", PROG);
					return false;
				}
			}
		}
		if (!found) {
			fprintf(stderr, "%s: no DIMM matches '%s'%s%s%s; nothing was changed\n",
				PROG, argv[i], o->bus ? " on bus '" : "", o->bus ? o->bus : "",
				o->bus ? "'" : "");
			return false;
		}
	}
	if (s->n == 0) {
		fprintf(stderr, "%s: no DIMM selected can %s\n", PROG,
			o->file ? "update its firmware" : "activate firmware at run time");
		return false;
	}
	return true;
}

/* Refuse before any change: DIMMs that cannot do it, a scrub running on their bus. */
static bool check_dimms(const struct update_opts *o, const struct sel *s, bool explicit_arm)
{
	char state[32];

	for (size_t i = 0; i < s->n; i++) {
		struct ndt_dimm *d = s->v[i];
		struct ndt_bus *bus = ndt_dimm_get_bus(d);
		const char *dev = ndt_dimm_get_devname(d);

		if (o->file && !ndt_dimm_fw_update_supported(d)) {
			fprintf(stderr, "%s: %s does not support firmware update (its family, "
					"its firmware or the kernel offers no update functions: "
					"'ndtool list -DF -d %s' shows no can_update); nothing "
					"was changed\n", PROG, dev, dev);
			return false;
		}
		if (explicit_arm &&
		    ndt_dimm_get_fw_activate_state(d, state, sizeof(state)) == -ENOENT) {
			fprintf(stderr, "%s: %s cannot be %s: the platform or the kernel "
					"cannot activate its firmware at run time (new firmware "
					"becomes active at the next power cycle); nothing was "
					"changed\n", PROG, dev, o->disarm ? "disarmed" : "armed");
			return false;
		}
		if (o->file && !o->force && ndt_bus_get_scrub_state(bus) == 1) {
			fprintf(stderr, "%s: %s: an address range scrub runs on %s (%s); "
					"retry when it is done ('ndtool wait-scrub %s') or use "
					"--force; nothing was changed\n", PROG, dev,
				ndt_bus_get_devname(bus),
				ndt_bus_get_provider(bus), ndt_bus_get_devname(bus));
			return false;
		}
	}
	return true;
}

/* "nmem1: sending firmware 45% (64 of 140 KiB)", redrawn on a terminal */
static void progress(struct ndt_dimm *dimm, uint64_t sent, uint64_t total, void *arg)
{
	*(bool *)arg = true;
	fprintf(stderr, "\r%s: sending firmware %3u%% (%llu of %llu KiB)%s",
		ndt_dimm_get_devname(dimm), (unsigned int)(total ? sent * 100 / total : 100),
		(unsigned long long)(sent + 1023) / 1024, (unsigned long long)(total + 1023) / 1024,
		sent == total ? ", verifying" : "");
	fflush(stderr);
}

/* One DIMM: update, then arm or disarm. 0, or -1 after saying why. */
static int update_one(struct ndt_ctx *ctx, const struct update_opts *o, struct ndt_dimm *d,
		      const void *image, size_t size, bool tty)
{
	const char *dev = ndt_dimm_get_devname(d);
	bool can_arm, shown = false;
	char state[32];
	int rc;

	if (o->file) {
		if (o->verbose)
			fprintf(stderr, "%s: uploading firmware\n", dev);
		rc = ndt_dimm_fw_update(d, image, size, tty ? progress : NULL, &shown);
		if (shown)
			fputc('\n', stderr);
		if (rc < 0) {
			ndtool_failure(stderr, PROG, ctx, rc, NULL);
			return -1;
		}
	}
	can_arm = ndt_dimm_get_fw_activate_state(d, state, sizeof(state)) != -ENOENT;
	if (o->disarm)
		rc = ndt_dimm_fw_disarm(d);
	else if (o->arm || (o->file && !o->no_arm && can_arm))
		rc = ndt_dimm_fw_arm(d, o->force);
	else
		rc = 0;
	if (rc < 0) {
		ndtool_failure(stderr, PROG, ctx, rc, NULL);
		if (rc == -EOVERFLOW)
			fprintf(stderr, "%s: %s: activate fewer DIMMs at a time, or arm it anyway "
					"with --force\n", PROG, dev);
		return -1;
	}
	if (o->file && !can_arm)
		fprintf(stderr, "%s: %s: the new firmware is staged; it becomes active at the "
				"next power cycle\n", PROG, dev);
	return 0;
}

static int usage_error(const char *msg)
{
	fprintf(stderr, "%s: %s\n", PROG, msg);
	ndt_opts_usage(stderr, &update_firmware_info);
	return NDT_EXIT_USAGE;
}

int cmd_update_firmware(int argc, char **argv, struct ndt_ctx *ctx)
{
	struct update_opts o = { 0 };
	struct json_object *arr;
	struct sel s = { 0 };
	void *image = NULL;
	size_t size = 0, done = 0;
	bool tty = isatty(STDERR_FILENO), failed = false;
	int first, ex;

	first = ndt_opts_parse(&update_firmware_info, argc, argv, update_opt, &o);
	ex = ndtool_opts_exit("update-firmware", first);
	if (ex >= 0)
		return ex;
	if (o.verbose)
		ndt_set_log_priority(ctx, LOG_DEBUG);
	if (o.no_disarm)
		return usage_error("--no-disarm is not accepted");
	if (first == argc)
		return usage_error("name the DIMMs (nmemN, or all)");
	if (o.arm && o.disarm)
		return usage_error("set either --arm or --disarm, not both");
	if (!o.file && !o.arm && !o.disarm)
		return usage_error("nothing to do: give a firmware image (--firmware), --arm or "
				   "--disarm");
	if (o.file) {
		image = read_image(o.file, &size);
		if (!image)
			return NDT_EXIT_FAIL;
	}
	if (ndtool_no_bus(ctx, PROG) ||
	    !select_dimms(ctx, &o, argc, argv, first, &s) ||
	    !check_dimms(&o, &s, o.arm || o.disarm)) {
		free(image);
		free(s.v);
		return NDT_EXIT_FAIL;
	}
	arr = json_object_new_array();
	for (size_t i = 0; arr && i < s.n; i++) {
		struct ndt_json_opts jo = { .firmware = true, .human = isatty(STDOUT_FILENO) };
		struct json_object *j;

		if (update_one(ctx, &o, s.v[i], image, size, tty && o.file) < 0) {
			failed = true;
			continue;
		}
		done++;
		j = ndt_dimm_to_json(s.v[i], &jo);
		if (!j || json_object_array_add(arr, j) < 0) {
			json_object_put(j);
			failed = true;
		}
	}
	free(image);
	free(s.v);
	if (!arr) {
		fprintf(stderr, "%s: out of memory\n", PROG);
		return NDT_EXIT_FAIL;
	}
	if (ndt_json_print_list(stdout, arr, isatty(STDOUT_FILENO)) < 0)
		failed = true;
	fprintf(stderr, "updated %zu nmem%s.\n", done, done == 1 || done == 0 ? "" : "s");
	return failed ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}
