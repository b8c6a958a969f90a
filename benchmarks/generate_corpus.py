"""Generate a large, deterministic, synthetic conflict-news corpus for benchmarks.

The text is produced from a small built-in grammar and word lists (no external
text), but its shape is meant to be realistic for throughput measurements:

* article length lognormal, median about 380 words, clipped to 150-900 words;
* sentences of about 10-35 words, grouped into paragraphs of 1-3 sentences;
* about a quarter of sentences inside direct quotations, with attributions
  ("..., the minister said", "said X", "according to X"), straight or curly
  quotes depending on the outlet, some quotations running over two sentences;
* labels for the armed opposition and for the state forces at the frequency of a
  conflict story, each outlet with its own preferences, and quoted speakers with
  theirs (a government minister says "terrorists" whatever the outlet prefers);
* sentiment-bearing vocabulary (killed, condemned, welcomed, hope, fear ...);
* about 5% of articles are wire copy republished verbatim by several outlets;
* outlet boilerplate lines ("Follow our live coverage ...").

Output is JSONL with columns ``doc_id, outlet, date, title, url, text`` (read by
``mediakit.load_corpus``) or, with ``--format md``, a folder laid out like
``data/sample``: ``<outlet-slug>/<date>-<slug>.md`` with front matter ``outlet``,
``date``, ``title``, ``url``.

Usage::

    python benchmarks/generate_corpus.py --words 1000000 --seed 0 --out corpus.jsonl
    python benchmarks/generate_corpus.py --articles 500 --format md --out corpus_md/
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# --- the world: places, people, actors ----------------------------------------------

CITIES = ["Dorvast", "Liss", "Brannoch", "Aldwick", "Orhun", "Kessel", "Marhaven", "Tollin",
          "Vesk", "Carrow", "Elmsby", "Idra", "Sarnet", "Pellow"]  # fmt: skip
REGIONS = ["the Kessel Valley", "the northern province", "the border districts",
           "the eastern highlands", "the river plain", "the southern suburbs",
           "the coastal strip", "the old town"]  # fmt: skip
ROADS = ["the R4 highway", "the coast road", "the northern ring road", "the Vesk bridge",
         "the mountain pass", "the rail corridor"]  # fmt: skip

# Speaker name -> (role, which side they speak for). Names are invented.
SPEAKERS = {
    "Dana Ilves": ("Interior Minister", "government"),
    "Col. Petr Sandor": ("army spokesman", "government"),
    "Oren Malic": ("President", "government"),
    "Ansel Brandt": ("Defence Minister", "government"),
    "Mira Kovan": ("a spokeswoman for the Kessel Liberation Front", "opposition"),
    "Tomas Rehn": ("an opposition commander", "opposition"),
    "Ilse Varga": ("the UN envoy", "neutral"),
    "Jonas Pell": ("a Red Crescent coordinator", "neutral"),
    "Sara Lind": ("an analyst at the Orhun Institute", "neutral"),
    "Hadi Serro": ("a shopkeeper in Liss", "civilian"),
    "Leyla Aram": ("a teacher who fled Dorvast", "civilian"),
    "Viktor Hale": ("the Tarvian foreign minister", "tarvia"),
}

OPPOSITION_LABELS = ["terrorists", "rebels", "insurgents", "opposition forces", "militants",
                     "jihadists", "armed groups", "Tarvian-backed armed groups"]  # fmt: skip
STATE_LABELS = ["regime", "government forces", "army"]

# How each side talks when quoted: weights over OPPOSITION_LABELS and STATE_LABELS.
SIDE_PREFERENCES = {
    "government": ([10, 0, 0, 0, 1, 3, 0, 2], [0, 3, 6]),
    "opposition": ([0, 4, 0, 8, 0, 0, 0, 0], [8, 2, 0]),
    "neutral": ([0, 2, 1, 3, 2, 0, 4, 0], [0, 6, 3]),
    "civilian": ([2, 3, 0, 1, 3, 0, 2, 0], [2, 1, 3]),
    "tarvia": ([0, 3, 0, 9, 0, 0, 0, 0], [9, 1, 0]),
}


@dataclass(frozen=True)
class Outlet:
    name: str
    domain: str
    opposition_weights: list[int]
    state_weights: list[int]
    curly_quotes: bool
    boilerplate: list[str] = field(default_factory=list)


OUTLETS = [
    Outlet("The Aldwick Herald", "aldwick-herald.example", [12, 0, 0, 0, 2, 3, 0, 3], [0, 3, 8], False,
           ["Follow the Herald for live updates from the front.", "Staff reporters contributed to this report."]),
    Outlet("The Meridian Chronicle", "meridian-chronicle.example", [2, 6, 3, 2, 5, 1, 3, 1], [1, 7, 3], True,
           ["This article has been updated with new figures.", "Additional reporting by the Chronicle's regional desk."]),
    Outlet("Kessel Voice", "kessel-voice.example", [0, 5, 0, 10, 0, 0, 0, 0], [10, 2, 1], True,
           ["Kessel Voice relies on reporters inside the valley; support independent journalism.",
            "Names of some residents have been withheld for their safety."]),
    Outlet("The Daily Clarion", "daily-clarion.example", [8, 2, 1, 0, 6, 4, 0, 1], [1, 2, 6], False,
           ["Got a story? Contact the Clarion newsdesk.", "Read more of our conflict coverage inside."]),
    Outlet("The Regional Observer", "regional-observer.example", [1, 4, 3, 4, 3, 0, 5, 0], [0, 6, 3], False,
           ["The Observer is an independent regional newspaper.", "Figures could not be independently verified."]),
    Outlet("The Tarvian Dispatch", "tarvian-dispatch.example", [0, 4, 0, 9, 0, 0, 0, 0], [9, 1, 0], True,
           ["The Dispatch is published in Tarvia.", "Reporting from Orhun and the border crossings."]),
]  # fmt: skip
WIRE = Outlet("NPA wire", "npa-wire.example", [1, 3, 2, 3, 4, 0, 5, 0], [0, 7, 3], False)

# --- vocabulary -----------------------------------------------------------------------

ATTACK_VERBS = ["attacked", "shelled", "struck", "ambushed", "raided", "fired on", "targeted", "overran"]
MOVE_VERBS = ["advanced on", "pushed into", "withdrew from", "encircled", "secured", "retook",
              "entered", "pulled back from"]  # fmt: skip
TARGETS = ["a checkpoint", "an army post", "a supply convoy", "the grain silos", "a police station",
           "the market", "a school", "a hospital", "the water plant", "a village", "the airfield"]  # fmt: skip
HARMS = ["killed", "wounded", "injured", "displaced", "detained", "evacuated", "rescued"]
VICTIMS = ["civilians", "soldiers", "fighters", "residents", "children", "aid workers",
           "people", "police officers"]  # fmt: skip
OFFICIAL_BODIES = ["the Ministry of Defence", "the interior ministry", "local officials", "the UN",
                   "aid agencies", "the Red Crescent", "witnesses", "hospital staff",
                   "a monitoring group", "the government"]  # fmt: skip
SAY_VERBS = ["said", "said on Monday", "told reporters", "said in a statement", "confirmed",
             "claimed", "warned", "insisted", "added"]  # fmt: skip
TIMES = ["on Monday", "on Tuesday", "late on Wednesday", "on Thursday", "early on Friday",
         "on Saturday", "overnight", "this week", "before dawn", "by midday", "in recent days"]  # fmt: skip
DIPLOMACY = ["the ceasefire", "the peace talks in Lausen", "the humanitarian corridor",
             "the prisoner exchange", "the truce", "the negotiations", "the aid agreement"]  # fmt: skip
DIPLO_VERBS = ["welcomed", "condemned", "rejected", "praised", "criticised", "supported",
               "questioned", "called for progress on", "warned against abandoning"]  # fmt: skip
FEELINGS = ["fear", "hope", "anger", "grief", "relief", "exhaustion", "uncertainty", "frustration"]
ADJ_GOOD = ["successful", "peaceful", "safe", "welcome", "hopeful", "calm", "orderly", "important"]
ADJ_BAD = ["deadly", "brutal", "devastating", "chaotic", "tragic", "dangerous", "terrible", "violent"]
INTENSIFIERS = ["", "", "", "", "very ", "extremely ", "deeply ", "increasingly ", "not ", "never "]
CONNECTORS = ["while", "as", "after", "although", "because", "but", "and", "even as", "since"]
QUOTE_CLAUSES = [
    "there is no negotiating with people who plant bombs in schools",
    "our soldiers are doing their duty with courage and discipline",
    "we will not abandon the people of {city}",
    "the {opp} must leave {city} before any talks can begin",
    "the {state} is bombing homes and calling it security",
    "we are ready for a ceasefire if the shelling stops",
    "nobody can live like this, we have no water and no power",
    "the international community must act now to protect civilians",
    "this is a humanitarian disaster and it is getting worse every day",
    "we have lost everything, but we still hope to go home",
    "the {opp} are using civilians as shields",
    "the {state} has no interest in peace",
    "the talks are the only way to end this war",
    "the situation in {city} is extremely worrying",
    "the {opp} will be defeated, there is no doubt about that",
    "we welcome the corridor but it is not enough",
    "the children are terrified of the planes",
    "nobody wants this war to continue",
]  # fmt: skip

_WORD_RE = re.compile(r"\S+")


def _cap(text: str) -> str:
    # str.capitalize would lower-case the rest ("The un", "The malic regime").
    return text[:1].upper() + text[1:]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def _weighted(rng: random.Random, items: list[str], weights: list[int]) -> str:
    return rng.choices(items, weights=weights, k=1)[0]


class _Writer:
    """Builds sentences and articles for one outlet from the grammar."""

    def __init__(self, rng: random.Random, outlet: Outlet) -> None:
        self.rng = rng
        self.outlet = outlet

    def opp(self, weights: list[int] | None = None) -> str:
        return _weighted(self.rng, OPPOSITION_LABELS, weights or self.outlet.opposition_weights)

    def state(self, weights: list[int] | None = None) -> str:
        label = _weighted(self.rng, STATE_LABELS, weights or self.outlet.state_weights)
        return {"regime": "the Malic regime", "army": "the army"}.get(label, label)

    def clause(self) -> str:
        r = self.rng
        kind = r.randrange(15)
        if kind == 0:
            return f"{self.opp()} {r.choice(ATTACK_VERBS)} {r.choice(TARGETS)} near {r.choice(CITIES)} {r.choice(TIMES)}"
        if kind == 1:
            return f"{self.state()} {r.choice(MOVE_VERBS)} {r.choice(REGIONS + CITIES)} {r.choice(TIMES)}"
        if kind == 2:
            n = r.choice(["two", "five", "at least 12", "dozens of", "more than 40", "hundreds of", str(r.randint(3, 90))])
            return f"{n} {r.choice(VICTIMS)} were {r.choice(HARMS)} in {r.choice(CITIES)}"
        if kind == 3:
            return f"{r.choice(OFFICIAL_BODIES)} {r.choice(DIPLO_VERBS)} {r.choice(DIPLOMACY)}"
        if kind == 4:
            return f"the fighting along {r.choice(ROADS)} was {r.choice(INTENSIFIERS)}{r.choice(ADJ_BAD)}"
        if kind == 5:
            first, second = r.sample(FEELINGS, 2)
            return f"residents described {first} and {second} in {r.choice(REGIONS)}"
        if kind == 6:
            return f"the evacuation from {r.choice(CITIES)} was {r.choice(INTENSIFIERS)}{r.choice(ADJ_GOOD)}"
        if kind == 7:
            return f"{self.opp()} still hold parts of {r.choice(REGIONS)}, according to {r.choice(OFFICIAL_BODIES)}"
        if kind == 8:
            return f"{r.choice(OFFICIAL_BODIES)} {r.choice(SAY_VERBS)} that {self.state()} had {r.choice(HARMS)} {r.choice(VICTIMS)}"
        if kind == 9:
            return f"prices of bread and fuel in {r.choice(CITIES)} have {r.choice(['doubled', 'risen sharply', 'fallen slightly', 'stabilised'])} {r.choice(TIMES)}"
        if kind == 10:
            return f"{r.choice(['a convoy of', 'more than', 'about', 'nearly'])} {r.randint(5, 80)} trucks carrying {r.choice(['food', 'medicine', 'fuel', 'tents', 'water'])} reached {r.choice(CITIES)}"
        if kind == 11:
            return f"delegations are due to meet in Lausen {r.choice(TIMES)} to discuss {r.choice(DIPLOMACY)}"
        if kind == 12:
            return f"schools in {r.choice(CITIES)} {r.choice(['remain closed', 'reopened', 'were used as shelters', 'were damaged'])} {r.choice(TIMES)}"
        if kind == 13:
            return f"{r.choice(OFFICIAL_BODIES)} said {r.randint(2, 40)},{r.randint(100, 999)} people had registered at {r.choice(['reception centres', 'the border crossing', 'camps near Orhun'])}"
        return f"the {r.choice(['power grid', 'water supply', 'phone network', 'main hospital'])} in {r.choice(CITIES)} was {r.choice(INTENSIFIERS)}{r.choice(ADJ_BAD + ADJ_GOOD)} {r.choice(TIMES)}"

    def narration(self) -> str:
        r = self.rng
        target = r.randint(10, 35)
        words = self.clause()
        while len(words.split()) < target - 4:
            words += f"{r.choice([',', ''])} {r.choice(CONNECTORS)} {self.clause()}"
        if r.random() < 0.3:
            words = f"{r.choice(TIMES)}, {words}"
        end = "?" if r.random() < 0.02 else "!" if r.random() < 0.02 else "."
        return words[0].upper() + words[1:] + end

    def quoted_clause(self, side: str) -> str:
        r = self.rng
        opp_w, state_w = SIDE_PREFERENCES[side]
        text = r.choice(QUOTE_CLAUSES).format(
            city=r.choice(CITIES), opp=self.opp(opp_w), state=self.state(state_w).removeprefix("the ")
        )
        if r.random() < 0.4:
            text += f" and {r.choice(QUOTE_CLAUSES).format(city=r.choice(CITIES), opp=self.opp(opp_w), state=self.state(state_w).removeprefix('the '))}"
        return text[0].upper() + text[1:]

    def quotation(self) -> tuple[str, int]:
        """A direct quotation with attribution; returns (text, sentences inside quotes)."""
        r = self.rng
        name = r.choice(list(SPEAKERS))
        role, side = SPEAKERS[name]
        who = r.choice([name, f"{role} {name}" if role[0].isupper() else f"{name}, {role},"]).rstrip(",")
        open_q, close_q = ("\u201c", "\u201d") if self.outlet.curly_quotes else ('"', '"')
        first = self.quoted_clause(side)
        if r.random() < 0.25:  # two sentences inside one quotation
            second = self.quoted_clause(side)
            return f"{open_q}{first}. {second},{close_q} {who} {r.choice(SAY_VERBS)}.", 2
        style = r.randrange(3)
        if style == 0:
            return f"{open_q}{first},{close_q} {who} {r.choice(SAY_VERBS)}.", 1
        if style == 1:
            return f"{open_q}{first},{close_q} said {who}.", 1
        return f"{who} {r.choice(SAY_VERBS)}: {open_q}{first}.{close_q}", 1

    def body(self, n_words: int) -> str:
        r = self.rng
        paragraphs: list[str] = []
        count = 0
        while count < n_words:
            sentences = []
            for _ in range(r.choice([1, 1, 2, 2, 2, 3])):
                if count >= n_words:
                    break
                # ~25% of sentences are inside quotations (a quotation holds 1-2).
                sentence = self.quotation()[0] if r.random() < 0.2 else self.narration()
                sentences.append(sentence)
                count += len(sentence.split())
            paragraphs.append(" ".join(sentences))
        if self.outlet.boilerplate and r.random() < 0.6:
            paragraphs.append(r.choice(self.outlet.boilerplate))
        return "\n\n".join(paragraphs)

    def title(self) -> str:
        r = self.rng
        return r.choice([
            f"{_cap(self.state())} {r.choice(MOVE_VERBS)} {r.choice(CITIES)}",
            f"{_cap(self.opp())} {r.choice(ATTACK_VERBS)} {r.choice(TARGETS)} in {r.choice(CITIES)}",
            f"{_cap(r.choice(OFFICIAL_BODIES))} {r.choice(DIPLO_VERBS)} {r.choice(DIPLOMACY)}",
            f"{_cap(r.choice(FEELINGS))} in {r.choice(CITIES)} as fighting continues",
        ])  # fmt: skip


def _article_length(rng: random.Random) -> int:
    # Lognormal, median ~380 words, clipped to the 150-900 range of news stories.
    return int(min(900, max(150, rng.lognormvariate(math.log(380), 0.45))))


def generate_articles(*, seed: int = 0, words: int | None = None, articles: int | None = None) -> Iterator[dict]:
    """Yield article records until ``words`` words or ``articles`` articles are reached."""
    if (words is None) == (articles is None):
        raise ValueError("give exactly one of words= or articles=")
    rng = random.Random(seed)
    start = dt.datetime(2025, 1, 1, 6, 0)
    total_words = 0
    n = 0

    def done() -> bool:
        return (words is not None and total_words >= words) or (articles is not None and n >= articles)

    while not done():
        when = start + dt.timedelta(minutes=rng.randrange(0, 120 * 24 * 60))
        if rng.random() < 0.025:
            # Wire copy: one agency story republished verbatim by 2-3 outlets.
            writer = _Writer(rng, WIRE)
            title, text = writer.title(), writer.body(_article_length(rng))
            outlets = rng.sample(OUTLETS, rng.choice([2, 3]))
        else:
            outlet = rng.choice(OUTLETS)
            writer = _Writer(rng, outlet)
            title, text = writer.title(), writer.body(_article_length(rng))
            outlets = [outlet]
        for outlet in outlets:
            if done():
                break
            slug = _slug(title)
            yield {
                "doc_id": f"{_slug(outlet.name)}-{n:08d}",
                "outlet": outlet.name,
                "date": when.strftime("%Y-%m-%dT%H:%M"),
                "title": title,
                "url": f"https://{outlet.domain}/{when:%Y/%m/%d}/{slug}-{n}",
                "text": text,
            }
            n += 1
            total_words += len(text.split())


def write_corpus(path: Path, records: Iterator[dict], *, fmt: str) -> tuple[int, int]:
    """Write records as JSONL or a folder of front-matter .md files; return (articles, words)."""
    n_articles = n_words = 0
    if fmt == "jsonl":
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n_articles += 1
                n_words += len(rec["text"].split())
    elif fmt == "md":
        for rec in records:
            folder = path / _slug(rec["outlet"])
            folder.mkdir(parents=True, exist_ok=True)
            name = f"{rec['date'][:10]}-{_slug(rec['title'])}-{rec['doc_id'][-8:]}.md"
            front = "\n".join(f"{key}: {json.dumps(rec[key], ensure_ascii=False)}" for key in ("outlet", "date", "title", "url"))
            (folder / name).write_text(f"---\n{front}\n---\n{rec['text']}\n", encoding="utf-8")
            n_articles += 1
            n_words += len(rec["text"].split())
    else:
        raise ValueError(f"unknown format {fmt!r}: use 'jsonl' or 'md'")
    return n_articles, n_words


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--words", type=int, help="stop once the corpus has at least this many words")
    size.add_argument("--articles", type=int, help="number of articles to write")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True, help="a .jsonl file, or a folder with --format md")
    parser.add_argument("--format", choices=["jsonl", "md"], default=None, help="default: from --out's suffix")
    args = parser.parse_args(argv)
    fmt = args.format or ("jsonl" if args.out.suffix == ".jsonl" else "md")
    n_articles, n_words = write_corpus(
        args.out, generate_articles(seed=args.seed, words=args.words, articles=args.articles), fmt=fmt
    )
    print(f"wrote {n_articles} articles, {n_words} words to {args.out} ({fmt})")


if __name__ == "__main__":
    main()
