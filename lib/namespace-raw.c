// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Raw access to a disabled namespace: the bytes under its btt, pfn or dax claim, to check
 * or repair the claim's metadata. The kernel binds a namespace raw only with force_raw set
 * and no claim pointing at it (a claimed namespace fails its probe with -ENXIO), so opening
 * lets go of a configured claim and closing sets it up again from what was saved, on the
 * region's claim seed (the kernel deletes a claim device that lets go of its namespace: the
 * claim comes back under the seed's name, with the same uuid and geometry). A namespace
 * without a configured claim finds its claim again from its info block when it is enabled.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "private.h"

struct ndt_raw {
	struct ndt_namespace *ns;
	struct ndt_ctx *ctx;
	char dev[32];			/* namespaceR.N */
	char disk[32];			/* its block device while open */
	int fd;
	bool writable;
	uint64_t size;
	/* what the namespace was, to give back on close */
	char holder_class[16];
	char force_raw[8];
	bool claimed;			/* a claim (disabled) pointed at it */
	enum ndt_claim_type claim_type;
	char claim_name[32];
	char claim_uuid[64];
	char claim_geometry[32];	/* btt: sector size; pfn and dax: the map mode */
	char claim_align[32];		/* pfn and dax */
	bool released;			/* the claim let go of the namespace */
	bool bound;			/* the namespace is enabled raw */
};

static const char *const seed_attr[] = {
	[NDT_CLAIM_BTT] = "btt_seed",
	[NDT_CLAIM_PFN] = "pfn_seed",
	[NDT_CLAIM_DAX] = "dax_seed",
};

/* Note a step of an undo or a restore that failed in the recorded failure. */
static void restore_step(struct ndt_raw *raw, const char *step, const char *obj, int rc,
			 bool *first)
{
	if (rc >= 0)
		return;
	ndt_fail_append(raw->ctx, "%s %s of %s failed (%s)",
			*first ? "; putting it back," : ",", step, obj, strerror(-rc));
	*first = false;
}

/* Save the claim that points at the disabled namespace: its type, uuid and geometry. */
static int save_claim(struct ndt_raw *raw, struct ndt_claim *claim)
{
	struct ndt_obj *o = &claim->obj;
	unsigned int ss;
	int rc;

	raw->claimed = true;
	raw->claim_type = claim->type;
	snprintf(raw->claim_name, sizeof(raw->claim_name), "%s", o->devname);
	rc = ndt_obj_read(o, "uuid", raw->claim_uuid, sizeof(raw->claim_uuid));
	if (rc >= 0 && claim->type == NDT_CLAIM_BTT) {
		rc = ndt_read_current_size(o, "sector_size", &ss);
		if (rc >= 0)
			snprintf(raw->claim_geometry, sizeof(raw->claim_geometry), "%u", ss);
	} else if (rc >= 0) {
		rc = ndt_obj_read(o, "mode", raw->claim_geometry, sizeof(raw->claim_geometry));
		if (rc >= 0)
			rc = ndt_obj_read(o, "align", raw->claim_align, sizeof(raw->claim_align));
	}
	if (rc < 0)
		return ndt_fail(raw->ctx, rc, NDT_REASON_KERNEL, o->devname,
				"%s: cannot read the settings of %s to restore them later: %s",
				raw->dev, o->devname, strerror(-rc));
	return 0;
}

/* Write @val to attribute @attr of the claim @name of the namespace's region. */
static int claim_write(struct ndt_raw *raw, const char *name, const char *attr, const char *val)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s/%s", raw->ns->region->obj.path, name, attr);
	return ndt_sysfs_write(raw->ctx, path, val);
}

/*
 * Set the saved claim up again on the region's seed of its type, pointing at the namespace
 * and disabled, as it was. Returns 0 or -errno; @what receives the step that failed.
 */
static int reclaim(struct ndt_raw *raw, const char **what)
{
	char seed[32];
	int rc;

	*what = "finding a claim seed";
	rc = ndt_obj_read(&raw->ns->region->obj, seed_attr[raw->claim_type], seed, sizeof(seed));
	if (rc < 0)
		return rc;
	if (!seed[0])
		return -ENODEV;
	*what = "setting its uuid";
	rc = claim_write(raw, seed, "uuid", raw->claim_uuid);
	if (rc == 0 && raw->claim_type == NDT_CLAIM_BTT) {
		*what = "setting its sector size";
		rc = claim_write(raw, seed, "sector_size", raw->claim_geometry);
	} else if (rc == 0) {
		*what = "setting its map mode";
		rc = claim_write(raw, seed, "mode", raw->claim_geometry);
		if (rc == 0) {
			*what = "setting its alignment";
			rc = claim_write(raw, seed, "align", raw->claim_align);
		}
	}
	if (rc == 0) {
		*what = "pointing it at the namespace";
		rc = claim_write(raw, seed, "namespace", raw->dev);
	}
	if (rc == 0)
		snprintf(raw->claim_name, sizeof(raw->claim_name), "%s", seed);
	return rc;
}

/*
 * Give the namespace back as it was: disabled, force_raw and holder class as they were,
 * the claim set up again. Each step that fails is added to the recorded failure; when
 * @fail_rc is 0 (nothing failed before) a failure is recorded first. Returns 0 or the first
 * error.
 */
static int give_back(struct ndt_raw *raw, int fail_rc)
{
	struct ndt_namespace *ns = raw->ns;
	bool first = true;
	const char *what = NULL;
	char buf[16];
	int rc, ret = 0, steps[4] = { 0 };

	if (raw->bound) {
		steps[0] = ndt_obj_unbind(&ns->obj);
		if (steps[0] == 0)
			raw->bound = false;
	}
	if (ndt_obj_read(&ns->obj, "force_raw", buf, sizeof(buf)) < 0 ||
	    strcmp(buf, raw->force_raw) != 0)
		steps[1] = ndt_obj_write(&ns->obj, "force_raw", raw->force_raw);
	if (ndt_obj_read(&ns->obj, "holder_class", buf, sizeof(buf)) >= 0 &&
	    strcmp(buf, raw->holder_class) != 0) {
		rc = ndt_obj_write(&ns->obj, "holder_class", raw->holder_class);
		/* label-less: the kernel takes the value, then fails for want of a label */
		if (rc == -ENXIO && ndt_obj_read(&ns->obj, "holder_class", buf, sizeof(buf)) >= 0 &&
		    strcmp(buf, raw->holder_class) == 0)
			rc = 0;
		steps[2] = rc;
	}
	if (raw->released) {
		steps[3] = reclaim(raw, &what);
		if (steps[3] == 0)
			raw->released = false;
	}
	for (rc = 0; rc < 4; rc++)
		if (steps[rc] < 0 && !ret)
			ret = steps[rc];
	if (!ret)
		return 0;
	if (fail_rc == 0)
		ndt_fail(raw->ctx, ret, NDT_REASON_KERNEL, raw->dev,
			 "%s: putting it back as it was failed", raw->dev);
	restore_step(raw, "disabling it", raw->dev, steps[0], &first);
	restore_step(raw, "resetting force_raw", raw->dev, steps[1], &first);
	restore_step(raw, "restoring the holder class", raw->dev, steps[2], &first);
	if (steps[3] < 0) {
		ndt_fail_append(raw->ctx, "%s %s %s again (%s) failed (%s)",
				first ? "; putting it back," : ",",
				raw->claim_type == NDT_CLAIM_BTT   ? "setting up its btt claim"
				: raw->claim_type == NDT_CLAIM_PFN ? "setting up its pfn claim"
								   : "setting up its dax claim",
				raw->claim_uuid, what, strerror(-steps[3]));
		first = false;
	}
	ndt_fail_append(raw->ctx, ": check it with a listing");
	return ret;
}

/* Enable the released namespace raw and open its block device. */
static int enable_raw(struct ndt_raw *raw)
{
	struct ndt_namespace *ns = raw->ns;
	const char *step = "setting force_raw";
	int rc;

	rc = ndt_obj_write(&ns->obj, "force_raw", "1");
	if (rc == 0) {
		step = "enabling it raw";
		rc = ndt_obj_bind(&ns->obj);
		if (rc == 0 && !ndt_obj_is_enabled(&ns->obj))
			rc = -ENXIO;
		raw->bound = ndt_obj_is_enabled(&ns->obj);
	}
	if (rc == 0) {
		step = "finding its raw block device";
		rc = ndt_namespace_get_block_device(ns, raw->disk, sizeof(raw->disk));
	}
	if (rc == 0) {
		step = "reading its size";
		rc = ndt_namespace_get_size(ns, &raw->size);
		if (rc == 0 && raw->size == 0)
			rc = -EIO;
	}
	if (rc == 0) {
		step = "opening its raw block device";
		raw->fd = ndt_blockdev_open(raw->ctx, raw->disk,
					    (raw->writable ? O_RDWR : O_RDONLY) | O_EXCL);
		rc = raw->fd < 0 ? raw->fd : 0;
	}
	if (rc == 0)
		return 0;
	raw->fd = -1;
	ndt_fail(raw->ctx, rc, NDT_REASON_KERNEL, raw->dev, "%s: %s failed: %s", raw->dev, step,
		 strerror(-rc));
	give_back(raw, rc);
	return rc;
}

/* The checks of ndt_namespace_raw_open() that come before any change. */
static int check_open(struct ndt_namespace *ns, int flags)
{
	struct ndt_ctx *ctx = ns->obj.ctx;
	const char *name = ns->obj.devname;
	uint64_t size = 0;
	int rc;

	if (flags & ~NDT_RAW_WRITE)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, name,
				"unknown raw access flags %#x", (unsigned int)flags);
	if (ndt_namespace_get_size(ns, &size) < 0 || size == 0)
		return ndt_fail(ctx, -ENXIO, NDT_REASON_SEED, name,
				"%s has size 0: it is a seed for new namespaces, with no data",
				name);
	if (!ndt_region_is_enabled(ns->region))
		return ndt_fail(ctx, -ENXIO, NDT_REASON_DISABLED, ns->region->obj.devname,
				"%s is disabled", ns->region->obj.devname);
	if ((flags & NDT_RAW_WRITE) && ndt_region_is_read_only(ns->region))
		return ndt_fail(ctx, -EROFS, NDT_REASON_READ_ONLY, ns->region->obj.devname,
				"%s is read-only", ns->region->obj.devname);
	rc = ndt_ns_check_idle(ns);
	if (rc < 0)
		return rc;
	if (ndt_namespace_is_active(ns))
		return ndt_fail(ctx, -EBUSY, NDT_REASON_ACTIVE, name, "%s is active", name);
	return 0;
}

NDT_EXPORT int ndt_namespace_raw_open(struct ndt_namespace *ns, int flags, struct ndt_raw **out)
{
	struct ndt_ctx *ctx = ns->obj.ctx;
	struct ndt_claim *claim;
	struct ndt_raw *raw;
	int rc;

	ndt_failure_clear(ctx);
	*out = NULL;
	rc = check_open(ns, flags);
	if (rc < 0)
		return rc;
	raw = calloc(1, sizeof(*raw));
	if (!raw)
		return ndt_fail(ctx, -ENOMEM, NDT_REASON_KERNEL, ns->obj.devname,
				"%s: no memory for raw access", ns->obj.devname);
	raw->ns = ns;
	raw->ctx = ctx;
	raw->fd = -1;
	raw->writable = flags & NDT_RAW_WRITE;
	snprintf(raw->dev, sizeof(raw->dev), "%s", ns->obj.devname);
	ndt_obj_read(&ns->obj, "holder_class", raw->holder_class, sizeof(raw->holder_class));
	if (ndt_obj_read(&ns->obj, "force_raw", raw->force_raw, sizeof(raw->force_raw)) < 0)
		snprintf(raw->force_raw, sizeof(raw->force_raw), "0");
	claim = ndt_namespace_get_claim(ns);
	if (claim) {
		rc = save_claim(raw, claim);
		if (rc < 0)
			goto fail;
		rc = ndt_obj_write(&claim->obj, "namespace", "");
		if (rc < 0) {
			rc = ndt_fail(ctx, rc, NDT_REASON_KERNEL, claim->obj.devname,
				      "%s: releasing it from %s failed: %s", raw->dev,
				      claim->obj.devname, strerror(-rc));
			goto fail;
		}
		raw->released = true;
	}
	rc = enable_raw(raw);
	if (rc < 0)
		goto fail;
	*out = raw;
	return 0;
fail:
	free(raw);
	return rc;
}

NDT_EXPORT uint64_t ndt_raw_get_size(struct ndt_raw *raw)
{
	return raw->size;
}

NDT_EXPORT const char *ndt_raw_get_block_device(struct ndt_raw *raw)
{
	return raw->disk;
}

static int range_ok(struct ndt_raw *raw, size_t len, uint64_t off)
{
	if (off > raw->size || len > raw->size - off)
		return ndt_fail(raw->ctx, -ERANGE, NDT_REASON_INVALID, raw->dev,
				"%s: %zu bytes at %#llx reach past its end (%llu bytes)", raw->dev,
				len, (unsigned long long)off, (unsigned long long)raw->size);
	return 0;
}

NDT_EXPORT ssize_t ndt_raw_read(struct ndt_raw *raw, void *buf, size_t len, uint64_t off)
{
	size_t done = 0;
	ssize_t n;
	int rc;

	ndt_failure_clear(raw->ctx);
	rc = range_ok(raw, len, off);
	if (rc < 0)
		return rc;
	while (done < len) {
		n = pread(raw->fd, (char *)buf + done, len - done, (off_t)(off + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = n < 0 ? -errno : -EIO;
			return ndt_fail(raw->ctx, rc, NDT_REASON_KERNEL, raw->dev,
					"%s: reading %zu bytes at %#llx failed: %s", raw->dev,
					len, (unsigned long long)(off + done), strerror(-rc));
		}
		done += (size_t)n;
	}
	return (ssize_t)done;
}

NDT_EXPORT ssize_t ndt_raw_write(struct ndt_raw *raw, const void *buf, size_t len, uint64_t off)
{
	size_t done = 0;
	ssize_t n;
	int rc;

	ndt_failure_clear(raw->ctx);
	if (!raw->writable)
		return ndt_fail(raw->ctx, -EBADF, NDT_REASON_READ_ONLY, raw->dev,
				"%s was opened for reading only", raw->dev);
	rc = range_ok(raw, len, off);
	if (rc < 0)
		return rc;
	while (done < len) {
		n = pwrite(raw->fd, (const char *)buf + done, len - done, (off_t)(off + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = n < 0 ? -errno : -EIO;
			return ndt_fail(raw->ctx, rc, NDT_REASON_KERNEL, raw->dev,
					"%s: writing %zu bytes at %#llx failed: %s", raw->dev,
					len, (unsigned long long)(off + done), strerror(-rc));
		}
		done += (size_t)n;
	}
	return (ssize_t)done;
}

NDT_EXPORT int ndt_raw_sync(struct ndt_raw *raw)
{
	int rc;

	ndt_failure_clear(raw->ctx);
	if (!raw->writable || fsync(raw->fd) == 0)
		return 0;
	rc = -errno;
	return ndt_fail(raw->ctx, rc, NDT_REASON_KERNEL, raw->dev,
			"%s: flushing its writes failed: %s", raw->dev, strerror(-rc));
}

NDT_EXPORT int ndt_raw_close(struct ndt_raw *raw)
{
	int rc = 0, rc2;

	if (!raw)
		return 0;
	ndt_failure_clear(raw->ctx);
	if (raw->writable && fsync(raw->fd) < 0) {
		rc = -errno;
		ndt_fail(raw->ctx, rc, NDT_REASON_KERNEL, raw->dev,
			 "%s: flushing its writes failed: %s", raw->dev, strerror(-rc));
	}
	if (close(raw->fd) < 0 && rc == 0) {
		rc = -errno;
		ndt_fail(raw->ctx, rc, NDT_REASON_KERNEL, raw->dev,
			 "%s: closing its raw block device failed: %s", raw->dev, strerror(-rc));
	}
	rc2 = give_back(raw, rc);
	free(raw);
	return rc < 0 ? rc : rc2;
}
