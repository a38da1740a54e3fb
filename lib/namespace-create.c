// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Creating a namespace from a region's seeds. Every parameter is checked against what
 * the region accepts before anything is written; a step the kernel refuses undoes the
 * steps before it, so a failed create leaves no sized namespace or claimed seed behind.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>
#include "private.h"

#define DEFAULT_PFN_ALIGN	(2ULL << 20)
#define DEFAULT_BTT_SECTOR	4096
#define DEFAULT_RAW_SECTOR	512
#define NAME_MAX_BYTES		63

static const char *const mode_name[] = {
	[NDT_NS_MODE_RAW] = "raw",
	[NDT_NS_MODE_SECTOR] = "sector",
	[NDT_NS_MODE_FSDAX] = "fsdax",
	[NDT_NS_MODE_DEVDAX] = "devdax",
	[NDT_NS_MODE_UNKNOWN] = "unknown",
};

/* "1.50 GiB" style sizes for messages */
static const char *fmt_size(uint64_t v, char *buf, size_t len)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	double d = (double)v;
	int i = 0;

	while (d >= 1024 && i < 4) {
		d /= 1024;
		i++;
	}
	if (i == 0)
		snprintf(buf, len, "%" PRIu64 " B", v);
	else
		snprintf(buf, len, "%.2f %s", d, unit[i]);
	return buf;
}

/* A size for the command line: the largest of G, M, K that divides it exactly. */
static const char *fmt_opt_size(uint64_t v, char *buf, size_t len)
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

static bool in_list(const uint64_t *vals, int n, uint64_t v)
{
	int i;

	for (i = 0; i < n; i++)
		if (vals[i] == v)
			return true;
	return false;
}

static void list_text(const uint64_t *vals, int n, char *buf, size_t len)
{
	size_t off = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < n && off < len; i++)
		off += snprintf(buf + off, len - off, "%s%" PRIu64, i ? ", " : "", vals[i]);
}

/* The resolved plan of a create: every value final, checked against the region. */
struct create_plan {
	enum ndt_namespace_mode mode;
	enum ndt_claim_type claim_type;
	uint64_t size, align;
	unsigned int sector_size;
	const char *map;
	char uuid[40], claim_uuid[40];
	const char *name;
};

/*
 * @reuse: the size of a namespace the create will be made in after it is destroyed
 * (reconfigure): its own range can hold up to that much besides the free extents.
 */
static int plan_create(struct ndt_region *region, const struct ndt_namespace_params *p,
		       uint64_t reuse, struct create_plan *plan, char *why, size_t len)
{
	const char *r = region->obj.devname;
	uint64_t vals[32], ralign, extent, avail;
	char a[32], b[32], c[32], list[256];
	uuid_t u;
	int n;

	memset(plan, 0, sizeof(*plan));
	plan->mode = p->mode;
	if (p->mode > NDT_NS_MODE_DEVDAX) {
		snprintf(why, len, "unknown namespace mode");
		return -EINVAL;
	}
	if (!ndt_region_is_enabled(region)) {
		snprintf(why, len, "%s is disabled: enable it first ('ndtool enable-region %s')", r, r);
		return -ENXIO;
	}
	if (ndt_region_get_type(region) != NDT_REGION_PMEM) {
		snprintf(why, len, "%s is not a pmem region: namespaces can only be created in "
			 "pmem regions", r);
		return -EOPNOTSUPP;
	}
	if (region->nstype != 5) {
		struct ndt_mapping *m;
		char dimms[256] = "";
		size_t off = 0;

		ndt_mapping_foreach(region, m)
			if (m->dimm && off < sizeof(dimms))
				off += snprintf(dimms + off, sizeof(dimms) - off, "%s%s",
						off ? " " : "", m->dimm->obj.devname);
		snprintf(why, len, "%s has no labels: its one namespace spans the whole region and "
			 "cannot be divided. To create namespaces, initialize the labels (erases the "
			 "region's namespaces): ndtool disable-region %s; ndtool init-labels -f %s; "
			 "ndtool enable-region %s", r, r, off ? dimms : "<its DIMMs>", r);
		return -EOPNOTSUPP;
	}
	if (ndt_region_is_read_only(region)) {
		snprintf(why, len, "%s is read-only", r);
		return -EROFS;
	}
	if (p->name && strlen(p->name) > NAME_MAX_BYTES) {
		snprintf(why, len, "--name is %zu bytes long: a namespace name holds at most %d",
			 strlen(p->name), NAME_MAX_BYTES);
		return -EINVAL;
	}
	plan->name = p->name ? p->name : "";

	/* capacity and size */
	if (ndt_region_get_align(region, &ralign) < 0 || ralign == 0)
		ralign = 1;
	if (ndt_region_get_max_available_extent(region, &extent) < 0)
		extent = 0;
	if (ndt_region_get_available_size(region, &avail) < 0)
		avail = 0;
	if (reuse > extent)
		extent = reuse;
	avail += reuse;
	plan->size = p->size ? p->size : extent - extent % ralign;
	if (plan->size == 0 || plan->size > extent) {
		if (avail > extent && p->size <= avail)
			snprintf(why, len, "%s has %s available but its largest free extent is %s "
				 "(%s requested): destroy the namespaces between the free "
				 "ranges or ask for --size=%s at most", r,
				 fmt_size(avail, a, sizeof(a)), fmt_size(extent, b, sizeof(b)),
				 fmt_size(plan->size, c, sizeof(c)),
				 fmt_opt_size(extent - extent % ralign, list, sizeof(list)));
		else
			snprintf(why, len, "%s has %s available, %s requested: destroy a namespace "
				 "or pick another region", r, fmt_size(extent, a, sizeof(a)),
				 p->size ? fmt_size(p->size, b, sizeof(b)) : "a namespace");
		return -ENOSPC;
	}
	if (plan->size % ralign) {
		uint64_t lo = plan->size - plan->size % ralign, hi = lo + ralign;

		if (lo)
			snprintf(why, len, "--size=%s is not a multiple of %s's alignment (%s): use "
				 "--size=%s or --size=%s", fmt_opt_size(plan->size, a, sizeof(a)), r,
				 fmt_size(ralign, b, sizeof(b)), fmt_opt_size(lo, c, sizeof(c)),
				 fmt_opt_size(hi, list, sizeof(list)));
		else
			snprintf(why, len, "--size=%s is smaller than %s's alignment (%s): use "
				 "--size=%s", fmt_opt_size(plan->size, a, sizeof(a)), r,
				 fmt_size(ralign, b, sizeof(b)), fmt_opt_size(hi, c, sizeof(c)));
		return -EINVAL;
	}

	/* mode-specific geometry */
	switch (p->mode) {
	case NDT_NS_MODE_RAW:
		plan->claim_type = (enum ndt_claim_type)-1;
		n = ndt_region_get_namespace_seed(region)
			    ? ndt_read_size_list(&ndt_region_get_namespace_seed(region)->obj,
						 "sector_size", vals, 32)
			    : 0;
		plan->sector_size = p->sector_size ? p->sector_size : DEFAULT_RAW_SECTOR;
		if (n > 0 && !in_list(vals, n, plan->sector_size)) {
			list_text(vals, n, list, sizeof(list));
			snprintf(why, len, "%s does not support a %u-byte sector size for raw "
				 "namespaces: use one of %s", r, plan->sector_size, list);
			return -EINVAL;
		}
		break;
	case NDT_NS_MODE_SECTOR:
		plan->claim_type = NDT_CLAIM_BTT;
		n = ndt_region_get_supported(region, "sector", vals, 32);
		plan->sector_size = p->sector_size ? p->sector_size : DEFAULT_BTT_SECTOR;
		if (n > 0 && !in_list(vals, n, plan->sector_size)) {
			list_text(vals, n, list, sizeof(list));
			snprintf(why, len, "%s does not support a %u-byte sector size for sector mode "
				 "(BTT): use one of %s", r, plan->sector_size, list);
			return -EINVAL;
		}
		break;
	case NDT_NS_MODE_FSDAX:
	case NDT_NS_MODE_DEVDAX:
		plan->claim_type = p->mode == NDT_NS_MODE_FSDAX ? NDT_CLAIM_PFN : NDT_CLAIM_DAX;
		n = ndt_region_get_supported(region, mode_name[p->mode], vals, 32);
		plan->align = p->align ? p->align : DEFAULT_PFN_ALIGN;
		if (n > 0 && !in_list(vals, n, plan->align)) {
			list_text(vals, n, list, sizeof(list));
			snprintf(why, len, "%s does not support --align=%s for %s: use one of %s", r,
				 fmt_opt_size(plan->align, a, sizeof(a)), mode_name[p->mode], list);
			return -EINVAL;
		}
		if (plan->size < plan->align) {
			snprintf(why, len, "--size=%s is smaller than --align=%s",
				 fmt_opt_size(plan->size, a, sizeof(a)),
				 fmt_opt_size(plan->align, b, sizeof(b)));
			return -EINVAL;
		}
		plan->map = p->map == NDT_MAP_MEM ? "ram" : "pmem";
		plan->sector_size = DEFAULT_RAW_SECTOR;
		break;
	default:
		break;
	}
	if ((p->mode == NDT_NS_MODE_RAW || p->mode == NDT_NS_MODE_SECTOR) && p->align) {
		snprintf(why, len, "--align applies to fsdax and devdax namespaces only");
		return -EINVAL;
	}
	if (p->map != NDT_MAP_NONE && plan->map == NULL) {
		snprintf(why, len, "--map applies to fsdax and devdax namespaces only");
		return -EINVAL;
	}

	if (p->uuid)
		uuid_unparse(p->uuid, plan->uuid);
	else {
		uuid_generate(u);
		uuid_unparse(u, plan->uuid);
	}
	uuid_generate(u);
	uuid_unparse(u, plan->claim_uuid);
	return 0;
}

/*
 * The logical block size recorded in the namespace's label: the BTT's when the
 * namespace itself supports it, else 512.
 */
static unsigned int ns_sector_size(struct ndt_namespace *ns, const struct create_plan *plan)
{
	uint64_t vals[8];
	int n;

	if (plan->mode == NDT_NS_MODE_RAW)
		return plan->sector_size;
	if (plan->mode != NDT_NS_MODE_SECTOR)
		return DEFAULT_RAW_SECTOR;
	n = ndt_read_size_list(&ns->obj, "sector_size", vals, 8);
	return n > 0 && in_list(vals, n, plan->sector_size) ? plan->sector_size
							     : DEFAULT_RAW_SECTOR;
}

/* What a create changes on the seed, to put back when it fails. */
struct seed_state {
	char alt_name[80];
	char holder_class[16];
	unsigned int sector_size;
};

static void save_seed(struct ndt_namespace *ns, struct seed_state *st)
{
	memset(st, 0, sizeof(*st));
	ndt_obj_read(&ns->obj, "alt_name", st->alt_name, sizeof(st->alt_name));
	ndt_obj_read(&ns->obj, "holder_class", st->holder_class, sizeof(st->holder_class));
	/* a fresh seed has no size selected: the kernel and list treat that as 512 */
	if (ndt_read_current_size(&ns->obj, "sector_size", &st->sector_size) < 0)
		st->sector_size = DEFAULT_RAW_SECTOR;
}

/* Undo a partial create: release the claim, free the size, restore the seed's settings. */
static void rollback(struct ndt_namespace *ns, struct ndt_claim *claim,
		     const struct seed_state *st)
{
	if (claim) {
		ndt_obj_unbind(&claim->obj);
		ndt_obj_write(&claim->obj, "namespace", "");
	}
	ndt_obj_unbind(&ns->obj);
	ndt_obj_write(&ns->obj, "size", "0");
	ndt_obj_write(&ns->obj, "holder_class", st->holder_class);
	ndt_obj_write(&ns->obj, "alt_name", st->alt_name);
	ndt_obj_writef(&ns->obj, "sector_size", "%u", st->sector_size);
	/* an unused seed shows the null uuid (the kernel refuses this while it cannot
	 * update the DIMM labels: the seed then keeps ours in memory, on no label) */
	ndt_obj_write(&ns->obj, "uuid", "00000000-0000-0000-0000-000000000000");
}

static int failed(const char *step, const char *dev, int rc, char *why, size_t len)
{
	snprintf(why, len, "%s: %s failed: %s", dev, step, strerror(-rc));
	return rc;
}

static int create_in(struct ndt_region *region, struct ndt_namespace *ns,
		     const struct ndt_namespace_params *p, char *devname, size_t dlen, char *why,
		     size_t len)
{
	struct ndt_claim *claim = NULL;
	struct create_plan plan;
	struct seed_state saved;
	uint64_t size = 0;
	char dev[64];
	int rc;

	rc = plan_create(region, p, 0, &plan, why, len);
	if (rc < 0)
		return rc;
	if (!ns) {
		snprintf(why, len, "%s has no namespace seed to create from", region->obj.devname);
		return -ENXIO;
	}
	if (ndt_namespace_get_size(ns, &size) < 0 || size != 0 || ndt_namespace_is_active(ns)) {
		snprintf(why, len, "%s is in use: only an unconfigured namespace (size 0) can be "
			 "set up", ns->obj.devname);
		return -EBUSY;
	}
	if (plan.mode != NDT_NS_MODE_RAW) {
		claim = ndt_region_get_claim_seed(region, plan.claim_type);
		if (!claim) {
			snprintf(why, len, "%s has no %s seed: is the %s driver available?",
				 region->obj.devname, mode_name[plan.mode],
				 plan.mode == NDT_NS_MODE_DEVDAX ? "dax_pmem" : "nd_pmem");
			return -ENXIO;
		}
	}
	snprintf(dev, sizeof(dev), "%s", ns->obj.devname);
	save_seed(ns, &saved);

	rc = ndt_obj_write(&ns->obj, "uuid", plan.uuid);
	if (rc < 0)
		return failed("setting the uuid", dev, rc, why, len);
	rc = ndt_obj_write(&ns->obj, "alt_name", plan.name);
	if (rc < 0)
		goto undo_name;
	rc = ndt_obj_writef(&ns->obj, "size", "%#" PRIx64, plan.size);
	if (rc < 0) {
		failed("allocating the size", dev, rc, why, len);
		goto undo;
	}
	rc = ndt_obj_writef(&ns->obj, "sector_size", "%u", ns_sector_size(ns, &plan));
	if (rc < 0) {
		failed("setting the sector size", dev, rc, why, len);
		goto undo;
	}
	rc = ndt_obj_write(&ns->obj, "holder_class",
			   claim ? (plan.claim_type == NDT_CLAIM_BTT ? "btt"
				    : plan.claim_type == NDT_CLAIM_PFN ? "pfn" : "dax")
				 : "");
	if (rc < 0) {
		failed("setting the holder class", dev, rc, why, len);
		goto undo;
	}
	if (!claim) {
		rc = ndt_obj_bind(&ns->obj);
		if (rc < 0) {
			failed("enabling the namespace", dev, rc, why, len);
			goto undo;
		}
		goto done;
	}
	rc = ndt_obj_write(&claim->obj, "uuid", plan.claim_uuid);
	if (rc == 0 && plan.claim_type == NDT_CLAIM_BTT)
		rc = ndt_obj_writef(&claim->obj, "sector_size", "%u", plan.sector_size);
	if (rc == 0 && plan.claim_type != NDT_CLAIM_BTT) {
		rc = ndt_obj_write(&claim->obj, "mode", plan.map);
		if (rc == 0)
			rc = ndt_obj_writef(&claim->obj, "align", "%" PRIu64, plan.align);
	}
	if (rc < 0) {
		failed("configuring", claim->obj.devname, rc, why, len);
		goto undo;
	}
	rc = ndt_obj_write(&claim->obj, "namespace", dev);
	if (rc < 0) {
		failed("claiming the namespace", claim->obj.devname, rc, why, len);
		goto undo;
	}
	rc = ndt_obj_bind(&claim->obj);
	if (rc < 0 || !ndt_obj_is_enabled(&claim->obj)) {
		rc = rc < 0 ? rc : -ENXIO;
		if (plan.claim_type == NDT_CLAIM_BTT)
			snprintf(why, len, "%s: the kernel could not set up a BTT on %s (%s): a "
				 "sector-mode namespace needs room for at least 16 MiB of data plus "
				 "its metadata; try a larger --size", dev, claim->obj.devname,
				 strerror(-rc));
		else
			failed("enabling", claim->obj.devname, rc, why, len);
		goto undo;
	}
done:
	ndt_region_refresh(region);
	snprintf(devname, dlen, "%s", dev);
	return 0;
undo:
	rollback(ns, claim, &saved);
	ndt_region_refresh(region);
	return rc;
undo_name:
	failed("setting the name", dev, rc, why, len);
	ndt_region_refresh(region);
	return rc;
}

NDT_EXPORT int ndt_namespace_create(struct ndt_region *region,
				    const struct ndt_namespace_params *p, char *devname,
				    size_t dlen, char *why, size_t len)
{
	return create_in(region, ndt_region_get_namespace_seed(region), p, devname, dlen, why,
			 len);
}

NDT_EXPORT int ndt_namespace_check_reconfigure(struct ndt_namespace *ns,
					       const struct ndt_namespace_params *p, char *why,
					       size_t len)
{
	struct create_plan plan;
	uint64_t size = 0;

	if (ndt_namespace_get_type(ns) == NDT_NS_TYPE_IO) {
		snprintf(why, len, "%s spans label-less region %s: it cannot be reconfigured "
			 "until the region's labels are initialized", ns->obj.devname,
			 ns->region->obj.devname);
		return -EOPNOTSUPP;
	}
	ndt_namespace_get_size(ns, &size);
	return plan_create(ns->region, p, size, &plan, why, len);
}

NDT_EXPORT int ndt_namespace_setup(struct ndt_namespace *ns, const struct ndt_namespace_params *p,
				   char *why, size_t len)
{
	char devname[64];

	return create_in(ns->region, ns, p, devname, sizeof(devname), why, len);
}
