#ifndef CTOML_H
#define CTOML_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Parses TOML 1.0 text with toml++ and returns a JSON description of it (malloc'd; free with ctoml_free):
 *   {"ok": NODE} or {"error": "message", "line": L, "column": C}
 * where NODE is {"t": TYPE, "l": LINE, "v": VALUE} and TYPE is one of
 *   "s" string, "i" integer (VALUE a JSON integer), "f" float (a JSON number, or "nan", "inf", "-inf"),
 *   "b" boolean, "d" date or time (its TOML text), "a" array (a list of NODEs), "t" table (an object of NODEs). */
char *ctoml_parse(const char *text, size_t length);

void ctoml_free(char *json);

#ifdef __cplusplus
}
#endif

#endif
