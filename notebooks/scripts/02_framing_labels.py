# %% [markdown]
# # 02 · Framing labels: who calls whom what, and in whose voice?
#
# **The question:** which words does each outlet use for the same actor ("terrorists", "rebels", "opposition forces"...), and is each word the outlet's own or a word it quotes from someone else?
#
# **Goals.** By the end you can
# - read a **lexicon** (actors, their competing labels, the patterns that find them) and pick or edit one;
# - see how mediakit splits an article into sentences and tells **narration** from **quotes** and **scare quotes**, with the speaker of each quote;
# - build the **mentions table** and trace any row back to the exact characters of an article;
# - read labels in context (**KWIC**), split label counts **by voice** ("whose word is it?"), and list **collocates**;
# - run the **lexicon audit**, fix the lexicon, and re-run.
#
# **Audience.** Researchers, journalists and students comfortable with a pandas `DataFrame`.
#
# **Time.** About 30 minutes.
#
# **Prerequisites.** Notebook 01 (the corpus table).

# %% [markdown]
# ## Parameters
#
# `LEXICON` names the lexicon: `"marenna"`, written for the bundled sample; for your own corpus the generic `"conflict"` (what `None` means, whatever the corpus), another bundled name or a `.yaml` path. The label, pattern, outlet and example article are the ones the cells below look at closely.

# %% tags=["parameters"]
CORPUS = None                  # None = the bundled sample; else a path for mk.load_corpus
COLUMNS = None                 # someone else's table: {"article_content": "text", "source": "outlet"}
ENCODING = None                # e.g. "latin-1"; None = detected, with a warning
DATE_FORMAT = None             # "dayfirst", "monthfirst" or e.g. "%d %b %Y"; None = inferred per column
LEXICON = "marenna"            # written for the sample; for your own corpus "conflict" (the default) or a .yaml path
ACTOR = "armed_opposition"     # the actor whose labels we compare
LABEL = "terrorist"            # one label to follow closely
PATTERN = "terrorist*"         # a KWIC query in the lexicon's glob syntax
OUTLET = "Kessel Voice"        # an outlet to look at closely
EXAMPLE_DOC = "kessel-voice/2025-01-08-regime-launches-assault-on-dorvast"  # any doc_id of the corpus
FIX_LABEL = "foreign_backed"   # the label the lexicon fix below adds ...
FIX_PATTERNS = ["Tarvian-backed", "Tarvia-backed"]  # ... and its patterns (see section 7)
SHOW_ROWS = 8

# %%
import matplotlib.pyplot as plt
import pandas as pd

import mediakit as mk

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 70)

corpus = mk.load_sample() if CORPUS is None else mk.load_corpus(
    CORPUS, columns=COLUMNS, encoding=ENCODING, date_format=DATE_FORMAT)
display(mk.load_log(corpus))  # what loading skipped, decoded, recognised or inferred (nothing, for the sample)
lexicon = mk.load_lexicon(LEXICON)
print(f"{len(corpus)} articles from {corpus['outlet'].nunique()} outlets; lexicon {lexicon.name!r}")

# %% [markdown]
# ## 1. Lexicons: actors, labels, patterns
#
# A lexicon names the **actors** (who is being described) and, for each, the competing **labels** outlets use, each with its **patterns**. Patterns are case-insensitive globs over whole words: `terrorist*` finds "terrorist" and "Terrorists" but not "counter-terrorist"; multi-word phrases match as a unit and the longest match wins, so "opposition forces" is one mention, not two. mediakit ships a few lexicons as starting points; they are meant to be edited.

# %%
mk.list_lexicons()

# %% [markdown]
# Each label carries a one-line description of the framing it implies. These descriptions are judgements, written down so that they can be argued with.

# %%
labels = (
    lexicon.to_frame()
    .groupby(["actor", "label"], sort=False)
    .agg(patterns=("pattern", ", ".join), description=("description", "first"))
)
labels.loc[ACTOR]

# %% [markdown]
# A lexicon may also list **names** of specific groups. Names are not labels (a name says who, a label says how they are framed); each mention records which named groups its sentence talks about.

# %%
lexicon.names_frame()

# %% [markdown]
# ## 2. Sentences and voice
#
# A word inside quotation marks is the quoted person's word, not the outlet's. mediakit marks every quotation in an article as a **quote** (an utterance, usually with a speaker) or a **scare quote** (a short quoted term the outlet holds at arm's length, with no one said to use it: `the “safe zone”`, or words after "so-called"). A short quotation inside a clause of saying, calling or describing is the speaker's partial quotation, a quote: in `Col. Petr Sandor claimed that 14 “terrorists” had been killed`, the word is the colonel's. Everything else is **narration**, the outlet's own voice.
#
# Here is one article and what `find_quotes` finds in it.

# %%
# an article of your own corpus when EXAMPLE_DOC is not one of its doc_ids
example_id = EXAMPLE_DOC if EXAMPLE_DOC in set(corpus["doc_id"]) else corpus["doc_id"].iloc[0]
example = corpus[corpus["doc_id"] == example_id]
print(example["text"].iloc[0])

# %%
quotes = mk.find_quotes(example)
quotes[["quote_id", "voice", "speaker", "text", "rule", "cue", "speaker_text", "resolved_via"]]

# %% [markdown]
# Four columns say how each speaker was found, so every speaker can be checked: `rule` (which rule named it), `cue` (the words it matched), `speaker_text` (the speaker as written) and `resolved_via` (how a pronoun, surname or short form became the name in `speaker`). The rules are simple and transparent: a pronoun (`she said`) is resolved to the nearest *named* speaker before it, without any gender agreement. Read the paragraph before trusting a pronoun-resolved speaker.
#
# Sentences come with character offsets into the article, so any sentence can be found again in the original text:

# %%
mk.sentences(example)[["sentence_id", "start", "end", "n_words", "text"]].head(SHOW_ROWS)

# %% [markdown]
# ## 3. The mentions table
#
# `find_mentions` finds every occurrence of every label of the lexicon in every article: one row per mention, with its outlet and date, actor and label, the pattern that matched, the surface text, its character offsets, its sentence, its **voice** and, inside a quote, its **speaker**.

# %%
mentions = mk.find_mentions(corpus, lexicon)
print(len(mentions), "mentions;", mentions.columns.tolist())
mentions[["outlet", "actor", "label", "match", "voice", "speaker"]].head(SHOW_ROWS)

# %% [markdown]
# **Provenance.** Every number in the later notebooks is a count or an average over rows of this table, and every row points at the exact characters of one article: `text[start:end]` is the match.

# %%
of_label = mentions[mentions["label"] == LABEL]
row = (of_label if len(of_label) else mentions).iloc[0]
text = corpus.set_index("doc_id").loc[row["doc_id"], "text"]
print(f"{row['doc_id']}  characters {row['start']}-{row['end']}")
print("text[start:end] =", repr(text[row["start"]:row["end"]]), "| match =", repr(row["match"]))
print("in context: ...", text[max(row["start"] - 60, 0):row["end"] + 60].replace("\n", " "), "...")

# %% [markdown]
# ## 4. Keyword in context (KWIC)
#
# Counts hide how a word is used. A KWIC table lines up every match with the words around it. The query is a pattern (or a list of patterns, or a lexicon); `window` sets the number of words on each side.

# %%
lines = mk.kwic(corpus, PATTERN, window=6)
print(len(lines), "matches of", repr(PATTERN))
lines[["outlet", "left", "match", "right", "voice"]].head(SHOW_ROWS)

# %% [markdown]
# With `unit="sentence"` the context is the whole sentence, and `voice=` keeps only matches in that voice. Here: the pattern inside direct quotations, with who said it.

# %%
quoted_lines = mk.kwic(corpus, PATTERN, unit="sentence", voice="quote")
quoted_lines[["outlet", "speaker", "left", "match", "right"]].head(SHOW_ROWS)

# %% [markdown]
# ## 5. Whose word is it?
#
# Counting every occurrence of a label would credit an outlet with the words it quotes, including words it quotes in order to reject them. Split the counts by voice.

# %%
label_mentions = mentions[(mentions["actor"] == ACTOR) & (mentions["label"] == LABEL)]
pd.crosstab(label_mentions["outlet"], label_mentions["voice"], margins=True, margins_name="total")

# %%
by_voice = pd.crosstab(label_mentions["outlet"], label_mentions["voice"])
voice_colors = {"narration": "#2166ac", "quote": "#f4a582", "scare_quote": "#fddbc7"}
ax = by_voice.plot.barh(stacked=True, figsize=(7, 3.5), color=[voice_colors[v] for v in by_voice.columns])
ax.invert_yaxis()
ax.set_xlabel(f"mentions of {LABEL!r}")
ax.set_ylabel("")
ax.set_title(f"Whose word is {LABEL!r}? The outlet's own voice or quoted")
plt.show()

# %% [markdown]
# Read the rows, not only the total. In the sample, the Aldwick Herald uses the label mostly in its own voice, while Kessel Voice and the Tarvian Dispatch print it mostly inside quotes and scare quotes: the same word, adopted by one outlet and reported (often to reject it) by others.
#
# Now every label of the actor, once in the outlets' own voice (narration) and once inside quotes and scare quotes. The two tables can tell different stories about the same outlet.

# %%
actor_mentions = mentions[mentions["actor"] == ACTOR]
own_voice = actor_mentions[actor_mentions["voice"] == "narration"]
pd.crosstab(own_voice["outlet"], own_voice["label"])

# %%
others_words = actor_mentions[actor_mentions["voice"] != "narration"]
pd.crosstab(others_words["outlet"], others_words["label"])

# %% [markdown]
# Look closely at one outlet: who says the label there? Quoted and scare-quoted mentions carry a speaker when the sentence names one; for the rest (`<NA>`) read the sentence.

# %%
in_outlet = label_mentions[label_mentions["outlet"] == OUTLET]
in_outlet.groupby(["voice", "speaker"], dropna=False).size().rename("mentions").to_frame()

# %%
for voice, speaker, sentence in in_outlet[["voice", "speaker", "sentence"]].itertuples(index=False):
    who = "" if pd.isna(speaker) else f" ({speaker})"
    print(f"[{voice}{who}] {sentence}")

# %% [markdown]
# In narration the word can still be someone else's: "They are not terrorists" uses the label to reject it. Voice detection does not understand negation; KWIC and the sentences above are how you catch it.
#
# ## 6. Collocates: the company a label keeps
#
# Which words appear near a label more often than chance? `collocates` counts the words within `window` words of each occurrence and compares them with their frequency in the whole corpus. **logDice** (Rychlý 2008) ranks typical companions and is not inflated by rare words; **log-likelihood** (Dunning's G²) says how surprising the co-occurrence count is. With a corpus this small, treat the list as leads to read in KWIC, not findings.

# %%
near = mk.collocates(corpus, lexicon=lexicon, label=f"{ACTOR}:{LABEL}", window=5, min_count=3)
near.head(10)

# %%
mk.collocates(corpus, lexicon=lexicon, label=f"{ACTOR}:{LABEL}", measure="log_likelihood").head(10)

# %% [markdown]
# ## 7. The lexicon audit
#
# A lexicon that misses a spelling undercounts the outlets that use it, silently. `audit_lexicon` lists words in the corpus that look like variants of a pattern but are not matched: other spellings, hyphen variants, inflections, compounds. Some are real misses, some are different words (terrorism is not a label for a group): judge by the example.

# %%
audit = mk.audit_lexicon(corpus, lexicon)
audit[["label", "pattern", "candidate", "reason", "count", "example"]].head(10)

# %% [markdown]
# In the sample, the audit finds **"Tarvia-backed"** beside the listed "Tarvian-backed". Read every occurrence of both spellings before deciding what to do:

# %%
mk.kwic(corpus, FIX_PATTERNS, window=4)[["outlet", "left", "match", "right", "voice"]]

# %% [markdown]
# Both spellings present the armed groups as a neighbour's proxy, in several outlets' narration. That is a framing worth counting in its own right, so we add a label for it, with both spellings. `with_label` returns a **new** lexicon; the bundled one is unchanged. (To keep the edit, write `fixed.to_yaml()` to a file and load it with `mk.load_lexicon("my_lexicon.yaml")`.)

# %%
fixed = lexicon.with_label(
    ACTOR,
    FIX_LABEL,
    FIX_PATTERNS,
    description="Proxy framing: presents the group as backed by a foreign state.",
)
fixed.to_frame().query("label == @FIX_LABEL")

# %% [markdown]
# Re-run the audit and the mentions with the fixed lexicon: the variant is no longer reported, and the new label has its counts, split by voice. Where a longer pattern also matches (the lexicon's "Tarvian-backed armed groups" under `armed_group`), the longest match wins and the mention keeps that label, so no phrase is counted twice.

# %%
audit_fixed = mk.audit_lexicon(corpus, fixed)
print("candidates before:", len(audit), "| after:", len(audit_fixed))
print("still reported:", sorted(set(audit_fixed["candidate"]) & {p.lower() for p in FIX_PATTERNS}))

# %%
mentions_fixed = mk.find_mentions(corpus, fixed)
backed = mentions_fixed[mentions_fixed["label"] == FIX_LABEL]
pd.crosstab(backed["outlet"], backed["voice"], margins=True, margins_name="total")

# %% [markdown]
# ## 8. Whom does a label point at, and is it about the war?
#
# A label is a word; a finding is about an actor. Every mention carries a `referent` (the actor the label points at, or missing when it points at nothing the lexicon compares), `in_scope` (whether it is about the lexicon's conflict) and `form` (`modifier` for a compound such as "rebel-held"), each with the rule that decided it. Comparisons count in-scope nouns by referent. On the sample every label is about its war, so the rules change nothing there:

# %%
mentions[["form", "in_scope", "referent_rule"]].value_counts().head(8)

# %% [markdown]
# Real news is harder. Below, two decisions of the `syria` lexicon on articles of the FA-KES development copy beside the repository (*FA-KES: A Fake News Dataset around the Syrian War*, Abu Salem, Al Feel, Elbassuoni, Jaber and Farah, ICWSM 2019; CC BY 4.0; the text is shown as the dataset has it, commas and apostrophes partly stripped). The excerpt is at most 25 words around the match; `start` and `end` are offsets into the article.
#
# - In an Al-Ahram report, "terrorists" follows "Daesh (IS)": the sentence names only the Islamic State, so the referent is `islamic_state`, and "How each outlet names the armed opposition" does not count it.
# - In a TRT report, "the extremist group" is fighting "in the western part of Mosul": the sentence names a place of another war and none of Syria's, so the mention is out of scope.
#
# **Caveats.** The rules read names and word order, not syntax: a generic label whose sentence names only the group it is fighting gets that group, and the scope words are lists someone chose. Check the `referent_rule` and `scope_rule` columns, and measure them on hand-coded articles before publishing (`benchmarks/accuracy.py`).

# %%
import warnings
from pathlib import Path

FAKES = Path("../../shared/data/fa-kes-dev/FA-KES-dev.csv")  # not part of the repository
if FAKES.is_file():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # FA-KES dates are month/day/year, some ambiguous
        fakes = mk.load_corpus(FAKES, encoding="latin-1",
                               columns={"article_content": "text", "article_title": "title", "source": "outlet"})
    picked = fakes[fakes["doc_id"].isin(["FA-KES-dev:153", "FA-KES-dev:52"])]
    real = mk.find_mentions(picked, "syria")
    decided = real[(real["start"].isin([615, 1573]))].copy()

    def excerpt(row, words=12):
        text = picked.set_index("doc_id").loc[row["doc_id"], "text"]
        left = text[: row["start"]].split()[-words:]
        right = text[row["end"]:].split()[:words]
        return " ".join(left + ["[" + row["match"] + "]"] + right)

    decided["excerpt"] = decided.apply(excerpt, axis=1)
    show = decided[["doc_id", "outlet", "start", "end", "match", "referent", "referent_rule", "in_scope", "scope_rule", "excerpt"]]
else:
    show = "FA-KES development copy not found beside the repository; see data/validation/README.md"
show

# %% [markdown]
# `scope_report` counts what the rules set aside, rule by rule, with an example for each: here for the armed opposition in those two articles (on a whole corpus this is the table to read before trusting a comparison).

# %%
if FAKES.is_file():
    aside = mk.scope_report(real, actor="armed_opposition")[["step", "rule", "n"]]
else:
    aside = "FA-KES development copy not found"
aside

# %% [markdown]
# ## Recap
#
# - A **lexicon** maps actors to competing labels and each label to glob patterns; `list_lexicons`, `load_lexicon`, `to_frame` show it, `with_label` edits it (returning a new one).
# - **Voice**: narration, quote or scare quote, with the speaker where the sentence names one; `rule`, `cue`, `speaker_text` and `resolved_via` say how it was found.
# - The **mentions table** has one row per label occurrence with full provenance: `text[start:end] == match`.
# - **KWIC** shows labels in context (by words or whole sentences, filtered by voice); **collocates** ranks the company a label keeps (logDice, log-likelihood).
# - **Whose word is it?** Split every count by voice: an outlet that quotes a label to rebut it has not adopted it, and a negated label in narration still needs reading.
# - The **audit** finds spellings the lexicon misses; fix the lexicon and re-run before trusting counts.
#
# Next: **03 · Tone** scores the sentences around each mention, and shows why the label itself must be masked out.
#
# ## Your turn
#
# 1. Set `LABEL = "opposition"` and `OUTLET = "The Aldwick Herald"`: in whose voice does the Herald say "opposition"?
# 2. Run `mk.kwic(corpus, "so-called *", window=3)`: which outlets distance themselves from which words?
# 3. Look at the audit's `insurgency` candidate: should "insurgency" count as a label for the armed groups? Add it to the `insurgent` label with `with_label` (keeping the existing patterns) and compare the counts.
# 4. Compare the collocates of `rebel` and `terrorist` with `voice="narration"`.
