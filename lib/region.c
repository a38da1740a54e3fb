// SPDX-License-Identifier: LGPL-2.1-or-later
/* Regions (regionN below a bus) and their mappings onto DIMMs. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "private.h"

/* Kernel device types (nstype attribute), from the libnvdimm ABI. */
#define ND_NSTYPE_IO	4
#define ND_NSTYPE_PMEM	5
#define ND_NSTYPE_BLK	6

static void mapping_free(void *m)
{
	free(m);
}

void ndt_region_free(void *p)
{
	struct ndt_region *region = p;

	ndt_vec_clear(&region->mappings, mapping_free);
	ndt_vec_clear(&region->namespaces, ndt_namespace_free);
	ndt_vec_clear(&region->btts, ndt_claim_free);
	ndt_vec_clear(&region->pfns, ndt_claim_free);
	ndt_vec_clear(&region->daxes, ndt_claim_free);
	ndt_obj_release(&region->obj);
	free(region);
}

int ndt_region_add(void *parent, const char *dir, const char *name, unsigned int id)
{
	struct ndt_bus *bus = parent;
	struct ndt_region *region = ndt_obj_new(sizeof(*region), bus->obj.ctx, dir, name, id,
						&bus->regions);

	if (!region)
		return -ENOMEM;
	region->bus = bus;
	if (ndt_obj_read_int(&region->obj, "nstype", &region->nstype) < 0)
		region->nstype = -1;
	return 0;
}

NDT_EXPORT struct ndt_region *ndt_region_get_first(struct ndt_bus *bus)
{
	ndt_bus_children_init(bus);
	return ndt_vec_first(&bus->regions);
}

NDT_EXPORT struct ndt_region *ndt_region_get_next(struct ndt_region *region)
{
	return ndt_vec_next(&region->bus->regions, region->obj.idx);
}

NDT_EXPORT struct ndt_bus *ndt_region_get_bus(struct ndt_region *region)
{
	return region->bus;
}

NDT_EXPORT unsigned int ndt_region_get_id(struct ndt_region *region)
{
	return region->obj.id;
}

NDT_EXPORT const char *ndt_region_get_devname(struct ndt_region *region)
{
	return region->obj.devname;
}

NDT_EXPORT const char *ndt_region_get_sysfs_path(struct ndt_region *region)
{
	return region->obj.path;
}

NDT_EXPORT bool ndt_region_is_enabled(struct ndt_region *region)
{
	return ndt_obj_is_enabled(&region->obj);
}

NDT_EXPORT enum ndt_region_type ndt_region_get_type(struct ndt_region *region)
{
	switch (region->nstype) {
	case ND_NSTYPE_IO:
	case ND_NSTYPE_PMEM:
		return NDT_REGION_PMEM;
	case ND_NSTYPE_BLK:
		return NDT_REGION_BLK;
	default:
		return NDT_REGION_UNKNOWN;
	}
}

NDT_EXPORT int ndt_region_get_size(struct ndt_region *region, uint64_t *size)
{
	return ndt_obj_read_u64(&region->obj, "size", size);
}

NDT_EXPORT int ndt_region_get_align(struct ndt_region *region, uint64_t *align)
{
	return ndt_obj_read_u64(&region->obj, "align", align);
}

/* A region without labels holds one io namespace spanning all of it. */
static bool region_is_labelless(struct ndt_region *region)
{
	return region->nstype == ND_NSTYPE_IO;
}

/*
 * The kernel reports the capacity of a label-less region as available, but no
 * namespace can be carved from it until labels are initialized: report 0.
 */
static int region_read_available(struct ndt_region *region, const char *attr, uint64_t *size)
{
	int rc = ndt_obj_read_u64(&region->obj, attr, size);

	if (rc == 0 && region_is_labelless(region))
		*size = 0;
	return rc;
}

NDT_EXPORT int ndt_region_get_available_size(struct ndt_region *region, uint64_t *size)
{
	return region_read_available(region, "available_size", size);
}

NDT_EXPORT int ndt_region_get_max_available_extent(struct ndt_region *region, uint64_t *size)
{
	return region_read_available(region, "max_available_extent", size);
}

NDT_EXPORT int ndt_region_get_iset_id(struct ndt_region *region, uint64_t *iset_id)
{
	/* the interleave set cookie only matters to labels */
	if (region_is_labelless(region))
		return -ENXIO;
	return ndt_obj_read_u64(&region->obj, "set_cookie", iset_id);
}

NDT_EXPORT int ndt_region_get_resource(struct ndt_region *region, uint64_t *start)
{
	return ndt_obj_read_u64(&region->obj, "resource", start);
}

NDT_EXPORT int ndt_region_get_numa_node(struct ndt_region *region, int *node)
{
	return ndt_obj_read_int(&region->obj, "numa_node", node);
}

NDT_EXPORT int ndt_region_get_target_node(struct ndt_region *region, int *node)
{
	return ndt_obj_read_int(&region->obj, "target_node", node);
}

NDT_EXPORT bool ndt_region_is_read_only(struct ndt_region *region)
{
	int ro = 0;

	return ndt_obj_read_int(&region->obj, "read_only", &ro) == 0 && ro;
}

NDT_EXPORT enum ndt_persistence_domain ndt_region_get_persistence_domain(struct ndt_region *region)
{
	char buf[64];

	/* the kernel hides the attribute when it knows nothing about the domain */
	if (ndt_obj_read(&region->obj, "persistence_domain", buf, sizeof(buf)) < 0)
		return NDT_PERSISTENCE_UNKNOWN;
	if (strcmp(buf, "cpu_cache") == 0)
		return NDT_PERSISTENCE_CPU_CACHE;
	if (strcmp(buf, "memory_controller") == 0)
		return NDT_PERSISTENCE_MEMCTRL;
	if (strcmp(buf, "none") == 0)
		return NDT_PERSISTENCE_NONE;
	/* empty, or a word this library does not know */
	return NDT_PERSISTENCE_UNKNOWN;
}

NDT_EXPORT int ndt_region_get_deep_flush(struct ndt_region *region)
{
	int val;
	int rc = ndt_obj_read_int(&region->obj, "deep_flush", &val);

	if (rc < 0)
		return rc;
	return val ? 1 : 0;
}

/* Parse "offset length" lines (512-byte sectors) of a badblocks attribute. */
static int parse_badblocks(struct ndt_ctx *ctx, const char *path, struct ndt_badblock **ranges)
{
	char *buf = malloc(NDT_ATTR_MAX), *line, *save;
	struct ndt_badblock *r = NULL;
	int rc, n = 0;

	*ranges = NULL;
	if (!buf)
		return -ENOMEM;
	rc = ndt_sysfs_read(ctx, path, buf, NDT_ATTR_MAX);
	if (rc < 0)
		goto out;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned long long off, len;
		struct ndt_badblock *nr;
		char extra;

		if (sscanf(line, "%llu %llu %c", &off, &len, &extra) != 2) {
			dbg(ctx, "%s: ignoring \"%s\"", path, line);
			continue;
		}
		nr = realloc(r, (n + 1) * sizeof(*r));
		if (!nr) {
			rc = -ENOMEM;
			goto out;
		}
		r = nr;
		r[n++] = (struct ndt_badblock){ off, len };
	}
	rc = n;
	*ranges = r;
	r = NULL;
out:
	free(r);
	free(buf);
	return rc;
}

NDT_EXPORT int ndt_region_get_badblocks(struct ndt_region *region, struct ndt_badblock **ranges)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/badblocks", region->obj.path);
	return parse_badblocks(region->obj.ctx, path, ranges);
}

NDT_EXPORT int ndt_region_open_badblocks_notify(struct ndt_region *region)
{
	char path[4096];
	int fd, rc;

	snprintf(path, sizeof(path), "%s/badblocks", region->obj.path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	rc = ndt_region_badblocks_rearm(fd);
	if (rc < 0) {
		close(fd);
		return rc;
	}
	return fd;
}

NDT_EXPORT int ndt_region_badblocks_rearm(int fd)
{
	char buf[256];

	/* sysfs re-arms a pollable attribute on every read from offset 0 */
	if (pread(fd, buf, sizeof(buf), 0) < 0)
		return -errno;
	return 0;
}

/*
 * Parse a list of numbers such as "512 520 [4096] 4104" (brackets mark the current
 * value) into @vals. Returns the count or -EIO.
 */
static int parse_number_list(char *buf, uint64_t *vals, int max)
{
	char *tok, *save;
	int n = 0;

	for (tok = strtok_r(buf, " ", &save); tok && n < max; tok = strtok_r(NULL, " ", &save)) {
		size_t len = strlen(tok);

		if (tok[0] == '[' && len > 2 && tok[len - 1] == ']') {
			tok[len - 1] = '\0';
			tok++;
		}
		if (ndt_parse_u64(tok, &vals[n]) < 0)
			return -EIO;
		n++;
	}
	return n;
}

/* The numbers of a list attribute of @obj ("512 [4096]"). Returns the count or -errno. */
int ndt_read_size_list(const struct ndt_obj *obj, const char *attr, uint64_t *vals, int max)
{
	char buf[512];
	int rc;

	if (!obj)
		return -ENOENT;
	rc = ndt_obj_read(obj, attr, buf, sizeof(buf));
	if (rc < 0)
		return rc;
	return parse_number_list(buf, vals, max);
}

NDT_EXPORT int ndt_region_get_supported(struct ndt_region *region, const char *which,
					uint64_t *vals, int max)
{
	const char *seed_attr, *attr;
	char seed[64], rel[128], buf[512];
	int rc;

	if (strcmp(which, "sector") == 0) {
		seed_attr = "btt_seed";
		attr = "sector_size";
	} else if (strcmp(which, "fsdax") == 0) {
		seed_attr = "pfn_seed";
		attr = "supported_alignments";
	} else if (strcmp(which, "devdax") == 0) {
		seed_attr = "dax_seed";
		attr = "supported_alignments";
	} else {
		return -EINVAL;
	}
	rc = ndt_obj_read(&region->obj, seed_attr, seed, sizeof(seed));
	if (rc < 0)
		return rc;
	if (rc == 0 || strchr(seed, '/'))
		return -ENOENT;
	snprintf(rel, sizeof(rel), "%s/%s", seed, attr);
	rc = ndt_obj_read(&region->obj, rel, buf, sizeof(buf));
	if (rc < 0)
		return rc;
	return parse_number_list(buf, vals, max);
}

/* mappingN: "nmemX,<dpa offset>,<length>,<position>" (position since kernel 4.15) */
static int mappings_init(struct ndt_region *region)
{
	int count, i;

	region->mappings_init = true;
	if (ndt_obj_read_int(&region->obj, "mappings", &count) < 0 || count < 0)
		return 0;
	for (i = 0; i < count; i++) {
		char attr[32], buf[128], dev[32];
		unsigned long long off, len;
		struct ndt_mapping *m;
		int pos = -1, n;

		snprintf(attr, sizeof(attr), "mapping%d", i);
		if (ndt_obj_read(&region->obj, attr, buf, sizeof(buf)) < 0)
			continue;
		n = sscanf(buf, "%31[^,],%llu,%llu,%d", dev, &off, &len, &pos);
		if (n < 3) {
			dbg(region->obj.ctx, "%s/%s: unexpected \"%s\"", region->obj.devname, attr,
			    buf);
			continue;
		}
		m = calloc(1, sizeof(*m));
		if (!m || ndt_vec_push(&region->mappings, m) < 0) {
			free(m);
			return -ENOMEM;
		}
		*m = (struct ndt_mapping){
			.region = region,
			.idx = region->mappings.n - 1,
			.dimm = ndt_bus_find_dimm(region->bus, dev),
			.offset = off,
			.length = len,
			.position = n == 4 ? pos : -1,
		};
	}
	return 0;
}

NDT_EXPORT struct ndt_mapping *ndt_mapping_get_first(struct ndt_region *region)
{
	if (!region->mappings_init)
		mappings_init(region);
	return ndt_vec_first(&region->mappings);
}

NDT_EXPORT struct ndt_mapping *ndt_mapping_get_next(struct ndt_mapping *mapping)
{
	return ndt_vec_next(&mapping->region->mappings, mapping->idx);
}

NDT_EXPORT struct ndt_dimm *ndt_mapping_get_dimm(struct ndt_mapping *mapping)
{
	return mapping->dimm;
}

NDT_EXPORT uint64_t ndt_mapping_get_offset(struct ndt_mapping *mapping)
{
	return mapping->offset;
}

NDT_EXPORT uint64_t ndt_mapping_get_length(struct ndt_mapping *mapping)
{
	return mapping->length;
}

NDT_EXPORT int ndt_mapping_get_position(struct ndt_mapping *mapping)
{
	return mapping->position;
}
