// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the administrator can do about a failure: the library states the condition and
 * its reason (ndt_ctx_get_failure()); the command line to type is added here, in one
 * place for every command.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "builtin.h"

static struct ndt_region *find_region(struct ndt_ctx *ctx, const char *name)
{
	struct ndt_region *region;
	struct ndt_bus *bus;

	ndt_bus_foreach(ctx, bus)
		ndt_region_foreach(bus, region)
			if (strcmp(ndt_region_get_devname(region), name) == 0)
				return region;
	return NULL;
}

/* A size as create-namespace takes it: the largest of G, M, K that divides it exactly. */
static const char *opt_size(uint64_t v, char *buf, size_t len)
{
	if (v && v % (1ULL << 30) == 0)
		snprintf(buf, len, "%" PRIu64 "G", v >> 30);
	else if (v && v % (1ULL << 20) == 0)
		snprintf(buf, len, "%" PRIu64 "M", v >> 20);
	else if (v && v % 1024 == 0)
		snprintf(buf, len, "%" PRIu64 "K", v >> 10);
	else
		snprintf(buf, len, "%" PRIu64, v);
	return buf;
}

/* Whether @region is made of DIMMs (with a label area) rather than legacy pmem. */
static bool has_dimms(struct ndt_region *region)
{
	struct ndt_mapping *m;

	ndt_mapping_foreach(region, m)
		if (ndt_mapping_get_dimm(m))
			return true;
	return false;
}

/* The commands that initialize the labels of region @r. */
static void print_init_labels(FILE *f, struct ndt_region *region, const char *r)
{
	struct ndt_mapping *m;
	const char *sep = "";

	fprintf(f, "ndtool disable-region %s; ndtool init-labels -f ", r);
	if (region)
		ndt_mapping_foreach(region, m) {
			if (!ndt_mapping_get_dimm(m))
				continue;
			fprintf(f, "%s%s", sep, ndt_dimm_get_devname(ndt_mapping_get_dimm(m)));
			sep = " ";
		}
	fprintf(f, "%s; ndtool enable-region %s", sep[0] ? "" : "<its DIMMs>", r);
}

static void advise_label_less(FILE *f, struct ndt_ctx *ctx, const char *r, enum ndtool_op op)
{
	struct ndt_region *region = find_region(ctx, r);
	struct ndt_namespace *ns = region ? ndt_namespace_get_first(region) : NULL;
	bool legacy = region && !has_dimms(region);

	if (op == NDTOOL_OP_RECONFIGURE) {
		fprintf(f, ": leave out --size, --name and --uuid");
		if (legacy) {
			fprintf(f, " (legacy pmem has no labels: its size is the memmap= boot "
				   "option's)");
			return;
		}
		fprintf(f, ", or, to divide the region, initialize its labels (erases its "
			   "namespaces): ");
		print_init_labels(f, region, r);
		return;
	}
	if (ns)
		fprintf(f, ". To use it whole in another mode, reconfigure %s in place: ndtool "
			   "create-namespace -f -e %s -m devdax (or fsdax, sector, raw)",
			ndt_namespace_get_devname(ns), ndt_namespace_get_devname(ns));
	if (legacy) {
		fprintf(f, " (legacy pmem has no labels to initialize)");
		return;
	}
	fprintf(f, ". To create namespaces, initialize the labels (erases the region's "
		   "namespaces): ");
	print_init_labels(f, region, r);
}

static void advise_size(FILE *f, struct ndt_ctx *ctx, const char *r, enum ndt_reason reason,
			uint64_t size)
{
	struct ndt_region *region = find_region(ctx, r);
	uint64_t align = 1, extent = 0, lo, hi;
	char a[32], b[32];

	if (region && (ndt_region_get_align(region, &align) < 0 || align == 0))
		align = 1;
	if (reason == NDT_REASON_FRAGMENTED) {
		if (region && ndt_region_get_max_available_extent(region, &extent) == 0 &&
		    extent >= align)
			fprintf(f, ": destroy the namespaces between the free ranges or ask for "
				   "--size=%s at most", opt_size(extent - extent % align, a, sizeof(a)));
		else
			fprintf(f, ": destroy the namespaces between the free ranges");
		return;
	}
	lo = size - size % align;
	hi = lo + align;
	if (!region || !size)
		fprintf(f, ": pick a size that is a multiple of it");
	else if (lo)
		fprintf(f, ": use --size=%s or --size=%s", opt_size(lo, a, sizeof(a)),
			opt_size(hi, b, sizeof(b)));
	else
		fprintf(f, ": use --size=%s", opt_size(hi, a, sizeof(a)));
}

void ndtool_failure(FILE *f, const char *prog, struct ndt_ctx *ctx, int rc,
		    const struct ndtool_failure_ctx *fc)
{
	enum ndt_reason reason;
	const char *object, *text = ndt_ctx_get_failure(ctx, &reason, &object);
	enum ndtool_op op = fc ? fc->op : NDTOOL_OP_OTHER;

	fprintf(f, "%s: %s", prog, text[0] ? text : strerror(rc < 0 ? -rc : rc));
	switch (reason) {
	case NDT_REASON_DISABLED:
		fprintf(f, ": enable it first ('ndtool enable-region %s')", object);
		break;
	case NDT_REASON_LABEL_LESS:
		if (op == NDTOOL_OP_CREATE || op == NDTOOL_OP_RECONFIGURE)
			advise_label_less(f, ctx, object, op);
		break;
	case NDT_REASON_NO_SPACE:
		fprintf(f, ": destroy a namespace or pick another region");
		break;
	case NDT_REASON_FRAGMENTED:
	case NDT_REASON_MISALIGNED:
		advise_size(f, ctx, object, reason, fc ? fc->size : 0);
		break;
	case NDT_REASON_TOO_SMALL:
		fprintf(f, "; try a larger --size");
		break;
	case NDT_REASON_ACTIVE:
		if (op == NDTOOL_OP_DESTROY)
			fprintf(f, ": add --force to destroy it and its data");
		else if (op == NDTOOL_OP_RECONFIGURE)
			fprintf(f, ": add --force to reconfigure it (its data will be lost)");
		break;
	case NDT_REASON_REGION_ACTIVE:
		fprintf(f, ": disable it first ('ndtool disable-region %s')", object);
		break;
	case NDT_REASON_MOUNTED:
		fprintf(f, ": unmount it first");
		break;
	case NDT_REASON_HOLDER:
		fprintf(f, ": remove %s first", object);
		break;
	case NDT_REASON_SYSTEM_RAM:
		fprintf(f, ": reconfigure it to devdax first ('ndtool dax reconfigure-device -m "
			   "devdax %s')", object);
		break;
	default:
		break;
	}
	fputc('\n', f);
}

bool ndtool_no_bus(struct ndt_ctx *ctx, const char *prog)
{
	if (ndt_bus_get_first(ctx))
		return false;
	fprintf(stderr, "%s: this system has no NVDIMM bus: libnvdimm is not loaded, or it found "
			"no persistent memory. Load the ACPI NVDIMM driver ('modprobe nfit'), look "
			"for errors in 'dmesg | grep -i -e nfit -e nvdimm', check that the firmware "
			"provides an NFIT table (/sys/firmware/acpi/tables/NFIT), or, for memory "
			"reserved with the memmap=<size>!<offset> boot option, 'modprobe nd_e820'\n",
		prog);
	return true;
}
