// SPDX-License-Identifier: LGPL-2.1-or-later
/* Enabling and disabling DIMMs, and whether an enabled region uses one. */
#include <errno.h>
#include <stdbool.h>
#include <unistd.h>
#include "private.h"

/* Whether an enabled region maps onto @dimm (its labels are then in use). */
NDT_EXPORT bool ndt_dimm_is_active(struct ndt_dimm *dimm)
{
	struct ndt_region *region;
	struct ndt_mapping *m;

	ndt_region_foreach(dimm->bus, region) {
		if (!ndt_region_is_enabled(region))
			continue;
		ndt_mapping_foreach(region, m)
			if (ndt_mapping_get_dimm(m) == dimm)
				return true;
	}
	return false;
}

NDT_EXPORT int ndt_dimm_enable(struct ndt_dimm *dimm)
{
	int rc = ndt_obj_bind(&dimm->obj);

	if (rc == 0 && !ndt_dimm_is_enabled(dimm))
		rc = -ENXIO;
	return rc;
}

NDT_EXPORT int ndt_dimm_disable(struct ndt_dimm *dimm)
{
	if (ndt_dimm_is_active(dimm))
		return -EBUSY;
	if (dimm->fd >= 0) {
		close(dimm->fd);
		dimm->fd = -1;
	}
	return ndt_obj_unbind(&dimm->obj);
}
