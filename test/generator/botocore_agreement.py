#!/usr/bin/env python3
"""stratus-gen agrees with the botocore installed here, when it is the
botocore service-models/ was imported from (else the test is skipped):

1. xform_name: every operation, shape and member name of every model,
   through `stratus-gen xform` and botocore.xform_name;
2. import: `stratus-gen import` of that botocore's (and boto3's) data
   reproduces service-models/ byte for byte.

usage: botocore_agreement.py STRATUS_GEN SERVICE_MODELS_DIR
"""
import filecmp
import gzip
import json
import os
import subprocess
import sys
import tempfile

SKIP = 77


def main():
    gen, models = sys.argv[1], sys.argv[2]
    try:
        import botocore
        from botocore import xform_name
    except ImportError:
        print("SKIP: botocore is not importable by", sys.executable)
        return SKIP
    recorded = {}
    with open(os.path.join(models, "VERSION")) as f:
        for line in f:
            name, _, version = line.strip().partition(" ")
            recorded[name] = version
    if recorded.get("botocore") != botocore.__version__:
        print(f"SKIP: botocore here is {botocore.__version__}, service-models/ is from "
              f"{recorded.get('botocore')} (its xform_name special cases may differ)")
        return SKIP

    names = set()
    for service in sorted(os.listdir(models)):
        sdir = os.path.join(models, service)
        if not os.path.isdir(sdir):
            continue
        for version in sorted(os.listdir(sdir)):
            for fname in ("service-2.json", "service-2.json.gz"):
                path = os.path.join(sdir, version, fname)
                if not os.path.exists(path):
                    continue
                opener = gzip.open if path.endswith(".gz") else open
                with opener(path, "rb") as f:
                    model = json.load(f)
                names.update(model.get("operations", {}))
                for shape_name, shape in model.get("shapes", {}).items():
                    names.add(shape_name)
                    names.update(shape.get("members", {}))
    names = sorted(n for n in names if "\n" not in n)
    out = subprocess.run([gen, "xform"], input="\n".join(names) + "\n", capture_output=True, text=True,
                         check=True).stdout.split("\n")
    bad = [(n, got, xform_name(n)) for n, got in zip(names, out) if got != xform_name(n)]
    for n, got, want in bad[:50]:
        print(f"FAIL xform_name({n!r}): stratus-gen {got!r}, botocore {want!r}")
    print(f"{'ok' if not bad else 'FAIL'}   xform_name: {len(names) - len(bad)} of {len(names)} names agree "
          f"with botocore {botocore.__version__}")

    import_ok = True
    botocore_data = os.path.join(os.path.dirname(botocore.__file__), "data")
    args = [gen, "import", botocore_data]
    try:
        import boto3
        if recorded.get("boto3") == boto3.__version__:
            args.append(os.path.join(os.path.dirname(boto3.__file__), "data"))
    except ImportError:
        pass
    if len(args) == 3 and "boto3" in recorded:
        print("skip import comparison: boto3", recorded["boto3"], "is not installed here")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            out_dir = os.path.join(tmp, "service-models")
            subprocess.run(args + ["--out", out_dir], check=True, stdout=subprocess.DEVNULL)
            differ = compare_trees(models, out_dir)
            for d in differ[:50]:
                print("FAIL import:", d)
            import_ok = not differ
            print(f"{'ok' if import_ok else 'FAIL'}   import of {botocore_data} reproduces {models}")
    return 0 if not bad and import_ok else 1


def compare_trees(a, b):
    """Paths that differ between two trees (README.md is hand-written)."""
    differ = []
    cmp = filecmp.dircmp(a, b, ignore=["README.md"])
    stack = [("", cmp)]
    while stack:
        prefix, c = stack.pop()
        differ += [prefix + x + " (only in service-models)" for x in c.left_only]
        differ += [prefix + x + " (only in the new import)" for x in c.right_only]
        _, mismatch, errors = filecmp.cmpfiles(os.path.join(a, prefix), os.path.join(b, prefix), c.common_files,
                                               shallow=False)
        differ += [prefix + x for x in mismatch + errors]
        stack += [(prefix + name + "/", sub) for name, sub in c.subdirs.items()]
    return sorted(differ)


if __name__ == "__main__":
    sys.exit(main())
