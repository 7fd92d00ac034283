from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

ARTICLE = (
    "Jakarta, CNN Indonesia -- Menteri Keuangan Sri Mulyani Indrawati mengatakan pemerintah akan "
    "menjaga defisit anggaran di bawah tiga persen tahun ini.\n"
    "\"Kami akan terus menjaga kesehatan fiskal,\" kata Sri Mulyani di Jakarta, Senin (27/3/2017).\n"
    "Ia menambahkan penerimaan pajak hingga akhir Februari tumbuh lebih cepat dibanding tahun lalu.\n"
    "(dal/dal)\n"
    "[Gambas:Video CNN]\n"
)


def run_warta(*args: str, stdin: bytes | None = None, check: bool = False,
              cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a child process."""
    proc = subprocess.run([sys.executable, "-m", "warta", *args], input=stdin, capture_output=True, timeout=120,
                          cwd=cwd)
    result = subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())
    if check and proc.returncode != 0:
        raise AssertionError(f"warta {' '.join(args)} exited {proc.returncode}: {result.stderr}")
    return result


@pytest.fixture
def article_page(tmp_path: Path) -> Path:
    path = tmp_path / "pages" / "cnn.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path
