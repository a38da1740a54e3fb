// SPDX-License-Identifier: LGPL-2.1-or-later
/* Enabling and disabling DIMMs, and whether an enabled region uses one. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "private.h"

/* Whether an enabled region maps onto @dimm (its labels are then in use). */
NDT_EXPORT bool ndt_dimm_is_active(struct ndt_dimm *dimm)
{
	return ndt_dimm_active_region(dimm) != NULL;
}

/* The first enabled region that uses @dimm, or NULL. */
struct ndt_region *ndt_dimm_active_region(struct ndt_dimm *dimm)
{
	struct ndt_region *region;
	struct ndt_mapping *m;

	ndt_region_foreach(dimm->bus, region) {
		if (!ndt_region_is_enabled(region))
			continue;
		ndt_mapping_foreach(region, m)
			if (ndt_mapping_get_dimm(m) == dimm)
				return region;
	}
	return NULL;
}

NDT_EXPORT int ndt_dimm_enable(struct ndt_dimm *dimm)
{
	ndt_failure_clear(dimm->obj.ctx);
	return ndt_obj_enable(&dimm->obj);
}

NDT_EXPORT int ndt_dimm_disable(struct ndt_dimm *dimm)
{
	struct ndt_region *region;

	ndt_failure_clear(dimm->obj.ctx);
	region = ndt_dimm_active_region(dimm);
	if (region)
		return ndt_fail(dimm->obj.ctx, -EBUSY, NDT_REASON_REGION_ACTIVE,
				region->obj.devname, "%s is in use by enabled region %s",
				dimm->obj.devname, region->obj.devname);
	if (dimm->fd >= 0) {
		close(dimm->fd);
		dimm->fd = -1;
	}
	return ndt_obj_disable(&dimm->obj);
}
