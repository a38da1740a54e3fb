// SPDX-License-Identifier: LGPL-2.1-or-later
/* DIMMs: nmemN below a bus, with their firmware interface attributes (nfit/ or papr/). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/ndctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "private.h"

void ndt_dimm_free(void *p)
{
	struct ndt_dimm *dimm = p;

	if (dimm->fd >= 0)
		close(dimm->fd);
	ndt_obj_release(&dimm->obj);
	free(dimm);
}

static bool has_dir(const struct ndt_obj *obj, const char *sub)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", obj->path, sub);
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int ndt_dimm_add(void *parent, const char *dir, const char *name, unsigned int id)
{
	struct ndt_bus *bus = parent;
	struct ndt_dimm *dimm = ndt_obj_new(sizeof(*dimm), bus->obj.ctx, dir, name, id,
					    &bus->dimms);
	int family;

	if (!dimm)
		return -ENOMEM;
	dimm->fd = -1;
	dimm->bus = bus;
	dimm->family = -1;
	if (has_dir(&dimm->obj, "nfit")) {
		dimm->fw_dir = "nfit";
		if (ndt_obj_read_int(&dimm->obj, "nfit/family", &family) == 0 && family >= 0)
			dimm->family = family;
	} else if (has_dir(&dimm->obj, "papr")) {
		dimm->fw_dir = "papr";
		dimm->family = NVDIMM_FAMILY_PAPR;
	}
	return 0;
}

NDT_EXPORT struct ndt_dimm *ndt_dimm_get_first(struct ndt_bus *bus)
{
	ndt_bus_children_init(bus);
	return ndt_vec_first(&bus->dimms);
}

NDT_EXPORT struct ndt_dimm *ndt_dimm_get_next(struct ndt_dimm *dimm)
{
	return ndt_vec_next(&dimm->bus->dimms, dimm->obj.idx);
}

struct ndt_dimm *ndt_bus_find_dimm(struct ndt_bus *bus, const char *devname)
{
	struct ndt_dimm *dimm;

	ndt_dimm_foreach(bus, dimm)
		if (strcmp(dimm->obj.devname, devname) == 0)
			return dimm;
	return NULL;
}

NDT_EXPORT struct ndt_bus *ndt_dimm_get_bus(struct ndt_dimm *dimm)
{
	return dimm->bus;
}

NDT_EXPORT unsigned int ndt_dimm_get_id(struct ndt_dimm *dimm)
{
	return dimm->obj.id;
}

NDT_EXPORT const char *ndt_dimm_get_devname(struct ndt_dimm *dimm)
{
	return dimm->obj.devname;
}

NDT_EXPORT const char *ndt_dimm_get_sysfs_path(struct ndt_dimm *dimm)
{
	return dimm->obj.path;
}

NDT_EXPORT bool ndt_dimm_is_enabled(struct ndt_dimm *dimm)
{
	return ndt_obj_is_enabled(&dimm->obj);
}

NDT_EXPORT int ndt_dimm_get_family(struct ndt_dimm *dimm)
{
	return dimm->family;
}

/* Read <fw_dir>/<attr>; -ENOENT when the DIMM has no firmware interface directory. */
static int fw_read(struct ndt_dimm *dimm, const char *attr, char *buf, size_t len)
{
	char rel[64];

	if (!dimm->fw_dir)
		return -ENOENT;
	snprintf(rel, sizeof(rel), "%s/%s", dimm->fw_dir, attr);
	return ndt_obj_read(&dimm->obj, rel, buf, len);
}

static int fw_read_u64(struct ndt_dimm *dimm, const char *attr, uint64_t *val)
{
	char buf[64];
	int rc = fw_read(dimm, attr, buf, sizeof(buf));

	if (rc < 0)
		return rc;
	return ndt_parse_u64(buf, val) < 0 ? -EIO : 0;
}

NDT_EXPORT int ndt_dimm_get_unique_id(struct ndt_dimm *dimm, char *buf, size_t len)
{
	int rc = fw_read(dimm, "id", buf, len);

	if (rc < 0)
		return rc;
	return rc == 0 ? -ENOENT : 0;
}

NDT_EXPORT int ndt_dimm_get_handle(struct ndt_dimm *dimm, uint64_t *handle)
{
	return fw_read_u64(dimm, "handle", handle);
}

NDT_EXPORT int ndt_dimm_get_phys_id(struct ndt_dimm *dimm, uint64_t *phys_id)
{
	return fw_read_u64(dimm, "phys_id", phys_id);
}

static const struct {
	const char *word;
	unsigned int flag;
} dimm_flag_words[] = {
	{ "save_fail", NDT_DIMM_FLAG_SAVE_FAIL },
	{ "restore_fail", NDT_DIMM_FLAG_RESTORE_FAIL },
	{ "flush_fail", NDT_DIMM_FLAG_FLUSH_FAIL },
	{ "not_armed", NDT_DIMM_FLAG_NOT_ARMED },
	{ "smart_event", NDT_DIMM_FLAG_SMART_EVENT },
	{ "map_fail", NDT_DIMM_FLAG_MAP_FAIL },
	{ "smart_notify", NDT_DIMM_FLAG_SMART_NOTIFY },
};

NDT_EXPORT unsigned int ndt_dimm_get_flags(struct ndt_dimm *dimm)
{
	char buf[256], *tok, *save;
	unsigned int flags = 0;
	size_t i;

	if (fw_read(dimm, "flags", buf, sizeof(buf)) < 0)
		return 0;
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		for (i = 0; i < sizeof(dimm_flag_words) / sizeof(dimm_flag_words[0]); i++)
			if (strcmp(tok, dimm_flag_words[i].word) == 0)
				flags |= dimm_flag_words[i].flag;
	return flags;
}

NDT_EXPORT int ndt_dimm_get_security(struct ndt_dimm *dimm, char *buf, size_t len)
{
	int rc = ndt_obj_read(&dimm->obj, "security", buf, len);

	if (rc == -ENOENT || rc == -ENOTTY || rc == 0)
		return -EOPNOTSUPP;
	return rc < 0 ? rc : 0;
}

NDT_EXPORT bool ndt_dimm_is_security_frozen(struct ndt_dimm *dimm)
{
	int frozen = 0;

	return ndt_obj_read_int(&dimm->obj, "frozen", &frozen) == 0 && frozen;
}

static const char *const cmd_names[] = {
	[ND_CMD_IMPLEMENTED] = "",
	[ND_CMD_SMART] = "smart",
	[ND_CMD_SMART_THRESHOLD] = "smart_thresh",
	[ND_CMD_DIMM_FLAGS] = "flags",
	[ND_CMD_GET_CONFIG_SIZE] = "get_size",
	[ND_CMD_GET_CONFIG_DATA] = "get_data",
	[ND_CMD_SET_CONFIG_DATA] = "set_data",
	[ND_CMD_VENDOR_EFFECT_LOG_SIZE] = "effect_size",
	[ND_CMD_VENDOR_EFFECT_LOG] = "effect_log",
	[ND_CMD_VENDOR] = "vendor",
	[ND_CMD_CALL] = "cmd_call",
};

#define NR_CMD_NAMES ((int)(sizeof(cmd_names) / sizeof(cmd_names[0])))

/* The commands attribute lists the ND_CMD_* names the kernel accepts for the DIMM. */
static void dimm_read_commands(struct ndt_dimm *dimm)
{
	char buf[512], *tok, *save;
	int cmd;

	dimm->cmds_read = true;
	if (ndt_obj_read(&dimm->obj, "commands", buf, sizeof(buf)) < 0)
		return;
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		for (cmd = 1; cmd < NR_CMD_NAMES; cmd++)
			if (strcmp(tok, cmd_names[cmd]) == 0)
				dimm->cmd_mask |= 1u << cmd;
}

NDT_EXPORT bool ndt_dimm_is_cmd_supported(struct ndt_dimm *dimm, int cmd)
{
	if (cmd <= 0 || cmd >= NR_CMD_NAMES)
		return false;
	if (!dimm->cmds_read)
		dimm_read_commands(dimm);
	return dimm->cmd_mask & (1u << cmd);
}

NDT_EXPORT uint64_t ndt_dimm_get_dsm_mask(struct ndt_dimm *dimm)
{
	if (!dimm->dsm_read) {
		dimm->dsm_read = true;
		if (fw_read_u64(dimm, "dsm_mask", &dimm->dsm_mask) < 0)
			dimm->dsm_mask = 0;
	}
	return dimm->dsm_mask;
}

NDT_EXPORT int ndt_dimm_open_health_notify(struct ndt_dimm *dimm)
{
	char path[PATH_MAX];
	int fd, rc;

	if (!dimm->fw_dir)
		return -ENOENT;
	snprintf(path, sizeof(path), "%s/%s/flags", dimm->obj.path, dimm->fw_dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	rc = ndt_health_notify_rearm(fd);
	if (rc < 0) {
		close(fd);
		return rc;
	}
	return fd;
}

NDT_EXPORT int ndt_health_notify_rearm(int fd)
{
	char buf[256];

	/* sysfs re-arms a pollable attribute on every read from offset 0 */
	if (pread(fd, buf, sizeof(buf), 0) < 0)
		return -errno;
	return 0;
}
