// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * load-keys: put the master key (kek) and every DIMM's passphrase blob of the key
 * directory into the user keyring, so that the kernel can unlock the DIMMs when libnvdimm
 * loads (the modprobe "install" hook distributions ship runs it first). No DIMM needs to
 * exist: nothing but the directory and the keyring is looked at.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "builtin.h"
#include "keys.h"

#define TPM_HANDLE_FILE "tpm.handle"

struct load_opts {
	const char *dir, *tpm;
};

static const struct ndt_option load_opts[] = {
	{ 'p', 'p', "key-path", "<key-path>", "override the default key path" },
	{ 't', 't', "tpm-handle", "<tpm-handle>", "TPM handle for trusted key" },
	{ 0 },
};

const struct ndt_cmd_info load_keys_info = { "ndtool load-keys", "[<options>]", load_opts };

static int load_opt(void *priv, int id, const char *arg)
{
	struct load_opts *o = priv;

	if (id == 'p')
		o->dir = arg;
	else if (id == 't')
		o->tpm = arg;
	return 0;
}

/* The TPM handle: -t, else the first word of tpm.handle, else none (a user kek). */
static bool tpm_handle(int dfd, const char *opt, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	if (opt) {
		snprintf(buf, len, "%s", opt);
		return true;
	}
	fd = openat(dfd, TPM_HANDLE_FILE, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	buf[strcspn(buf, " \t\r\n")] = '\0';
	return buf[0] != '\0';
}

/* Read @name of @dfd whole: *len bytes, NUL-terminated; NULL with errno set. */
static char *read_at(int dfd, const char *name, size_t *len)
{
	char *buf = malloc(8192);
	ssize_t n;
	int fd;

	if (!buf)
		return NULL;
	fd = openat(dfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		free(buf);
		return NULL;
	}
	n = read(fd, buf, 8191);
	close(fd);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* The kek from nvdimm-master.blob: a user key's payload, or a sealed trusted key. */
static int load_kek(const char *prog, const char *dir, int dfd, const char *tpm, bool needed)
{
	char *blob, *payload;
	key_serial_t serial;
	size_t len;

	if (keyctl_search(KEY_SPEC_USER_KEYRING, tpm ? "trusted" : "user", NDTOOL_KEK_DESC,
			  0) >= 0)
		return 0;
	blob = read_at(dfd, NDTOOL_KEK_BLOB, &len);
	/* a host without DIMM passphrases has nothing to load: not an error at boot */
	if (!blob && errno == ENOENT && !needed)
		return 0;
	if (!blob) {
		fprintf(stderr, "%s: no master key: %s/%s: %s\n", prog, dir, NDTOOL_KEK_BLOB,
			strerror(errno));
		return -ENOKEY;
	}
	if (!tpm) {
		serial = add_key("user", NDTOOL_KEK_DESC, blob, len, KEY_SPEC_USER_KEYRING);
	} else {
		while (len && (blob[len - 1] == '\n' || blob[len - 1] == ' '))
			blob[--len] = '\0';
		payload = malloc(len + 128);
		if (!payload) {
			free(blob);
			return -ENOMEM;
		}
		snprintf(payload, len + 128, "load %s keyhandle=%s", blob, tpm);
		serial = add_key("trusted", NDTOOL_KEK_DESC, payload, strlen(payload),
				 KEY_SPEC_USER_KEYRING);
		free(payload);
	}
	free(blob);
	if (serial < 0) {
		int err = errno;

		fprintf(stderr, "%s: loading the master key %s/%s as a %s key failed: %s%s\n",
			prog, dir, NDTOOL_KEK_BLOB, tpm ? "trusted" : "user", strerror(err),
			err == ENODEV ? " (this kernel has no trusted keys: CONFIG_TRUSTED_KEYS)" :
			"");
		return -err;
	}
	printf("nvdimm master key loaded.\n");
	return 1;
}

/* "nvdimm_<id>_<host>.blob": the DIMM id, or false for any other file. */
static bool blob_dimm_id(const char *name, char *id, size_t len)
{
	size_t n = strlen(name);
	const char *s, *e;

	if (strncmp(name, "nvdimm_", 7) != 0 || n < 13 || strcmp(name + n - 5, ".blob") != 0)
		return false;
	s = name + 7;
	e = strchr(s, '_');
	if (!e || e == s || (size_t)(e - s) >= len)
		return false;
	memcpy(id, s, e - s);
	id[e - s] = '\0';
	return true;
}

static int load_blob(const char *prog, const char *dir, int dfd, const char *name,
		     const char *id)
{
	char desc[160], *blob, *payload;
	key_serial_t serial;
	size_t len;

	snprintf(desc, sizeof(desc), "nvdimm:%s", id);
	if (keyctl_search(KEY_SPEC_USER_KEYRING, "encrypted", desc, 0) >= 0)
		return 0;
	blob = read_at(dfd, name, &len);
	if (!blob) {
		fprintf(stderr, "%s: %s/%s: %s\n", prog, dir, name, strerror(errno));
		return -errno;
	}
	while (len && (blob[len - 1] == '\n' || blob[len - 1] == ' '))
		blob[--len] = '\0';
	payload = malloc(len + 6);
	if (!payload) {
		free(blob);
		return -ENOMEM;
	}
	snprintf(payload, len + 6, "load %s", blob);
	serial = add_key("encrypted", desc, payload, strlen(payload), KEY_SPEC_USER_KEYRING);
	free(payload);
	free(blob);
	if (serial < 0) {
		fprintf(stderr, "%s: loading %s/%s as %s failed: %s\n", prog, dir, name, desc,
			strerror(errno));
		return -errno;
	}
	return 1;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int cmd_load_keys(int argc, char **argv, struct ndt_ctx *ctx)
{
	const struct ndt_cmd_info *info = &load_keys_info;
	struct load_opts o = { 0 };
	int first, ex, dfd, n, i, rc, blobs, loaded = 0, failures = 0;
	struct dirent **names;
	char tpm[128], id[128], dir[4096];
	bool have_tpm;

	(void)ctx;
	first = ndt_opts_parse(info, argc, argv, load_opt, &o);
	ex = ndtool_opts_exit("load-keys", first);
	if (ex >= 0)
		return ex;
	if (first != argc) {
		fprintf(stderr, "%s: takes no operands (the key directory is -p <dir>)\n",
			info->prog);
		return NDT_EXIT_USAGE;
	}
	o.dir = ndtool_keys_dir(o.dir, dir, sizeof(dir));
	dfd = open(o.dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		fprintf(stderr, "%s: key directory %s: %s\n", info->prog, o.dir, strerror(errno));
		return NDT_EXIT_FAIL;
	}
	have_tpm = tpm_handle(dfd, o.tpm, tpm, sizeof(tpm));
	if (!have_tpm)
		fprintf(stderr, "No TPM handle discovered.\n");
	n = scandir(o.dir, &names, NULL, by_name);
	if (n < 0) {
		fprintf(stderr, "%s: key directory %s: %s\n", info->prog, o.dir, strerror(errno));
		close(dfd);
		return NDT_EXIT_FAIL;
	}
	blobs = 0;
	for (i = 0; i < n; i++)
		blobs += blob_dimm_id(names[i]->d_name, id, sizeof(id));
	rc = load_kek(info->prog, o.dir, dfd, have_tpm ? tpm : NULL, blobs > 0);
	if (rc < 0)
		failures++;
	for (i = 0; i < n; i++) {
		if (blob_dimm_id(names[i]->d_name, id, sizeof(id))) {
			int r = rc < 0 ? 0 : load_blob(info->prog, o.dir, dfd, names[i]->d_name,
						       id);

			if (r > 0)
				loaded++;
			else if (r < 0)
				failures++;
		}
		free(names[i]);
	}
	free(names);
	close(dfd);
	printf("%d nvdimm keys loaded\n", loaded);
	return failures ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}
