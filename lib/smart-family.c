// SPDX-License-Identifier: LGPL-2.1-or-later
/* Pick the SMART command family ops table of a DIMM from its NVDIMM_FAMILY_* number. */
#include <linux/ndctl.h>
#include "smart.h"

const struct ndt_family_ops *ndt_family_lookup(unsigned int family)
{
	switch (family) {
	case NVDIMM_FAMILY_INTEL:
		return &ndt_family_intel;
	case NVDIMM_FAMILY_HPE1:
		return &ndt_family_hpe1;
	case NVDIMM_FAMILY_MSFT:
		return &ndt_family_msft;
	case NVDIMM_FAMILY_HYPERV:
		return &ndt_family_hyperv;
	case NVDIMM_FAMILY_PAPR:
		return &ndt_family_papr;
	default:
		return NULL;	/* includes NVDIMM_FAMILY_HPE2: no SMART layout known */
	}
}
