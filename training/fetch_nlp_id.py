"""Fetch nlp-id's tagged news sentences (MIT licence) for training: the wheel from PyPI, unpacked.

Only the data file ``nlp_id/data/dataset_postag.txt`` is used (training/convert.py --nlp-id); the
nlp-id package itself is never imported. The wheel's SHA-256 is checked so that a rebuild trains
on exactly the same sentences.

    python training/fetch_nlp_id.py [--out training/cache]
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

VERSION = "0.1.23.0"
WHEEL = f"nlp_id-{VERSION}-py3-none-any.whl"
SHA256 = "358faafb1e4801d79d6c9c8cf20be9d62d990fff9563f2bb6ee1cd7731691384"
HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE / "cache")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    wheel = args.out / WHEEL
    if not wheel.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", f"nlp-id=={VERSION}",
                        "-d", str(args.out)], check=True)
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != SHA256:
        print(f"{wheel}: SHA-256 {digest} is not the expected {SHA256}", file=sys.stderr)
        return 1
    with zipfile.ZipFile(wheel) as zf:
        for name in ("nlp_id/data/dataset_postag.txt", f"nlp_id-{VERSION}.dist-info/licenses/LICENSE"):
            zf.extract(name, args.out)
    print(f"nlp-id {VERSION} data in {args.out / 'nlp_id'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
