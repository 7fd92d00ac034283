"""Copy trained pipelines into the package (src/warta/models/) with warta's metadata.

    python training/package.py DEFAULT_MODEL FAST_MODEL

DEFAULT_MODEL becomes ``id_news`` (the default profile), FAST_MODEL ``id_news_fast``.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "src" / "warta" / "models"
META = {
    "id_news": "warta's Indonesian news pipeline (default profile): sentences, news tags, UPOS and "
    "features, lemmas, dependencies, PER/ORG/LOC entities",
    "id_news_fast": "warta's Indonesian news pipeline (fast profile): sentences and PER/ORG/LOC entities",
}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    for source, name in zip(map(Path, argv), ("id_news", "id_news_fast"), strict=True):
        dest = TARGET / name
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(source, dest)
        meta_path = dest / "meta.json"
        meta = json.loads(meta_path.read_text())
        meta.update(name=name, version="1.0.0", description=META[name], license="CC BY-SA 4.0",
                    author="warta", url="", email="")
        meta["sources"] = [
            {"name": "UD Indonesian-CSUI, UD Indonesian-GSD (dev file)", "license": "CC BY-SA 4.0"},
            {"name": "NER-UI, NER-UGM (IndoLEM), NERGrit (IndoNLU), idner-news-2k", "license": "see MODEL.md"},
            {"name": "nlp-id tagged news sentences (kumparan)", "license": "MIT"},
            {"name": "word vectors (training/vectors.py) from IndoSum articles and the train files' words",
             "license": "CC BY-SA 4.0"},
        ]
        meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
        size = sum(f.stat().st_size for f in dest.rglob("*") if f.is_file()) / 2**20
        print(f"{source} -> {dest} ({size:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
