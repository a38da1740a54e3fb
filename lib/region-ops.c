// SPDX-License-Identifier: LGPL-2.1-or-later
/* Enabling and disabling regions; region seeds and rescans. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
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
	rc = ndt_obj_enable(&region->obj);
	ndt_region_refresh(region);
	return rc;
}

/*
 * Enable again the namespaces named in @names (@n NUL-terminated names one after the
 * other) after a failure, keeping that failure and adding those that stay disabled.
 */
static void reenable(struct ndt_region *region, const char *names, int n)
{
	struct ndt_ctx *ctx = region->obj.ctx;
	struct ndt_failure failed = ctx->failure;
	char left[256] = "";
	size_t off = 0;
	int i, rc;

	for (i = 0; i < n; i++, names += strlen(names) + 1) {
		struct ndt_namespace *ns = ndt_region_find_namespace(region, names);

		rc = ns ? ndt_namespace_enable(ns) : -ENODEV;
		if (rc < 0 && off < sizeof(left))
			off += snprintf(left + off, sizeof(left) - off, "%s%s", off ? ", " : "",
					names);
	}
	ctx->failure = failed;
	if (off)
		ndt_fail_append(ctx, "; undoing it, %s stayed disabled", left);
}

NDT_EXPORT int ndt_region_disable(struct ndt_region *region)
{
	struct ndt_namespace *ns;
	char *names = NULL, *p;
	size_t len = 0;
	int rc, n = 0;

	ndt_failure_clear(region->obj.ctx);
	/* refuse before changing anything when a namespace is in use */
	ndt_namespace_foreach(region, ns) {
		rc = ndt_namespace_check_idle(ns);
		if (rc < 0)
			return rc;
		if (ndt_namespace_is_active(ns))
			len += strlen(ns->obj.devname) + 1;
	}
	/* the active ones, to enable again when a later step fails */
	names = p = malloc(len + 1);
	if (!names)
		return ndt_fail(region->obj.ctx, -ENOMEM, NDT_REASON_KERNEL, region->obj.devname,
				"%s: out of memory", region->obj.devname);
	ndt_namespace_foreach(region, ns) {
		bool active = ndt_namespace_is_active(ns);

		rc = ndt_namespace_disable(ns, true);
		if (rc < 0)
			goto undo;
		if (active) {
			strcpy(p, ns->obj.devname);
			p += strlen(p) + 1;
			n++;
		}
	}
	rc = ndt_obj_disable(&region->obj);
	ndt_region_refresh(region);
	if (rc < 0)
		goto undo;
	free(names);
	return 0;
undo:
	reenable(region, names, n);
	free(names);
	return rc;
}
