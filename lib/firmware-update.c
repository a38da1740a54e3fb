// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Firmware update of Intel-family DIMMs (ND_CMD_CALL, functions 12 to 16 of the Intel
 * NVDIMM DSM interface): get info, start, send data in chunks, finish, query until the
 * DIMM has verified the image. A failure after the start aborts the update.
 */
#include <errno.h>
#include <linux/ndctl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "private.h"
#include "smart.h"
#include "util/endian.h"

#define FW_GET_INFO	12
#define FW_START	13
#define FW_SEND		14
#define FW_FINISH	15
#define FW_QUERY	16

/* status, storage, max send, interval, max time, cap + 3, fis, 2 u64 */
#define INFO_SIZE	44
#define SEND_HDR	12	/* context, offset, length */

/* extended status (bits 16-31) of the function-specific error 7 */
#define ST_FUNC		7
#define XST(n)		((uint32_t)(n) << 16 | ST_FUNC)
#define ST_IN_PROGRESS	XST(1)	/* start: another update runs; others: bad context */
/* finish: an update waits for activation; query: still verifying */
#define ST_BUSY		XST(2)
#define ST_VERIFY_FAIL	XST(3)	/* query: the image failed verification */
#define ST_SEQUENCE	XST(4)	/* finish: aborted; query: sequencing error */

NDT_EXPORT int ndt_dimm_get_fw_info(struct ndt_dimm *dimm, struct ndt_fw_info *info)
{
	uint8_t out[INFO_SIZE];
	int rc;

	if (info->struct_size < sizeof(*info))
		return -EINVAL;
	if (dimm->family != NVDIMM_FAMILY_INTEL || !ndt_dimm_is_cmd_supported(dimm, ND_CMD_CALL) ||
	    !(ndt_dimm_get_dsm_mask(dimm) & (1ull << FW_GET_INFO)))
		return -EOPNOTSUPP;
	rc = ndt_dimm_call(dimm, NVDIMM_FAMILY_INTEL, FW_GET_INFO, NULL, 0, out, sizeof(out));
	if (rc < 0)
		return rc;
	if (rc < INFO_SIZE)
		return -EIO;
	rc = ndt_family_intel.xlat_status(ndt_le32(out));
	if (rc < 0)
		return rc;
	info->storage_size = ndt_le32(out + 4);
	info->max_send_len = ndt_le32(out + 8);
	info->query_interval_us = ndt_le32(out + 12);
	info->max_query_time_us = ndt_le32(out + 16);
	info->update_cap = out[20];
	info->fis_version = ndt_le32(out + 24);
	info->run_version = ndt_le64(out + 28);
	info->updated_version = ndt_le64(out + 36);
	return 0;
}

/* One update function: @out receives the output, whose first u32 is the status. */
static int fw_call(struct ndt_dimm *dimm, unsigned int func, const void *in, uint32_t in_size,
		   void *out, uint32_t out_size, uint32_t *status)
{
	int rc = ndt_dimm_call(dimm, NVDIMM_FAMILY_INTEL, func, in, in_size, out, out_size);

	if (rc < 0)
		return rc;
	if ((uint32_t)rc < out_size)
		return -EIO;
	*status = ndt_le32(out);
	return 0;
}

/* "runs firmware 0x..., has 0x... staged" as the DIMM reports it now, for a failure */
static void append_state(struct ndt_dimm *dimm)
{
	struct ndt_fw_info fi = { .struct_size = sizeof(fi) };

	if (ndt_dimm_get_fw_info(dimm, &fi) < 0) {
		ndt_fail_append(dimm->obj.ctx, "; its firmware state cannot be read");
		return;
	}
	if (fi.updated_version)
		ndt_fail_append(dimm->obj.ctx, "; it runs firmware %#llx and has firmware %#llx "
				"staged", (unsigned long long)fi.run_version,
				(unsigned long long)fi.updated_version);
	else
		ndt_fail_append(dimm->obj.ctx, "; it runs firmware %#llx and has no new firmware "
				"staged", (unsigned long long)fi.run_version);
}

/* Abort the update of @context after a failure, and say what the DIMM is left with. */
static void abort_update(struct ndt_dimm *dimm, uint32_t context)
{
	uint8_t in[8] = { 1 }, out[4];	/* ctrl_flags 1: abort */
	uint32_t status = 0;
	int rc;

	ndt_put_le32(in + 4, context);
	rc = fw_call(dimm, FW_FINISH, in, sizeof(in), out, sizeof(out), &status);
	if (rc == 0 && (status == 0 || status == ST_SEQUENCE))
		ndt_fail_append(dimm->obj.ctx, "; the update was aborted");
	else if (rc < 0)
		ndt_fail_append(dimm->obj.ctx, "; aborting the update failed too (%s): the DIMM "
				"may refuse a new update until it is reset", strerror(-rc));
	else
		ndt_fail_append(dimm->obj.ctx, "; aborting the update failed too (status %#x): "
				"the DIMM may refuse a new update until it is reset", status);
	append_state(dimm);
}

static int fail_kernel(struct ndt_dimm *dimm, int rc, const char *step)
{
	return ndt_fail(dimm->obj.ctx, rc, NDT_REASON_KERNEL, dimm->obj.devname,
			"%s: %s failed: %s", dimm->obj.devname, step, strerror(-rc));
}

static int fail_status(struct ndt_dimm *dimm, const char *step, uint32_t status)
{
	int rc = ndt_family_intel.xlat_status(status);

	return ndt_fail(dimm->obj.ctx, rc < 0 ? rc : -EIO, NDT_REASON_KERNEL, dimm->obj.devname,
			"%s: %s failed: the DIMM answered status %#x", dimm->obj.devname, step,
			status);
}

static int start(struct ndt_dimm *dimm, uint32_t *context)
{
	uint8_t out[8];
	uint32_t status;
	int rc;

	rc = fw_call(dimm, FW_START, NULL, 0, out, sizeof(out), &status);
	if (rc < 0)
		return fail_kernel(dimm, rc, "starting the update");
	if (status == ST_IN_PROGRESS)
		return ndt_fail(dimm->obj.ctx, -EBUSY, NDT_REASON_KERNEL, dimm->obj.devname,
				"%s is busy with another firmware update, or has an update staged "
				"that waits for activation", dimm->obj.devname);
	if (status)
		return fail_status(dimm, "starting the update", status);
	*context = ndt_le32(out + 4);
	return 0;
}

static int send(struct ndt_dimm *dimm, uint32_t context, const uint8_t *image, size_t size,
		uint32_t chunk, ndt_fw_progress_fn progress, void *arg)
{
	uint8_t *in = malloc(SEND_HDR + chunk), out[4];
	uint32_t status = 0;
	size_t off;
	int rc = 0;

	if (!in)
		return ndt_fail(dimm->obj.ctx, -ENOMEM, NDT_REASON_KERNEL, dimm->obj.devname,
				"%s: out of memory", dimm->obj.devname);
	for (off = 0; off < size; off += chunk) {
		uint32_t len = size - off < chunk ? (uint32_t)(size - off) : chunk;

		ndt_put_le32(in, context);
		ndt_put_le32(in + 4, (uint32_t)off);
		ndt_put_le32(in + 8, len);
		memcpy(in + SEND_HDR, image + off, len);
		rc = fw_call(dimm, FW_SEND, in, SEND_HDR + len, out, sizeof(out), &status);
		if (rc < 0) {
			fail_kernel(dimm, rc, "sending the image");
			ndt_fail_append(dimm->obj.ctx, " at byte %zu of %zu", off, size);
			break;
		}
		if (status) {
			rc = fail_status(dimm, "sending the image", status);
			ndt_fail_append(dimm->obj.ctx, " at byte %zu of %zu", off, size);
			break;
		}
		if (progress)
			progress(dimm, off + len, size, arg);
	}
	free(in);
	return rc;
}

static int finish(struct ndt_dimm *dimm, uint32_t context)
{
	uint8_t in[8] = { 0 }, out[4];
	uint32_t status;
	int rc;

	ndt_put_le32(in + 4, context);
	rc = fw_call(dimm, FW_FINISH, in, sizeof(in), out, sizeof(out), &status);
	if (rc < 0)
		return fail_kernel(dimm, rc, "finishing the update");
	if (status)
		return fail_status(dimm, "finishing the update", status);
	return 0;
}

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

/* Poll "Finish Update Query" every interval until the DIMM is done verifying. */
static int query(struct ndt_dimm *dimm, uint32_t context, const struct ndt_fw_info *fi)
{
	uint64_t interval = fi->query_interval_us, limit = fi->max_query_time_us, t0 = now_us();
	uint8_t in[4], out[12];
	uint32_t status;
	int rc;

	/* bounded whatever the DIMM reports: 1 ms to 1 s between queries, 5 s at least */
	interval = interval < 1000 ? 1000 : interval > 1000000 ? 1000000 : interval;
	limit = limit < 5000000 ? 5000000 : limit;
	ndt_put_le32(in, context);
	for (;;) {
		struct timespec ts = { .tv_sec = (time_t)(interval / 1000000),
				       .tv_nsec = (long)(interval % 1000000) * 1000 };

		rc = fw_call(dimm, FW_QUERY, in, sizeof(in), out, sizeof(out), &status);
		if (rc < 0)
			return fail_kernel(dimm, rc, "querying the update");
		if (status == 0)
			return 0;
		if (status == ST_VERIFY_FAIL)
			return ndt_fail(dimm->obj.ctx, -EIO, NDT_REASON_KERNEL, dimm->obj.devname,
					"%s rejected the image: it failed verification",
					dimm->obj.devname);
		if (status != ST_BUSY)
			return fail_status(dimm, "querying the update", status);
		if (now_us() - t0 > limit)
			return ndt_fail(dimm->obj.ctx, -ETIMEDOUT, NDT_REASON_KERNEL,
					dimm->obj.devname, "%s is still verifying the image after "
					"%llu s: it stages the image when done, or rejects it",
					dimm->obj.devname, (unsigned long long)(limit / 1000000));
		nanosleep(&ts, NULL);
	}
}

NDT_EXPORT int ndt_dimm_fw_update(struct ndt_dimm *dimm, const void *image, size_t size,
				  ndt_fw_progress_fn progress, void *arg)
{
	struct ndt_ctx *ctx = dimm->obj.ctx;
	struct ndt_fw_info fi = { .struct_size = sizeof(fi) };
	uint32_t context = 0;
	int rc;

	ndt_failure_clear(ctx);
	if (!ndt_dimm_fw_update_supported(dimm))
		return ndt_fail(ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED, dimm->obj.devname,
				"%s does not support firmware update (its family, its firmware or "
				"the kernel offers no update functions)", dimm->obj.devname);
	rc = ndt_dimm_get_fw_info(dimm, &fi);
	if (rc < 0)
		return fail_kernel(dimm, rc, "reading its firmware information");
	if (size == 0 || size > fi.storage_size)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, dimm->obj.devname,
				"%s: the image has %zu bytes; the DIMM takes 1 to %u",
				dimm->obj.devname, size, fi.storage_size);
	if (fi.max_send_len == 0)
		return ndt_fail(ctx, -EIO, NDT_REASON_KERNEL, dimm->obj.devname,
				"%s reports a largest transfer of 0 bytes", dimm->obj.devname);
	rc = start(dimm, &context);
	if (rc < 0)
		return rc;
	rc = send(dimm, context, image, size, fi.max_send_len, progress, arg);
	if (rc == 0)
		rc = finish(dimm, context);
	if (rc < 0) {
		abort_update(dimm, context);
		return rc;
	}
	rc = query(dimm, context, &fi);
	if (rc < 0) {
		if (rc != -ETIMEDOUT)
			append_state(dimm);
		return rc;
	}
	return 0;
}
