# %% [markdown]
# # 06 · Validating your numbers: accuracy with intervals, and agreement between coders
#
# **The question:** how far can I trust mediakit's answers on my articles, and what do I write in a paper to show it?
#
# **Goals.** By the end you can
# - draw a reproducible, stratified **coding sheet** of mentions (or quotations) and write it for coders as CSV or XLSX;
# - say what a coder fills in, and why the sheet should be **blind**;
# - read a coded sheet back, and fix the errors it reports (they name the row and the column);
# - read the **validation report**: accuracy per field, precision, recall and F1 per class, each with a **95% interval**;
# - measure **agreement between coders** with Krippendorff's alpha, and read it;
# - **report** all of this in a methods section.
#
# **Audience.** Researchers, journalists and students who want to publish numbers from mediakit; no statistics beyond a proportion and its interval.
#
# **Time.** About 25 minutes (coding a real sheet of 200 items takes a coder a day or two).
#
# **Prerequisites.** Notebooks 02 (labels, voice, the mentions table) and 04 (comparisons and intervals).

# %% [markdown]
# ## Parameters
#
# `UNIT` is what is sampled (`"mention"` or `"quote"`), `N_ITEMS` how many items and `STRATIFY` the columns whose combinations are the strata. `CODER_A` and `CODER_B` are the two coded sheets read back in sections 4 to 7: `None` takes the sheets of the sample that ship with mediakit (`data/coding/`); for your own project, give the paths of your coders' files.

# %% tags=["parameters"]
CORPUS = None                  # None = the bundled sample; else a path for mk.load_corpus
COLUMNS = None                 # someone else's table: {"article_content": "text", "source": "outlet"}
ENCODING = None                # e.g. "latin-1"; None = detected, with a warning
DATE_FORMAT = None             # "dayfirst", "monthfirst" or e.g. "%d %b %Y"; None = inferred per column
LEXICON = "marenna"            # written for the sample; for your own corpus "conflict" (the default) or a .yaml path
UNIT = "mention"               # "mention" (label mentions) or "quote" (quotations)
N_ITEMS = 30                   # items on the sheet: 30 keeps this notebook short; a study codes 200 or more
STRATIFY = "outlet"            # strata; None = outlet and label (mentions) or outlet and voice (quotes)
SEED = 0                       # the same seed on the same corpus always draws the same sheet
CODER_A = None                 # a coded sheet (.csv or .xlsx); None = the sample's sheet coded by "A"
CODER_B = None                 # a second coder's copy of the same sheet; None = the sample's "B"
SHOW_ROWS = 5

# %%
import tempfile
from pathlib import Path

import pandas as pd

import mediakit as mk

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 90)

corpus = mk.load_sample() if CORPUS is None else mk.load_corpus(
    CORPUS, columns=COLUMNS, encoding=ENCODING, date_format=DATE_FORMAT)
display(mk.load_log(corpus))  # what loading skipped, decoded, recognised or inferred (nothing, for the sample)
result = mk.analyze(corpus, LEXICON)
print(result)

# %% [markdown]
# ## 1. Why validate
#
# Every number in notebooks 02 to 04 rests on decisions mediakit makes for each mention, by rule: is this word the **label** it looks like, in whose **voice** is it (the outlet's narration, a quotation, a scare quote), who is the **speaker**, whom does it point at (the **referent**), and is it about the conflict at all (**in scope**)? Each decision is sometimes wrong, and how often depends on your articles: their quoting habits, their typography, the actors they name.
#
# Content analysts do not publish automated counts unchecked. They draw a random sample of the units counted, have people code it by reading, and report two things next to their findings:
#
# - **validity**: how often the tool agrees with the people (accuracy, with an interval, since a sample of 200 is not the corpus);
# - **reliability**: how often the people agree with each other (Krippendorff's alpha), because a tool cannot be held to a standard the coders themselves do not reach.
#
# mediakit does each step in one call: `coding_sheet`, `write_coding_sheet`, `read_coding`, `validation_report`, `alpha_by_field` (and `krippendorff_alpha` for any table of codes).

# %% [markdown]
# ## 2. Draw a coding sheet
#
# `mk.coding_sheet` draws `n` items from the analysis. With `blind=True` it leaves mediakit's answers out of the sheet, so the coder reads the text, not the tool's verdict: an anchored coder agrees with the tool more than the text warrants, and the accuracy comes out too high. Use blind sheets for every number you publish.

# %%
sheet = mk.coding_sheet(result, n=N_ITEMS, unit=UNIT, stratify=STRATIFY, seed=SEED, blind=True)
print(f"{len(sheet)} {UNIT}s from {sheet['doc_id'].nunique()} articles")
sheet.head(SHOW_ROWS)[["item_id", "outlet", "match", "context"]]

# %% [markdown]
# Each row is one item: `item_id` names the article and the character offsets (`doc_id`, `start`, `end`), `context` is an excerpt with the item marked `[[like this]]` (`¶` marks a paragraph break). The rows come shuffled, so a tired coder's last hour does not fall on one outlet.
#
# **The sample is proportional with a minimum**: each stratum (here, each outlet) first gets one item, then the rest go out in proportion to how many mentions each outlet has. Proportional, because the headline numbers count all mentions, so the plain accuracy over the sheet estimates the accuracy behind them; the minimum, so that a failure confined to one small outlet can show. Compare the sheet with the corpus:

# %%
if UNIT == "mention":
    population = result.mentions["outlet"].value_counts(normalize=True)
else:
    quotes = mk.find_quotes(corpus).merge(corpus[["doc_id", "outlet"]], on="doc_id")
    population = quotes["outlet"].value_counts(normalize=True)
pd.DataFrame({
    "share of all items": population,
    "items on the sheet": sheet["outlet"].value_counts(),
}).fillna(0).round(2)

# %% [markdown]
# The draw is reproducible: the same corpus, lexicon, `n`, strata and `SEED` always give the same sheet, whatever the order of the articles. Record them in your notes, so that anyone can draw your sheet again.
#
# ## 3. Write it for coders
#
# `mk.write_coding_sheet` writes the sheet as CSV, or as XLSX when the file name ends in `.xlsx` (that needs openpyxl: `pip install "mediakit[xlsx]"`; the workbook has an instructions sheet, wrapped context and a drop-down list of the allowed values in each `coded_*` column). The CSV starts with the instructions and the allowed values, as lines beginning with `#`:

# %%
with tempfile.TemporaryDirectory() as folder:
    path = mk.write_coding_sheet(sheet, Path(folder) / "sheet.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
print("\n".join(line[:140] for line in lines if line.startswith(("#", '"#'))))
print(lines[sum(line.startswith(("#", '"#')) for line in lines)])  # the header row

# %% [markdown]
# From the command line the same sheet is one command (a `.xlsx` name writes a workbook):
#
# ```bash
# mediakit coding-sheet --n 30 --stratify outlet --seed 0 --blind --out sheet.xlsx            # the sample
# mediakit coding-sheet articles/ --lexicon conflict --n 200 --blind --out sheet.xlsx        # your corpus
# ```
#
# ## 4. What a coder fills in
#
# For each item the coder reads the context (and the article, when the context is not enough) and fills the `coded_*` columns with the allowed values:
#
# | column | what to write |
# |---|---|
# | `coded_voice` | `narration` (the outlet's own words, including indirect speech: *Sandor said the army had arrested...*), `quote` (inside someone's quoted words), `scare_quote` (a term held at a distance: *the so-called "investigation"*) |
# | `coded_speaker` | whose words a quotation is, with the fullest name the article gives; `none` for narration |
# | `coded_referent` | the actor the word points at, or `none` (a parliament's "opposition" is not the armed opposition) |
# | `coded_label` | the label the word belongs to, or `none` when it is no such label |
# | `coded_in_scope` | `yes` when the sentence is about the conflict, `no` otherwise |
#
# A blank cell means **not coded**: it is counted as uncoded, never as a disagreement. Leave a cell blank rather than guess. Write your initials in `coder` and a reason in `note` whenever the decision was not obvious.
#
# The sample ships with such a sheet, and so does this notebook's section 7: **the codes in `data/coding/` were written by us, the mediakit team, for this notebook**, by reading the 30 items of the sheet drawn above (with the same parameters). It is a small, honest example of the workflow, on fictional articles written for mediakit; it is not a measurement of mediakit's accuracy (the development set of real news in `data/validation/` is). `data/coding/README.md` says who coded it and how.

# %%
coded_a = mk.load_sample_coding("a") if CODER_A is None else mk.read_coding(CODER_A)
print("same items as the sheet drawn above:", coded_a["item_id"].tolist() == sheet["item_id"].tolist())
coded_columns = [c for c in coded_a.columns if c.startswith("coded_")]
coded_a[coded_a["note"].notna()][["match", *coded_columns, "note"]].head(SHOW_ROWS)

# %% [markdown]
# ## 5. Reading a coded sheet back
#
# `mk.read_coding` reads a CSV or XLSX file (or a DataFrame) and checks every code against the allowed values. Case and surrounding spaces do not matter (` Quote ` is `quote`); anything else is an error that names the file, the row as a spreadsheet shows it, and the column, lists every problem at once, and suggests the allowed value a typo was probably meant to be. Nothing is dropped silently. Here a typo is slipped into the third item:

# %%
typo = coded_a.astype({"coded_voice": "str"})
typo.loc[2, "coded_voice"] = "quoted"
try:
    mk.read_coding(typo)
except mk.CodingError as error:
    print(error)

# %% [markdown]
# (A DataFrame has no file name and its rows are counted from 1; in a file the message starts with the file name and counts the rows a spreadsheet shows.)
#
# ## 6. The validation report
#
# `mk.validation_report(coded, result)` compares the codes with mediakit's answers. A blind sheet holds none, so mediakit's answers come from `result`; each coded item is matched to mediakit's item in the same article by overlap, and an item mediakit did not find at all counts as a miss (`n_not_found`). One row per field:

# %%
report = mk.validation_report(coded_a, result)
fields = report[report["class"].isna()]
fields[["field", "n", "n_uncoded", "n_not_found", "accuracy", "lo", "hi"]].round(2)

# %% [markdown]
# `accuracy` is the share of coded items on which mediakit agrees with the coder; `lo` and `hi` are its **95% Wilson interval**, the range of accuracies that this sample cannot rule out. With 30 items it is wide: 29 of 30 right is compatible with an accuracy anywhere from about 0.83 to 0.99. To halve the width, code about four times as many items.
#
# Speakers are compared leniently, in documented ways only (case, titles and "the" dropped, a surname alone matching the full name, a pronoun matching the person mediakit resolved it to): "Kessaly" matches "Amir Kessaly", "the KLF" does not match "the Kessel Liberation Front".
#
# For fields with classes, one row per class gives **precision** (of the items mediakit put in the class, the share the coder agrees with), **recall** (of the items the coder put in the class, the share mediakit found) and **F1**, each with an interval:

# %%
classes = report[report["field"].isin(["voice", "referent"]) & report["class"].notna()]
classes[["field", "class", "n", "n_mediakit", "precision", "precision_lo", "precision_hi",
         "recall", "recall_lo", "recall_hi", "f1"]].round(2)

# %% [markdown]
# Read the rows where the stakes are. If your finding is "outlet X uses 'terrorists' in its own voice", the numbers it rests on are the **precision of narration** (is what mediakit calls narration really the outlet's own words?) and the referent of the label. A class with one or two items (here `scare_quote`) has an interval too wide to say anything: draw a sheet stratified by that class (`STRATIFY = ["outlet", "voice"]`) when it matters.
#
# Which items disagree? mediakit's answers for the same draw come from the same call without `blind`:

# %%
answers = mk.coding_sheet(result, n=N_ITEMS, unit=UNIT, stratify=STRATIFY, seed=SEED)
rows = []
for field in ["voice", "speaker", "referent", "label", "in_scope"]:
    if f"coded_{field}" not in coded_a.columns or field not in answers.columns:
        continue
    differ = coded_a[f"coded_{field}"].notna() & (
        coded_a[f"coded_{field}"].astype("str") != answers[field].astype("str"))
    for i in differ[differ].index:
        rows.append({"field": field, "match": answers.loc[i, "match"], "mediakit": answers.loc[i, field],
                     "coder": coded_a.loc[i, f"coded_{field}"], "note": coded_a.loc[i, "note"]})
pd.DataFrame(rows)

# %% [markdown]
# Some of these are mediakit's mistakes; some are differences of convention that only a leniency rule or a coding rule can settle (is a phrase cited as a term, such as Dana Ilves's "terrorists", a quotation?); one ("Kessaly") is already forgiven by the lenient speaker match. Reading them is how a lexicon or a rule gets fixed, and how you learn which of your findings to trust.
#
# **Items of the same article are not independent.** The Wilson interval assumes they are. When a sheet holds several items of one article, resample whole articles instead (`by_document_bootstrap=True`, as the comparisons of notebook 04 do):

# %%
by_article = mk.validation_report(coded_a, result, by_document_bootstrap=True, n_boot=2000, seed=SEED)
side = fields[["field", "accuracy", "lo", "hi"]].merge(
    by_article[by_article["class"].isna()][["field", "lo", "hi"]], on="field", suffixes=("_wilson", "_by_article"))
side.round(2)

# %% [markdown]
# Here the intervals by article come out *narrower* than Wilson's, not wider. That is the percentile bootstrap's weakness on small samples with few errors: it can only reshuffle the one or three mistakes it saw (a resample of articles without them scores 1.0), so it understates how much worse the true accuracy could be. Use the bootstrap on sheets of 200 or more items with several items per article; on a small sheet like this one, report the Wilson interval (and code more items).
#
# ## 7. Agreement between coders: Krippendorff's alpha
#
# Give two or more people the same blind sheet, let them code it without talking, and measure how far they agree beyond chance. **Krippendorff's alpha** is 1 for perfect agreement, 0 for agreement no better than chance and negative for systematic disagreement; it allows any number of coders, missing codes, and nominal to ratio scales. The usual reading (Krippendorff 2004): rely on fields with alpha ≥ 0.80, draw only tentative conclusions from 0.667 to 0.80, and do not use fields below.
#
# The sample's second sheet, `B`, is **not an independent coder**: it is the same team member coding the same 30 items again, reading only the sentence that holds each item and leaving blank what that sentence does not tell. It shows how alpha is computed and read; two people would agree less.

# %%
coded_b = mk.load_sample_coding("b") if CODER_B is None else mk.read_coding(CODER_B)
agreement = mk.alpha_by_field([coded_a, coded_b])
agreement.round(3)

# %% [markdown]
# `n_items` counts the items both coders coded (a blank is a missing code, not a disagreement); alpha is missing, with the reason in `note`, when it is undefined, for example when every code of a field is the same value. The speakers disagree where the sentence alone does not name who is speaking, or names them differently ("the KLF" against "the Kessel Liberation Front").
#
# `mk.krippendorff_alpha` takes any coders × items table, with missing codes as `None`. It is computed in mediakit from Krippendorff's published definition, and tested equal to the reference `krippendorff` package (which mediakit does not depend on: it is GPL-licensed):

# %%
codes = [  # 3 coders x 6 items; None = not coded
    ["narration", "quote", "quote", "narration", "scare_quote", None],
    ["narration", "quote", "narration", "narration", "scare_quote", "quote"],
    [None, "quote", "quote", "narration", "quote", "quote"],
]
print(f"alpha = {mk.krippendorff_alpha(codes, level='nominal'):.3f}")

# %% [markdown]
# Once the coders agree well enough, they settle their disagreements (or a third person does), and the **adjudicated** sheet is the one you pass to `validation_report`. Report alpha from *before* adjudication.
#
# The command line does both tables at once: `mediakit validate` takes one or more coded sheets, prints the validation table of each and, with two or more, the agreement between them (`--out` and `--agreement-out` write them as CSV; a blind sheet needs `--corpus`, the articles it was drawn from, and the same `--lexicon`):
#
# ```bash
# mediakit validate coder_a.csv coder_b.csv --corpus articles/ --lexicon conflict --out validation.csv
# ```
#
# Here it runs on copies of the two sheets with mediakit's answers filled in, which need nothing else:

# %%
import contextlib

from mediakit.cli import main as mediakit_command

filled_columns = [c for c in coded_a.columns if c.startswith("coded_")] + ["coder", "note"]
with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
    for name, coded in (("coder_a.csv", coded_a), ("coder_b.csv", coded_b)):
        mk.write_coding_sheet(answers.drop(columns=filled_columns).join(coded[filled_columns]), name)
    exit_code = mediakit_command(["validate", "coder_a.csv", "coder_b.csv", "--quiet"])


# %% [markdown]
# ## 8. Reporting it in a paper
#
# A reader needs enough to judge the numbers and to repeat the check. Report:
#
# 1. **The sample**: how many items of which unit, how they were drawn (stratified by what, proportional with what minimum), the seed, and mediakit's and the lexicon's version.
# 2. **The coders**: who they were, how they were trained (the coding rules, as an appendix), whether they worked blind to mediakit and to each other.
# 3. **Reliability**: Krippendorff's alpha per field between the coders, before adjudication, with the number of items; how disagreements were settled.
# 4. **Validity**: mediakit's accuracy per field against the adjudicated codes, with 95% intervals, and precision and recall for the classes your findings rest on.
# 5. **The consequence**: which findings rest on a field below 0.80, and how they are qualified.
#
# The numbers can be written straight from the report, so the text never drifts from the table:

# %%
def reported(row):
    return f"{row['field']} {row['accuracy']:.2f} (95% CI {row['lo']:.2f}-{row['hi']:.2f}, n = {row['n']})"

alphas = agreement.dropna(subset=["alpha"])
print(
    f"On a stratified random sample of {len(coded_a)} {UNIT}s (proportional by {STRATIFY}, seed {SEED}), "
    "mediakit's answers agreed with the coder's as follows (accuracy, Wilson intervals): "
    + "; ".join(reported(row) for row in fields.to_dict("records")) + ". "
    "Agreement between the two codings (Krippendorff's alpha, nominal): "
    + "; ".join(f"{row['field']} {row['alpha']:.2f}" for row in alphas.to_dict("records")) + "."
)

# %% [markdown]
# For this example the honest sentence would add: *"30 items of a fictional corpus, both codings by one team member; an illustration, not a validation"*. Say as plainly who coded your sheets.
#
# ## Recap
#
# - `coding_sheet(result, n=, stratify=, seed=, blind=True)` draws a reproducible, proportional, stratified sample; `write_coding_sheet` writes it as CSV or XLSX with instructions and allowed values; `mediakit coding-sheet` does both.
# - Coders fill the `coded_*` columns; a blank is *not coded*, never *wrong*. `read_coding` names the file, row and column of every bad code.
# - `validation_report(coded, result)` gives accuracy per field and precision, recall and F1 per class, with Wilson intervals (or a bootstrap over articles); items mediakit missed count as misses.
# - `alpha_by_field([sheet_a, sheet_b])` and `krippendorff_alpha` measure agreement between coders; rely on fields with alpha ≥ 0.80.
# - Report the sample, the coders, alpha before adjudication, accuracy with intervals, and who coded: `mediakit validate` prints the tables.
#
# This is the last notebook of the course: run it on your own corpus before you publish a number from the others.
#
# ## Your turn
#
# 1. Set `N_ITEMS = 120` and re-run sections 2 and 3: how much narrower would the intervals of section 6 be with the same accuracy? (Hint: the interval's width shrinks with the square root of `n`.)
# 2. Set `STRATIFY = ["outlet", "voice"]` and `N_ITEMS = 40`: how many scare quotes and quotations does the sheet hold now, and why would you want that sheet to check the voice rules?
# 3. Write the sheet to a `.xlsx` file, open it in a spreadsheet, code five items yourself and read it back with `mk.read_coding`; then type a code that is not allowed and read the error.
# 4. Set `UNIT = "quote"` and draw a sheet of quotations: which fields does it ask a coder for?
