/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * DIMM security: the state the kernel reports and the requests it carries out with keys
 * of the kernel keyring. The keys themselves (encrypted keys sealed by a master key) are
 * the caller's business: the library names them by serial number only.
 */
#ifndef NDTOOL_SECURITY_H
#define NDTOOL_SECURITY_H

#include <stdint.h>
#include <ndtool/dimm.h>

enum ndt_security_state {
	NDT_SECURITY_UNSUPPORTED,	/* no security attribute, or no state reported */
	NDT_SECURITY_DISABLED,		/* no passphrase set */
	NDT_SECURITY_UNLOCKED,		/* passphrase set, media unlocked */
	NDT_SECURITY_LOCKED,		/* passphrase set, media locked */
	NDT_SECURITY_FROZEN,		/* reported by kernels before the frozen attribute */
	NDT_SECURITY_OVERWRITE,		/* an overwrite runs */
	NDT_SECURITY_UNKNOWN,		/* the DIMM has security support but the kernel reports
					 * no state: the state is indeterminate while an
					 * overwrite runs, and kernels built with the nfit_test
					 * emulation report it so */
};

/**
 * ndt_security_state_name() - the kernel's word for a state ("unlocked")
 * @state: a state
 *
 * Returns: "unsupported", "disabled", "unlocked", "locked", "frozen", "overwrite" or
 * "unknown";
 * "unknown" for a value out of range.
 */
const char *ndt_security_state_name(enum ndt_security_state state);

/**
 * ndt_dimm_get_security_state() - the DIMM's security state, read again on every call
 * @dimm: a DIMM
 *
 * Whether security is frozen is a separate flag: ndt_dimm_is_security_frozen().
 * Returns: the state; NDT_SECURITY_UNSUPPORTED when the DIMM has no security support;
 * NDT_SECURITY_UNKNOWN when it has but no state can be read.
 */
enum ndt_security_state ndt_dimm_get_security_state(struct ndt_dimm *dimm);

enum ndt_security_op {
	NDT_SECURITY_OP_UPDATE,		/* set (old key 0) or change the user passphrase */
	NDT_SECURITY_OP_MASTER_UPDATE,	/* set (old key 0) or change the master passphrase */
	NDT_SECURITY_OP_DISABLE,	/* remove the user passphrase */
	NDT_SECURITY_OP_FREEZE,		/* refuse security changes until reboot (no key) */
	NDT_SECURITY_OP_ERASE,		/* crypto-erase with the user passphrase */
	NDT_SECURITY_OP_MASTER_ERASE,	/* crypto-erase with the master passphrase */
	NDT_SECURITY_OP_OVERWRITE,	/* start overwriting the whole DIMM, labels included */
};

/**
 * ndt_dimm_security_request() - have the kernel carry out a security operation
 * @dimm: a DIMM with security support
 * @op: the operation
 * @key: serial number of the encrypted key that holds the current passphrase (the
 *       passphrase to set, for NDT_SECURITY_OP_UPDATE from the disabled state: pass 0
 *       here and the new key in @new_key); 0 stands for the all-zero passphrase; ignored
 *       by NDT_SECURITY_OP_FREEZE
 * @new_key: for the update operations, the serial number of the key with the new
 *           passphrase; otherwise ignored
 *
 * Checks first what the kernel would refuse with a bare error: frozen security (every
 * operation but a freeze), an overwrite in progress, an enabled region using the DIMM
 * (every operation but a freeze), and for the overwrite an enabled DIMM.
 * Returns: 0 once the kernel accepted the request (an overwrite then runs in the
 * background: ndt_dimm_wait_overwrite()); otherwise -errno with the failure recorded:
 * -EOPNOTSUPP (NDT_REASON_UNSUPPORTED) when the DIMM or its state does not allow it,
 * -EIO (NDT_REASON_FROZEN), -EBUSY (NDT_REASON_OVERWRITE, NDT_REASON_REGION_ACTIVE with
 * the region, NDT_REASON_DIMM_ENABLED), -ENOKEY or -EINVAL (NDT_REASON_KEY: no usable
 * key with that serial, or the DIMM refused the passphrase), another -errno
 * (NDT_REASON_KERNEL).
 */
int ndt_dimm_security_request(struct ndt_dimm *dimm, enum ndt_security_op op, int32_t key,
			      int32_t new_key);

/* Called about once a second while an overwrite runs, with the seconds waited so far. */
typedef void (*ndt_overwrite_progress_fn)(void *priv, unsigned int seconds);

/**
 * ndt_dimm_wait_overwrite() - wait until no overwrite runs on the DIMM
 * @dimm: a DIMM
 * @timeout_ms: how long to wait at the most; -1 for no limit
 * @progress: called while waiting (may be NULL)
 * @priv: passed to @progress
 *
 * Polls the security attribute, which the kernel notifies when the overwrite ends. A
 * state the kernel does not report (NDT_SECURITY_UNKNOWN) counts as an overwrite that
 * runs, for 15 minutes in a row at the most: the kernel asks the DIMM at least that often.
 * Returns: 0 when none runs (at once when none was running); -ETIMEDOUT; -EOPNOTSUPP
 * when the DIMM has no security support; another -errno from reading the attribute.
 */
int ndt_dimm_wait_overwrite(struct ndt_dimm *dimm, int timeout_ms,
			    ndt_overwrite_progress_fn progress, void *priv);

#endif /* NDTOOL_SECURITY_H */
