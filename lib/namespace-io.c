// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Label-less (io) namespaces: legacy pmem (the e820 bus) and NVDIMMs without labels have
 * one namespace spanning each region, with no uuid, name, size or sector size to set.
 * Their mode lives only in the info block at the start of their data (btt, pfn or dax),
 * so they change mode in place: release the claim, clear the info block, set up the new
 * claim. The old info block is kept in memory until the new mode is enabled and written
 * back when a later step fails, so that a failed reconfigure leaves the namespace as it was.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "private.h"

#define INFO_BYTES	8192	/* pfn, dax and btt info blocks live in the first 8 KiB */

/* What a change of mode needs to put the namespace back as it was. */
struct io_state {
	struct ndt_namespace *ns;
	char dev[32];
	char holder_class[16];
	char claim[32];		/* the claim before the change, "" for none */
	bool active;		/* enabled, raw or through its claim */
	bool released;		/* the claim let go of the namespace */
	bool saved;		/* @info holds the old info block */
	bool cleared;		/* the info block on the media is zero */
	unsigned char *info;	/* INFO_BYTES read before clearing, then zeros */
	unsigned char *zero;
};

static int kernel_failed(struct ndt_obj *obj, const char *step, int rc)
{
	return ndt_fail(obj->ctx, rc, NDT_REASON_KERNEL, obj->devname, "%s: %s failed: %s",
			obj->devname, step, strerror(-rc));
}

static void undo_step(struct ndt_obj *obj, const char *step, int rc, bool *first)
{
	if (rc >= 0)
		return;
	ndt_fail_append(obj->ctx, "%s %s of %s failed (%s)", *first ? "; undoing it," : ",",
			step, obj->devname, strerror(-rc));
	*first = false;
}

/*
 * Set the holder class of a label-less namespace. The kernel takes the value, then fails
 * the write with -ENXIO because there is no label to record it in: read it back.
 */
static int set_holder_class(struct ndt_namespace *ns, const char *val)
{
	char cur[16];
	int rc = ndt_obj_write(&ns->obj, "holder_class", val);

	if (rc == -ENXIO && ndt_obj_read(&ns->obj, "holder_class", cur, sizeof(cur)) >= 0 &&
	    strcmp(cur, val) == 0)
		rc = 0;
	return rc;
}

static int state_init(struct io_state *st, struct ndt_namespace *ns)
{
	struct ndt_claim *claim = ndt_namespace_get_claim(ns);

	memset(st, 0, sizeof(*st));
	st->ns = ns;
	snprintf(st->dev, sizeof(st->dev), "%s", ns->obj.devname);
	ndt_obj_read(&ns->obj, "holder_class", st->holder_class, sizeof(st->holder_class));
	if (claim)
		snprintf(st->claim, sizeof(st->claim), "%s", claim->obj.devname);
	st->active = ndt_namespace_is_active(ns);
	if (posix_memalign((void **)&st->info, 4096, INFO_BYTES) ||
	    posix_memalign((void **)&st->zero, 4096, INFO_BYTES)) {
		free(st->info);
		st->info = NULL;
		return ndt_fail(ns->obj.ctx, -ENOMEM, NDT_REASON_KERNEL, st->dev,
				"%s: no memory for its info block", st->dev);
	}
	memset(st->zero, 0, INFO_BYTES);
	return 0;
}

static void state_free(struct io_state *st)
{
	free(st->info);
	free(st->zero);
}

/* Disable the namespace: its claim is unbound and let go of it, or it is unbound itself. */
static int release(struct io_state *st)
{
	struct ndt_claim *claim = st->claim[0] ? ndt_namespace_get_claim(st->ns) : NULL;
	int rc;

	if (!claim) {
		rc = ndt_obj_unbind(&st->ns->obj);
		return rc < 0 ? kernel_failed(&st->ns->obj, "disabling it", rc) : 0;
	}
	rc = ndt_obj_unbind(&claim->obj);
	if (rc < 0)
		return ndt_fail(st->ns->obj.ctx, rc, NDT_REASON_KERNEL, claim->obj.devname,
				"%s: disabling %s failed: %s", st->dev, claim->obj.devname,
				strerror(-rc));
	rc = ndt_obj_write(&claim->obj, "namespace", "");
	if (rc < 0)
		return ndt_fail(st->ns->obj.ctx, rc, NDT_REASON_KERNEL, claim->obj.devname,
				"%s: releasing it from %s failed: %s", st->dev, claim->obj.devname,
				strerror(-rc));
	/* the kernel deletes a claim device that lets go of its namespace */
	st->released = true;
	return 0;
}

/*
 * Enable the released namespace raw (force_raw: the kernel ignores an info block then) and
 * write @buf over the first 8 KiB of its block device, after reading them into @st->info
 * when @save. The namespace is disabled again and force_raw reset. Records the failure
 * when @save; an undo (!@save) only returns it, for the failure to be added to.
 */
static int raw_io(struct io_state *st, bool save, const unsigned char *buf)
{
	struct ndt_namespace *ns = st->ns;
	struct ndt_ctx *ctx = ns->obj.ctx;
	const char *step = "clearing its holder class";
	char disk[64];
	ssize_t n;
	int fd, rc, rc2;

	rc = set_holder_class(ns, "");
	if (rc == 0) {
		step = "setting force_raw";
		rc = ndt_obj_write(&ns->obj, "force_raw", "1");
	}
	if (rc == 0) {
		step = "enabling it raw to reach its info block";
		rc = ndt_obj_bind(&ns->obj);
		if (rc == 0 && !ndt_obj_is_enabled(&ns->obj))
			rc = -ENXIO;
	}
	if (rc == 0) {
		step = "finding its block device";
		rc = ndt_namespace_get_block_device(ns, disk, sizeof(disk));
	}
	if (rc == 0) {
		step = save ? "clearing its info block" : "restoring its info block";
		fd = ndt_blockdev_open(ctx, disk, O_RDWR | O_EXCL | O_DIRECT);
		rc = fd < 0 ? fd : 0;
		if (rc == 0 && save) {
			n = pread(fd, st->info, INFO_BYTES, 0);
			rc = n == INFO_BYTES ? 0 : n < 0 ? -errno : -EIO;
			st->saved = rc == 0;
		}
		if (rc == 0) {
			n = pwrite(fd, buf, INFO_BYTES, 0);
			rc = n == INFO_BYTES ? 0 : n < 0 ? -errno : -EIO;
		}
		if (rc == 0 && fsync(fd) < 0)
			rc = -errno;
		if (fd >= 0 && close(fd) < 0 && rc == 0)
			rc = -errno;
	}
	rc2 = ndt_obj_unbind(&ns->obj);
	if (rc2 == 0)
		rc2 = ndt_obj_write(&ns->obj, "force_raw", "0");
	if (rc == 0 && rc2 < 0) {
		step = "disabling it after its info block";
		rc = rc2;
	}
	if (rc < 0 && save)
		kernel_failed(&ns->obj, step, rc);
	return rc;
}

/* Read and clear the info block of the released namespace. */
static int clear_info(struct io_state *st)
{
	int rc = raw_io(st, true, st->zero);

	st->cleared = rc == 0;
	return rc;
}

/*
 * Put the namespace back as it was: the old info block, the holder class, and enabled when
 * it was (the kernel then makes a claim from the info block again). Each step that fails
 * is added to the recorded failure.
 */
static void restore(struct io_state *st)
{
	struct ndt_namespace *ns = st->ns;
	struct ndt_claim *claim;
	bool first = true;
	char buf[16];
	int rc;

	if (st->saved)
		undo_step(&ns->obj, "restoring the info block", raw_io(st, false, st->info),
			  &first);
	if (ndt_obj_read(&ns->obj, "holder_class", buf, sizeof(buf)) < 0 ||
	    strcmp(buf, st->holder_class) != 0)
		undo_step(&ns->obj, "restoring the holder class",
			  set_holder_class(ns, st->holder_class), &first);
	claim = st->claim[0] && !st->released ? ndt_namespace_get_claim(ns) : NULL;
	if (claim && st->active) {
		undo_step(&claim->obj, "re-enabling", ndt_obj_bind(&claim->obj), &first);
	} else if (st->active) {
		rc = ndt_obj_bind(&ns->obj);
		/* -ENXIO: the kernel found the info block and handed it to a new claim */
		if (rc == -ENXIO) {
			ndt_obj_read(&ns->region->bus->obj, "wait_probe", buf, sizeof(buf));
			rc = 0;
		}
		undo_step(&ns->obj, "re-enabling", rc, &first);
	} else if (st->released && first) {
		ndt_fail_append(ns->obj.ctx, "; %s is back as it was but without %s, which "
				"enabling it brings back", st->dev, st->claim);
	}
	if (!first)
		ndt_fail_append(ns->obj.ctx, ": check it with a listing");
	ndt_region_refresh(ns->region);
}

/*
 * Check @p for a label-less namespace: no uuid, name or other size; the mode's own
 * parameters against the region, as for a create.
 */
static int plan_io(struct ndt_namespace *ns, const struct ndt_namespace_params *p,
		   struct ndt_create_plan *plan, struct ndt_claim **seed)
{
	struct ndt_region *region = ns->region;
	struct ndt_ctx *ctx = ns->obj.ctx;
	const char *r = region->obj.devname, *n = ns->obj.devname;
	char a[32], b[32];
	uint64_t size = 0;
	int rc;

	memset(plan, 0, sizeof(*plan));
	plan->mode = p->mode;
	*seed = NULL;
	if (p->mode > NDT_NS_MODE_DEVDAX)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, NULL, "unknown namespace mode %d",
				(int)p->mode);
	if (!ndt_region_is_enabled(region))
		return ndt_fail(ctx, -ENXIO, NDT_REASON_DISABLED, r, "%s is disabled", r);
	if (ndt_region_is_read_only(region))
		return ndt_fail(ctx, -EROFS, NDT_REASON_READ_ONLY, r, "%s is read-only", r);
	if (ndt_namespace_get_size(ns, &size) < 0 || size == 0)
		return ndt_fail(ctx, -EIO, NDT_REASON_KERNEL, n, "%s reports no size", n);
	if (p->size && p->size != size)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_LABEL_LESS, r,
				"%s spans label-less region %s: its size is %s, the region's, and "
				"cannot be changed to %s", n, r, ndt_fmt_size(size, a, sizeof(a)),
				ndt_fmt_size(p->size, b, sizeof(b)));
	if (p->name && p->name[0])
		return ndt_fail(ctx, -EINVAL, NDT_REASON_LABEL_LESS, r,
				"%s spans label-less region %s: without a label it has no name to "
				"set", n, r);
	if (p->uuid)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_LABEL_LESS, r,
				"%s spans label-less region %s: without a label it has no uuid to "
				"set", n, r);
	if (p->mode == NDT_NS_MODE_RAW && p->sector_size && p->sector_size != 512)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_LABEL_LESS, r,
				"%s spans label-less region %s: its raw sector size is 512 bytes "
				"and cannot be set (sector mode can have %u-byte sectors)", n, r,
				p->sector_size);
	plan->size = size;
	plan->name = "";
	rc = ndt_plan_mode(region, p, plan);
	if (rc < 0)
		return rc;
	if (p->mode == NDT_NS_MODE_RAW)
		return 0;
	*seed = ndt_region_get_claim_seed(region, plan->claim_type);
	if (!*seed)
		return ndt_fail(ctx, -ENXIO, NDT_REASON_UNSUPPORTED, r,
				"%s has no %s seed: is the %s driver available?", r,
				plan->claim_type == NDT_CLAIM_BTT   ? "btt"
				: plan->claim_type == NDT_CLAIM_PFN ? "pfn" : "dax",
				p->mode == NDT_NS_MODE_DEVDAX ? "dax_pmem" : "nd_pmem");
	return 0;
}

int ndt_io_check_reconfigure(struct ndt_namespace *ns, const struct ndt_namespace_params *p)
{
	struct ndt_create_plan plan;
	struct ndt_claim *seed;

	return plan_io(ns, p, &plan, &seed);
}

/*
 * Whether the kernel maps struct pages for this namespace itself when it is raw (legacy
 * pmem): fsdax with the page map in memory is then the raw namespace, and no pfn device.
 * Read while the namespace is released, when its mode shows what raw gives.
 */
static bool raw_maps_pages(struct ndt_namespace *ns)
{
	char mode[16];

	return ndt_obj_read(&ns->obj, "mode", mode, sizeof(mode)) > 0 &&
	       strcmp(mode, "memory") == 0;
}

/* Enable the cleared namespace in @plan's mode. On failure, what was set up is undone. */
static int setup(struct io_state *st, struct ndt_create_plan *plan, struct ndt_claim *seed)
{
	struct ndt_namespace *ns = st->ns;
	bool first = true;
	int rc;

	/* the holder class stays "pfn" then, as with ndctl: without an info block no pfn claims */
	if (plan->mode == NDT_NS_MODE_FSDAX && strcmp(plan->map, "ram") == 0 &&
	    raw_maps_pages(ns)) {
		rc = set_holder_class(ns, "pfn");
		if (rc < 0)
			return kernel_failed(&ns->obj, "setting its holder class", rc);
		plan->mode = NDT_NS_MODE_RAW;
	}
	if (plan->mode == NDT_NS_MODE_RAW) {
		rc = ndt_obj_bind(&ns->obj);
		if (rc == 0 && !ndt_obj_is_enabled(&ns->obj))
			rc = -ENXIO;
		if (rc < 0) {
			kernel_failed(&ns->obj, "enabling it", rc);
			undo_step(&ns->obj, "disabling", ndt_obj_unbind(&ns->obj), &first);
		}
		return rc;
	}
	rc = set_holder_class(ns, ndt_holder_class(plan, true));
	if (rc < 0)
		return kernel_failed(&ns->obj, "setting its holder class", rc);
	rc = ndt_claim_setup(seed, plan, st->dev);
	if (rc < 0) {
		undo_step(&seed->obj, "disabling", ndt_obj_unbind(&seed->obj), &first);
		undo_step(&seed->obj, "releasing the namespace",
			  ndt_obj_write(&seed->obj, "namespace", ""), &first);
	}
	return rc;
}

NDT_EXPORT int ndt_namespace_reconfigure(struct ndt_namespace *ns,
					 const struct ndt_namespace_params *p, bool force)
{
	struct ndt_ctx *ctx = ns->obj.ctx;
	struct ndt_namespace_params params;
	struct ndt_create_plan plan;
	struct ndt_region *region = ns->region;
	struct ndt_claim *seed;
	struct io_state st;
	int rc;

	ndt_failure_clear(ctx);
	rc = ndt_params_copy(ctx, p, &params);
	if (rc < 0)
		return rc;
	if (ndt_namespace_get_type(ns) != NDT_NS_TYPE_IO)
		return ndt_fail(ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED, ns->obj.devname,
				"%s has a label: it is reconfigured by destroying it and setting it "
				"up again", ns->obj.devname);
	rc = plan_io(ns, &params, &plan, &seed);
	if (rc < 0)
		return rc;
	if (ndt_namespace_is_active(ns) && !force)
		return ndt_fail(ctx, -EBUSY, NDT_REASON_ACTIVE, ns->obj.devname, "%s is active",
				ns->obj.devname);
	rc = ndt_ns_check_idle(ns);
	if (rc < 0)
		return rc;
	rc = state_init(&st, ns);
	if (rc < 0)
		return rc;

	rc = release(&st);
	if (rc == 0)
		rc = clear_info(&st);
	if (rc == 0)
		rc = setup(&st, &plan, seed);
	if (rc < 0)
		restore(&st);
	else
		ndt_region_refresh(region);
	state_free(&st);
	return rc;
}

int ndt_io_destroy(struct ndt_namespace *ns, bool force)
{
	struct ndt_ctx *ctx = ns->obj.ctx;
	struct io_state st;
	int rc;

	rc = state_init(&st, ns);
	if (rc < 0)
		return rc;
	/* raw, disabled, no holder class: nothing to do */
	if (!st.active && !st.claim[0] && !st.holder_class[0]) {
		rc = 0;
		goto out;
	}
	if (st.active && !force) {
		rc = ndt_fail(ctx, -EBUSY, NDT_REASON_ACTIVE, st.dev, "%s is active", st.dev);
		goto out;
	}
	rc = ndt_ns_check_idle(ns);
	if (rc < 0)
		goto out;
	rc = release(&st);
	/* raw: disabling it is all there is to do, and nothing was destroyed */
	if (rc == 0 && !st.claim[0] && !st.holder_class[0])
		goto out;
	if (rc == 0)
		rc = clear_info(&st);
	if (rc < 0) {
		restore(&st);
		goto out;
	}
	ndt_region_refresh(ns->region);
	rc = 1;
out:
	state_free(&st);
	return rc;
}
