// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Creating a namespace from a region's seeds. Every parameter is checked against what
 * the region accepts before anything is written; a step the kernel refuses undoes the
 * steps before it, so a failed create leaves no sized namespace or claimed seed behind.
 */
#include <errno.h>
#include <stdbool.h>
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

const char *ndt_fmt_size(uint64_t v, char *buf, size_t len)
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

/*
 * The mode-specific part of a plan: the claim type, sector size, alignment and page map
 * checked against what @region supports, and a random uuid for the claim.
 */
int ndt_plan_mode(struct ndt_region *region, const struct ndt_namespace_params *p,
		  struct ndt_create_plan *plan)
{
	struct ndt_ctx *ctx = region->obj.ctx;
	const char *r = region->obj.devname;
	char a[32], b[32], list[256];
	uint64_t vals[32];
	uuid_t u;
	int n;

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
			return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, r,
					"%s does not support a %u-byte sector size for raw "
					"namespaces: use one of %s", r, plan->sector_size, list);
		}
		break;
	case NDT_NS_MODE_SECTOR:
		plan->claim_type = NDT_CLAIM_BTT;
		n = ndt_region_get_supported(region, "sector", vals, 32);
		plan->sector_size = p->sector_size ? p->sector_size : DEFAULT_BTT_SECTOR;
		if (n > 0 && !in_list(vals, n, plan->sector_size)) {
			list_text(vals, n, list, sizeof(list));
			return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, r,
					"%s does not support a %u-byte sector size for sector mode "
					"(BTT): use one of %s", r, plan->sector_size, list);
		}
		break;
	case NDT_NS_MODE_FSDAX:
	case NDT_NS_MODE_DEVDAX:
		plan->claim_type = p->mode == NDT_NS_MODE_FSDAX ? NDT_CLAIM_PFN : NDT_CLAIM_DAX;
		n = ndt_region_get_supported(region, mode_name[p->mode], vals, 32);
		plan->align = p->align ? p->align : DEFAULT_PFN_ALIGN;
		if (n > 0 && !in_list(vals, n, plan->align)) {
			list_text(vals, n, list, sizeof(list));
			return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, r,
					"%s does not support an alignment of %s for %s: use one of %s",
					r, ndt_fmt_size(plan->align, a, sizeof(a)), mode_name[p->mode],
					list);
		}
		if (plan->size < plan->align)
			return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, NULL,
					"a size of %s is smaller than the alignment of %s",
					ndt_fmt_size(plan->size, a, sizeof(a)),
					ndt_fmt_size(plan->align, b, sizeof(b)));
		plan->map = p->map == NDT_MAP_MEM ? "ram" : "pmem";
		plan->sector_size = DEFAULT_RAW_SECTOR;
		break;
	default:
		break;
	}
	if ((p->mode == NDT_NS_MODE_RAW || p->mode == NDT_NS_MODE_SECTOR) && p->align)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, NULL,
				"an alignment applies to fsdax and devdax namespaces only");
	if (p->map != NDT_MAP_NONE && plan->map == NULL)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, NULL,
				"a page map location applies to fsdax and devdax namespaces only");

	uuid_generate(u);
	uuid_unparse(u, plan->claim_uuid);
	return 0;
}

/*
 * @reuse: the size of a namespace the create will be made in after it is destroyed
 * (reconfigure): its own range can hold up to that much besides the free extents.
 */
static int plan_create(struct ndt_region *region, const struct ndt_namespace_params *p,
		       uint64_t reuse, struct ndt_create_plan *plan)
{
	struct ndt_ctx *ctx = region->obj.ctx;
	const char *r = region->obj.devname;
	uint64_t ralign, extent, avail;
	char a[32], b[32], c[32];
	uuid_t u;
	int rc;

	memset(plan, 0, sizeof(*plan));
	plan->mode = p->mode;
	if (p->mode > NDT_NS_MODE_DEVDAX)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, NULL, "unknown namespace mode %d",
				(int)p->mode);
	if (!ndt_region_is_enabled(region))
		return ndt_fail(ctx, -ENXIO, NDT_REASON_DISABLED, r, "%s is disabled", r);
	if (ndt_region_get_type(region) != NDT_REGION_PMEM)
		return ndt_fail(ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED, r,
				"%s is not a pmem region: namespaces can only be created in pmem "
				"regions", r);
	if (region->nstype != 5)
		return ndt_fail(ctx, -EOPNOTSUPP, NDT_REASON_LABEL_LESS, r,
				"%s has no labels: its one namespace spans the whole region and "
				"cannot be divided", r);
	if (ndt_region_is_read_only(region))
		return ndt_fail(ctx, -EROFS, NDT_REASON_READ_ONLY, r, "%s is read-only", r);
	if (p->name && strlen(p->name) > NAME_MAX_BYTES)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, NULL,
				"the name is %zu bytes long: a namespace name holds at most %d",
				strlen(p->name), NAME_MAX_BYTES);
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
			return ndt_fail(ctx, -ENOSPC, NDT_REASON_FRAGMENTED, r,
					"%s has %s available but its largest free extent is %s "
					"(%s requested)", r, ndt_fmt_size(avail, a, sizeof(a)),
					ndt_fmt_size(extent, b, sizeof(b)),
					ndt_fmt_size(plan->size, c, sizeof(c)));
		return ndt_fail(ctx, -ENOSPC, NDT_REASON_NO_SPACE, r,
				"%s has %s available, %s requested", r,
				ndt_fmt_size(extent, a, sizeof(a)),
				p->size ? ndt_fmt_size(p->size, b, sizeof(b)) : "a namespace");
	}
	if (plan->size % ralign)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_MISALIGNED, r,
				"a size of %s is not a multiple of %s's alignment (%s)",
				ndt_fmt_size(plan->size, a, sizeof(a)), r,
				ndt_fmt_size(ralign, b, sizeof(b)));

	rc = ndt_plan_mode(region, p, plan);
	if (rc < 0)
		return rc;
	if (p->uuid)
		uuid_unparse(p->uuid, plan->uuid);
	else {
		uuid_generate(u);
		uuid_unparse(u, plan->uuid);
	}
	return 0;
}

/*
 * The logical block size recorded in the namespace's label: the BTT's when the
 * namespace itself supports it, else 512.
 */
static unsigned int ns_sector_size(struct ndt_namespace *ns, const struct ndt_create_plan *plan)
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

/* Note an undo step that failed in the recorded failure. */
static void undo_step(struct ndt_obj *obj, const char *step, int rc, bool *first)
{
	if (rc >= 0)
		return;
	ndt_fail_append(obj->ctx, "%s %s of %s failed (%s)", *first ? "; undoing it," : ",",
			step, obj->devname, strerror(-rc));
	*first = false;
}

/* Write @val to @attr unless it already reads so: an undo changes only what changed. */
static int restore(struct ndt_obj *obj, const char *attr, const char *val)
{
	char cur[128];

	if (ndt_obj_read(obj, attr, cur, sizeof(cur)) >= 0 && strcmp(cur, val) == 0)
		return 0;
	return ndt_obj_write(obj, attr, val);
}

/*
 * Undo a partial create: release the claim, free the size, restore the seed's settings.
 * A step that fails is added to the recorded failure.
 */
static void rollback(struct ndt_namespace *ns, struct ndt_claim *claim,
		     const struct seed_state *st)
{
	unsigned int cur_ss;
	uint64_t size = 0;
	bool first = true;

	if (claim) {
		undo_step(&claim->obj, "disabling", ndt_obj_unbind(&claim->obj), &first);
		undo_step(&claim->obj, "releasing the namespace",
			  restore(&claim->obj, "namespace", ""), &first);
	}
	undo_step(&ns->obj, "disabling", ndt_obj_unbind(&ns->obj), &first);
	if (ndt_namespace_get_size(ns, &size) < 0 || size)
		undo_step(&ns->obj, "freeing the size", ndt_obj_write(&ns->obj, "size", "0"),
			  &first);
	undo_step(&ns->obj, "restoring the holder class",
		  restore(&ns->obj, "holder_class", st->holder_class), &first);
	undo_step(&ns->obj, "restoring the name", restore(&ns->obj, "alt_name", st->alt_name),
		  &first);
	if (ndt_read_current_size(&ns->obj, "sector_size", &cur_ss) < 0)
		cur_ss = DEFAULT_RAW_SECTOR;
	if (cur_ss != st->sector_size)
		undo_step(&ns->obj, "restoring the sector size",
			  ndt_obj_writef(&ns->obj, "sector_size", "%u", st->sector_size), &first);
	/*
	 * An unused seed shows the null uuid. The kernel refuses this while it cannot update
	 * the DIMM labels: the seed then keeps ours in memory, on no label, which is harmless.
	 */
	ndt_obj_write(&ns->obj, "uuid", "00000000-0000-0000-0000-000000000000");
	if (!first)
		ndt_fail_append(ns->obj.ctx, ": check the region with a listing");
}

static int failed(struct ndt_obj *obj, const char *step, int rc)
{
	return ndt_fail(obj->ctx, rc, NDT_REASON_KERNEL, obj->devname, "%s: %s failed: %s",
			obj->devname, step, strerror(-rc));
}

/*
 * Configure the claim seed @claim as @plan says, point it at the namespace @dev and enable
 * it. The failure is recorded; the caller undoes what was written.
 */
int ndt_claim_setup(struct ndt_claim *claim, const struct ndt_create_plan *plan,
		    const char *dev)
{
	struct ndt_ctx *ctx = claim->obj.ctx;
	int rc;

	rc = ndt_obj_write(&claim->obj, "uuid", plan->claim_uuid);
	if (rc == 0 && plan->claim_type == NDT_CLAIM_BTT)
		rc = ndt_obj_writef(&claim->obj, "sector_size", "%u", plan->sector_size);
	if (rc == 0 && plan->claim_type != NDT_CLAIM_BTT) {
		rc = ndt_obj_write(&claim->obj, "mode", plan->map);
		if (rc == 0)
			rc = ndt_obj_writef(&claim->obj, "align", "%" PRIu64, plan->align);
	}
	if (rc < 0)
		return failed(&claim->obj, "configuring", rc);
	rc = ndt_obj_write(&claim->obj, "namespace", dev);
	if (rc < 0)
		return failed(&claim->obj, "claiming the namespace", rc);
	rc = ndt_obj_bind(&claim->obj);
	if (rc < 0 || !ndt_obj_is_enabled(&claim->obj)) {
		rc = rc < 0 ? rc : -ENXIO;
		if (plan->claim_type == NDT_CLAIM_BTT)
			return ndt_fail(ctx, rc, NDT_REASON_TOO_SMALL, dev,
					"%s: the kernel could not set up a BTT on %s (%s): a "
					"sector-mode namespace needs room for at least 16 MiB of data "
					"plus its metadata", dev, claim->obj.devname, strerror(-rc));
		return failed(&claim->obj, "enabling", rc);
	}
	return 0;
}

const char *ndt_holder_class(const struct ndt_create_plan *plan, bool claimed)
{
	if (!claimed)
		return "";
	return plan->claim_type == NDT_CLAIM_BTT ? "btt"
	       : plan->claim_type == NDT_CLAIM_PFN ? "pfn" : "dax";
}

static int create_in(struct ndt_region *region, struct ndt_namespace *ns,
		     const struct ndt_namespace_params *p, char *devname, size_t dlen)
{
	struct ndt_ctx *ctx = region->obj.ctx;
	struct ndt_claim *claim = NULL;
	struct ndt_create_plan plan;
	struct seed_state saved;
	uint64_t size = 0;
	char dev[64];
	int rc;

	rc = plan_create(region, p, 0, &plan);
	if (rc < 0)
		return rc;
	if (!ns)
		return ndt_fail(ctx, -ENXIO, NDT_REASON_KERNEL, region->obj.devname,
				"%s has no namespace seed to create from", region->obj.devname);
	if (ndt_namespace_get_size(ns, &size) < 0 || size != 0 || ndt_namespace_is_active(ns))
		return ndt_fail(ctx, -EBUSY, NDT_REASON_ACTIVE, ns->obj.devname,
				"%s is in use: only an unconfigured namespace (size 0) can be set up",
				ns->obj.devname);
	if (plan.mode != NDT_NS_MODE_RAW) {
		claim = ndt_region_get_claim_seed(region, plan.claim_type);
		if (!claim)
			return ndt_fail(ctx, -ENXIO, NDT_REASON_UNSUPPORTED, region->obj.devname,
					"%s has no %s seed: is the %s driver available?",
					region->obj.devname, mode_name[plan.mode],
					plan.mode == NDT_NS_MODE_DEVDAX ? "dax_pmem" : "nd_pmem");
	}
	snprintf(dev, sizeof(dev), "%s", ns->obj.devname);
	save_seed(ns, &saved);

	rc = ndt_obj_write(&ns->obj, "uuid", plan.uuid);
	if (rc < 0)
		return failed(&ns->obj, "setting the uuid", rc);
	rc = ndt_obj_write(&ns->obj, "alt_name", plan.name);
	if (rc < 0) {
		failed(&ns->obj, "setting the name", rc);
		goto undo;
	}
	rc = ndt_obj_writef(&ns->obj, "size", "%#" PRIx64, plan.size);
	if (rc < 0) {
		failed(&ns->obj, "allocating the size", rc);
		goto undo;
	}
	rc = ndt_obj_writef(&ns->obj, "sector_size", "%u", ns_sector_size(ns, &plan));
	if (rc < 0) {
		failed(&ns->obj, "setting the sector size", rc);
		goto undo;
	}
	rc = ndt_obj_write(&ns->obj, "holder_class", ndt_holder_class(&plan, claim != NULL));
	if (rc < 0) {
		failed(&ns->obj, "setting the holder class", rc);
		goto undo;
	}
	if (!claim) {
		rc = ndt_obj_bind(&ns->obj);
		if (rc < 0) {
			failed(&ns->obj, "enabling the namespace", rc);
			goto undo;
		}
		goto done;
	}
	rc = ndt_claim_setup(claim, &plan, dev);
	if (rc < 0)
		goto undo;
done:
	ndt_region_refresh(region);
	snprintf(devname, dlen, "%s", dev);
	return 0;
undo:
	rollback(ns, claim, &saved);
	ndt_region_refresh(region);
	return rc;
}

/*
 * The caller's parameters as this library's struct: fields a caller built against an
 * older header does not know are zero (their defaults); a newer caller's struct is
 * accepted when the fields this library does not know are zero.
 */
int ndt_params_copy(struct ndt_ctx *ctx, const struct ndt_namespace_params *in,
		       struct ndt_namespace_params *out)
{
	const unsigned char *tail;
	size_t size, i;

	memset(out, 0, sizeof(*out));
	if (!in)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, NULL, "no parameters given");
	size = in->struct_size;
	if (size < NDT_NAMESPACE_PARAMS_SIZE_MIN)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, NULL,
				"the parameters' struct_size (%zu) is not set to their size", size);
	if (size > sizeof(*out)) {
		tail = (const unsigned char *)in + sizeof(*out);
		for (i = 0; i < size - sizeof(*out); i++)
			if (tail[i])
				return ndt_fail(ctx, -E2BIG, NDT_REASON_INVALID, NULL,
						"the parameters set fields this version of "
						"libndtool does not know (struct_size %zu, known "
						"%zu)", size, sizeof(*out));
		size = sizeof(*out);
	}
	memcpy(out, in, size);
	out->struct_size = sizeof(*out);
	return 0;
}

NDT_EXPORT int ndt_namespace_create(struct ndt_region *region,
				    const struct ndt_namespace_params *p, char *devname,
				    size_t dlen)
{
	struct ndt_namespace_params params;
	int rc;

	ndt_failure_clear(region->obj.ctx);
	rc = ndt_params_copy(region->obj.ctx, p, &params);
	if (rc < 0)
		return rc;
	return create_in(region, ndt_region_get_namespace_seed(region), &params, devname, dlen);
}

NDT_EXPORT int ndt_namespace_check_reconfigure(struct ndt_namespace *ns,
					       const struct ndt_namespace_params *p)
{
	struct ndt_namespace_params params;
	struct ndt_create_plan plan;
	uint64_t size = 0;
	int rc;

	ndt_failure_clear(ns->obj.ctx);
	rc = ndt_params_copy(ns->obj.ctx, p, &params);
	if (rc < 0)
		return rc;
	if (ndt_namespace_get_type(ns) == NDT_NS_TYPE_IO)
		return ndt_io_check_reconfigure(ns, &params);
	ndt_namespace_get_size(ns, &size);
	return plan_create(ns->region, &params, size, &plan);
}

NDT_EXPORT int ndt_namespace_setup(struct ndt_namespace *ns, const struct ndt_namespace_params *p)
{
	struct ndt_namespace_params params;
	char devname[64];
	int rc;

	ndt_failure_clear(ns->obj.ctx);
	rc = ndt_params_copy(ns->obj.ctx, p, &params);
	if (rc < 0)
		return rc;
	return create_in(ns->region, ns, &params, devname, sizeof(devname));
}
