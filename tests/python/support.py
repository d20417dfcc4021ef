"""Shared helpers of the Python binding tests (run by ctest: see tests/bindings/tests.cmake)."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("HPA_SOURCE_DIR") or os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(SOURCE_DIR, "tests", "data")
VECTORS = os.path.join(SOURCE_DIR, "tests", "decide", "vectors")
SELFTEST = os.path.join(SOURCE_DIR, "tests", "decide", "selftest")
RUN_VECTORS = os.environ.get("HPA_RUN_VECTORS")  # the C runner (tests/decide/run_vectors.c)
SANITIZED = os.environ.get("HPA_SANITIZE") == "1"

if HERE not in sys.path:
    sys.path.insert(0, HERE)


def read(path, mode="r"):
    with open(path, mode) as f:
        return f.read()


def case_options(case_dir):
    """The `options` words of a codec fixture (tests/unit/test_codec.c)."""
    load, write = {}, {}
    path = os.path.join(case_dir, "options")
    if not os.path.exists(path):
        return load, write
    for tok in read(path).split():
        if tok in ("allow_aliases", "allow_duplicates", "strict"):
            load[tok] = True
        elif tok in ("sort_keys", "omit_status", "compact"):
            write[tok] = True
        elif "=" in tok:
            k, v = tok.split("=", 1)
            load[k] = int(v)
        else:
            raise ValueError("unknown option %r in %s" % (tok, path))
    return load, write


def rss_kb():
    """Resident set size of this process in KiB (Linux /proc)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0
