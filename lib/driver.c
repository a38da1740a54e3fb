// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Enabling and disabling devices: binding to and unbinding from their libnvdimm driver.
 * The driver's module is loaded through libkmod from the device's modalias first.
 */
#include <dirent.h>
#include <errno.h>
#include <libkmod.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "private.h"

#define SYSFS_ND_DRIVERS "/sys/bus/nd/drivers"

static struct kmod_ctx *kmod_get(struct ndt_ctx *ctx)
{
	if (!ctx->kmod) {
		ctx->kmod = kmod_new(NULL, NULL);
		if (ctx->kmod)
			kmod_load_resources(ctx->kmod);
	}
	return ctx->kmod;
}

/*
 * Load the module(s) that serve @obj's modalias. Returns the first module's name in
 * @drv (the driver it registers is named alike) or "" when the alias resolves to
 * nothing loadable (built in).
 */
static void load_driver_module(const struct ndt_obj *obj, char *drv, size_t len)
{
	struct ndt_ctx *ctx = obj->ctx;
	struct kmod_list *list = NULL, *l;
	char alias[256];
	int rc;

	drv[0] = '\0';
	if (ndt_obj_read(obj, "modalias", alias, sizeof(alias)) <= 0)
		return;
	if (!kmod_get(ctx))
		return;
	if (kmod_module_new_from_lookup(ctx->kmod, alias, &list) < 0 || !list)
		return;
	kmod_list_foreach(l, list) {
		struct kmod_module *mod = kmod_module_get_module(l);

		if (!drv[0])
			snprintf(drv, len, "%s", kmod_module_get_name(mod));
		rc = kmod_module_probe_insert_module(mod, KMOD_PROBE_APPLY_BLACKLIST, NULL, NULL,
						     NULL, NULL);
		if (rc < 0)
			dbg(ctx, "%s: loading %s: %s", obj->devname, kmod_module_get_name(mod),
			    strerror(-rc));
		kmod_module_unref(mod);
	}
	kmod_module_unref_list(list);
}

int ndt_kmod_load(struct ndt_ctx *ctx, const char *name)
{
	struct kmod_module *mod;
	struct kmod_ctx *kmod = kmod_get(ctx);
	int rc;

	if (!kmod)
		return -ENOMEM;
	rc = kmod_module_new_from_name(kmod, name, &mod);
	if (rc < 0)
		return rc;
	rc = kmod_module_probe_insert_module(mod, KMOD_PROBE_APPLY_BLACKLIST, NULL, NULL, NULL,
					     NULL);
	if (rc < 0)
		dbg(ctx, "loading %s: %s", name, strerror(-rc));
	kmod_module_unref(mod);
	/* a blacklisted module is reported with a positive code */
	return rc > 0 ? -EPERM : rc;
}

static int bind_to(const struct ndt_obj *obj, const char *drv)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), SYSFS_ND_DRIVERS "/%s/bind", drv);
	return ndt_sysfs_write(obj->ctx, path, obj->devname);
}

/*
 * Bind @obj to its driver: the one its modalias names, else every nd driver in turn until
 * one accepts. Returns 0 when the device is enabled afterwards (a namespace whose probe
 * hands it to a btt, pfn or dax claim counts as accepted by the caller), else -errno.
 */
int ndt_obj_bind(const struct ndt_obj *obj)
{
	char drv[64];
	struct dirent *de;
	int rc = -ENODEV, first = 0;
	DIR *d;

	if (ndt_obj_is_enabled(obj))
		return 0;
	load_driver_module(obj, drv, sizeof(drv));
	if (drv[0]) {
		rc = bind_to(obj, drv);
		if (rc == 0 || rc == -ENXIO)
			return rc;
		first = rc;
	}
	d = opendir(SYSFS_ND_DRIVERS);
	if (!d)
		return first ? first : -ENODEV;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, drv) == 0)
			continue;
		rc = bind_to(obj, de->d_name);
		if (rc == 0 || rc == -ENXIO)
			break;
	}
	closedir(d);
	if (rc != 0 && rc != -ENXIO && first)
		rc = first;
	return rc;
}

int ndt_obj_unbind(const struct ndt_obj *obj)
{
	if (!ndt_obj_is_enabled(obj))
		return 0;
	return ndt_obj_write(obj, "driver/unbind", obj->devname);
}

int ndt_obj_enable(const struct ndt_obj *obj)
{
	int rc = ndt_obj_bind(obj);

	if (rc == 0 && !ndt_obj_is_enabled(obj))
		rc = -ENXIO;
	if (rc < 0)
		return ndt_fail(obj->ctx, rc, NDT_REASON_KERNEL, obj->devname,
				"%s: the kernel refused to enable it: %s", obj->devname,
				strerror(-rc));
	return 0;
}

int ndt_obj_disable(const struct ndt_obj *obj)
{
	int rc = ndt_obj_unbind(obj);

	if (rc < 0)
		return ndt_fail(obj->ctx, rc, NDT_REASON_KERNEL, obj->devname,
				"%s: the kernel refused to disable it: %s", obj->devname,
				strerror(-rc));
	return 0;
}
