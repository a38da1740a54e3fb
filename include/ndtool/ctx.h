/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libndtool: the library context, its logging, and why the last operation failed.
 * Part of <ndtool/libndtool.h>, the header to include.
 */
#ifndef NDTOOL_CTX_H
#define NDTOOL_CTX_H

#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ndt_ctx;

/**
 * ndt_ctx_new() - create a library context
 * @ctx: receives the new context (reference count 1)
 *
 * The log priority starts at LOG_ERR, or at the value of the NDTOOL_LOG environment
 * variable: a syslog number (0-7) or one of "err", "warning", "notice", "info", "debug".
 * Another value is ignored (with an error logged); so is the variable in a set-user-ID
 * program. Nothing is enumerated until a call needs it.
 * Returns: 0; -ENOMEM.
 */
int ndt_ctx_new(struct ndt_ctx **ctx);

/**
 * ndt_ctx_ref() - take a reference on a context
 * @ctx: a context, or NULL
 *
 * Returns: @ctx (NULL when @ctx is NULL).
 */
struct ndt_ctx *ndt_ctx_ref(struct ndt_ctx *ctx);

/**
 * ndt_ctx_unref() - drop a reference on a context
 * @ctx: a context, or NULL
 *
 * The last reference frees the context and every object enumerated through it.
 * Returns: NULL when the context was freed (or @ctx is NULL), else @ctx.
 */
struct ndt_ctx *ndt_ctx_unref(struct ndt_ctx *ctx);

/**
 * ndt_ctx_refresh() - forget every enumerated object
 * @ctx: a context
 *
 * The next iteration rescans sysfs. Pointers to buses, and to every object below them,
 * obtained before this call become invalid.
 */
void ndt_ctx_refresh(struct ndt_ctx *ctx);

/**
 * ndt_log_fn - log sink
 * @ctx: the context logging
 * @priority: syslog priority (LOG_ERR ... LOG_DEBUG)
 * @file: the libndtool source file the message comes from
 * @line: its line
 * @fn: its function
 * @format: the message as a printf format, without a trailing newline
 * @args: the format's arguments
 */
typedef void (*ndt_log_fn)(struct ndt_ctx *ctx, int priority, const char *file, int line,
			   const char *fn, const char *format, va_list args);

/**
 * ndt_set_log_fn() - replace the log sink
 * @ctx: a context
 * @fn: the new sink; NULL restores the default, which writes
 *      "libndtool: <function>: <message>" and a newline to stderr
 */
void ndt_set_log_fn(struct ndt_ctx *ctx, ndt_log_fn fn);

/**
 * ndt_get_log_priority() - the most verbose priority that is logged
 * @ctx: a context
 *
 * Returns: a syslog priority (LOG_ERR ... LOG_DEBUG): messages up to it are logged.
 */
int ndt_get_log_priority(struct ndt_ctx *ctx);

/**
 * ndt_set_log_priority() - log the messages up to a priority
 * @ctx: a context
 * @priority: the most verbose syslog priority to log (LOG_ERR ... LOG_DEBUG), taken as is
 */
void ndt_set_log_priority(struct ndt_ctx *ctx, int priority);

/**
 * ndt_set_userdata() - attach caller data to a context
 * @ctx: a context
 * @userdata: any pointer (the library does not use it)
 */
void ndt_set_userdata(struct ndt_ctx *ctx, void *userdata);

/**
 * ndt_get_userdata() - the caller data attached to a context
 * @ctx: a context
 *
 * Returns: the pointer given to ndt_set_userdata(), or NULL.
 */
void *ndt_get_userdata(struct ndt_ctx *ctx);

/**
 * ndt_log_priority_from_string() - parse a log level
 * @s: a number 0-7, or "err" ("error"), "warning" ("warn"), "notice", "info", "debug"
 *
 * Returns: the syslog priority; -EINVAL when @s is NULL, empty or none of these.
 */
int ndt_log_priority_from_string(const char *s);

/*
 * Failures. Every operation that changes state (enable, disable, create, set up, destroy,
 * label reads and writes) or checks whether it may (ndt_namespace_check_idle(),
 * ndt_namespace_check_reconfigure()) returns a negative errno when it fails and records
 * in its context why: a reason code, the object the reason is about and a sentence that
 * states the condition ("region1 is disabled"). The sentence never names a command or an
 * option: callers add their own advice, by reason. Each such operation clears the record
 * when it starts, so after a success the reason is NDT_REASON_NONE.
 */
enum ndt_reason {
	NDT_REASON_NONE,	/* nothing recorded: the last operation succeeded */
	NDT_REASON_KERNEL,	/* the kernel refused a step (or I/O failed); the sentence
				 * names the step and the error */
	NDT_REASON_INVALID,	/* a parameter is not acceptable; the sentence says which */
	NDT_REASON_MISALIGNED,	/* the size is not a multiple of the region's alignment
				 * (the region in @object) */
	NDT_REASON_TOO_SMALL,	/* too small for the metadata its mode needs */
	NDT_REASON_NO_SPACE,	/* the region has less free capacity than asked for */
	NDT_REASON_FRAGMENTED,	/* enough free capacity, but no free extent large enough */
	NDT_REASON_DISABLED,	/* @object, a region, is disabled */
	NDT_REASON_LABEL_LESS,	/* @object, a region, has no labels: one namespace spans it */
	NDT_REASON_READ_ONLY,	/* @object is read-only */
	NDT_REASON_UNSUPPORTED,	/* the operation does not apply to this object or system */
	NDT_REASON_SEED,	/* an idle seed (size 0): nothing to enable or set up */
	NDT_REASON_ACTIVE,	/* @object is active: forcing would proceed, losing its data */
	NDT_REASON_REGION_ACTIVE,	/* @object, an enabled region, uses the DIMM */
	NDT_REASON_MOUNTED,	/* a block device of it is mounted on @object */
	NDT_REASON_HOLDER,	/* @object (device mapper, md) is stacked on its block device */
	NDT_REASON_OPEN,	/* another program holds its block device open exclusively */
	NDT_REASON_SYSTEM_RAM,	/* @object, a device-dax device (on it), is online as memory */
	NDT_REASON_NOT_SYSTEM_RAM,	/* @object, a device-dax device, is not in system-ram
					 * mode: it has no memory blocks */
	NDT_REASON_MEMORY_BUSY,	/* memory blocks could not be offlined (the first in
				 * @object): pages in use the kernel cannot migrate */
	NDT_REASON_ONLINE_POLICY,	/* the kernel's auto-online policy (or another agent)
					 * onlined memory other than asked; @object: the policy */
	NDT_REASON_DAX_IN_USE,	/* a process maps or holds open the device-dax device;
				 * @object: the process, "name (pid N)" */
	NDT_REASON_KEY,		/* a security key is missing, unusable or not the DIMM's
				 * passphrase; @object: the DIMM */
	NDT_REASON_FROZEN,	/* @object, a DIMM, has its security frozen until reboot */
	NDT_REASON_OVERWRITE,	/* @object, a DIMM, is being overwritten */
	NDT_REASON_DIMM_ENABLED,	/* @object, a DIMM, must be disabled first */
};

/**
 * ndt_ctx_get_failure() - why the last failed operation on @ctx failed
 * @ctx: library context
 * @reason: receives the NDT_REASON_* code (may be NULL)
 * @object: receives the name of the object the reason is about ("region1", "dax1.0",
 *          "/mnt/pmem", "dm-0"), "" when there is none (may be NULL)
 *
 * Returns: the sentence describing the condition, "" when nothing was recorded. It stays
 * valid until the next state-changing operation on @ctx.
 */
const char *ndt_ctx_get_failure(struct ndt_ctx *ctx, enum ndt_reason *reason,
				const char **object);

#ifdef __cplusplus
}
#endif

#endif /* NDTOOL_CTX_H */
