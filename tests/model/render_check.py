#!/usr/bin/python3
"""Render a model with hpactl and check the result (tests/model/tests.cmake).

  render_check.py validate HPACTL VALIDATOR [MODEL] [-- render options...]
      the manifest validates (strict) against the Kubernetes 1.36 OpenAPI
      schemas with shared/k8s-openapi/validate_manifest.py
  render_check.py lint HPACTL [MODEL] [-- render options...]
      `hpactl lint --strict` exits 0 and reports no error and no warning
      (and, with --no-info before MODEL, no finding at all)
  render_check.py lint-warns HPACTL RULE [MODEL] [-- render options...]
      `hpactl lint --strict` fails with a warning of rule RULE
  render_check.py reemit HPACTL [MODEL] [-- render options...]
      the rendered file is already canonical: `hpactl fmt` (the codec's
      reader and writer) gives the same bytes back

MODEL absent: the built-in model. Exit 77 (skipped) when the validator or the
`hpactl lint` command is not there yet.
"""
import os
import subprocess
import sys
import tempfile


def render(hpactl, model, extra):
    cmd = [hpactl, "render", "--stdout", "-q"] + ([model] if model else []) + extra
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE).stdout


def split(args):
    if "--" in args:
        i = args.index("--")
        return args[:i], args[i + 1:]
    return args, []


def main(argv):
    mode, rest = argv[1], argv[2:]
    rest, extra = split(rest)
    hpactl = rest.pop(0)
    with tempfile.TemporaryDirectory() as tmp:
        if mode == "validate":
            validator = rest.pop(0)
            if not os.path.isfile(validator):
                print("%s absent: skipped" % validator)
                return 77
            path = os.path.join(tmp, "template.yml")
            with open(path, "wb") as f:
                f.write(render(hpactl, rest[0] if rest else None, extra))
            return subprocess.run(["/usr/bin/python3", validator, path]).returncode
        if mode == "reemit":
            if subprocess.run([hpactl, "help", "fmt"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode != 0:
                print("hpactl has no fmt command yet: skipped")
                return 77
            data = render(hpactl, rest[0] if rest else None, extra)
            again = subprocess.run([hpactl, "fmt", "-"], input=data, check=True,
                                   stdout=subprocess.PIPE).stdout
            if again != data:
                print("hpactl fmt changed the rendered manifest")
                return 1
            print("%d bytes, byte-identical after hpactl fmt" % len(data))
            return 0
        if subprocess.run([hpactl, "help", "lint"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode != 0:
            print("hpactl has no lint command yet: skipped")
            return 77
        rule = rest.pop(0) if mode == "lint-warns" else None
        no_info = "--no-info" in rest
        rest = [r for r in rest if r != "--no-info"]
        path = os.path.join(tmp, "template.yml")
        with open(path, "wb") as f:
            f.write(render(hpactl, rest[0] if rest else None, extra))
        p = subprocess.run([hpactl, "lint", "--strict", path], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        out = p.stdout.decode("utf-8", "replace")
        print(out, end="")
        findings = [l for l in out.splitlines() if l.startswith(path + ":")]
        bad = [l for l in findings if ": error: " in l or ": warning: " in l]
        if mode == "lint-warns":
            ok = p.returncode == 1 and any((": warning: %s:" % rule) in l for l in bad)
            return 0 if ok else 1
        if p.returncode != 0 or bad or (no_info and findings):
            return 1
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
