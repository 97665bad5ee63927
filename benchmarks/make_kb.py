"""Generate a large synthetic knowledge base for benchmarks: the bundled base plus N synthetic records.

python benchmarks/make_kb.py OUT_DIR --records 5000
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import yaml

from trdguide.loader import bundled_data_dir


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--records", type=int, default=5000)
    args = ap.parse_args()
    shutil.copytree(bundled_data_dir(), args.out, dirs_exist_ok=True)
    template = yaml.safe_load((args.out / "interventions" / "rtms.yaml").read_text())
    for n in range(args.records):
        rec = dict(template)
        rec["id"] = f"synthetic-{n:05d}"
        rec["name"] = f"Synthetic option {n}"
        rec["short_name"] = f"Synthetic {n}"
        rec["aliases"] = [f"syn-{n}"]
        rec["brand_names"] = []  # names must be unique: the template's brands belong to rtms
        rec["families"] = []
        rec["related"] = []
        (args.out / "interventions" / f"{rec['id']}.yaml").write_text(yaml.safe_dump(rec, sort_keys=False))
    print(f"wrote {args.records} records to {args.out}")


if __name__ == "__main__":
    main()
