// SPDX-License-Identifier: LGPL-2.1-or-later
/* Enabling and disabling regions; region seeds and rescans. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "private.h"

NDT_EXPORT void ndt_region_refresh(struct ndt_region *region)
{
	ndt_vec_clear(&region->namespaces, ndt_namespace_free);
	ndt_vec_clear(&region->btts, ndt_claim_free);
	ndt_vec_clear(&region->pfns, ndt_claim_free);
	ndt_vec_clear(&region->daxes, ndt_claim_free);
	region->children_init = false;
	if (ndt_obj_read_int(&region->obj, "nstype", &region->nstype) < 0)
		region->nstype = -1;
}

NDT_EXPORT struct ndt_namespace *ndt_region_get_namespace_seed(struct ndt_region *region)
{
	char name[64];

	if (ndt_obj_read(&region->obj, "namespace_seed", name, sizeof(name)) <= 0)
		return NULL;
	return ndt_region_find_namespace(region, name);
}

NDT_EXPORT struct ndt_claim *ndt_region_get_claim_seed(struct ndt_region *region,
						       enum ndt_claim_type type)
{
	static const char *const attr[] = {
		[NDT_CLAIM_BTT] = "btt_seed",
		[NDT_CLAIM_PFN] = "pfn_seed",
		[NDT_CLAIM_DAX] = "dax_seed",
	};
	char name[64];

	if (type > NDT_CLAIM_DAX || ndt_obj_read(&region->obj, attr[type], name, sizeof(name)) <= 0)
		return NULL;
	return ndt_region_find_claim(region, name);
}

NDT_EXPORT int ndt_region_enable(struct ndt_region *region)
{
	int rc;

	ndt_failure_clear(region->obj.ctx);
	rc = ndt_obj_bind(&region->obj);
	ndt_region_refresh(region);
	if (rc == 0 && !ndt_region_is_enabled(region))
		rc = -ENXIO;
	if (rc < 0)
		return ndt_fail(region->obj.ctx, rc, NDT_REASON_KERNEL, region->obj.devname,
				"%s: the kernel refused to enable it: %s", region->obj.devname,
				strerror(-rc));
	return 0;
}

NDT_EXPORT int ndt_region_disable(struct ndt_region *region)
{
	struct ndt_namespace *ns;
	int rc;

	ndt_failure_clear(region->obj.ctx);
	/* refuse before changing anything when a namespace is in use */
	ndt_namespace_foreach(region, ns) {
		rc = ndt_namespace_check_idle(ns);
		if (rc < 0)
			return rc;
	}
	ndt_namespace_foreach(region, ns) {
		rc = ndt_namespace_disable(ns, true);
		if (rc < 0)
			return rc;
	}
	rc = ndt_obj_unbind(&region->obj);
	ndt_region_refresh(region);
	if (rc < 0)
		return ndt_fail(region->obj.ctx, rc, NDT_REASON_KERNEL, region->obj.devname,
				"%s: the kernel refused to disable it: %s", region->obj.devname,
				strerror(-rc));
	return 0;
}
