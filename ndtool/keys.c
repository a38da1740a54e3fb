// SPDX-License-Identifier: GPL-2.0-or-later
/* DIMM passphrase keys in the kernel's user keyring and their blobs: see keys.h. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "keys.h"
#include "util/conf.h"

#define PASSPHRASE_LEN	32
#define BLOB_MAX	4096

static const char *const desc_prefix[] = {
	[NDTOOL_KEY_USER] = "nvdimm",
	[NDTOOL_KEY_MASTER] = "nvdimm-master",
	[NDTOOL_KEY_OLD] = "nvdimm-old",
	[NDTOOL_KEY_MASTER_OLD] = "nvdimm-master-old",
};

const char *ndtool_keys_dir(const char *opt, char *buf, size_t len)
{
	const char *conf = getenv("NDTOOL_CONF_DIR");

	if (opt)
		return opt;
	if (ndt_conf_get(conf && conf[0] ? conf : NDTOOL_CONF_DIR, "security", "keypath", buf,
			 len) && buf[0])
		return buf;
	return NDTOOL_KEYS_DIR;
}

int ndtool_keys_init(struct ndtool_keys *k, const char *dir, const char *prog)
{
	k->dir = ndtool_keys_dir(dir, k->dir_buf, sizeof(k->dir_buf));
	k->prog = prog;
	if (gethostname(k->host, sizeof(k->host)) < 0)
		return -errno;
	k->host[sizeof(k->host) - 1] = '\0';
	return 0;
}

static const char *dimm_uid(struct ndt_dimm *dimm, char *buf, size_t len)
{
	if (ndt_dimm_get_unique_id(dimm, buf, len) < 0)
		snprintf(buf, len, "%s", ndt_dimm_get_devname(dimm));
	return buf;
}

void ndtool_key_desc(struct ndt_dimm *dimm, enum ndtool_key_kind kind, char *buf, size_t len)
{
	char id[128];

	snprintf(buf, len, "%s:%s", desc_prefix[kind], dimm_uid(dimm, id, sizeof(id)));
}

void ndtool_key_blob_path(const struct ndtool_keys *k, struct ndt_dimm *dimm,
			  enum ndtool_key_kind kind, char *buf, size_t len)
{
	char id[128];

	snprintf(buf, len, "%s/%s_%s_%s.blob", k->dir, desc_prefix[kind],
		 dimm_uid(dimm, id, sizeof(id)), k->host);
}

key_serial_t ndtool_key_find(struct ndt_dimm *dimm, enum ndtool_key_kind kind)
{
	char desc[160];
	long serial;

	ndtool_key_desc(dimm, kind, desc, sizeof(desc));
	serial = keyctl_search(KEY_SPEC_USER_KEYRING, "encrypted", desc, 0);
	return serial < 0 ? 0 : (key_serial_t)serial;
}

char *ndtool_blob_read(const char *path)
{
	char *buf = malloc(BLOB_MAX + 1);
	ssize_t n;
	int fd;

	if (!buf)
		return NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		free(buf);
		return NULL;
	}
	n = read(fd, buf, BLOB_MAX + 1);
	if (n < 0 || n > BLOB_MAX) {
		int err = n < 0 ? errno : EFBIG;

		close(fd);
		free(buf);
		errno = err;
		return NULL;
	}
	close(fd);
	buf[n] = '\0';
	/* blobs have no newline; tolerate one an editor added */
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return buf;
}

key_serial_t ndtool_key_load_blob(struct ndt_dimm *dimm, enum ndtool_key_kind kind,
				  const char *blob)
{
	char desc[160], *payload;
	key_serial_t serial;
	size_t len = strlen(blob) + 6;

	payload = malloc(len);
	if (!payload)
		return -ENOMEM;
	snprintf(payload, len, "load %s", blob);
	ndtool_key_desc(dimm, kind, desc, sizeof(desc));
	serial = add_key("encrypted", desc, payload, strlen(payload), KEY_SPEC_USER_KEYRING);
	free(payload);
	return serial < 0 ? -errno : serial;
}

key_serial_t ndtool_key_get(const struct ndtool_keys *k, struct ndt_dimm *dimm,
			    enum ndtool_key_kind kind)
{
	key_serial_t serial = ndtool_key_find(dimm, kind);
	char path[PATH_MAX], desc[160], *blob;
	int err;

	if (serial)
		return serial;
	ndtool_key_blob_path(k, dimm, kind, path, sizeof(path));
	ndtool_key_desc(dimm, kind, desc, sizeof(desc));
	blob = ndtool_blob_read(path);
	if (!blob) {
		err = errno;
		fprintf(stderr, "%s: %s: no key %s in the user keyring and no blob %s (%s)\n",
			k->prog, ndt_dimm_get_devname(dimm), desc, path, strerror(err));
		return -ENOKEY;
	}
	serial = ndtool_key_load_blob(dimm, kind, blob);
	free(blob);
	if (serial >= 0)
		return serial;
	err = -serial;
	fprintf(stderr, "%s: %s: loading %s into the user keyring failed: %s%s\n", k->prog,
		ndt_dimm_get_devname(dimm), path, strerror(err),
		err == ENOKEY || err == EINVAL ? " (is the master key that sealed it loaded? "
						 "'ndtool load-keys')" : "");
	return -err;
}

key_serial_t ndtool_kek_find(const struct ndtool_keys *k, const char *handle)
{
	char type[32];
	const char *colon = handle ? strchr(handle, ':') : NULL;
	long serial;

	if (!colon || colon == handle || !colon[1] || (size_t)(colon - handle) >= sizeof(type)) {
		fprintf(stderr, "%s: --key-handle must be <type>:<description> of the master key, "
				"e.g. user:nvdimm-master or trusted:nvdimm-master\n", k->prog);
		return -EINVAL;
	}
	memcpy(type, handle, colon - handle);
	type[colon - handle] = '\0';
	if (strcmp(type, "user") != 0 && strcmp(type, "trusted") != 0 &&
	    strcmp(type, "encrypted") != 0) {
		fprintf(stderr, "%s: master key type '%s': the kernel seals passphrases with a "
				"user, trusted or encrypted key\n", k->prog, type);
		return -EINVAL;
	}
	serial = keyctl_search(KEY_SPEC_USER_KEYRING, type, colon + 1, 0);
	if (serial < 0) {
		fprintf(stderr, "%s: no master key %s in the user keyring: load it first "
				"('ndtool load-keys' loads %s/%s)\n", k->prog, handle, k->dir,
			NDTOOL_KEK_BLOB);
		return -ENOKEY;
	}
	return (key_serial_t)serial;
}

key_serial_t ndtool_key_new(const struct ndtool_keys *k, struct ndt_dimm *dimm,
			    enum ndtool_key_kind kind, const char *handle)
{
	char desc[160], payload[256];
	key_serial_t serial;

	ndtool_key_desc(dimm, kind, desc, sizeof(desc));
	snprintf(payload, sizeof(payload), "new enc32 %s %d", handle, PASSPHRASE_LEN);
	serial = add_key("encrypted", desc, payload, strlen(payload), KEY_SPEC_USER_KEYRING);
	if (serial >= 0)
		return serial;
	fprintf(stderr, "%s: %s: creating key %s sealed by %s failed: %s\n", k->prog,
		ndt_dimm_get_devname(dimm), desc, handle, strerror(errno));
	return -errno;
}

char *ndtool_key_read(key_serial_t serial)
{
	void *buf = NULL;
	long n = keyctl_read_alloc(serial, &buf);

	if (n < 0)
		return NULL;
	return buf;
}

int ndtool_blob_write(const char *path, const char *text, bool exclusive)
{
	char tmp[PATH_MAX + 16];
	size_t len = strlen(text);
	int fd, rc = 0;

	if (exclusive && access(path, F_OK) == 0)
		return -EEXIST;
	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fchmod(fd, 0600) < 0 || write(fd, text, len) != (ssize_t)len || fsync(fd) < 0)
		rc = errno ? -errno : -EIO;
	if (close(fd) < 0 && !rc)
		rc = -errno;
	if (!rc && exclusive && link(tmp, path) < 0)
		rc = -errno;
	else if (!rc && !exclusive && rename(tmp, path) < 0)
		rc = -errno;
	if (exclusive || rc)
		unlink(tmp);
	return rc;
}

void ndtool_key_drop(key_serial_t serial)
{
	if (serial > 0)
		keyctl_unlink(serial, KEY_SPEC_USER_KEYRING);
}

int ndtool_blob_kek(const char *blob, char *buf, size_t len)
{
	const char *s = strchr(blob, ' '), *e;

	if (!s)
		return -EINVAL;
	s++;
	e = strchr(s, ' ');
	if (!e || e == s || !memchr(s, ':', e - s) || (size_t)(e - s) >= len)
		return -EINVAL;
	memcpy(buf, s, e - s);
	buf[e - s] = '\0';
	return 0;
}
