// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Every dax region of the system, whoever provides it: a devdax namespace (its dax claim),
 * a soft-reserved memory range (dax_hmem), CXL. Found through the devices of the dax bus
 * (/sys/bus/dax/devices) or, with the older model, of the dax class (/sys/class/dax): a
 * region is the parent of its devices and holds the dax_region/ attributes.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "private.h"

#define SYSFS_DAX_BUS "/sys/bus/dax/devices"
#define SYSFS_DAX_CLASS "/sys/class/dax"

static void dax_region_free_fn(void *p)
{
	ndt_dax_region_free(p);
}

void ndt_dax_regions_free(struct ndt_ctx *ctx)
{
	ndt_vec_clear(&ctx->dax_regions, dax_region_free_fn);
	ctx->dax_regions_init = false;
}

static int dax_region_cmp(const void *a, const void *b)
{
	const struct ndt_dax_region *x = *(const struct ndt_dax_region *const *)a;
	const struct ndt_dax_region *y = *(const struct ndt_dax_region *const *)b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * The region providing the device at @devpath: its parent directory, or with the class
 * model (…/daxR.N/dax/daxR.N) the parent of the "dax" directory.
 */
static int dax_region_provider(const char *devpath, char *out, size_t len)
{
	char *slash;

	if (len < PATH_MAX || !realpath(devpath, out))
		return -ENOENT;
	slash = strrchr(out, '/');
	if (!slash || slash == out)
		return -ENOENT;
	*slash = '\0';
	slash = strrchr(out, '/');
	if (slash && strcmp(slash, "/dax") == 0)
		*slash = '\0';
	return 0;
}

static bool dax_region_known(struct ndt_ctx *ctx, const char *path)
{
	size_t i;

	for (i = 0; i < ctx->dax_regions.n; i++) {
		struct ndt_dax_region *region = ctx->dax_regions.v[i];

		if (strcmp(region->path, path) == 0)
			return true;
	}
	return false;
}

static int dax_region_add(struct ndt_ctx *ctx, const char *provider)
{
	struct ndt_dax_region *region;
	char buf[32];
	int id;

	/* a device whose parent is no region (none is known) is skipped */
	if (dax_region_known(ctx, provider))
		return 0;
	if (ndt_sysfs_read_at(ctx, provider, "dax_region/id", buf, sizeof(buf)) < 0 ||
	    ndt_parse_int(buf, &id) < 0 || id < 0)
		return 0;
	region = calloc(1, sizeof(*region));
	if (!region || !(region->path = strdup(provider))) {
		free(region);
		return -ENOMEM;
	}
	region->ctx = ctx;
	region->id = (unsigned int)id;
	if (ndt_vec_push(&ctx->dax_regions, region) < 0) {
		ndt_dax_region_free(region);
		return -ENOMEM;
	}
	return 0;
}

static void dax_regions_scan(struct ndt_ctx *ctx)
{
	const char *dir = SYSFS_DAX_BUS;
	char path[PATH_MAX], provider[PATH_MAX];
	struct dirent *de;
	DIR *d;
	size_t i;

	d = opendir(dir);
	if (!d) {
		dir = SYSFS_DAX_CLASS;
		d = opendir(dir);
	}
	if (!d) {
		dbg(ctx, "no dax bus or class: %s", strerror(errno));
		return;
	}
	while ((de = readdir(d))) {
		unsigned int r, n;
		char end;

		if (sscanf(de->d_name, "dax%u.%u%c", &r, &n, &end) != 2)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (dax_region_provider(path, provider, sizeof(provider)) < 0)
			continue;
		if (dax_region_add(ctx, provider) < 0) {
			err(ctx, "dax regions: out of memory");
			break;
		}
	}
	closedir(d);
	qsort(ctx->dax_regions.v, ctx->dax_regions.n, sizeof(void *), dax_region_cmp);
	for (i = 0; i < ctx->dax_regions.n; i++)
		((struct ndt_dax_region *)ctx->dax_regions.v[i])->idx = i;
}

NDT_EXPORT struct ndt_dax_region *ndt_dax_region_get_first(struct ndt_ctx *ctx)
{
	if (!ctx->dax_regions_init) {
		ctx->dax_regions_init = true;
		dax_regions_scan(ctx);
	}
	return ndt_vec_first(&ctx->dax_regions);
}

NDT_EXPORT struct ndt_dax_region *ndt_dax_region_get_next(struct ndt_dax_region *region)
{
	struct ndt_ctx *ctx = region->ctx;

	/* a region reached through a claim is not among the context's */
	if (region->idx >= ctx->dax_regions.n || ctx->dax_regions.v[region->idx] != region)
		return NULL;
	return ndt_vec_next(&ctx->dax_regions, region->idx);
}

NDT_EXPORT struct ndt_dax_region *ndt_dax_dev_get_region(struct ndt_dax_dev *dev)
{
	return dev->region;
}

NDT_EXPORT struct ndt_ctx *ndt_dax_region_get_ctx(struct ndt_dax_region *region)
{
	return region->ctx;
}
