# %% [markdown]
# # 05 · Explore and bring your own
#
# **The question:** how do I look around a result interactively, adapt the lexicon to my material, run everything on my own articles and take the tables elsewhere?
#
# **Goals.** By the end you can
# - drive the **explorer** widget (outlet, actor, label, voice, context) and read its plot and keyword-in-context table;
# - **edit a lexicon**: look at it as a table, add or change a label, see the error a bad pattern gives, and re-run;
# - **load your own corpus** from a folder or a table;
# - **export** the tables to CSV, and know the **command-line report** that does all of it in one go.
#
# **Audience.** Anyone who has followed notebooks 01–04 and now wants to work on their own material.
#
# **Time.** About 25 minutes.
#
# **Prerequisites.** Notebooks 02 (lexicons, mentions, voice) and 04 (comparisons). The widgets need a live Jupyter kernel (JupyterLab or Notebook); everything they show is also available as plain tables, as the cells below demonstrate.

# %% [markdown]
# ## Parameters
#
# `CORPUS` and `LEXICON` work as in the other notebooks. `OUTLET`, `LABEL` and `VOICE` are what the explorer is set to programmatically below; `NEW_LABEL` and `NEW_PATTERNS` are the label the lexicon edit adds.

# %% tags=["parameters"]
CORPUS = None                   # None = the bundled sample; else a path for mk.load_corpus
COLUMNS = None                 # someone else's table: {"article_content": "text", "source": "outlet"}
ENCODING = None                # e.g. "latin-1"; None = detected, with a warning
DATE_FORMAT = None             # "dayfirst", "monthfirst" or e.g. "%d %b %Y"; None = inferred per column
LEXICON = "marenna"             # written for the sample; for your own corpus "conflict" (the default) or a .yaml path
ACTOR = "armed_opposition"      # the actor to explore
OUTLET = "Kessel Voice"         # the explorer's outlet, set from code below
LABEL = "terrorist"             # ... its label
VOICE = "quote"                 # ... and its voice: narration, quote, scare_quote or all
NEW_LABEL = "criminal"          # a label the lexicon edit adds to ACTOR ...
NEW_PATTERNS = ["criminal*", "murderer*", "killers", "thug*"]   # ... with these patterns
N_BOOT = 500                    # bootstrap replicates behind the explorer's intervals
SEED = 0
SHOW_ROWS = 6

# %%
import tempfile
from pathlib import Path

import pandas as pd

import mediakit as mk
from mediakit.widgets import explorer, lexicon_editor

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 60)

corpus = mk.load_sample() if CORPUS is None else mk.load_corpus(
    CORPUS, columns=COLUMNS, encoding=ENCODING, date_format=DATE_FORMAT)
display(mk.load_log(corpus))  # what loading skipped, decoded, recognised or inferred (nothing, for the sample)
lexicon = mk.load_lexicon(LEXICON)
result = mk.analyze(corpus, lexicon)
print(result)

# %% [markdown]
# ## 1. The explorer
#
# `explorer(result)` returns a widget; ending a cell with it shows it. Pick an **outlet** (or all of them), an **actor** and one of its **labels** (the label list follows the actor), a **voice** and the number of **context** words. The plot compares the chosen actor's label shares across every outlet in that voice (the chosen label stands out, the chosen outlet is in bold); the table below it lists the matching mentions in context, with the quoted speaker and the label-masked tone of the sentence. Article text in the table is escaped, so an article containing markup shows it as text.
#
# A widget is only live with a running kernel; in a saved or rendered copy of this notebook the cell below may show nothing, or a static picture.

# %%
# NBVAL_IGNORE_OUTPUT
ex = explorer(result, actor=ACTOR, n_boot=N_BOOT, seed=SEED)
ex

# %% [markdown]
# Everything the widget shows is also plain data on it: `ex.state` (the controls' values), `ex.current_rows` (the mentions in the table, as a DataFrame), `ex.current_shares` (the table behind the plot) and `ex.kwic_html`. Setting controls from code, here with `ex.select(...)`, updates the widget above too: scroll up after running the next cell.

# %%
ex.select(outlet=OUTLET, label=LABEL, voice=VOICE)
print(ex.state)
print(len(ex.current_rows), "mention(s) in the table")
ex.current_rows[["date", "left", "match", "right", "speaker"]].head(SHOW_ROWS)

# %%
# The numbers behind the plot for the chosen label, every outlet, in the chosen voice.
ex.current_shares.loc[ex.current_shares["label"] == LABEL, ["outlet", "voice", "n", "share", "lo", "hi", "n_docs"]].round(2)

# %% [markdown]
# Changing one control at a time works the same way, as a click would: here the actor changes, and the label list follows it. A second explorer does it, so that the one shown above keeps the state its cells gave it when the notebook runs top to bottom.

# %%
other = explorer(result, actor=ACTOR, n_boot=N_BOOT, seed=SEED)  # not shown; `ex` above is left as it is
other.controls["actor"].value = "state_forces"
print("labels offered:", list(other.controls["label"].options))
print("label now:", other.controls["label"].value, "| rows:", len(other.current_rows))

# %% [markdown]
# ## 2. Editing a lexicon
#
# The bundled lexicons are starting points. Look at one as a table (one row per pattern), then change it. A `Lexicon` never changes in place: `with_label` returns a new lexicon with a label added (or replaced), and `Lexicon.from_dict` builds one from an edited dictionary, the same structure as the YAML file (`lexicon.to_dict()`, `lexicon.to_yaml()`).

# %%
table = lexicon.to_frame()
table[table["actor"] == ACTOR][["label", "pattern"]].head(12)

# %%
# Two ways to the same edit: a method call, or an edited dictionary.
edited = lexicon.with_label(ACTOR, NEW_LABEL, NEW_PATTERNS, description="Criminalising; casts fighters as common criminals.")
data = lexicon.to_dict()
data["actors"][ACTOR]["labels"][NEW_LABEL] = {
    "description": "Criminalising; casts fighters as common criminals.",
    "patterns": NEW_PATTERNS,
}
print("same lexicon both ways:", mk.Lexicon.from_dict(data) == edited)
edited.to_frame().query("label == @NEW_LABEL")

# %% [markdown]
# A bad pattern is refused when the lexicon is built, with an error naming the actor, the label and the pattern. Here a regular-expression habit, `criminal(s)`, where the glob syntax wants `criminal*`:

# %%
broken = lexicon.to_dict()
broken["actors"][ACTOR]["labels"][NEW_LABEL] = {"patterns": ["criminal(s)"]}
try:
    mk.Lexicon.from_dict(broken)
except mk.LexiconError as err:
    print("LexiconError:", err)

# %% [markdown]
# The same check behind a small editor widget: the lexicon as YAML in a text box and a **Validate** button. A valid text becomes `editor.lexicon`; an invalid one shows the error and keeps the last valid lexicon.

# %%
# NBVAL_IGNORE_OUTPUT
editor = lexicon_editor(edited, rows=12)
editor

# %%
editor.text.value = edited.to_yaml().replace("criminal*", "criminal(s)")   # what a typing mistake would do
editor.validate()
print("error shown:", editor.error)
print("lexicon kept:", editor.lexicon == edited)

# %% [markdown]
# Re-run the analysis with the edited lexicon and look at what the new label finds, and in whose voice: a label used mostly inside quotes is the speakers' word, not the outlets'.

# %%
result_edited = mk.analyze(corpus, editor.lexicon)
found = result_edited.mentions[result_edited.mentions["label"] == NEW_LABEL]
print(len(found), "mention(s) of", repr(NEW_LABEL))
pd.crosstab(found["outlet"], found["voice"], margins=True, margins_name="total")

# %%
mk.mention_sentences(found, result_edited.sentences)[["outlet", "voice", "speaker", "match", "sentence"]].head(SHOW_ROWS)

# %% [markdown]
# ## 3. Bringing your own corpus
#
# `mk.load_corpus` reads a folder (recursively), a file, a list of them, or a pandas DataFrame. Formats: plain text and Markdown (one article per file: a title line, an optional date line, then the body; or YAML front matter with `outlet`, `date`, `title`, `url`), tables (CSV, TSV, JSON, JSON Lines; one article per row, with common column names such as `source`, `publish_date`, `headline`, `content` recognised), saved web pages and RSS/Atom feeds. In a folder with one sub-folder per outlet, the sub-folder names the outlet. `help(mk.load_corpus)` and notebook 01 give the details, including what happens to records that cannot be read.
#
# To keep this notebook independent of your machine, the next cell writes a tiny corpus of four short, made-up articles into a temporary folder.

# %%
workdir = Path(tempfile.mkdtemp(prefix="mediakit-nb05-"))
articles = {
    "harbour-times/2025-05-02-port-clash.txt":
        "Clash near the old port\n2025-05-02\n\nRebels exchanged fire with government forces near the old port on Friday. "
        "\"These terrorists will be caught,\" the harbour commander said.",
    "harbour-times/2025-05-09-talks.txt":
        "Talks planned for next week\n2025-05-09\n\nThe government and the rebels agreed to meet in the capital. "
        "Both sides said the talks would be difficult.",
    "valley-post/2025-05-03-port-attack.txt":
        "Terrorists attack port\n2025-05-03\n\nTerrorists attacked the old port on Friday, the army said. "
        "Residents described a night of gunfire.",
    "valley-post/2025-05-10-army-warns.txt":
        "Army warns of new attacks\n2025-05-10\n\nThe army warned that the terrorists were regrouping in the hills. "
        "Opposition fighters denied any plan to attack.",
}
for name, text in articles.items():
    path = workdir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")
print(sorted(str(p.relative_to(workdir)) for p in workdir.rglob("*.txt")))

# %%
mine = mk.load_corpus(workdir)
print(len(mine), "articles; skipped records:", len(mk.load_log(mine, "skipped")))
mine[["doc_id", "outlet", "date", "title"]]

# %%
mine_result = mk.analyze(mine, "conflict")   # the generic lexicon suits material outside the sample
mine_shares = mk.label_shares(mine_result.mentions, actor=ACTOR, voice="all", n_boot=N_BOOT, seed=SEED)
mine_shares[mine_shares["n"] > 0][["outlet", "label", "n", "share", "n_docs", "group_docs"]].round(2)

# %% [markdown]
# With two articles per outlet the intervals would be meaningless, which is why the table above leaves them out: a real comparison needs many articles per outlet. To run notebooks 01–05 on your material, set `CORPUS` (and perhaps `LEXICON`) in their parameters cell, or run them with papermill (a separate install): `papermill 04_comparing_outlets.ipynb out.ipynb -p CORPUS my_articles/`.

# %% [markdown]
# ## 4. Exporting tables
#
# Every result is a tidy DataFrame, so exporting is one `to_csv` each. Written here into the temporary folder; use a folder of your own.

# %%
export = workdir / "export"
export.mkdir()
result.mentions_with_sentences().to_csv(export / "mentions.csv", index=False)   # with each sentence's text
result.documents.to_csv(export / "documents.csv", index=False)
mk.label_shares(result.mentions, actor=ACTOR, n_boot=N_BOOT, seed=SEED).to_csv(export / "label_shares.csv", index=False)
mk.label_rates(result.mentions, result.documents, actor=ACTOR, n_boot=N_BOOT, seed=SEED).to_csv(
    export / "label_rates.csv", index=False)
for path in sorted(export.iterdir()):
    print(f"{path.name:18} {len(pd.read_csv(path)):5d} rows")

# %% [markdown]
# The CSV files keep every column, so a row of `mentions.csv` still leads back to its article (`doc_id`) and its characters (`start`, `end`).
#
# ## 5. The command-line report
#
# The `mediakit` command runs the whole analysis without a notebook: `mediakit report` loads a corpus (the bundled sample when none is given), runs the analysis, and writes the tidy CSV tables, PNG figures and one self-contained HTML report into a folder (`mediakit-report/` by default). Its options include the corpus path, `--lexicon`, `--actor`, `--out`, `--seed` and `--n-jobs`; `mediakit report --help` lists them all, and `mediakit --help` lists the other commands (`mentions`, `kwic`, `lexicons`, `audit`, `sentiment`), each writing one table as CSV.
#
# ```bash
# mediakit report my_articles/ --lexicon my_lexicon.yaml --out my-report
# ```

# %%
import shutil

shutil.rmtree(workdir)   # tidy up the temporary folder
print("removed the temporary folder:", not workdir.exists())

# %% [markdown]
# ## Recap
#
# - `explorer(result)` returns a widget whose plot and table follow its controls; `ex.select(...)`, `ex.state`, `ex.current_rows` and `ex.current_shares` give the same view as data, and all article text in it is escaped.
# - Lexicons are edited by making new ones: `with_label`, or `Lexicon.from_dict` on an edited `to_dict()`; a bad pattern raises a `LexiconError` naming it; `lexicon_editor` wraps the same check in a widget.
# - `mk.load_corpus` reads folders, files and tables of your own; the outlet can come from the sub-folder name.
# - Every table exports with `to_csv`; `mediakit report` writes all of them, the figures and an HTML report in one command.
#
# ## Your turn
#
# 1. In the explorer, choose the actor `state_forces` and the label `regime`: which outlets say "regime" in their own voice, and which only quote it?
# 2. Add the patterns your own material needs to `NEW_PATTERNS` (or a new label altogether), re-run section 2 and check the new label's rows by voice before trusting its counts.
# 3. Put a CSV of your own articles in a folder, set `CORPUS` to it in notebook 04, and run that notebook top to bottom.
# 4. Export `mk.tone_by_label(...)` and `mk.label_shares_over_time(...)` too, and open them in a spreadsheet: can you find, from `doc_id` and `start`, the sentence behind one number?
