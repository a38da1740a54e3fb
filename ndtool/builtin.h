/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NDTOOL_BUILTIN_H
#define NDTOOL_BUILTIN_H

#include <stdint.h>
#include <stdio.h>
#include <ndtool/libndtool.h>
#include "util/options.h"

/* Exit codes, documented in ndtool(1). */
enum {
	NDT_EXIT_OK = 0,
	NDT_EXIT_FAIL = 1,	/* the operation failed */
	NDT_EXIT_USAGE = 2,	/* bad command line; nothing was changed */
	NDT_EXIT_LIST_OPTS = 130, /* --list-opts printed the options, as ndctl's does */
};

struct ndtool_cmd {
	const char *name;
	/* argv[0] is the command name; ctx is NULL unless needs_ctx */
	int (*fn)(int argc, char **argv, struct ndt_ctx *ctx);
	const struct ndt_cmd_info *info;
	const char *summary;
	bool needs_ctx;
};

/* advice.c: what a failure is about, so that the advice fits the command */
enum ndtool_op {
	NDTOOL_OP_OTHER,
	NDTOOL_OP_CREATE,
	NDTOOL_OP_RECONFIGURE,
	NDTOOL_OP_DESTROY,
	NDTOOL_OP_DAX_CREATE,	/* ndtool dax create-device: @object is a dax region */
	NDTOOL_OP_DAX,		/* another dax command: @object is a dax device */
	NDTOOL_OP_CHECK,	/* check-namespace: @object is the namespace */
	NDTOOL_OP_INFOBLOCK,	/* read-infoblock, write-infoblock: @object is a namespace */
};
struct ndtool_failure_ctx {
	enum ndtool_op op;
	uint64_t size;		/* create: the size asked for (0: none) */
	uint64_t align;		/* dax create: the alignment asked for (0: the region's) */
};
/*
 * Print "<prog>: <why the library refused>[: <what to do>]" to @f, from the failure the
 * library recorded in @ctx (strerror(@rc) when it recorded none). @fc may be NULL.
 */
void ndtool_failure(FILE *f, const char *prog, struct ndt_ctx *ctx, int rc,
		    const struct ndtool_failure_ctx *fc);
/*
 * Whether the system has no NVDIMM bus at all, so that no object can be selected: then
 * says so on stderr for @prog ("ndtool enable-region"), with what to check. Commands that
 * select buses, DIMMs, regions or namespaces call it before acting.
 */
bool ndtool_no_bus(struct ndt_ctx *ctx, const char *prog);

/* targets.c: the namespaces selected by @f, by name (actions rescan regions) */
struct ndt_filter;
struct ndtool_ns_target {
	struct ndt_region *region;
	char devname[64];
};
/* A malloc'ed array in *@out (to free) and its length, or -ENOMEM. "all" (@skip_seeds)
 * passes over idle seeds (size 0). */
int ndtool_ns_collect(struct ndt_ctx *ctx, const struct ndt_filter *f, bool skip_seeds,
		      struct ndtool_ns_target **out);
/* The namespace of @t as its region lists it now, or NULL when it is gone. */
struct ndt_namespace *ndtool_ns_lookup(const struct ndtool_ns_target *t);
/* targets.c: the first enabled region that uses @dimm (to name in a refusal), or NULL */
const char *ndtool_dimm_active_region(struct ndt_dimm *dimm);

/* main.c */
const struct ndtool_cmd *ndtool_find_cmd(const char *name);
void ndtool_main_usage(FILE *f);
int ndtool_unknown_cmd(const char *name);

/* dax.c: the dax commands, NAME without "dax-" */
const struct ndtool_cmd *ndtool_dax_find_cmd(const char *name);
void ndtool_dax_usage(FILE *f);

/* help.c: man page ndtool-<cmd> (or ndtool(1) for NULL), else the usage text */
int ndtool_show_help(const char *cmd);

/* Translate an ndt_opts_parse() code into an exit code; -1 when parsing succeeded. */
int ndtool_opts_exit(const char *cmd, int rc);

int cmd_help(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_version(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_list(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_create_namespace(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_destroy_namespace(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_enable_namespace(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_disable_namespace(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_enable_region(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_disable_region(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_enable_dimm(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_disable_dimm(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_read_labels(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_inject_error(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_clear_errors(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_start_scrub(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_wait_scrub(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_write_labels(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_zero_labels(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_init_labels(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_check_labels(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_check_namespace(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_read_infoblock(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_write_infoblock(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_inject_smart(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_setup_passphrase(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_update_passphrase(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_remove_passphrase(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_freeze_security(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_sanitize_dimm(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_wait_overwrite(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_load_keys(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_update_firmware(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_activate_firmware(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_bench(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_monitor(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_dax(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_dax_help(int argc, char **argv, struct ndt_ctx *ctx);
/* dax-reconfigure.c, dax-migrate.c */
int cmd_dax_reconfigure(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_dax_online_memory(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_dax_offline_memory(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_dax_migrate(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_dax_split_acpi(int argc, char **argv, struct ndt_ctx *ctx);
extern const struct ndt_cmd_info dax_reconfigure_info, dax_online_info, dax_offline_info,
	dax_migrate_info, dax_split_acpi_info;
int cmd_dax_list(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_dax_create_device(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_dax_destroy_device(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_dax_enable_device(int argc, char **argv, struct ndt_ctx *ctx);
int cmd_dax_disable_device(int argc, char **argv, struct ndt_ctx *ctx);

extern const struct ndt_cmd_info help_info, version_info, list_info, dax_info, dax_help_info;
extern const struct ndt_cmd_info create_namespace_info, destroy_namespace_info,
	enable_namespace_info, disable_namespace_info;
extern const struct ndt_cmd_info enable_region_info, disable_region_info, enable_dimm_info,
	disable_dimm_info;
extern const struct ndt_cmd_info read_labels_info, write_labels_info, zero_labels_info,
	init_labels_info, check_labels_info, check_namespace_info;
extern const struct ndt_cmd_info read_infoblock_info, write_infoblock_info;
extern const struct ndt_cmd_info update_firmware_info, activate_firmware_info;
extern const struct ndt_cmd_info bench_info, monitor_info, inject_smart_info;
extern const struct ndt_cmd_info inject_error_info, clear_errors_info, start_scrub_info,
	wait_scrub_info;
extern const struct ndt_cmd_info setup_passphrase_info, update_passphrase_info,
	remove_passphrase_info, freeze_security_info, sanitize_dimm_info, wait_overwrite_info,
	load_keys_info;
extern const struct ndt_cmd_info dax_list_info, dax_create_device_info, dax_destroy_device_info,
	dax_enable_device_info, dax_disable_device_info;

#endif
