// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A caller of the shared libndtool built against other versions of
 * struct ndt_namespace_params, for the VM tests:
 *
 *   abi-params REGION older	a struct that ends after sector_size (no map, uuid, name):
 *				creates a 32 MiB fsdax namespace with the defaults for the rest
 *   abi-params REGION newer	a struct with one more field, left zero: creates one too
 *   abi-params REGION newer-set	the same with the unknown field set: refused (-E2BIG)
 *   abi-params REGION unset	struct_size left 0: refused (-EINVAL)
 *
 * Prints "created NAME" (exit 0) or "failed: ERRNO-TEXT: FAILURE" (exit 1).
 */
#include <stdio.h>
#include <string.h>
#include <ndtool/libndtool.h>

/* What a caller built against a header without map, uuid and name passes. */
struct params_older {
	size_t struct_size;
	enum ndt_namespace_mode mode;
	uint64_t size;
	uint64_t align;
	unsigned int sector_size;
};

/* What a caller built against a later header with one more field passes. */
struct params_newer {
	struct ndt_namespace_params p;
	uint64_t later_field;
};

static struct ndt_region *find_region(struct ndt_ctx *ctx, const char *name)
{
	struct ndt_region *region;
	struct ndt_bus *bus;

	ndt_bus_foreach(ctx, bus)
		ndt_region_foreach(bus, region)
			if (strcmp(ndt_region_get_devname(region), name) == 0)
				return region;
	return NULL;
}

int main(int argc, char **argv)
{
	struct params_older older = { sizeof(older), NDT_NS_MODE_FSDAX, 32ULL << 20, 0, 0 };
	struct params_newer newer = { .p = NDT_NAMESPACE_PARAMS_INIT };
	const struct ndt_namespace_params *p;
	struct ndt_region *region;
	struct ndt_ctx *ctx;
	char devname[64];
	int rc;

	if (argc != 3) {
		fprintf(stderr, "usage: abi-params REGION older|newer|newer-set|unset\n");
		return 2;
	}
	if (ndt_ctx_new(&ctx) < 0)
		return 1;
	region = find_region(ctx, argv[1]);
	if (!region) {
		fprintf(stderr, "abi-params: no region %s\n", argv[1]);
		return 1;
	}
	newer.p.struct_size = sizeof(newer);
	newer.p.mode = NDT_NS_MODE_FSDAX;
	newer.p.size = 32ULL << 20;
	if (strcmp(argv[2], "older") == 0) {
		p = (const struct ndt_namespace_params *)&older;
	} else if (strcmp(argv[2], "newer") == 0) {
		p = &newer.p;
	} else if (strcmp(argv[2], "newer-set") == 0) {
		newer.later_field = 1;
		p = &newer.p;
	} else {
		newer.p.struct_size = 0;
		p = &newer.p;
	}
	rc = ndt_namespace_create(region, p, devname, sizeof(devname));
	if (rc < 0)
		printf("failed: %s: %s\n", strerror(-rc), ndt_ctx_get_failure(ctx, NULL, NULL));
	else
		printf("created %s\n", devname);
	ndt_ctx_unref(ctx);
	return rc < 0 ? 1 : 0;
}
