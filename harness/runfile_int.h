/* SPDX-License-Identifier: GPL-2.0-only */
/* Internal to the report reader: runfile.c and runfile_util.c. */
#ifndef NSC_RUNFILE_INT_H
#define NSC_RUNFILE_INT_H

#include <json-c/json.h>

#include "runfile.h"

/* Keep @s (malloc'd) until nsc_runfile_free(); NULL (and @s freed) on ENOMEM. */
char *nsc_rf_own(struct nsc_runfile *rf, char *s);
/* A malloc'd copy of at most @max bytes of @s, control characters as '?'. */
char *nsc_rf_line(const char *s, size_t max);
/* A string value, or NULL when of another type or holding a NUL. */
const char *nsc_rf_str(struct json_object *o);
/* Member @key as a string: "" when absent or null, NULL when of another type. */
const char *nsc_rf_opt_str(struct json_object *o, const char *key);
/* Scalars as text ("y", "3", "true"); NULL for objects, arrays, NUL-holding strings. */
const char *nsc_rf_scalar(struct json_object *v);
/* The scalar elements of @arr (or their @member) joined with @sep; malloc'd. */
char *nsc_rf_join(struct json_object *arr, const char *sep, const char *member);
/* Fill rf->env_key/env_val from the "environment" object. */
int nsc_rf_flatten_env(struct nsc_runfile *rf, struct json_object *env);
/* Fill the run-level facts (label parts and conditions). */
int nsc_rf_run_facts(struct nsc_runfile *rf, struct json_object *root, struct json_object *env);

#endif
