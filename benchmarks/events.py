"""Speed of ``mediakit.find_events`` next to ``mediakit.analyze`` on the same corpus (issue 21).

Floor: ``find_events`` must not slow ``analyze`` by more than 30% when both run. When
both run means ``analyze(corpus, lexicon, events=True)``, which builds the events
table from the per-article Documents it splits and scans anyway, so the floor line is
``(analyze with events - analyze without) / analyze without`` (at most 0.30). The
older ratios are kept beside it: ``find_events / analyze`` (a separate
``find_events`` call after ``analyze``, which splits and scans every article again)
and the two below. All run in ONE process on the same corpus, interleaved (analyze,
analyze with events, find_events, analyze, ...), after one untimed warm-up run of
each (imports, Punkt's parameters, VADER's tables, the lexicons' regexes); the best
of ``--repeat`` rounds (default 3) is kept, in wall time and in CPU time (on a shared
machine other load only ever adds time, and CPU time is the steadier of the two).

It also times, the same way, the steps ``find_events`` repeats from ``analyze``:
sentence splitting (``split_sentences``) and the label lexicon's scan of each text.
An ``analyze`` that built the events table itself would do them once for both; the
"without the shared steps" ratio subtracts them, and the "from Documents already split
and scanned" line measures that case directly: ``find_events`` builds its rows from
the per-article :class:`mediakit.document.Document` records ``analyze`` uses, so it
times the same row building on Documents whose sentences and label scan are done
(untimed), as they would be inside ``analyze`` (voice is still found per trigger).
The "as analyze holds them" line also attributes, untimed, the quotations holding a
label (what the mentions table needs anyway), so it times only what the events add,
the floor's numerator without ``analyze``'s noise; it names apart the voice of the
triggers: the speakers of the quotations up to the last one holding a trigger that
the mentions did not need, and the headlines' (voice attribution is sequential, so a
trigger in a late quotation needs every quotation before it attributed).

The default corpus is the FA-KES development copy (real Syrian-war news, 764
articles) beside the repository at ``../shared/data/fa-kes-dev/FA-KES-dev.csv``
(latin-1, columns mapped as below); ``--corpus`` takes another CSV of that shape or
any file ``mediakit.load_corpus`` reads (a JSONL of ``benchmarks/generate_corpus.py``).

Usage::

    python benchmarks/events.py
    python benchmarks/events.py --corpus path/to/FA-KES-dev.csv --lexicon syria --repeat 5
    python benchmarks/generate_corpus.py --words 300000 --seed 0 --out /tmp/gen.jsonl
    python benchmarks/events.py --corpus /tmp/gen.jsonl --lexicon marenna
"""

from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "fa-kes-dev" / "FA-KES-dev.csv"
FAKES_COLUMNS = {"article_content": "text", "article_title": "title", "source": "outlet"}


def _best(function, repeat: int) -> tuple[float, float]:
    """Least wall and least CPU seconds of ``repeat`` calls."""
    walls, cpus = [], []
    for _ in range(repeat):
        cpu0, wall0 = time.process_time(), time.perf_counter()
        function()
        walls.append(time.perf_counter() - wall0)
        cpus.append(time.process_time() - cpu0)
    return min(walls), min(cpus)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--encoding", default="latin-1")
    parser.add_argument("--lexicon", default="syria")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    import mediakit as mk
    from mediakit.document import Document
    from mediakit.events import _document_events, _text_value, _title_document, load_event_lexicon
    from mediakit.text import split_sentences

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # FA-KES's ambiguous dates are reported, not needed
        if args.corpus.suffix.lower() == ".csv":  # FA-KES's columns and encoding
            corpus = mk.load_corpus(args.corpus, columns=FAKES_COLUMNS, encoding=args.encoding)
        else:  # e.g. a corpus of benchmarks/generate_corpus.py
            corpus = mk.load_corpus(args.corpus)
    lexicon = mk.load_lexicon(args.lexicon)
    event_lexicon = load_event_lexicon()
    texts = [t for t in corpus["text"].tolist() if isinstance(t, str)]
    titles = [t for t in corpus.get("title", []) if isinstance(t, str)]
    n_chars = sum(map(len, texts)) + sum(map(len, titles))

    # Warm-up, untimed.
    mk.analyze(corpus, lexicon)
    mk.analyze(corpus, lexicon, events=True)
    events = mk.find_events(corpus, lexicon)

    analyze_times: list[tuple[float, float]] = []
    both_times: list[tuple[float, float]] = []
    events_times: list[tuple[float, float]] = []
    for _ in range(args.repeat):  # interleaved, one call each per round
        analyze_times.append(_best(lambda: mk.analyze(corpus, lexicon), 1))
        both_times.append(_best(lambda: mk.analyze(corpus, lexicon, events=True), 1))
        events_times.append(_best(lambda: mk.find_events(corpus, lexicon), 1))
    a_wall, a_cpu = min(t[0] for t in analyze_times), min(t[1] for t in analyze_times)
    b_wall, b_cpu = min(t[0] for t in both_times), min(t[1] for t in both_times)
    e_wall, e_cpu = min(t[0] for t in events_times), min(t[1] for t in events_times)
    s_wall, s_cpu = _best(lambda: [split_sentences(t) for t in texts], args.repeat)
    l_wall, l_cpu = _best(lambda: [lexicon.find(t) for t in texts + titles], args.repeat)

    # The row building alone, on Documents split and scanned beforehand (untimed).
    prepared = []
    title_values = corpus["title"].tolist() if "title" in corpus.columns else [""] * len(corpus)
    for title, text in zip(title_values, corpus["text"].tolist(), strict=True):
        for part, doc in (("title", _title_document(_text_value(title), lexicon)),
                          ("body", Document(_text_value(text), lexicon))):
            _ = doc.sentences, doc.hits if doc.text else None
            prepared.append((doc, part))

    def from_documents() -> None:
        rows: list[tuple[object, ...]] = []
        for doc, part in prepared:
            doc._voice = None  # voice found afresh each round, as in one call
            _document_events(rows, doc, part, event_lexicon)

    d_wall, d_cpu = _best(from_documents, args.repeat)

    # The same Documents as analyze holds them when it reaches the events: the
    # quotations holding a label already attributed for the mentions table (untimed),
    # so that what is timed is what the events add, and apart from the rest the voice
    # of the triggers: the speakers of quotations that the mentions did not need
    # (and every headline's, which analyze does not otherwise read).
    def mention_voice() -> None:
        for doc, part in prepared:
            doc._voice = None
            labels = doc.labels if doc.text and part == "body" else []
            if labels:
                doc.voice_at([s for s, _, _ in labels], [e for _, e, _ in labels])

    triggers = [(doc, [r[7] for r in rows], [r[8] for r in rows])
                for doc, part in prepared
                for rows in [_rows_of(doc, part, event_lexicon)] if rows]
    v_cpu = m_cpu = float("inf")
    quotations = [0, 0]  # attributed for the mentions, then for the triggers too
    for _ in range(args.repeat):
        mention_voice()
        quotations[0] = sum(len(doc._voice.result) for doc, _ in prepared if doc._voice)
        cpu0 = time.process_time()
        for doc, starts, ends in triggers:
            doc.voice_at(starts, ends)
        v_cpu = min(v_cpu, time.process_time() - cpu0)
        quotations[1] = sum(len(doc._voice.result) for doc, _ in prepared if doc._voice)
        mention_voice()
        cpu0 = time.process_time()
        rows: list[tuple[object, ...]] = []
        for doc, part in prepared:
            _document_events(rows, doc, part, event_lexicon)
        m_cpu = min(m_cpu, time.process_time() - cpu0)

    print(f"corpus: {args.corpus.name}, {len(corpus)} articles, {n_chars:,} characters; "
          f"lexicon {lexicon.name}; {len(events):,} events; best of {args.repeat}")
    print(f"{'':34}{'wall s':>9}{'cpu s':>9}")
    print(f"{'analyze':34}{a_wall:9.3f}{a_cpu:9.3f}")
    print(f"{'analyze(events=True)':34}{b_wall:9.3f}{b_cpu:9.3f}")
    print(f"{'find_events':34}{e_wall:9.3f}{e_cpu:9.3f}")
    print(f"{'  of which split_sentences':34}{s_wall:9.3f}{s_cpu:9.3f}")
    print(f"{'  of which the lexicon scan':34}{l_wall:9.3f}{l_cpu:9.3f}")
    print(f"floor: (analyze with events - without) / without: {(b_wall - a_wall) / a_wall:.2f} "
          f"(wall), {(b_cpu - a_cpu) / a_cpu:.2f} (cpu); at most 0.30")
    print(f"ratio find_events / analyze: {e_wall / a_wall:.2f} (wall), {e_cpu / a_cpu:.2f} (cpu)")
    print(f"without the shared steps: {(e_wall - s_wall - l_wall) / a_wall:.2f} (wall), "
          f"{(e_cpu - s_cpu - l_cpu) / a_cpu:.2f} (cpu)")
    print(f"from Documents already split and scanned: {d_wall:.3f} s wall, {d_cpu:.3f} s cpu; "
          f"ratio {d_wall / a_wall:.2f} (wall), {d_cpu / a_cpu:.2f} (cpu)")
    print(f"from Documents as analyze holds them (the mentions' quotations attributed): "
          f"{m_cpu:.3f} s cpu, ratio {m_cpu / a_cpu:.2f}; of which the voice of the triggers "
          f"{v_cpu:.3f} s cpu ({quotations[1] - quotations[0]:,} quotations attributed "
          f"beyond the mentions' {quotations[0]:,})")
    print(f"find_events: {len(events) / e_cpu:,.0f} events per CPU second, "
          f"{n_chars / e_cpu / 1e6:.2f} M characters per CPU second")


def _rows_of(doc: Any, part: str, event_lexicon: Any) -> list[tuple[Any, ...]]:
    """The event rows of one prepared Document (its voice state left as it was)."""
    from mediakit.events import _document_events

    saved = doc._voice
    rows: list[tuple[Any, ...]] = []
    _document_events(rows, doc, part, event_lexicon)
    doc._voice = saved
    return rows


if __name__ == "__main__":
    main()
