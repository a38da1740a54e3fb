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

static struct ndt_dax_region *find_dax_region(struct ndt_ctx *ctx, const char *name)
{
	struct ndt_dax_region *region;
	char buf[32];

	ndt_dax_region_foreach(ctx, region) {
		snprintf(buf, sizeof(buf), "region%u", ndt_dax_region_get_id(region));
		if (strcmp(buf, name) == 0)
			return region;
	}
	return NULL;
}

/* The namespace whose dax claim provides the device-dax device @dev, or NULL. */
static const char *dax_namespace(struct ndt_ctx *ctx, const char *dev)
{
	struct ndt_namespace *ns;
	struct ndt_region *region;
	struct ndt_dax_region *dr;
	struct ndt_dax_dev *dd;
	struct ndt_claim *claim;
	struct ndt_bus *bus;

	ndt_bus_foreach(ctx, bus)
		ndt_region_foreach(bus, region)
			ndt_namespace_foreach(region, ns) {
				claim = ndt_namespace_get_claim(ns);
				dr = claim ? ndt_claim_get_dax_region(claim) : NULL;
				if (!dr)
					continue;
				ndt_dax_dev_foreach(dr, dd)
					if (strcmp(ndt_dax_dev_get_devname(dd), dev) == 0)
						return ndt_namespace_get_devname(ns);
			}
	return NULL;
}

/* What to ask ndtool dax create-device for instead. */
static void advise_dax_create(FILE *f, struct ndt_ctx *ctx, const char *r, enum ndt_reason reason,
			      const struct ndtool_failure_ctx *fc)
{
	uint64_t size = fc->size;
	struct ndt_dax_region *region = find_dax_region(ctx, r);
	uint64_t al[4], avail = 0, unit = 0;
	char a[32], b[32];
	int i, n;

	switch (reason) {
	case NDT_REASON_INVALID:
		n = ndt_dax_get_alignments(ctx, al, 4);
		fprintf(f, ": use --align=");
		for (i = 0; i < n; i++)
			fprintf(f, "%s%s", i ? (i == n - 1 ? " or " : ", ") : "",
				opt_size(al[i], a, sizeof(a)));
		break;
	case NDT_REASON_MISALIGNED:
		if (region && ndt_dax_region_get_align(region, &unit) == 0 && unit < fc->align)
			unit = fc->align;
		if (unit && size > unit)
			fprintf(f, ": use --size=%s or --size=%s",
				opt_size(size - size % unit, a, sizeof(a)),
				opt_size(size - size % unit + unit, b, sizeof(b)));
		else
			fprintf(f, ": pick a size that is a multiple of it");
		break;
	case NDT_REASON_NO_SPACE:
		if (region && ndt_dax_region_get_available_size(region, &avail) == 0 && avail)
			fprintf(f, ": ask for --size=%s at most, or destroy a device "
				   "('ndtool dax destroy-device -f <device>')",
				opt_size(avail, a, sizeof(a)));
		else
			fprintf(f, ": destroy a device first ('ndtool dax destroy-device -f "
				   "<device>')");
		break;
	default:
		break;
	}
}

void ndtool_failure(FILE *f, const char *prog, struct ndt_ctx *ctx, int rc,
		    const struct ndtool_failure_ctx *fc)
{
	enum ndt_reason reason;
	const char *object, *text = ndt_ctx_get_failure(ctx, &reason, &object);
	enum ndtool_op op = fc ? fc->op : NDTOOL_OP_OTHER;

	fprintf(f, "%s: %s", prog, text[0] ? text : strerror(rc < 0 ? -rc : rc));
	if (op == NDTOOL_OP_DAX_CREATE) {
		advise_dax_create(f, ctx, object, reason, fc);
		fputc('\n', f);
		return;
	}
	switch (reason) {
	case NDT_REASON_DISABLED:
		fprintf(f, ": enable it first ('ndtool enable-region %s')", object);
		break;
	case NDT_REASON_LABEL_LESS:
		if (op == NDTOOL_OP_CREATE || op == NDTOOL_OP_RECONFIGURE)
			advise_label_less(f, ctx, object, op);
		break;
	case NDT_REASON_NO_SPACE:
		if (strncmp(object, "dax", 3) == 0)
			fprintf(f, ": ask for less, or free capacity by shrinking or destroying "
				   "another device of the region");
		else
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
		else if (op == NDTOOL_OP_CHECK)
			fprintf(f, ": disable it first ('ndtool disable-namespace %s'), or add "
				   "--force to disable it for the check and enable it again", object);
		else if (op == NDTOOL_OP_INFOBLOCK)
			fprintf(f, ": disable it first ('ndtool disable-namespace %s')", object);
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
	case NDT_REASON_UNSUPPORTED:
		if (op == NDTOOL_OP_DESTROY && strncmp(object, "dax", 3) == 0) {
			const char *ns = dax_namespace(ctx, object);

			if (!ns)
				ns = "<namespace>";
			fprintf(f, ": destroy its namespace instead ('ndtool "
				   "destroy-namespace -f %s'), or resize it ('ndtool "
				   "create-namespace -f -e %s -m devdax -s <size>')", ns, ns);
		}
		break;
	case NDT_REASON_SEED:
		if (op == NDTOOL_OP_DAX)
			fprintf(f, "; give it a size first ('ndtool dax reconfigure-device -s "
				   "<size> %s'), or create a device ('ndtool dax create-device')",
				object);
		break;
	case NDT_REASON_SYSTEM_RAM:
		if (op == NDTOOL_OP_RECONFIGURE)
			fprintf(f, ": add --force to offline its memory first (or 'ndtool dax "
				   "offline-memory %s')", object);
		else
			fprintf(f, ": reconfigure it to devdax first ('ndtool dax "
				   "reconfigure-device -m devdax -f %s')", object);
		break;
	case NDT_REASON_NOT_SYSTEM_RAM:
		fprintf(f, ": reconfigure it first ('ndtool dax reconfigure-device -m system-ram "
			   "%s')", object);
		break;
	case NDT_REASON_MEMORY_BUSY:
		fprintf(f, ". Stop what uses that memory and retry; memory onlined with "
			   "--no-movable (a kernel zone) holds kernel allocations that may never "
			   "move: online it movable next time");
		break;
	case NDT_REASON_ONLINE_POLICY:
		fprintf(f, ": write \"offline\" to the kernel's auto_online_blocks (in the "
			   "memory directory of sysfs) or remove the udev rule that onlines "
			   "memory, then retry");
		break;
	case NDT_REASON_DAX_IN_USE:
		/* the kernel would take the device away from it: SIGBUS on its next access */
		fprintf(f, ": stop it first");
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
