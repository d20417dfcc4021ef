/*
 * fuzz/parse_yaml.c -- libFuzzer target for the YAML reader and both writers
 * (the invariants are in roundtrip.h).
 */
#define FUZZ_PARSE hpa_manifest_parse_yaml
#include "roundtrip.h"
