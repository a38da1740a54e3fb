// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * setup-passphrase, update-passphrase, remove-passphrase, freeze-security, sanitize-dimm,
 * wait-overwrite: DIMM security through the kernel (lib/dimm-security.c) with passphrase
 * keys kept as ndctl keeps them (keys.c). Every key and blob a command creates is removed
 * again when the DIMM refuses; update-passphrase restores the old key and blob.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include "builtin.h"
#include "keys.h"
#include "json/filter.h"

enum sec_cmd { SETUP, UPDATE, REMOVE, FREEZE, SANITIZE, WAIT };

struct sec_opts {
	enum sec_cmd cmd;
	const char *bus, *kek, *key_path;
	bool verbose, master, crypto, overwrite, zero;
};

#define SEC_BASE \
	{ 'b', 'b', "bus", "<bus-id>", "<nmem> must be on a bus with an id/provider of <bus-id>" }, \
	{ 'v', 'v', "verbose", NULL, "turn on debug" }
#define SEC_KEY_PATH \
	{ 'p', 'p', "key-path", "<dir>", "the key blob directory (default " NDTOOL_KEYS_DIR ")" }
#define SEC_MASTER \
	{ 'm', 'm', "master-passphrase", NULL, "use the master passphrase" }

static const struct ndt_option key_opts[] = {
	SEC_BASE,
	{ 'k', 'k', "key-handle", "<key-handle>", "master encryption key handle" },
	SEC_MASTER, SEC_KEY_PATH,
	{ 0 },
};
static const struct ndt_option remove_opts[] = { SEC_BASE, SEC_MASTER, SEC_KEY_PATH, { 0 } };
static const struct ndt_option freeze_opts[] = { SEC_BASE, { 0 } };
static const struct ndt_option sanitize_opts[] = {
	SEC_BASE,
	{ 'c', 'c', "crypto-erase", NULL, "crypto erase a dimm" },
	{ 'o', 'o', "overwrite", NULL, "overwrite a dimm" },
	{ 'z', 'z', "zero-key", NULL, "pass in a zero key" },
	SEC_MASTER, SEC_KEY_PATH,
	{ 0 },
};

const struct ndt_cmd_info setup_passphrase_info = {
	"ndtool setup-passphrase", "<nmem>... | all -k <key-handle> [<options>]", key_opts };
const struct ndt_cmd_info update_passphrase_info = {
	"ndtool update-passphrase", "<nmem>... | all [<options>]", key_opts };
const struct ndt_cmd_info remove_passphrase_info = {
	"ndtool remove-passphrase", "<nmem>... | all [<options>]", remove_opts };
const struct ndt_cmd_info freeze_security_info = {
	"ndtool freeze-security", "<nmem>... | all [<options>]", freeze_opts };
const struct ndt_cmd_info sanitize_dimm_info = {
	"ndtool sanitize-dimm", "<nmem>... | all [<options>]", sanitize_opts };
const struct ndt_cmd_info wait_overwrite_info = {
	"ndtool wait-overwrite", "<nmem>... | all [<options>]", freeze_opts };

static const struct ndt_cmd_info *const infos[] = {
	[SETUP] = &setup_passphrase_info, [UPDATE] = &update_passphrase_info,
	[REMOVE] = &remove_passphrase_info, [FREEZE] = &freeze_security_info,
	[SANITIZE] = &sanitize_dimm_info, [WAIT] = &wait_overwrite_info,
};

/* ndctl's summary line: "<what> <N> nmem." */
static const char *const done_what[] = {
	[SETUP] = "passphrase enabled for",
	[UPDATE] = "passphrase updated for",
	[REMOVE] = "passphrase removed for",
	[FREEZE] = "security froze",
	[SANITIZE] = "sanitized",
};

static int sec_opt(void *priv, int id, const char *arg)
{
	struct sec_opts *o = priv;

	switch (id) {
	case 'b': o->bus = arg; break;
	case 'v': o->verbose = true; break;
	case 'k': o->kek = arg; break;
	case 'm': o->master = true; break;
	case 'p': o->key_path = arg; break;
	case 'c': o->crypto = true; break;
	case 'o': o->overwrite = true; break;
	case 'z': o->zero = true; break;
	}
	return 0;
}

struct run {
	const struct sec_opts *o;
	const char *prog;
	struct ndt_ctx *ctx;
	struct ndtool_keys keys;
	int overwrites;		/* sanitize-dimm: overwrites started */
};

/* The library's refusal, with the advice for its reason. */
static int failed(struct run *r, struct ndt_dimm *dimm, int rc)
{
	enum ndt_reason reason = NDT_REASON_NONE;
	const char *obj = "", *dev = ndt_dimm_get_devname(dimm);

	ndtool_failure(stderr, r->prog, r->ctx, rc, NULL);
	ndt_ctx_get_failure(r->ctx, &reason, &obj);
	if (reason == NDT_REASON_REGION_ACTIVE)
		fprintf(stderr, "%s: disable the regions that use %s first: 'ndtool "
				"disable-region %s' ('ndtool list -R -d %s' lists them)\n",
			r->prog, dev, obj, dev);
	else if (reason == NDT_REASON_DIMM_ENABLED)
		fprintf(stderr, "%s: disable it first: 'ndtool disable-dimm %s'\n", r->prog, dev);
	return rc;
}

/* What the library would refuse, checked before any key or blob is touched. */
static int precheck(struct run *r, struct ndt_dimm *dimm, bool need_passphrase)
{
	enum ndt_security_state state = ndt_dimm_get_security_state(dimm);
	const char *dev = ndt_dimm_get_devname(dimm);

	if (state == NDT_SECURITY_UNSUPPORTED) {
		fprintf(stderr, "%s: %s does not support security commands (no passphrase "
				"support reported by the kernel)\n", r->prog, dev);
		return -EOPNOTSUPP;
	}
	if (ndt_dimm_is_security_frozen(dimm)) {
		fprintf(stderr, "%s: %s: security is frozen until the next reboot: no passphrase "
				"or erase request is accepted\n", r->prog, dev);
		return -EIO;
	}
	if (state == NDT_SECURITY_OVERWRITE || state == NDT_SECURITY_UNKNOWN) {
		fprintf(stderr, "%s: %s: %s ('ndtool wait-overwrite %s' waits for its end)\n",
			r->prog, dev, state == NDT_SECURITY_OVERWRITE ?
			"an overwrite is in progress" :
			"the kernel reports no security state: an overwrite may be in progress",
			dev);
		return -EBUSY;
	}
	if (ndtool_dimm_active_region(dimm)) {
		const char *region = ndtool_dimm_active_region(dimm);

		fprintf(stderr, "%s: %s is in use by enabled region %s: disable the regions that "
				"use it first ('ndtool disable-region %s'; 'ndtool list -R -d %s' "
				"lists them)\n", r->prog, dev, region, region, dev);
		return -EBUSY;
	}
	if (need_passphrase && state == NDT_SECURITY_DISABLED && !r->o->master) {
		fprintf(stderr, "%s: %s has no passphrase (security disabled): %s\n", r->prog, dev,
			r->o->cmd == REMOVE ? "nothing to remove" :
					      "set one with 'ndtool setup-passphrase'");
		return -ENOKEY;
	}
	return 0;
}

static int do_setup(struct run *r, struct ndt_dimm *dimm)
{
	enum ndtool_key_kind kind = r->o->master ? NDTOOL_KEY_MASTER : NDTOOL_KEY_USER;
	char path[PATH_MAX], desc[160], *blob;
	key_serial_t serial;
	int rc;

	rc = precheck(r, dimm, false);
	if (rc)
		return rc;
	if (!r->o->master && ndt_dimm_get_security_state(dimm) != NDT_SECURITY_DISABLED) {
		fprintf(stderr, "%s: %s already has a passphrase: change it with 'ndtool "
				"update-passphrase %s'\n", r->prog, ndt_dimm_get_devname(dimm),
			ndt_dimm_get_devname(dimm));
		return -EEXIST;
	}
	ndtool_key_desc(dimm, kind, desc, sizeof(desc));
	ndtool_key_blob_path(&r->keys, dimm, kind, path, sizeof(path));
	if (ndtool_key_find(dimm, kind)) {
		fprintf(stderr, "%s: %s: key %s is already in the user keyring: the passphrase "
				"is set up; change it with update-passphrase\n", r->prog,
			ndt_dimm_get_devname(dimm), desc);
		return -EEXIST;
	}
	if (access(path, F_OK) == 0) {
		fprintf(stderr, "%s: %s: blob %s exists: the passphrase is set up; change it with "
				"update-passphrase\n", r->prog, ndt_dimm_get_devname(dimm), path);
		return -EEXIST;
	}
	if (ndtool_kek_find(&r->keys, r->o->kek) < 0)
		return -ENOKEY;
	serial = ndtool_key_new(&r->keys, dimm, kind, r->o->kek);
	if (serial < 0)
		return serial;
	blob = ndtool_key_read(serial);
	rc = blob ? ndtool_blob_write(path, blob, true) : -errno;
	free(blob);
	if (rc < 0) {
		fprintf(stderr, "%s: %s: writing %s failed: %s; nothing was changed\n", r->prog,
			ndt_dimm_get_devname(dimm), path, strerror(-rc));
		ndtool_key_drop(serial);
		return rc;
	}
	rc = ndt_dimm_security_request(dimm, r->o->master ? NDT_SECURITY_OP_MASTER_UPDATE :
				       NDT_SECURITY_OP_UPDATE, 0, serial);
	if (rc == 0)
		return 0;
	failed(r, dimm, rc);
	ndtool_key_drop(serial);
	unlink(path);
	return rc;
}

/* update-passphrase: the old key as "-old", a new key and blob, then the request. */
static int do_update(struct run *r, struct ndt_dimm *dimm)
{
	enum ndtool_key_kind kind = r->o->master ? NDTOOL_KEY_MASTER : NDTOOL_KEY_USER;
	enum ndtool_key_kind old_kind = r->o->master ? NDTOOL_KEY_MASTER_OLD : NDTOOL_KEY_OLD;
	char path[PATH_MAX], old_path[PATH_MAX], kek[128], *old_blob = NULL, *blob = NULL;
	const char *dev = ndt_dimm_get_devname(dimm);
	key_serial_t cur, old = -1, new = -1;
	bool had_blob;
	int rc;

	rc = precheck(r, dimm, true);
	if (rc)
		return rc;
	ndtool_key_blob_path(&r->keys, dimm, kind, path, sizeof(path));
	ndtool_key_blob_path(&r->keys, dimm, old_kind, old_path, sizeof(old_path));
	had_blob = access(path, F_OK) == 0;
	cur = ndtool_key_get(&r->keys, dimm, kind);
	if (cur < 0)
		return cur;
	old_blob = ndtool_key_read(cur);
	if (!old_blob) {
		rc = -errno;
		fprintf(stderr, "%s: %s: reading its key failed: %s\n", r->prog, dev,
			strerror(-rc));
		return rc;
	}
	if (r->o->kek)
		snprintf(kek, sizeof(kek), "%s", r->o->kek);
	else if (ndtool_blob_kek(old_blob, kek, sizeof(kek)) < 0) {
		fprintf(stderr, "%s: %s: its key names no master key: give one with -k\n",
			r->prog, dev);
		rc = -EINVAL;
		goto out;
	}
	rc = ndtool_kek_find(&r->keys, kek);
	if (rc < 0)
		goto out;
	/* the old passphrase stays reachable as "-old" while "nvdimm:<id>" is replaced */
	ndtool_key_drop(ndtool_key_find(dimm, old_kind));
	rc = ndtool_blob_write(old_path, old_blob, false);
	if (rc == 0) {
		old = ndtool_key_load_blob(dimm, old_kind, old_blob);
		rc = old < 0 ? old : 0;
	}
	if (rc < 0) {
		fprintf(stderr, "%s: %s: keeping the old key failed: %s; nothing was changed\n",
			r->prog, dev, strerror(-rc));
		goto out;
	}
	ndtool_key_drop(cur);
	new = ndtool_key_new(&r->keys, dimm, kind, kek);
	blob = new < 0 ? NULL : ndtool_key_read(new);
	rc = new < 0 ? new : blob ? ndtool_blob_write(path, blob, false) : -errno;
	if (rc == 0) {
		rc = ndt_dimm_security_request(dimm, r->o->master ?
					       NDT_SECURITY_OP_MASTER_UPDATE :
					       NDT_SECURITY_OP_UPDATE, old, new);
		if (rc < 0)
			failed(r, dimm, rc);
	} else if (new >= 0) {
		fprintf(stderr, "%s: %s: writing %s failed: %s\n", r->prog, dev, path,
			strerror(-rc));
	}
	if (rc < 0) {
		/* the DIMM keeps the old passphrase: so do the keyring and the directory */
		key_serial_t back;
		int brc;

		ndtool_key_drop(new);
		back = ndtool_key_load_blob(dimm, kind, old_blob);
		brc = had_blob ? ndtool_blob_write(path, old_blob, false) :
				 (unlink(path) < 0 && errno != ENOENT ? -errno : 0);
		if (back < 0 || brc < 0) {
			/* keep the copy of the old passphrase: it is the DIMM's */
			fprintf(stderr, "%s: %s keeps its old passphrase, but restoring its %s "
					"failed (%s): the old passphrase is in %s\n", r->prog, dev,
				back < 0 ? "key" : "blob", strerror(back < 0 ? -back : -brc),
				old_path);
			goto out;
		}
		fprintf(stderr, "%s: %s keeps its old passphrase; its key and blob are as they "
				"were\n", r->prog, dev);
	}
	ndtool_key_drop(old);
	unlink(old_path);
out:
	free(old_blob);
	free(blob);
	return rc;
}

static int do_remove(struct run *r, struct ndt_dimm *dimm)
{
	char path[PATH_MAX];
	key_serial_t key;
	bool loaded;
	int rc;

	if (r->o->master) {
		fprintf(stderr, "%s: %s: a master passphrase cannot be removed (the kernel has no "
				"such request); it only takes part in sanitize-dimm -m\n", r->prog,
			ndt_dimm_get_devname(dimm));
		return -EOPNOTSUPP;
	}
	rc = precheck(r, dimm, true);
	if (rc)
		return rc;
	loaded = !ndtool_key_find(dimm, NDTOOL_KEY_USER);
	key = ndtool_key_get(&r->keys, dimm, NDTOOL_KEY_USER);
	if (key < 0)
		return key;
	rc = ndt_dimm_security_request(dimm, NDT_SECURITY_OP_DISABLE, key, 0);
	if (rc < 0) {
		if (loaded)
			ndtool_key_drop(key);
		return failed(r, dimm, rc);
	}
	ndtool_key_drop(key);
	ndtool_key_blob_path(&r->keys, dimm, NDTOOL_KEY_USER, path, sizeof(path));
	if (unlink(path) < 0 && errno != ENOENT)
		fprintf(stderr, "%s: %s: removing %s failed: %s\n", r->prog,
			ndt_dimm_get_devname(dimm), path, strerror(errno));
	return 0;
}

static int do_freeze(struct run *r, struct ndt_dimm *dimm)
{
	int rc;

	if (ndt_dimm_get_security_state(dimm) == NDT_SECURITY_UNSUPPORTED) {
		fprintf(stderr, "%s: %s does not support security commands\n", r->prog,
			ndt_dimm_get_devname(dimm));
		return -EOPNOTSUPP;
	}
	rc = ndt_dimm_security_request(dimm, NDT_SECURITY_OP_FREEZE, 0, 0);
	if (rc < 0) {
		failed(r, dimm, rc);
		if (ndt_dimm_get_security_state(dimm) == NDT_SECURITY_DISABLED)
			fprintf(stderr, "%s: %s has no passphrase: DIMMs freeze security only "
					"once one is set\n", r->prog, ndt_dimm_get_devname(dimm));
	}
	return rc;
}

/* After a crypto-erase the user passphrase is gone: so go its key and blob. */
static void forget_user_key(struct run *r, struct ndt_dimm *dimm)
{
	char path[PATH_MAX];

	if (ndt_dimm_get_security_state(dimm) != NDT_SECURITY_DISABLED)
		return;
	ndtool_key_drop(ndtool_key_find(dimm, NDTOOL_KEY_USER));
	ndtool_key_blob_path(&r->keys, dimm, NDTOOL_KEY_USER, path, sizeof(path));
	unlink(path);
}

/*
 * The key of an erase (@erase) or an overwrite: --zero-key, or the DIMM's key. A DIMM
 * without a passphrase is overwritten with the zero key, as ndctl does; its crypto-erase
 * asks for --zero-key.
 */
static int sanitize_key(struct run *r, struct ndt_dimm *dimm, enum ndtool_key_kind kind,
			bool erase)
{
	if (r->o->zero)
		return 0;
	if (kind == NDTOOL_KEY_USER &&
	    ndt_dimm_get_security_state(dimm) == NDT_SECURITY_DISABLED) {
		if (!erase)
			return 0;
		fprintf(stderr, "%s: %s has no passphrase: crypto-erase it with --zero-key\n",
			r->prog, ndt_dimm_get_devname(dimm));
		return -ENOKEY;
	}
	return ndtool_key_get(&r->keys, dimm, kind);
}

static int do_sanitize(struct run *r, struct ndt_dimm *dimm)
{
	const char *dev = ndt_dimm_get_devname(dimm);
	key_serial_t key;
	int rc;

	rc = precheck(r, dimm, false);
	if (rc)
		return rc;
	if (r->o->overwrite && ndt_dimm_is_enabled(dimm)) {
		fprintf(stderr, "%s: %s is enabled: an overwrite erases its label area too; "
				"disable it first: 'ndtool disable-dimm %s'\n", r->prog, dev, dev);
		return -EBUSY;
	}
	if (r->o->crypto) {
		key = sanitize_key(r, dimm, r->o->master ? NDTOOL_KEY_MASTER : NDTOOL_KEY_USER,
				   true);
		if (key < 0)
			return key;
		fprintf(stderr, "%s: %s: crypto-erase: all data on the DIMM becomes unreadable\n",
			r->prog, dev);
		rc = ndt_dimm_security_request(dimm, r->o->master ? NDT_SECURITY_OP_MASTER_ERASE :
					       NDT_SECURITY_OP_ERASE, key, 0);
		if (rc < 0)
			return failed(r, dimm, rc);
		forget_user_key(r, dimm);
	}
	if (!r->o->overwrite)
		return 0;
	key = sanitize_key(r, dimm, NDTOOL_KEY_USER, false);
	if (key < 0)
		return key;
	fprintf(stderr, "%s: %s: overwrite: every byte of the DIMM, its labels included, is "
			"overwritten ('ndtool wait-overwrite %s' waits for the end)\n", r->prog,
		dev, dev);
	rc = ndt_dimm_security_request(dimm, NDT_SECURITY_OP_OVERWRITE, key, 0);
	if (rc < 0)
		return failed(r, dimm, rc);
	r->overwrites++;
	return 0;
}

static void show_progress(void *priv, unsigned int seconds)
{
	struct ndt_dimm *dimm = priv;

	fprintf(stderr, "\r%s: overwrite running for %u s", ndt_dimm_get_devname(dimm),
		seconds);
}

static int do_wait(struct run *r, struct ndt_dimm *dimm)
{
	bool tty = isatty(STDERR_FILENO);
	int rc;

	if (ndt_dimm_get_security_state(dimm) == NDT_SECURITY_UNSUPPORTED) {
		fprintf(stderr, "%s: %s does not support security commands\n", r->prog,
			ndt_dimm_get_devname(dimm));
		return -EOPNOTSUPP;
	}
	rc = ndt_dimm_wait_overwrite(dimm, -1, tty ? show_progress : NULL, dimm);
	if (tty)
		fprintf(stderr, "\r\033[K");
	if (rc < 0)
		return failed(r, dimm, rc);
	if (r->o->verbose)
		fprintf(stderr, "%s: no overwrite runs on %s\n", r->prog,
			ndt_dimm_get_devname(dimm));
	return 0;
}

static int check_usage(const struct sec_opts *o, const char *prog)
{
	if (o->cmd == SETUP && !o->kek) {
		fprintf(stderr, "%s: name the master key that seals the passphrase: -k "
				"<type>:<description> (e.g. -k user:nvdimm-master)\n", prog);
		return -1;
	}
	if (o->kek) {
		const char *colon = strchr(o->kek, ':');

		size_t n = colon ? (size_t)(colon - o->kek) : 0;

		if (!colon || !n || !colon[1]) {
			fprintf(stderr, "%s: --key-handle must be <type>:<description> of the "
					"master key, e.g. user:nvdimm-master or "
					"trusted:nvdimm-master\n", prog);
			return -1;
		}
		if (strncmp(o->kek, "user:", 5) != 0 && strncmp(o->kek, "trusted:", 8) != 0 &&
		    strncmp(o->kek, "encrypted:", 10) != 0) {
			fprintf(stderr, "%s: master key type '%.*s': the kernel seals passphrases "
					"with a user, trusted or encrypted key\n", prog, (int)n,
				o->kek);
			return -1;
		}
	}
	if (o->cmd != SANITIZE)
		return 0;
	if (o->master && o->overwrite) {
		fprintf(stderr, "%s: --master-passphrase applies to --crypto-erase only: an "
				"overwrite takes the user passphrase\n", prog);
		return -1;
	}
	if (o->master && o->zero) {
		fprintf(stderr, "%s: --master-passphrase and --zero-key name two different "
				"passphrases: choose one\n", prog);
		return -1;
	}
	return 0;
}

static int security_command(enum sec_cmd cmd, const char *name, int argc, char **argv,
			    struct ndt_ctx *ctx)
{
	const struct ndt_cmd_info *info = infos[cmd];
	struct sec_opts o = { .cmd = cmd };
	struct run r = { .o = &o, .prog = info->prog, .ctx = ctx };
	int first, ex, rc, done = 0, failures = 0, matched = 0;
	struct ndt_filter f;
	struct ndt_dimm *dimm;
	struct ndt_bus *bus;
	char *names;
	bool all;

	first = ndt_opts_parse(info, argc, argv, sec_opt, &o);
	ex = ndtool_opts_exit(name, first);
	if (ex >= 0)
		return ex;
	if (o.verbose)
		ndt_set_log_priority(ctx, LOG_DEBUG);
	if (cmd == SANITIZE && !o.crypto && !o.overwrite)
		o.crypto = true;
	if (first == argc) {
		fprintf(stderr, "%s: name DIMMs (nmemN) or 'all'\n", info->prog);
		ndt_opts_usage(stderr, info);
		return NDT_EXIT_USAGE;
	}
	if (check_usage(&o, info->prog) < 0)
		return NDT_EXIT_USAGE;
	rc = ndtool_keys_init(&r.keys, o.key_path, info->prog);
	if (rc < 0) {
		fprintf(stderr, "%s: reading the host name failed: %s\n", info->prog,
			strerror(-rc));
		return NDT_EXIT_FAIL;
	}
	ndt_filter_init(&f);
	f.bus = o.bus;
	names = ndt_filter_join(argc, argv, first, &all);
	if (!names && !all)
		return NDT_EXIT_FAIL;
	f.dimm = names;
	if (ndtool_no_bus(ctx, info->prog)) {
		free(names);
		return NDT_EXIT_FAIL;
	}
	ndt_bus_foreach(ctx, bus) {
		ndt_dimm_foreach(bus, dimm) {
			if (!ndt_filter_dimm(&f, dimm))
				continue;
			matched++;
			switch (cmd) {
			case SETUP: rc = do_setup(&r, dimm); break;
			case UPDATE: rc = do_update(&r, dimm); break;
			case REMOVE: rc = do_remove(&r, dimm); break;
			case FREEZE: rc = do_freeze(&r, dimm); break;
			case SANITIZE: rc = do_sanitize(&r, dimm); break;
			default: rc = do_wait(&r, dimm); break;
			}
			if (rc < 0)
				failures++;
			else
				done++;
		}
	}
	if (!matched && names) {
		fprintf(stderr, "%s: no DIMM matches '%s'\n", info->prog, names);
		failures++;
	}
	if (cmd == SANITIZE && o.overwrite)
		fprintf(stderr, "overwrite issued for %d nmem.\n", r.overwrites);
	else if (cmd != WAIT)
		fprintf(stderr, "%s %d nmem.\n", done_what[cmd], done);
	free(names);
	return failures ? NDT_EXIT_FAIL : NDT_EXIT_OK;
}

int cmd_setup_passphrase(int argc, char **argv, struct ndt_ctx *ctx)
{
	return security_command(SETUP, "setup-passphrase", argc, argv, ctx);
}

int cmd_update_passphrase(int argc, char **argv, struct ndt_ctx *ctx)
{
	return security_command(UPDATE, "update-passphrase", argc, argv, ctx);
}

int cmd_remove_passphrase(int argc, char **argv, struct ndt_ctx *ctx)
{
	return security_command(REMOVE, "remove-passphrase", argc, argv, ctx);
}

int cmd_freeze_security(int argc, char **argv, struct ndt_ctx *ctx)
{
	return security_command(FREEZE, "freeze-security", argc, argv, ctx);
}

int cmd_sanitize_dimm(int argc, char **argv, struct ndt_ctx *ctx)
{
	return security_command(SANITIZE, "sanitize-dimm", argc, argv, ctx);
}

int cmd_wait_overwrite(int argc, char **argv, struct ndt_ctx *ctx)
{
	return security_command(WAIT, "wait-overwrite", argc, argv, ctx);
}
