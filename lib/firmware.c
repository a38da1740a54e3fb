// SPDX-License-Identifier: LGPL-2.1-or-later
/* DIMM and bus firmware information (Intel family: "Get Firmware Info", function 12). */
#include <errno.h>
#include <linux/ndctl.h>
#include <stdio.h>
#include <string.h>
#include "private.h"

#define INTEL_FW_GET_INFO	12
#define INTEL_FW_FINISH_QUERY	16

static bool intel_funcs(struct ndt_dimm *dimm, unsigned int first, unsigned int last)
{
	uint64_t mask = ndt_dimm_get_dsm_mask(dimm);
	unsigned int f;

	if (dimm->family != NVDIMM_FAMILY_INTEL || !ndt_dimm_is_cmd_supported(dimm, ND_CMD_CALL))
		return false;
	for (f = first; f <= last; f++)
		if (!(mask & (1ull << f)))
			return false;
	return true;
}

NDT_EXPORT bool ndt_dimm_fw_update_supported(struct ndt_dimm *dimm)
{
	return intel_funcs(dimm, INTEL_FW_GET_INFO, INTEL_FW_FINISH_QUERY);
}

NDT_EXPORT int ndt_dimm_get_fw_version(struct ndt_dimm *dimm, uint64_t *current, uint64_t *next)
{
	struct ndt_fw_info fi = { .struct_size = sizeof(fi) };
	int rc = ndt_dimm_get_fw_info(dimm, &fi);

	if (rc < 0)
		return rc;
	*current = fi.run_version;
	*next = fi.updated_version;
	return 0;
}

NDT_EXPORT int ndt_bus_get_fw_activate(struct ndt_bus *bus, char *method, size_t mlen,
				       char *state, size_t slen)
{
	char cap[32];
	int rc;

	rc = ndt_obj_read(&bus->obj, "firmware/capability", cap, sizeof(cap));
	if (rc < 0)
		return rc;
	rc = ndt_obj_read(&bus->obj, "firmware/activate", state, slen);
	if (rc < 0)
		return rc;
	/* the kernel names the mechanism, ndctl the effect on the system */
	if (strcmp(cap, "quiesce") == 0)
		snprintf(method, mlen, "suspend");
	else if (strcmp(cap, "live") == 0)
		snprintf(method, mlen, "live");
	else
		snprintf(method, mlen, "reset");
	return 0;
}
