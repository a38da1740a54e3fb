// SPDX-License-Identifier: LGPL-2.1-or-later
/* NVDIMM buses: /sys/bus/nd/devices/ndbusN. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "private.h"

static void bus_free(struct ndt_bus *bus)
{
	free(bus->path);
	free(bus->provider);
	free(bus);
}

void ndt_buses_free(struct ndt_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nr_buses; i++)
		bus_free(ctx->buses[i]);
	free(ctx->buses);
	ctx->buses = NULL;
	ctx->nr_buses = 0;
	ctx->buses_init = false;
}

static struct ndt_bus *bus_new(struct ndt_ctx *ctx, unsigned int id)
{
	struct ndt_bus *bus = calloc(1, sizeof(*bus));

	if (!bus)
		return NULL;
	bus->ctx = ctx;
	bus->id = id;
	snprintf(bus->devname, sizeof(bus->devname), "ndbus%u", id);
	if (asprintf(&bus->path, "%s/%s", ctx->sysfs_nd, bus->devname) < 0) {
		bus->path = NULL;
		bus_free(bus);
		return NULL;
	}
	bus->provider = ndt_sysfs_strdup_at(ctx, bus->path, "provider");
	if (!bus->provider) {
		dbg(ctx, "%s: no provider attribute", bus->devname);
		bus->provider = strdup("");
		if (!bus->provider) {
			bus_free(bus);
			return NULL;
		}
	}
	return bus;
}

static int bus_cmp(const void *a, const void *b)
{
	const struct ndt_bus *x = *(struct ndt_bus *const *)a;
	const struct ndt_bus *y = *(struct ndt_bus *const *)b;

	return (x->id > y->id) - (x->id < y->id);
}

static int buses_add(struct ndt_ctx *ctx, struct ndt_bus *bus, size_t *cap)
{
	if (ctx->nr_buses == *cap) {
		size_t ncap = *cap ? *cap * 2 : 4;
		struct ndt_bus **n = realloc(ctx->buses, ncap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		ctx->buses = n;
		*cap = ncap;
	}
	ctx->buses[ctx->nr_buses++] = bus;
	return 0;
}

static void buses_init(struct ndt_ctx *ctx)
{
	struct dirent *de;
	size_t cap = 0;
	DIR *dir;
	size_t i;

	if (ctx->buses_init)
		return;
	ctx->buses_init = true;
	dir = opendir(ctx->sysfs_nd);
	if (!dir) {
		dbg(ctx, "%s: %s (libnvdimm not loaded?)", ctx->sysfs_nd, strerror(errno));
		return;
	}
	while ((de = readdir(dir))) {
		struct ndt_bus *bus;
		unsigned int id;

		if (ndt_parse_devname(de->d_name, "ndbus", &id) < 0)
			continue;
		bus = bus_new(ctx, id);
		if (!bus || buses_add(ctx, bus, &cap) < 0) {
			err(ctx, "%s: out of memory", de->d_name);
			if (bus)
				bus_free(bus);
			break;
		}
	}
	closedir(dir);
	qsort(ctx->buses, ctx->nr_buses, sizeof(*ctx->buses), bus_cmp);
	for (i = 0; i < ctx->nr_buses; i++)
		ctx->buses[i]->idx = i;
	dbg(ctx, "%zu bus(es)", ctx->nr_buses);
}

NDT_EXPORT struct ndt_bus *ndt_bus_get_first(struct ndt_ctx *ctx)
{
	buses_init(ctx);
	return ctx->nr_buses ? ctx->buses[0] : NULL;
}

NDT_EXPORT struct ndt_bus *ndt_bus_get_next(struct ndt_bus *bus)
{
	struct ndt_ctx *ctx = bus->ctx;

	return bus->idx + 1 < ctx->nr_buses ? ctx->buses[bus->idx + 1] : NULL;
}

NDT_EXPORT struct ndt_ctx *ndt_bus_get_ctx(struct ndt_bus *bus)
{
	return bus->ctx;
}

NDT_EXPORT unsigned int ndt_bus_get_id(struct ndt_bus *bus)
{
	return bus->id;
}

NDT_EXPORT const char *ndt_bus_get_devname(struct ndt_bus *bus)
{
	return bus->devname;
}

NDT_EXPORT const char *ndt_bus_get_provider(struct ndt_bus *bus)
{
	return bus->provider;
}

NDT_EXPORT const char *ndt_bus_get_sysfs_path(struct ndt_bus *bus)
{
	return bus->path;
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

	rc = ndt_sysfs_read_at(bus->ctx, bus->path, "nfit/scrub", buf, sizeof(buf));
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
	err(bus->ctx, "%s: unexpected nfit/scrub content \"%s\"", bus->devname, buf);
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
	if (strcmp(ident, bus->devname) == 0 || strcmp(ident, bus->provider) == 0)
		return true;
	return ndt_parse_devname(ident, "", &id) == 0 && id == bus->id;
}

NDT_EXPORT struct ndt_bus *ndt_bus_find(struct ndt_ctx *ctx, const char *ident)
{
	struct ndt_bus *bus;

	ndt_bus_foreach(ctx, bus)
		if (ndt_bus_matches(bus, ident))
			return bus;
	return NULL;
}
