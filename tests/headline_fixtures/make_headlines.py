"""Write ``gaza_headlines_standin.tsv``: a stand-in for a public headline export.

The real file (11,505 headlines about Gaza from news search, TSV without a header:
date, publisher, title, url) is not ours to copy. This stand-in has its shape and
its difficulties, in our own words: titles only, no body; month/day/year dates with
no header to say so (most of them ambiguous, like 10/9/2023; the rest settle the
order, like 10/27/2023); a few rows with no date; quotation marks used as text in
titles ("Terrorists" ...), which TSV files do not escape; publishers that are
fictional, so that no real outlet is made to say anything; and the competing labels
that the ``conflict`` lexicon counts (militants, fighters, terrorists, armed groups,
the army, security forces, the government, the regime).

Deterministic (a fixed seed): run it again to get the same file.

    python tests/headline_fixtures/make_headlines.py
"""

from __future__ import annotations

import random
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE / "gaza_headlines_standin.tsv"

PUBLISHERS = {
    "Harbour Courier": "harbour-courier.example",
    "Northern Wire": "northern-wire.example",
    "Crescent Review": "crescent-review.example",
    "Valley Gazette": "valley-gazette.example",
    "Meridian Daily": "meridian-daily.example",
    "The Coastal Standard": "coastal-standard.example",
}

# {side} and {place} are filled in; each template is a headline of our own.
TEMPLATES = [
    "{side} fire rockets at towns near {place}",
    "Army says it struck {count} targets linked to {side} in {place}",
    "Aid convoy reaches {place} after days of talks",
    "{side} claim attack on troops outside {place}",
    "Hospital in {place} runs out of fuel, doctors say",
    "Ceasefire talks resume as {side} hold hostages",
    "Security forces raid homes in {place} overnight",
    "UN agency warns of famine in {place}",
    "\"Terrorists\" will pay, government spokesman says after strike on {place}",
    "Families flee {place} as the military widens ground push",
    "Government troops and {side} trade fire near {place}",
    "Armed groups in {place} reject truce terms",
    "{count} killed in strike on {place} school, health ministry says",
    "Regime forces accused of shelling {place}, rights group says",
    "Opposition forces say they repelled incursion near {place}",
    "Fighters regroup in tunnels under {place}, officials say",
    "Power cut leaves {place} in darkness for a third night",
    "Army units pull back from {place} after week-long operation",
    "Protesters demand end to bombardment of {place}",
    "Militants fire on patrol near {place} crossing",
    "Talks in Cairo stall over prisoner exchange",
    "Truce extended by two days as more hostages freed",
    "Journalists killed in {place} strike, press group says",
    "State forces detain {count} at checkpoint near {place}",
    "Extremists blamed for attack on aid workers in {place}",
    "'They are fighters, not civilians', army says of {place} dead",
    "Water shortage deepens in {place} as pumps fail",
    "Insurgents and the army clash on the edge of {place}",
]
SIDES = ["Hamas militants", "Militants", "Palestinian fighters", "Gunmen", "Terrorists",
         "Armed groups", "Islamic Jihad fighters", "Insurgents", "Rebels"]
PLACES = ["Khan Younis", "Rafah", "Jabalia", "Gaza City", "Deir al-Balah", "Beit Hanoun",
          "Nuseirat", "Shujaiya", "the Erez crossing", "the coastal road"]


def rows(n: int = 320, seed: int = 20231007) -> list[tuple[str, str, str, str]]:
    rng = random.Random(seed)
    out = []
    for number in range(1, n + 1):
        # 7 October 2023 to the end of January 2024, month/day/year as US exports write it
        month, day = rng.choice([(10, d) for d in range(7, 32)] + [(11, d) for d in range(1, 31)]
                                + [(12, d) for d in range(1, 32)] + [(1, d) for d in range(1, 32)])
        year = 2024 if month == 1 else 2023
        date = f"{month}/{day}/{year}" if number % 97 else ""  # a few undated rows
        publisher = rng.choice(sorted(PUBLISHERS))
        template = rng.choice(TEMPLATES)
        title = template.format(side=rng.choice(SIDES), place=rng.choice(PLACES),
                                count=rng.randint(2, 60))
        title = title[0].upper() + title[1:]
        slug = "-".join(word.strip("\"',").lower() for word in title.split()[:7])
        url = f"https://{PUBLISHERS[publisher]}/{year}/{month:02d}/{day:02d}/{slug}-{number}"
        out.append((date, publisher, title, url))
    return out


def main() -> None:
    with OUT.open("w", encoding="utf-8", newline="\n") as handle:
        for row in rows():
            handle.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
