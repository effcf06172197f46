"""Write piiscan/recognizers/data/common_words.hashes from common_words.txt.

The NAME recognizer holds Webster's words as their sorted 64-bit digests
(`piiscan.recognizers.gazetteers.HashedWords`); the text file stays the reviewable
source. Run after `scripts/build_gazetteers.py` changes common_words.txt:

    python scripts/hash_words.py
"""

from __future__ import annotations

from pathlib import Path

from piiscan.recognizers import gazetteers
from piiscan.recognizers.gazetteers import HashedWords

DATA = Path(__file__).resolve().parent.parent / "piiscan" / "recognizers" / "data"


def main() -> None:
    words = HashedWords.of(gazetteers.load("common_words.txt"))
    target = DATA / "common_words.hashes"
    target.write_bytes(words.to_bytes())
    print(f"{target}: {len(words)} words, {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
