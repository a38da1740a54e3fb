// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A caller of the shared libndtool built against other versions of
 * struct ndt_namespace_params, for the VM tests. It creates in the first region of the
 * first bus:
 *
 *   abi-params older		a struct that ends after sector_size (no map, uuid, name):
 *				a 32 MiB fsdax namespace with the defaults for the rest
 *   abi-params newer		a struct with one more field, left zero: creates one too
 *   abi-params newer-set	the same with the unknown field set: refused (-E2BIG)
 *   abi-params unset		struct_size left 0: refused (-EINVAL)
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

int main(int argc, char **argv)
{
	struct params_older older = { sizeof(older), NDT_NS_MODE_FSDAX, 32ULL << 20, 0, 0 };
	struct params_newer newer = { .p = NDT_NAMESPACE_PARAMS_INIT };
	const struct ndt_namespace_params *p;
	struct ndt_region *region;
	struct ndt_ctx *ctx;
	char devname[64];
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: abi-params older|newer|newer-set|unset\n");
		return 2;
	}
	if (ndt_ctx_new(&ctx) < 0)
		return 1;
	region = ndt_bus_get_first(ctx) ? ndt_region_get_first(ndt_bus_get_first(ctx)) : NULL;
	if (!region) {
		fprintf(stderr, "abi-params: no region\n");
		return 1;
	}
	newer.p.struct_size = sizeof(newer);
	newer.p.mode = NDT_NS_MODE_FSDAX;
	newer.p.size = 32ULL << 20;
	if (strcmp(argv[1], "older") == 0) {
		p = (const struct ndt_namespace_params *)&older;
	} else if (strcmp(argv[1], "newer") == 0) {
		p = &newer.p;
	} else if (strcmp(argv[1], "newer-set") == 0) {
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
