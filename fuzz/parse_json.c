/*
 * fuzz/parse_json.c -- libFuzzer target for the JSON reader and both writers
 * (the invariants are in roundtrip.h).
 */
#define FUZZ_PARSE hpa_manifest_parse_json
#include "roundtrip.h"
