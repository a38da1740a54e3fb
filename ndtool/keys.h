/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * DIMM passphrase keys: encrypted keys of the kernel's user keyring sealed by a master
 * key (the kek), and their blobs in the key directory, named and formatted as ndctl does
 * so that either tool (and the boot-time "load-keys" hook) finds the other's:
 *   <dir>/nvdimm-master.blob               the kek of type user (its payload) or trusted
 *   <dir>/tpm.handle                       the TPM handle of a trusted kek
 *   <dir>/nvdimm_<dimm-id>_<host>.blob     a DIMM's user passphrase, key "nvdimm:<id>"
 *   <dir>/nvdimm-master_<dimm-id>_<host>.blob  its master passphrase, "nvdimm-master:<id>"
 * A blob holds what reading the encrypted key gives: "enc32 <kek-type>:<kek-desc> 32 <hex>".
 */
#ifndef NDTOOL_KEYS_H
#define NDTOOL_KEYS_H

#include <stdbool.h>
#include <keyutils.h>
#include <ndtool/libndtool.h>

#define NDTOOL_KEYS_DIR "/etc/ndctl/keys"
/* "keypath = DIR" in the [security] section of a *.conf file here changes the default */
#define NDTOOL_CONF_DIR "/etc/ndctl.conf.d"
#define NDTOOL_KEK_BLOB "nvdimm-master.blob"
#define NDTOOL_KEK_DESC "nvdimm-master"

enum ndtool_key_kind { NDTOOL_KEY_USER, NDTOOL_KEY_MASTER, NDTOOL_KEY_OLD, NDTOOL_KEY_MASTER_OLD };

struct ndtool_keys {
	const char *dir;	/* the key directory */
	const char *prog;	/* for messages: "ndtool setup-passphrase" */
	char host[256];
	char dir_buf[4096];
};

/* The key directory: @opt (-p), else the configured keypath, else the default. */
const char *ndtool_keys_dir(const char *opt, char *buf, size_t len);

/* Set up @k for @dir (NULL: the configured or default directory). Returns 0, or -errno. */
int ndtool_keys_init(struct ndtool_keys *k, const char *dir, const char *prog);

/* "nvdimm:<id>" and "<dir>/nvdimm_<id>_<host>.blob" for @dimm. */
void ndtool_key_desc(struct ndt_dimm *dimm, enum ndtool_key_kind kind, char *buf, size_t len);
void ndtool_key_blob_path(const struct ndtool_keys *k, struct ndt_dimm *dimm,
			  enum ndtool_key_kind kind, char *buf, size_t len);

/* The serial number of the key of @kind for @dimm in the user keyring, or 0. */
key_serial_t ndtool_key_find(struct ndt_dimm *dimm, enum ndtool_key_kind kind);

/*
 * The key of @kind for @dimm: from the keyring, else loaded from its blob. Says why on
 * stderr when neither works. Returns the serial number, or -errno.
 */
key_serial_t ndtool_key_get(const struct ndtool_keys *k, struct ndt_dimm *dimm,
			    enum ndtool_key_kind kind);

/* Load a blob's text into the keyring as the key of @kind. Returns the serial, or -errno. */
key_serial_t ndtool_key_load_blob(struct ndt_dimm *dimm, enum ndtool_key_kind kind,
				  const char *blob);

/*
 * Check a --key-handle "<type>:<description>" and find that kek in the user keyring.
 * Says why on stderr when it is malformed or absent. Returns its serial, or -errno.
 */
key_serial_t ndtool_kek_find(const struct ndtool_keys *k, const char *handle);

/* A new random passphrase key of @kind for @dimm sealed by kek @handle; -errno on failure. */
key_serial_t ndtool_key_new(const struct ndtool_keys *k, struct ndt_dimm *dimm,
			    enum ndtool_key_kind kind, const char *handle);

/* The blob text of key @serial (malloc'ed, NUL-terminated), or NULL with errno set. */
char *ndtool_key_read(key_serial_t serial);

/* Read a blob file (malloc'ed, NUL-terminated), or NULL with errno set. */
char *ndtool_blob_read(const char *path);

/*
 * Write @text to @path with mode 0600, atomically (a temporary file renamed over it);
 * with @exclusive, fail with -EEXIST when @path exists. Returns 0, or -errno.
 */
int ndtool_blob_write(const char *path, const char *text, bool exclusive);

/* Remove key @serial from the user keyring (nothing when 0). */
void ndtool_key_drop(key_serial_t serial);

/* The kek handle "<type>:<description>" a blob is sealed with, into @buf; -EINVAL if none. */
int ndtool_blob_kek(const char *blob, char *buf, size_t len);

#endif
