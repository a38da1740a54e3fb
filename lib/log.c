// SPDX-License-Identifier: LGPL-2.1-or-later
/* Logging: a per-context priority and a replaceable sink. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "private.h"

static const struct {
	const char *name;
	int prio;
} log_names[] = {
	{ "err", LOG_ERR },	  { "error", LOG_ERR },	  { "warning", LOG_WARNING },
	{ "warn", LOG_WARNING },  { "notice", LOG_NOTICE }, { "info", LOG_INFO },
	{ "debug", LOG_DEBUG },
};

NDT_EXPORT int ndt_log_priority_from_string(const char *s)
{
	char *end;
	long v;
	size_t i;

	if (!s || !*s)
		return -EINVAL;
	for (i = 0; i < sizeof(log_names) / sizeof(log_names[0]); i++)
		if (strcmp(s, log_names[i].name) == 0)
			return log_names[i].prio;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < LOG_EMERG || v > LOG_DEBUG)
		return -EINVAL;
	return (int)v;
}

static void log_stderr(struct ndt_ctx *ctx, int priority, const char *file, int line,
		       const char *fn, const char *format, va_list args)
{
	fprintf(stderr, "libndtool: %s: ", fn);
	vfprintf(stderr, format, args);
	fputc('\n', stderr);
}

void ndt_log(struct ndt_ctx *ctx, int priority, const char *file, int line, const char *fn,
	     const char *format, ...)
{
	int saved = errno;
	va_list args;

	va_start(args, format);
	ctx->log_fn(ctx, priority, file, line, fn, format, args);
	va_end(args);
	errno = saved;
}

NDT_EXPORT void ndt_set_log_fn(struct ndt_ctx *ctx, ndt_log_fn fn)
{
	ctx->log_fn = fn ? fn : log_stderr;
}

NDT_EXPORT int ndt_get_log_priority(struct ndt_ctx *ctx)
{
	return ctx->log_priority;
}

NDT_EXPORT void ndt_set_log_priority(struct ndt_ctx *ctx, int priority)
{
	ctx->log_priority = priority;
}

void ndt_log_init(struct ndt_ctx *ctx)
{
	const char *env = secure_getenv("NDTOOL_LOG");
	int prio;

	ctx->log_fn = log_stderr;
	ctx->log_priority = LOG_ERR;
	if (!env)
		return;
	prio = ndt_log_priority_from_string(env);
	if (prio < 0) {
		err(ctx, "ignoring NDTOOL_LOG=\"%s\": not 0-7, err, warning, notice, info or debug",
		    env);
		return;
	}
	ctx->log_priority = prio;
}
