// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Namespace state changes: enable, disable, destroy, and the checks that keep them from
 * touching a namespace in use (mounted, held open exclusively, online as system RAM).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "private.h"

#define INFO_BLOCK_BYTES 8192	/* pfn, dax and btt info blocks live in the first 8 KiB */

/* The block device of @ns's data: the claim's when claimed, else the namespace's. */
static int ns_block_device(struct ndt_namespace *ns, char *buf, size_t len)
{
	struct ndt_claim *claim = ndt_namespace_get_claim(ns);

	if (claim && ndt_claim_get_type(claim) != NDT_CLAIM_DAX)
		return ndt_claim_get_block_device(claim, buf, len);
	return ndt_namespace_get_block_device(ns, buf, len);
}

/* A device-dax device of @ns's dax claim that is online as system RAM, or NULL. */
static struct ndt_dax_dev *system_ram_dev(struct ndt_namespace *ns)
{
	struct ndt_claim *claim = ndt_namespace_get_claim(ns);
	struct ndt_dax_region *dr;
	struct ndt_dax_dev *dd;

	if (!claim || ndt_claim_get_type(claim) != NDT_CLAIM_DAX)
		return NULL;
	dr = ndt_claim_get_dax_region(claim);
	if (!dr)
		return NULL;
	ndt_dax_dev_foreach(dr, dd)
		if (ndt_dax_dev_get_mode(dd) == NDT_DAX_MODE_SYSTEM_RAM)
			return dd;
	return NULL;
}

/* The check of ndt_namespace_check_idle(), recording into a cleared failure. */
int ndt_ns_check_idle(struct ndt_namespace *ns)
{
	struct ndt_ctx *ctx = ns->obj.ctx;
	const char *name = ns->obj.devname;
	struct ndt_dax_dev *dd = system_ram_dev(ns);
	enum ndt_reason reason;
	char dev[64], who[2048];

	if (dd)
		return ndt_fail(ctx, -EBUSY, NDT_REASON_SYSTEM_RAM, ndt_dax_dev_get_devname(dd),
				"%s: %s is online as system RAM", name,
				ndt_dax_dev_get_devname(dd));
	if (ns_block_device(ns, dev, sizeof(dev)) < 0)
		return 0;
	reason = ndt_blockdev_user(ctx, dev, who, sizeof(who));
	switch (reason) {
	case NDT_REASON_MOUNTED:
		return ndt_fail(ctx, -EBUSY, reason, who, "%s: /dev/%s is mounted on %s", name,
				dev, who);
	case NDT_REASON_HOLDER:
		return ndt_fail(ctx, -EBUSY, reason, who, "%s: /dev/%s is in use by %s", name,
				dev, who);
	case NDT_REASON_OPEN:
		return ndt_fail(ctx, -EBUSY, reason, NULL,
				"%s: /dev/%s is open exclusively by another program", name, dev);
	default:
		return 0;
	}
}

NDT_EXPORT int ndt_namespace_check_idle(struct ndt_namespace *ns)
{
	ndt_failure_clear(ns->obj.ctx);
	return ndt_ns_check_idle(ns);
}

/* Unbind a claim and release its namespace ("" in its namespace attribute). */
static int claim_release(struct ndt_claim *claim)
{
	int rc = ndt_obj_unbind(&claim->obj);

	if (rc < 0)
		return rc;
	return ndt_obj_write(&claim->obj, "namespace", "");
}

static int kernel_refused(struct ndt_obj *obj, const char *step, int rc)
{
	return ndt_fail(obj->ctx, rc, NDT_REASON_KERNEL, obj->devname,
			"%s: the kernel refused to %s: %s", obj->devname, step, strerror(-rc));
}

NDT_EXPORT int ndt_namespace_disable(struct ndt_namespace *ns, bool check)
{
	struct ndt_claim *claim = ndt_namespace_get_claim(ns);
	int rc;

	ndt_failure_clear(ns->obj.ctx);
	if (check) {
		rc = ndt_ns_check_idle(ns);
		if (rc < 0)
			return rc;
	}
	if (claim && ndt_claim_is_enabled(claim)) {
		rc = claim_release(claim);
		if (rc < 0)
			return ndt_fail(ns->obj.ctx, rc, NDT_REASON_KERNEL, claim->obj.devname,
					"%s: the kernel refused to disable %s: %s",
					ns->obj.devname, claim->obj.devname, strerror(-rc));
	}
	rc = ndt_obj_unbind(&ns->obj);
	if (rc < 0)
		return kernel_refused(&ns->obj, "disable it", rc);
	return 0;
}

/*
 * The driver rejected the namespace itself (-ENXIO). It does that after finding a btt,
 * pfn or dax info block and handing the namespace to a new claim device, which then
 * probes on its own; or because something else claims it. Wait for the bus's probes and
 * look at what the kernel did. Returns 1 when the namespace is active through a claim.
 */
static int enable_rejected(struct ndt_region *region, const char *name)
{
	struct ndt_ctx *ctx = region->obj.ctx;
	struct ndt_namespace *ns;
	struct ndt_claim *claim;
	char buf[16];

	ndt_obj_read(&region->bus->obj, "wait_probe", buf, sizeof(buf));
	ndt_region_refresh(region);
	ns = ndt_region_find_namespace(region, name);
	if (!ns)
		return ndt_fail(ctx, -ENODEV, NDT_REASON_KERNEL, name,
				"%s disappeared while it was being enabled", name);
	if (ndt_namespace_is_active(ns))
		return 1;
	claim = ndt_namespace_get_claim(ns);
	if (claim)
		return ndt_fail(ctx, -ENXIO, NDT_REASON_KERNEL, claim->obj.devname,
				"%s: the kernel found %s metadata on it but could not enable %s "
				"(the kernel log says why)", name,
				ndt_claim_get_type(claim) == NDT_CLAIM_BTT	 ? "BTT"
				: ndt_claim_get_type(claim) == NDT_CLAIM_PFN ? "fsdax (pfn)"
									     : "devdax",
				claim->obj.devname);
	return ndt_fail(ctx, -ENXIO, NDT_REASON_KERNEL, name,
			"%s: the kernel's driver rejected it (the kernel log says why)", name);
}

NDT_EXPORT int ndt_namespace_enable(struct ndt_namespace *ns)
{
	struct ndt_region *region = ns->region;
	struct ndt_claim *claim;
	uint64_t size = 0;
	char name[32];
	int rc;

	ndt_failure_clear(ns->obj.ctx);
	if (ndt_namespace_is_active(ns))
		return 0;
	if (ndt_namespace_get_size(ns, &size) == 0 && size == 0)
		return ndt_fail(ns->obj.ctx, -ENXIO, NDT_REASON_SEED, ns->obj.devname,
				"%s has size 0: it is a seed for new namespaces, nothing to enable",
				ns->obj.devname);
	/* a configured claim (btt, pfn, dax) that was disabled on its own */
	claim = ndt_namespace_get_claim(ns);
	if (claim) {
		rc = ndt_obj_bind(&claim->obj);
		if (rc < 0)
			return ndt_fail(ns->obj.ctx, rc, NDT_REASON_KERNEL, claim->obj.devname,
					"%s: the kernel refused to enable %s: %s", ns->obj.devname,
					claim->obj.devname, strerror(-rc));
		return 0;
	}
	snprintf(name, sizeof(name), "%s", ns->obj.devname);
	rc = ndt_obj_bind(&ns->obj);
	if (rc == -ENXIO)
		return enable_rejected(region, name);
	if (rc < 0)
		return kernel_refused(&ns->obj, "enable it", rc);
	return 0;
}

/* Write zeros over the first 8 KiB of @ns through its raw block device @dev. */
static int zero_info_block(struct ndt_namespace *ns, const char *dev, void *buf)
{
	ssize_t n;
	int fd, rc;

	fd = ndt_blockdev_open(ns->obj.ctx, dev, O_RDWR | O_EXCL | O_DIRECT);
	if (fd < 0)
		return ndt_fail(ns->obj.ctx, fd, NDT_REASON_KERNEL, dev,
				"%s: cannot open /dev/%s to clear its info block: %s",
				ns->obj.devname, dev, strerror(-fd));
	memset(buf, 0, INFO_BLOCK_BYTES);
	n = pwrite(fd, buf, INFO_BLOCK_BYTES, 0);
	rc = n == INFO_BLOCK_BYTES ? 0 : n < 0 ? -errno : -EIO;
	if (rc == 0 && fsync(fd) < 0)
		rc = -errno;
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	if (rc < 0)
		return ndt_fail(ns->obj.ctx, rc, NDT_REASON_KERNEL, dev,
				"%s: clearing the info block on /dev/%s failed: %s",
				ns->obj.devname, dev, strerror(-rc));
	return 0;
}

/* Note a step of an undo that failed in the recorded failure. */
static void undo_step(struct ndt_obj *obj, const char *step, int rc, bool *first)
{
	if (rc >= 0)
		return;
	ndt_fail_append(obj->ctx, "%s %s of %s failed (%s)", *first ? "; undoing it," : ",",
			step, obj->devname, strerror(-rc));
	*first = false;
}

/*
 * Put a namespace whose destroy failed before its info block was cleared back as it was.
 * @claim: the claim when it still exists (releasing it failed), else NULL: the kernel
 * deletes a released claim device, and re-creates it from the info block, which is still
 * on the media, when the namespace is enabled again.
 */
static void destroy_undo(struct ndt_namespace *ns, struct ndt_claim *claim,
			 const char *holder_class, bool was_active)
{
	bool first = true;
	char buf[16];
	int rc;

	undo_step(&ns->obj, "disabling", ndt_obj_unbind(&ns->obj), &first);
	undo_step(&ns->obj, "resetting force_raw", ndt_obj_write(&ns->obj, "force_raw", "0"),
		  &first);
	undo_step(&ns->obj, "restoring the holder class",
		  ndt_obj_write(&ns->obj, "holder_class", holder_class), &first);
	if (claim && was_active) {
		undo_step(&claim->obj, "re-enabling", ndt_obj_bind(&claim->obj), &first);
	} else if (was_active) {
		rc = ndt_obj_bind(&ns->obj);
		/* -ENXIO: the namespace went to a new claim made from its info block */
		if (rc == -ENXIO) {
			ndt_obj_read(&ns->region->bus->obj, "wait_probe", buf, sizeof(buf));
			rc = 0;
		}
		undo_step(&ns->obj, "re-enabling", rc, &first);
	}
	if (!first)
		ndt_fail_append(ns->obj.ctx, ": check it with a listing");
}

NDT_EXPORT int ndt_namespace_destroy(struct ndt_namespace *ns, bool force)
{
	struct ndt_claim *claim = ndt_namespace_get_claim(ns);
	struct ndt_ctx *ctx = ns->obj.ctx;
	char holder_class[16] = "", dev[64];
	bool active = ndt_namespace_is_active(ns);
	uint64_t size = 0;
	void *buf = NULL;
	int rc;

	ndt_failure_clear(ctx);
	if (ndt_namespace_get_type(ns) == NDT_NS_TYPE_IO)
		return ndt_io_destroy(ns, force);
	if (ndt_namespace_get_size(ns, &size) < 0 || size == 0)
		return 0;		/* an idle seed: nothing to destroy */
	if (active && !force)
		return ndt_fail(ctx, -EBUSY, NDT_REASON_ACTIVE, ns->obj.devname, "%s is active",
				ns->obj.devname);
	rc = ndt_ns_check_idle(ns);
	if (rc < 0)
		return rc;
	/* everything that can fail without the kernel's help fails before the first write */
	if (posix_memalign(&buf, 4096, INFO_BLOCK_BYTES))
		return ndt_fail(ctx, -ENOMEM, NDT_REASON_KERNEL, ns->obj.devname,
				"%s: no memory to clear its info block", ns->obj.devname);
	ndt_obj_read(&ns->obj, "holder_class", holder_class, sizeof(holder_class));

	rc = claim ? claim_release(claim) : ndt_obj_unbind(&ns->obj);
	if (rc < 0) {
		rc = kernel_refused(&ns->obj, "release it for the destroy", rc);
		if (active)
			destroy_undo(ns, claim, holder_class, active);
		goto out;
	}
	/* a released claim device is gone */
	claim = NULL;
	/* enable raw, clear any pfn/dax/btt info block so nothing claims the space again */
	rc = ndt_obj_write(&ns->obj, "holder_class", "");
	if (rc == 0)
		rc = ndt_obj_write(&ns->obj, "force_raw", "1");
	if (rc == 0)
		rc = ndt_obj_bind(&ns->obj);
	if (rc < 0) {
		kernel_refused(&ns->obj, "enable it raw to clear its info block", rc);
		destroy_undo(ns, claim, holder_class, active);
		goto out;
	}
	rc = ndt_namespace_get_block_device(ns, dev, sizeof(dev));
	if (rc < 0)
		ndt_fail(ctx, rc, NDT_REASON_KERNEL, ns->obj.devname,
			 "%s: no block device to clear its info block", ns->obj.devname);
	else
		rc = zero_info_block(ns, dev, buf);
	if (rc < 0) {
		destroy_undo(ns, claim, holder_class, active);
		goto out;
	}
	rc = ndt_obj_write(&ns->obj, "force_raw", "0");
	if (rc < 0)
		err(ctx, "%s: resetting force_raw failed: %s", ns->obj.devname, strerror(-rc));
	/* from here on the data is gone: finish, reporting each step that fails */
	rc = ndt_obj_unbind(&ns->obj);
	if (rc < 0) {
		kernel_refused(&ns->obj, "disable it after clearing its info block", rc);
		goto out;
	}
	rc = ndt_obj_write(&ns->obj, "alt_name", "");
	if (rc < 0) {
		kernel_refused(&ns->obj, "clear its name", rc);
		goto out;
	}
	rc = ndt_obj_write(&ns->obj, "size", "0");
	if (rc < 0) {
		kernel_refused(&ns->obj, "free its capacity", rc);
		goto out;
	}
	rc = 1;
out:
	free(buf);
	return rc;
}
