// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * NVDIMM_FAMILY_HYPERV (_DSM UUID 5746c5f2-a9a2-4264-ad0e-e4ddc9e09e80): Microsoft's "_DSM
 * for Virtual NVDIMMs" (Jan 2019, v1.01; the interface of NVDIMMs with Region Format
 * Interface Code 0x1901, listed in the UEFI RFIC registry), sections "Get Health Information
 * (Function Index 1)" and "Get Unsafe Shutdown Count (Function Index 2)". The kernel's
 * Hyper-V dsm mask (0x1f, drivers/acpi/nfit/core.c) enables functions 1-4.
 *
 *   Get Health Information, output (8 bytes):   0 u32 status, 4 u32 health information
 *   Get Unsafe Shutdown Count, output (8 bytes): 0 u32 status, 4 u32 unsafe shutdown count
 *
 * The bit assignments of the health information word and the status codes could not be
 * established from a readable copy of the specification: the health word is not decoded
 * (NDT_SMART_VALID_HEALTH stays clear) and every non-zero status is reported as -EIO.
 * The smart command is still issued so that a failing virtual DIMM reports its error.
 */
#include <errno.h>
#include <linux/ndctl.h>
#include <string.h>
#include "smart.h"

#define HYPERV_FUNC_HEALTH		1
#define HYPERV_FUNC_SHUTDOWN		2
#define HYPERV_OUT_SIZE			8

#define HY_COUNT			4
#define HY_MIN_LEN			8

static int hyperv_xlat_status(uint32_t status)
{
	return status ? -EIO : 0;
}

static int hyperv_smart_decode(const void *out, size_t len, struct ndt_smart_data *d)
{
	const uint8_t *b = out;
	int rc;

	memset(d, 0, sizeof(*d));
	rc = ndt_payload_check(b, len, HY_MIN_LEN, hyperv_xlat_status);
	if (rc)
		return rc;
	return 0;
}

int ndt_hyperv_shutdown_decode(const void *out, size_t len, struct ndt_smart_data *d)
{
	const uint8_t *b = out;
	int rc;

	rc = ndt_payload_check(b, len, HY_MIN_LEN, hyperv_xlat_status);
	if (rc)
		return rc;
	d->valid |= NDT_SMART_VALID_SHUTDOWN_COUNT;
	d->shutdown_count = ndt_le32(b + HY_COUNT);
	return 0;
}

const struct ndt_family_cmd ndt_hyperv_shutdown_cmd = {
	.func = HYPERV_FUNC_SHUTDOWN,
	.in_size = 0,
	.out_size = HYPERV_OUT_SIZE,
};

const struct ndt_family_ops ndt_family_hyperv = {
	.name = "hyperv",
	.family = NVDIMM_FAMILY_HYPERV,
	.smart = { .func = HYPERV_FUNC_HEALTH, .in_size = 0, .out_size = HYPERV_OUT_SIZE },
	.threshold = { .func = 0, .in_size = 0, .out_size = 0 },
	.smart_prepare = NULL,
	.smart_decode = hyperv_smart_decode,
	.threshold_decode = NULL,
	.xlat_status = hyperv_xlat_status,
};
