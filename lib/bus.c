// SPDX-License-Identifier: LGPL-2.1-or-later
/* NVDIMM buses: /sys/bus/nd/devices/ndbusN. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "private.h"

void ndt_bus_free(void *p)
{
	struct ndt_bus *bus = p;

	ndt_vec_clear(&bus->dimms, ndt_dimm_free);
	ndt_vec_clear(&bus->regions, ndt_region_free);
	free(bus->provider);
	ndt_obj_release(&bus->obj);
	free(bus);
}

void ndt_buses_free(struct ndt_ctx *ctx)
{
	ndt_vec_clear(&ctx->buses, ndt_bus_free);
	ctx->buses_init = false;
}

static int bus_add(void *parent, const char *dir, const char *name, unsigned int id)
{
	struct ndt_ctx *ctx = parent;
	struct ndt_bus *bus = ndt_obj_new(sizeof(*bus), ctx, dir, name, id, &ctx->buses);

	if (!bus)
		return -ENOMEM;
	bus->provider = ndt_obj_strdup(&bus->obj, "provider");
	if (!bus->provider)
		dbg(ctx, "%s: no provider attribute", name);
	return 0;
}

static void buses_init(struct ndt_ctx *ctx)
{
	if (ctx->buses_init)
		return;
	ctx->buses_init = true;
	ndt_scan_dir(ctx, ctx->sysfs_nd, "ndbus", bus_add, ctx);
	ndt_vec_sort(&ctx->buses, ndt_obj_cmp);
	dbg(ctx, "%zu bus(es)", ctx->buses.n);
}

/* DIMMs and regions are read from the bus directory in one pass. */
void ndt_bus_children_init(struct ndt_bus *bus)
{
	const struct ndt_scan scans[] = {
		{ "nmem", ndt_dimm_add, bus },
		{ "region", ndt_region_add, bus },
	};

	if (bus->children_init)
		return;
	bus->children_init = true;
	ndt_scan_dir_multi(bus->obj.ctx, bus->obj.path, scans, 2);
	ndt_vec_sort(&bus->dimms, ndt_obj_cmp);
	ndt_vec_sort(&bus->regions, ndt_obj_cmp);
}

NDT_EXPORT struct ndt_bus *ndt_bus_get_first(struct ndt_ctx *ctx)
{
	buses_init(ctx);
	return ndt_vec_first(&ctx->buses);
}

NDT_EXPORT struct ndt_bus *ndt_bus_get_next(struct ndt_bus *bus)
{
	return ndt_vec_next(&bus->obj.ctx->buses, bus->obj.idx);
}

NDT_EXPORT struct ndt_ctx *ndt_bus_get_ctx(struct ndt_bus *bus)
{
	return bus->obj.ctx;
}

NDT_EXPORT unsigned int ndt_bus_get_id(struct ndt_bus *bus)
{
	return bus->obj.id;
}

NDT_EXPORT const char *ndt_bus_get_devname(struct ndt_bus *bus)
{
	return bus->obj.devname;
}

NDT_EXPORT const char *ndt_bus_get_provider(struct ndt_bus *bus)
{
	return bus->provider ? bus->provider : "";
}

NDT_EXPORT const char *ndt_bus_get_sysfs_path(struct ndt_bus *bus)
{
	return bus->obj.path;
}

/*
 * nfit/scrub reads "<completed scrubs>" with a '+' appended while a scrub runs.
 * Returns the count and sets *busy, or -errno.
 */
static long long bus_read_scrub(struct ndt_bus *bus, bool *busy)
{
	char buf[64], *end;
	long long count;
	int rc;

	rc = ndt_obj_read(&bus->obj, "nfit/scrub", buf, sizeof(buf));
	if (rc < 0)
		return rc;
	if (buf[0] < '0' || buf[0] > '9')
		goto bad;
	errno = 0;
	count = strtoll(buf, &end, 10);
	if (errno || (*end && strcmp(end, "+") != 0))
		goto bad;
	*busy = *end == '+';
	return count;
bad:
	err(bus->obj.ctx, "%s: unexpected nfit/scrub content \"%s\"", bus->obj.devname, buf);
	return -EIO;
}

NDT_EXPORT int ndt_bus_get_scrub_state(struct ndt_bus *bus)
{
	bool busy;
	long long rc = bus_read_scrub(bus, &busy);

	if (rc < 0)
		return (int)rc;
	return busy;
}

NDT_EXPORT long long ndt_bus_get_scrub_count(struct ndt_bus *bus)
{
	bool busy;

	return bus_read_scrub(bus, &busy);
}

NDT_EXPORT bool ndt_bus_matches(struct ndt_bus *bus, const char *ident)
{
	unsigned int id;

	if (strcmp(ident, "all") == 0)
		return true;
	if (strcmp(ident, bus->obj.devname) == 0 ||
	    (bus->provider && strcmp(ident, bus->provider) == 0))
		return true;
	return ndt_parse_devname(ident, "", &id) == 0 && id == bus->obj.id;
}

NDT_EXPORT struct ndt_bus *ndt_bus_find(struct ndt_ctx *ctx, const char *ident)
{
	struct ndt_bus *bus;

	ndt_bus_foreach(ctx, bus)
		if (ndt_bus_matches(bus, ident))
			return bus;
	return NULL;
}
