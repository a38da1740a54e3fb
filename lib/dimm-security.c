// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * DIMM security through the kernel: the nmemN/security attribute reports the state and
 * takes requests that name keys of the kernel keyring by serial number
 * ("update <old> <new>", "disable <key>", "freeze", "erase <key>", "overwrite <key>",
 * "master_update <old> <new>", "master_erase <key>"); the kernel decrypts the keys and
 * sends the family's commands. Serial 0 stands for the all-zero passphrase. The overwrite
 * the kernel starts ends with a notification on the same attribute.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "private.h"

static const char *const state_names[] = {
	[NDT_SECURITY_UNSUPPORTED] = "unsupported",
	[NDT_SECURITY_DISABLED] = "disabled",
	[NDT_SECURITY_UNLOCKED] = "unlocked",
	[NDT_SECURITY_LOCKED] = "locked",
	[NDT_SECURITY_FROZEN] = "frozen",
	[NDT_SECURITY_OVERWRITE] = "overwrite",
	[NDT_SECURITY_UNKNOWN] = "unknown",
};

NDT_EXPORT const char *ndt_security_state_name(enum ndt_security_state state)
{
	if ((unsigned int)state >= sizeof(state_names) / sizeof(state_names[0]))
		return "unknown";
	return state_names[state];
}

static enum ndt_security_state parse_state(const char *s)
{
	unsigned int i;

	for (i = NDT_SECURITY_DISABLED; i < NDT_SECURITY_UNKNOWN; i++)
		if (strcmp(s, state_names[i]) == 0)
			return i;
	return NDT_SECURITY_UNKNOWN;
}

NDT_EXPORT enum ndt_security_state ndt_dimm_get_security_state(struct ndt_dimm *dimm)
{
	char buf[32];
	int rc = ndt_obj_read(&dimm->obj, "security", buf, sizeof(buf));

	if (rc == -ENOENT)
		return NDT_SECURITY_UNSUPPORTED;
	if (rc < 0 || !buf[0])
		return NDT_SECURITY_UNKNOWN;
	return parse_state(buf);
}

static const char *const op_words[] = {
	[NDT_SECURITY_OP_UPDATE] = "update",
	[NDT_SECURITY_OP_MASTER_UPDATE] = "master_update",
	[NDT_SECURITY_OP_DISABLE] = "disable",
	[NDT_SECURITY_OP_FREEZE] = "freeze",
	[NDT_SECURITY_OP_ERASE] = "erase",
	[NDT_SECURITY_OP_MASTER_ERASE] = "master_erase",
	[NDT_SECURITY_OP_OVERWRITE] = "overwrite",
};

/* What the request would do, for the messages: "set the passphrase of nmem0". */
static const char *const op_what[] = {
	[NDT_SECURITY_OP_UPDATE] = "setting or changing the passphrase",
	[NDT_SECURITY_OP_MASTER_UPDATE] = "setting or changing the master passphrase",
	[NDT_SECURITY_OP_DISABLE] = "removing the passphrase",
	[NDT_SECURITY_OP_FREEZE] = "freezing security",
	[NDT_SECURITY_OP_ERASE] = "the crypto-erase",
	[NDT_SECURITY_OP_MASTER_ERASE] = "the crypto-erase with the master passphrase",
	[NDT_SECURITY_OP_OVERWRITE] = "starting the overwrite",
};

/* The kernel's answer, as a sentence the administrator can act on. */
static int request_failed(struct ndt_dimm *dimm, enum ndt_security_op op, int rc)
{
	struct ndt_ctx *ctx = dimm->obj.ctx;
	const char *dev = dimm->obj.devname, *what = op_what[op];

	switch (rc) {
	case -ENOKEY:
		return ndt_fail(ctx, rc, NDT_REASON_KEY, dev, "%s: %s failed: the kernel found "
				"no usable key (an encrypted key of 32 bytes in the user keyring)",
				dev, what);
	case -EINVAL:
		return ndt_fail(ctx, rc, NDT_REASON_KEY, dev, "%s: %s failed: the DIMM refused "
				"the passphrase (the key does not hold its current passphrase)",
				dev, what);
	case -EIO:
		if (ndt_dimm_is_security_frozen(dimm))
			return ndt_fail(ctx, rc, NDT_REASON_FROZEN, dev, "%s: %s failed: its "
					"security is frozen until the next reboot", dev, what);
		break;
	case -EBUSY:
		if (ndt_dimm_get_security_state(dimm) >= NDT_SECURITY_OVERWRITE)
			return ndt_fail(ctx, rc, NDT_REASON_OVERWRITE, dev, "%s: %s failed: an "
					"overwrite is in progress", dev, what);
		return ndt_fail(ctx, rc, NDT_REASON_ACTIVE, dev, "%s: %s failed: the DIMM is "
				"in use", dev, what);
	case -EOPNOTSUPP:
	case -ENOTTY:
	case -ENXIO:
		return ndt_fail(ctx, rc, NDT_REASON_UNSUPPORTED, dev, "%s: %s failed: the DIMM "
				"does not support it in its security state (%s)", dev, what,
				ndt_security_state_name(ndt_dimm_get_security_state(dimm)));
	default:
		break;
	}
	return ndt_fail(ctx, rc, NDT_REASON_KERNEL, dev, "%s: %s failed: %s", dev, what,
			strerror(-rc));
}

NDT_EXPORT int ndt_dimm_security_request(struct ndt_dimm *dimm, enum ndt_security_op op,
					 int32_t key, int32_t new_key)
{
	struct ndt_ctx *ctx = dimm->obj.ctx;
	enum ndt_security_state state;
	struct ndt_region *region;
	char req[64];
	int rc;

	ndt_failure_clear(ctx);
	if ((unsigned int)op >= sizeof(op_words) / sizeof(op_words[0]) || key < 0 || new_key < 0)
		return ndt_fail(ctx, -EINVAL, NDT_REASON_INVALID, dimm->obj.devname,
				"invalid security request");
	state = ndt_dimm_get_security_state(dimm);
	if (state == NDT_SECURITY_UNSUPPORTED)
		return ndt_fail(ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED, dimm->obj.devname,
				"%s does not support security commands", dimm->obj.devname);
	if (op != NDT_SECURITY_OP_FREEZE && ndt_dimm_is_security_frozen(dimm))
		return ndt_fail(ctx, -EIO, NDT_REASON_FROZEN, dimm->obj.devname, "%s: %s refused: "
				"its security is frozen until the next reboot", dimm->obj.devname,
				op_what[op]);
	if (state == NDT_SECURITY_OVERWRITE)
		return ndt_fail(ctx, -EBUSY, NDT_REASON_OVERWRITE, dimm->obj.devname, "%s: %s "
				"refused: an overwrite is in progress", dimm->obj.devname,
				op_what[op]);
	/* the kernel refuses these while a region uses the DIMM, with EBUSY only */
	region = op == NDT_SECURITY_OP_FREEZE ? NULL : ndt_dimm_active_region(dimm);
	if (region)
		return ndt_fail(ctx, -EBUSY, NDT_REASON_REGION_ACTIVE, region->obj.devname,
				"%s: %s refused: enabled region %s uses the DIMM",
				dimm->obj.devname, op_what[op], region->obj.devname);
	if (op == NDT_SECURITY_OP_OVERWRITE && ndt_dimm_is_enabled(dimm))
		return ndt_fail(ctx, -EBUSY, NDT_REASON_DIMM_ENABLED, dimm->obj.devname, "%s: %s "
				"refused: the DIMM is enabled (its label area would be erased "
				"under the driver)", dimm->obj.devname, op_what[op]);
	if (op == NDT_SECURITY_OP_UPDATE || op == NDT_SECURITY_OP_MASTER_UPDATE)
		snprintf(req, sizeof(req), "%s %d %d", op_words[op], key, new_key);
	else if (op == NDT_SECURITY_OP_FREEZE)
		snprintf(req, sizeof(req), "%s", op_words[op]);
	else
		snprintf(req, sizeof(req), "%s %d", op_words[op], key);
	dbg(ctx, "%s: security <- \"%s\"\n", dimm->obj.devname, req);
	rc = ndt_obj_write(&dimm->obj, "security", req);
	if (rc < 0)
		return request_failed(dimm, op, rc);
	return 0;
}

/* the longest the kernel waits between two queries of a running overwrite */
#define UNKNOWN_MAX_MS (15 * 60 * 1000)

NDT_EXPORT int ndt_dimm_wait_overwrite(struct ndt_dimm *dimm, int timeout_ms,
				       ndt_overwrite_progress_fn progress, void *priv)
{
	long long start = ndt_now_ms(), deadline = timeout_ms < 0 ? -1 : start + timeout_ms;
	long long unknown_since = -1;
	char path[PATH_MAX], buf[32];
	int fd, rc = 0;

	ndt_failure_clear(dimm->obj.ctx);
	snprintf(path, sizeof(path), "%s/security", dimm->obj.path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ndt_fail(dimm->obj.ctx, -EOPNOTSUPP, NDT_REASON_UNSUPPORTED,
				dimm->obj.devname, "%s does not support security commands",
				dimm->obj.devname);
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLPRI | POLLERR };
		long long left;
		ssize_t n;

		/* reading from offset 0 re-arms the notification */
		n = pread(fd, buf, sizeof(buf) - 1, 0);
		if (n < 0 && errno != ENOTTY) {
			rc = -errno;
			break;
		}
		buf[n < 0 ? 0 : n] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
		if (n >= 0 && strcmp(buf, "overwrite") != 0)
			break;
		if (n >= 0)
			unknown_since = -1;
		else if (unknown_since < 0)
			unknown_since = ndt_now_ms();
		else if (ndt_now_ms() - unknown_since > UNKNOWN_MAX_MS) {
			rc = -ETIMEDOUT;
			break;
		}
		if (progress)
			progress(priv, (unsigned int)((ndt_now_ms() - start) / 1000));
		left = deadline < 0 ? -1 : deadline - ndt_now_ms();
		if (deadline >= 0 && left <= 0) {
			rc = -ETIMEDOUT;
			break;
		}
		/* the kernel notifies when it sees the end; look again every second anyway */
		if (poll(&pfd, 1, left < 0 || left > 1000 ? 1000 : (int)left) < 0 &&
		    errno != EINTR) {
			rc = -errno;
			break;
		}
	}
	close(fd);
	if (rc == -ETIMEDOUT)
		return ndt_fail(dimm->obj.ctx, rc, NDT_REASON_KERNEL, dimm->obj.devname,
				"%s: the overwrite still runs, or the kernel reports no security "
				"state, after %lld s", dimm->obj.devname,
				(ndt_now_ms() - start) / 1000);
	if (rc < 0)
		return ndt_fail(dimm->obj.ctx, rc, NDT_REASON_KERNEL, dimm->obj.devname,
				"%s: reading its security state failed: %s", dimm->obj.devname,
				strerror(-rc));
	return 0;
}
