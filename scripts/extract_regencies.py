"""Write ``src/warta/data/kb/regencies_id.tsv``: Indonesia's 514 regencies and cities (kabupaten/kota).

    pip install openpyxl
    python scripts/extract_regencies.py KODE-WILAYAH-KEPMENDAGRI-2025.xlsx

The workbook is the open-data table of Kepmendagri No. 300.2.2-2138 Tahun 2025 (the Home Affairs
Ministry's codes of Indonesia's administrative areas) published by Yonatan Yusak Lestari at
github.com/yonatanyl/KODE-WILAYAH-KEPMENDAGRI-2025 (commit e312223) under CC BY 4.0. Only the
regency and city level is read: its code ("32.04"), its name ("Kabupaten Bandung", "Kota Bandung")
and its province's name, which ``provinces_id.tsv`` turns into the ISO 3166-2 code. The workbook is
not shipped; the TSV is, as an input of ``scripts/build_kb.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

KB = Path(__file__).resolve().parents[1] / "src" / "warta" / "data" / "kb"
HEADER = """\
# Indonesia's regencies and cities (kabupaten/kota), 514 rows: Kemendagri code, kind, name without "Kabupaten"/"Kota",
#   province (ISO 3166-2:ID). Input of scripts/build_kb.py; written by scripts/extract_regencies.py.
# source: Kepmendagri No. 300.2.2-2138 Tahun 2025 (Kode, Data Wilayah Administrasi Pemerintahan dan Pulau), as
#   the open-data table "KODE-WILAYAH-KEPMENDAGRI-2025" by Yonatan Yusak Lestari
#   (github.com/yonatanyl/KODE-WILAYAH-KEPMENDAGRI-2025, commit e312223), OCR of the official PDF; only the
#   regency level is taken
# licence: CC BY 4.0 (attribution: Yonatan Yusak Lestari, KODE-WILAYAH-KEPMENDAGRI-2025; data: Kementerian
#   Dalam Negeri RI)
"""


def _provinces() -> dict[str, str]:
    """Province name (lower case, as the table writes it and as provinces_id.tsv does) -> ISO code."""
    out = {}
    for line in (KB / "provinces_id.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        iso, name, _capital, aliases = line.split("\t")
        for n in [name, *aliases.split("|")]:
            out[n.strip().lower()] = iso
    return out


def main(argv: list[str]) -> int:
    import openpyxl

    provinces = _provinces()
    sheet = openpyxl.load_workbook(argv[0], read_only=True).worksheets[0]
    rows: dict[str, tuple[str, str, str]] = {}
    for i, row in enumerate(sheet.iter_rows(values_only=True)):
        if i == 0:
            continue
        code, name, province = row[4], " ".join(str(row[5]).split()), " ".join(str(row[7]).split())
        iso = provinces.get(province.lower())
        if iso is None:
            raise SystemExit(f"province {province!r} not in provinces_id.tsv")
        for prefix, kind in (("Kabupaten Administrasi ", "kabupaten"), ("Kota Administrasi ", "kota"),
                             ("Kabupaten ", "kabupaten"), ("Kota ", "kota"), ("Kab ", "kabupaten")):
            if name.startswith(prefix):
                rows[code] = (kind, name[len(prefix):], iso)
                break
        else:
            raise SystemExit(f"{code}: {name!r} is neither a kabupaten nor a kota")
    if len(rows) != 514:
        raise SystemExit(f"{len(rows)} regencies and cities, not 514")
    lines = [f"{code}\t{kind}\t{name}\t{iso}" for code, (kind, name, iso) in sorted(rows.items())]
    (KB / "regencies_id.tsv").write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
