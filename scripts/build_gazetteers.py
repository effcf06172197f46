"""Build piiscan/recognizers/data/*.txt, the name gazetteers, from public sources.

Run in a dev environment that has the source packages (they are not runtime deps):

    pip install names==0.3.0 Faker english-words==2.0.2
    python scripts/build_gazetteers.py

Sources and licences:
- US Census 1990 name frequency lists (public domain), as shipped by the `names`
  package (MIT): dist.male.first, dist.female.first, dist.all.last.
- Faker's person providers (MIT), Latin-script locales only: first and last names.
- Webster's Second International (1934, public domain) word list `web2`, as shipped by
  `english-words` (MIT): its lower-case words mark capitalised tokens that are ordinary
  English words ("New", "Tube"), and names that are also words ("Will", "Rose").

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
import names

DATA = Path(__file__).resolve().parent.parent / "piiscan" / "recognizers" / "data"
SURNAME_CUMULATIVE_PERCENT = 85.0  # keep the Census surnames covering 85% of people
LOCALES = (
    "en_US", "en_GB", "en_AU", "en_CA", "en_IE", "en_NZ", "en_IN", "en_PH", "de_DE", "de_AT",
    "de_CH", "fr_FR", "fr_CA", "es_ES", "es_MX", "es_AR", "es_CO", "es_CL", "it_IT", "pt_BR",
    "pt_PT", "nl_NL", "nl_BE", "pl_PL", "cs_CZ", "sk_SK", "hu_HU", "ro_RO", "sv_SE", "no_NO",
    "da_DK", "fi_FI", "tr_TR", "hr_HR", "sl_SI", "lt_LT", "lv_LV", "et_EE", "id_ID", "fil_PH",
    "vi_VN", "sq_AL", "az_AZ", "bs_BA", "ga_IE", "ro_MD", "fr_CH", "it_CH", "en_TH", "tl_PH",
)


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


def faker_names(attribute: str) -> set[str]:
    found: set[str] = set()
    for locale in LOCALES:
        try:
            module = importlib.import_module(f"faker.providers.person.{locale}")
        except ImportError:
            continue
        values = getattr(module.Provider, attribute, ())
        if not isinstance(values, (tuple, list, dict)):
            values = getattr(module.Provider, f"{attribute}_male", ()) or ()
            values = tuple(values) + tuple(getattr(module.Provider, f"{attribute}_female", ()) or ())
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


def write(name: str, source: str, entries: set[str]) -> None:
    lines = [f"# source: {source}"] + sorted(entries)
    (DATA / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{name}: {len(entries)} entries")


def main() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    given = census("dist.male.first") | census("dist.female.first") | faker_names("first_names")
    surnames = census("dist.all.last", SURNAME_CUMULATIVE_PERCENT) | faker_names("last_names")
    common = web2_lowercase_words()
    write("given_names.txt",
          f"US Census 1990 first names (public domain, via names 0.3.0) + Faker {faker.VERSION} "
          "first_names, Latin-script locales (MIT)", given)
    write("surnames.txt",
          f"US Census 1990 surnames covering {SURNAME_CUMULATIVE_PERCENT}% of people (public "
          f"domain, via names 0.3.0) + Faker {faker.VERSION} last_names, Latin-script locales (MIT)",
          surnames)
    write("common_words.txt",
          "lower-case words of 2 to 15 letters in Webster's 2nd (web2, public domain, via "
          "english-words 2.0.2)", {w for w in common if 2 <= len(w) <= 15 and w.isalpha()})


if __name__ == "__main__":
    main()
