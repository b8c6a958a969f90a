# %% [markdown]
# # 01 · Loading a corpus
#
# **The question:** what does mediakit need from my articles, and how do I get them in, from the bundled sample, a folder of text files or a spreadsheet export, without losing a single record silently?
#
# **Goals.** By the end you can
# - load the bundled sample and read the corpus table: its columns, outlets, dates and articles per outlet per week;
# - load your own folder of `.txt`/`.md` files and a CSV export, with column names recognised automatically or mapped with `columns=`;
# - read the errors mediakit raises on bad input (they name the file, row and column) and the corpus's **load log** (`mk.load_log`), where everything loading skipped, decoded, recognised or inferred is kept;
# - recognise an encoding fallback warning, and know which other formats mediakit reads.
#
# **Audience.** Media researchers, journalists, fact-checkers and students who know a little Python and pandas (a `DataFrame`, `.head()`, `groupby`).
#
# **Time.** About 20 minutes.
#
# **Prerequisites.** None: this is the first notebook. Everything runs offline.

# %% [markdown]
# ## Parameters
#
# Change these to run the notebook on your own material. `CORPUS = None` uses the bundled sample; otherwise give a folder, a file or a list of them (anything `mk.load_corpus` takes).

# %% tags=["parameters"]
CORPUS = None      # None = the bundled sample corpus; else a path for mk.load_corpus
COLUMNS = None                 # someone else's table: {"article_content": "text", "source": "outlet"}
ENCODING = None                # e.g. "latin-1"; None = detected, with a warning
DATE_FORMAT = None             # "dayfirst", "monthfirst" or e.g. "%d %b %Y"; None = inferred per column
SHOW_ROWS = 5      # how many rows the tables below show

# %%
import os
import tempfile
import warnings
from pathlib import Path

import pandas as pd

import mediakit as mk

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 60)

# %% [markdown]
# ## 1. The sample corpus
#
# mediakit ships a small **synthetic** corpus: 60 invented articles from seven invented outlets about a twelve-week war in the fictional province of Kessel (see `data/README.md`). Each outlet has a house style: one says "terrorists", another "rebels", another "opposition forces". It is small enough to read, and every later notebook uses it.
#
# `load_sample()` returns the **corpus table**: one row per article.

# %%
corpus = mk.load_sample() if CORPUS is None else mk.load_corpus(
    CORPUS, columns=COLUMNS, encoding=ENCODING, date_format=DATE_FORMAT)
display(mk.load_log(corpus))  # what loading skipped, decoded, recognised or inferred (nothing, for the sample)
print(f"{len(corpus)} articles, {corpus['outlet'].nunique()} outlets")
corpus[["doc_id", "outlet", "date", "title"]].head(SHOW_ROWS)

# %% [markdown]
# The first seven columns are fixed; every function in mediakit relies on them. Any extra column the input had (here `byline` and `syndicated_from`, from the files' front matter) is kept unchanged after them.
#
# | column | what it holds |
# |---|---|
# | `doc_id` | a unique, stable id: here the file's path without its extension |
# | `outlet` | the publication (not a person quoted in it: that is a *speaker*, notebook 02) |
# | `date` | publication date and time (`datetime64`), `NaT` when unknown |
# | `title`, `url` | empty strings when unknown |
# | `text` | the article body, characters exactly as read |
# | `text_source` | where `text` comes from: `body`, `summary` (a feed's teaser) or `title` (a headline record: a title and no body) |
# | `text_source` | where `text` comes from: `body`, `summary` (a feed's teaser) or `title` (a headline record: a title and no body) |

# %%
print(mk.CORPUS_COLUMNS)
corpus.dtypes

# %% [markdown]
# ### Outlets, dates and articles per week
#
# Before any analysis, look at what you have: how many articles each outlet contributes and when. An outlet with three articles cannot support the same conclusions as one with three hundred, and a gap in the dates can look like a change of wording.

# %%
per_outlet = corpus.groupby("outlet").agg(
    articles=("doc_id", "size"),
    first=("date", "min"),
    last=("date", "max"),
)
per_outlet

# %%
# ISO weeks ("2025-W02") keep the table narrow; each cell counts articles.
week = corpus["date"].dt.strftime("%G-W%V").rename("week")
pd.crosstab(corpus["outlet"], week)

# %% [markdown]
# The text itself is the last column. The whole article is there, paragraphs separated by a blank line; later notebooks point back into it by character offsets.

# %%
first = corpus.iloc[0]
print(first["title"])
print(first["text"][:400], "...")

# %% [markdown]
# ## 2. Your own folder of articles
#
# To keep this notebook independent of your machine, the next cells write a few tiny made-up articles into a **temporary folder** and move into it; at the end of the notebook we move back and delete it. Paths printed below are relative to that folder.
#
# A folder is read recursively. The rules, in short (see `help(mk.load_corpus)`):
# - `.txt` and `.md` files hold one article each: the first line is the title, an optional date line may follow, the rest is the body; YAML front matter (`---` ... `---`) can give `outlet`, `date`, `title`, `url` and extra fields;
# - the **outlet** is, unless the file says otherwise, the name of the sub-folder directly under the folder you give: one sub-folder per outlet;
# - `README` files and hidden files are passed over (and listed in the load log, kind `ignored`).

# %%
notebook_dir = Path.cwd()
workspace = tempfile.TemporaryDirectory()
os.chdir(workspace.name)

files = {
    "my_articles/harbor-ledger/2025-03-01-port-reopens.txt": (
        "Port of Selm reopens after storm\n"
        "March 1, 2025\n\n"
        "The port of Selm reopened on Saturday after a week of storms, the harbour master said.\n\n"
        "Ferries to the islands will run on a reduced timetable until Tuesday.\n"
    ),
    "my_articles/harbor-ledger/2025-03-04-council-budget.md": (
        "---\n"
        "title: Council approves harbour budget\n"
        "date: 2025-03-04T18:00\n"
        "byline: City desk\n"
        "---\n"
        "The city council approved the harbour budget by nine votes to four.\n"
    ),
    "my_articles/river-post/2025-03-02-bridge-closed.txt": (
        "Old bridge closed for repairs\n\n"
        "The old bridge over the Selm river will be closed for repairs until April, engineers said.\n"
    ),
    "my_articles/README.md": "Notes about this folder: not an article.\n",
}
for name, text in files.items():
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    Path(name).write_text(text, encoding="utf-8")
sorted(files)

# %%
mine = mk.load_corpus("my_articles")
mine[["doc_id", "outlet", "date", "title", "byline"]]

# %%
print(mine.loc[0, "text"])
mk.load_log(mine)

# %% [markdown]
# The outlet came from the sub-folder name (`harbor-ledger`), the title and date from the first lines (the bridge story has no date line, so its date is `NaT`: file names are not read as dates), and the Markdown file's front matter added a `byline` column (missing for the other files). The README was passed over, and the load log (`mk.load_log(mine)`) says so: it is the one place where a corpus keeps what its loading did.
#
# ## 3. A CSV export
#
# Spreadsheets and database exports use their own column names. mediakit recognises common ones case-insensitively: `media_name`, `source` or `publisher` become `outlet`; `publish_date` becomes `date`; `content`, `body` or `article_content` becomes `text`; `headline` or `article_title` becomes `title`; `stories_id` or `id` becomes `doc_id`. Each name it recognises is logged and one warning says what it chose; when two columns could be the same one (`content` and `body`) it does not guess. Columns it does not recognise are kept as extra columns.

# %%
Path("export.csv").write_text(
    "stories_id,media_name,publish_date,headline,content,language\n"
    "101,Harbor Ledger,2025-03-05 08:15:00,Fishing fleet returns,The fishing fleet returned to Selm on Wednesday.,en\n"
    '102,River Post,2025-03-06,Flood warning lifted,"The flood warning was lifted, the weather office said.",en\n',
    encoding="utf-8",
)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    export = mk.load_corpus("export.csv")
for warning in caught:  # one warning says which names it recognised
    print(f"{warning.category.__name__}: {warning.message}\n")
export

# %% [markdown]
# When a name is not one mediakit knows, say what it means with `columns={"your name": "corpus name"}`; an explicit mapping always wins over recognition.

# %%
Path("survey.csv").write_text(
    "paper,when,article_body\n"
    "Harbor Ledger,2025-03-07,Dock workers voted to accept the new contract.\n",
    encoding="utf-8",
)
survey = mk.load_corpus("survey.csv", columns={"paper": "outlet", "when": "date", "article_body": "text"})
survey

# %% [markdown]
# ## 4. When a record is bad: `errors="raise"` and `errors="skip"`
#
# mediakit never drops a record silently. By default (`errors="raise"`) the first bad record stops the load with a `CorpusError` whose message names the **file, the row and the column**, so you can open the file and fix it. Here row 2 of the table has neither a text nor a title. (A row with a title and no text is not bad: it is a *headline record*, whose text is its title, with `text_source` saying so; exports of news searches often hold titles only.)

# %%
Path("messy.csv").write_text(
    "media_name,publish_date,headline,content\n"
    "Harbor Ledger,2025-03-08,Market day,Stalls filled the square on Saturday.\n"
    "River Post,2025-03-08,,\n"
    "River Post,03/04/2025,Which month?,The ferry strike ended after talks.\n",
    encoding="utf-8",
)
try:
    mk.load_corpus("messy.csv")
except mk.CorpusError as err:
    print("CorpusError:", err)
    print("file:", err.file, "| row:", err.row, "| column:", err.column)

# %% [markdown]
# With `errors="skip"` mediakit loads every good record and lists each bad one, with its reason, in the load log (`mk.load_log(corpus, "skipped")`); one warning summarises them. Here we catch the warnings to print them (in your own notebook they simply appear below the cell).
#
# The same file has a second, subtler problem: `03/04/2025` could be 3 April or 4 March. mediakit reads a column's day/month order from **all** its values (one `4/16/2025` settles it as month first), but nothing in this column settles it, so it does not guess: the date is stored as `NaT` and the log names the file, row and column. `date_format="monthfirst"` (or `"dayfirst"`, or a format such as `"%d %b %Y"`) states it.

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    messy = mk.load_corpus("messy.csv", errors="skip")
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}\n")
messy[["doc_id", "outlet", "date", "title"]]

# %%
mk.load_log(messy)

# %% [markdown]
# Skipping works for whole files too: an unreadable file, an unsupported extension or an empty article in a folder becomes one row of the report instead of stopping the load. (Below we print each row's file and reason; `row` and `column` are in the table too, where they apply.)

# %%
Path("my_articles/river-post/2025-03-09-empty.txt").write_text("\n\n", encoding="utf-8")
Path("my_articles/river-post/photo-captions.docx").write_bytes(b"PK\x03\x04 not an article")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    mine = mk.load_corpus("my_articles", errors="skip")
print(len(mine), "articles loaded;", len(caught), "warning\n")
for record in mk.load_log(mine, "skipped").itertuples():
    print(f"{record.file}: {record.message}")

# %% [markdown]
# ## 5. Encodings
#
# Articles saved by older tools are often not UTF-8 but Windows-1252 (cp1252), where curly quotes and accented letters are single bytes. mediakit reads UTF-8 as is; a file that is not valid UTF-8 is decoded with a fallback, and a `CorpusWarning` names the file and the encoding it used, so you can check the result or pass `encoding=` yourself. The load log keeps the decision with the data. The load log keeps the decision with the data.

# %%
Path("old_site").mkdir(exist_ok=True)
Path("old_site/cafes-reopen.txt").write_bytes(
    "Caf\u00e9s in Ostry reopen\n\n"
    "The caf\u00e9s of Ostry\u2019s old town reopened on Monday, \u201ccautiously\u201d, their owners said.\n".encode("cp1252")
)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    old = mk.load_corpus("old_site", outlet="Ostry Weekly")
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}\n")
print(old.loc[0, "title"])
print(old.loc[0, "text"])

# %% [markdown]
# The accents and curly quotes came through. When you know the encoding, say so and the warning goes away:

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    old = mk.load_corpus("old_site", outlet="Ostry Weekly", encoding="cp1252")
print(len(caught), "warnings;", old.loc[0, "title"])

# %% [markdown]
# ## 6. Where the formats go further
#
# The same `load_corpus` call reads more formats, chosen by file extension (or forced with `format=`), and every one goes through the same column recognition, validation and skipped-records report:

# %%
from mediakit.readers import EXTENSIONS

pd.Series(EXTENSIONS, name="format").rename_axis("extension").to_frame()

# %% [markdown]
# - **HTML pages** (`.html`, `.htm`): saved article pages; the main text, title, date and URL are extracted from the page and its metadata.
# - **RSS and Atom feeds** (`.rss`, `.atom`, `.xml`): one article per feed item.
# - **JSON and JSON Lines**: one article per object, with the same column recognition as CSV.
# - **Media Cloud and similar exports** list URLs and metadata but no text. `mk.fetch_articles(export)` downloads each page politely (a delay per host, retries, a local cache so a rerun fetches nothing twice) and returns a corpus. It is the only function in mediakit that touches the network, so this notebook does not call it.
#
# Loading a large corpus chunk by chunk is `mediakit.corpus.iter_corpus`, with the same options.
#
# Finally, leave the temporary folder and delete it:

# %%
os.chdir(notebook_dir)
workspace.cleanup()

# %% [markdown]
# ## Recap
#
# - The **corpus table** has one row per article: `doc_id, outlet, date, title, url, text, text_source`, then any extra input columns. Look at articles per outlet and per week before comparing outlets.
# - A **folder** gives one article per `.txt`/`.md` file and the outlet from the sub-folder name; a **CSV** gives one article per row, with `media_name`, `publish_date`, `content` and friends recognised, and `columns=` for anything else.
# - **Nothing is lost silently:** `errors="raise"` stops at the first bad record naming file, row and column; `errors="skip"` loads the rest. Everything loading did is in the **load log**, `mk.load_log(corpus)`: skipped records, encodings, recognised columns, dates not read. A column's day/month order comes from all its values; ambiguous dates are not guessed.
# - A file that is not UTF-8 is decoded with a named fallback and a warning; `encoding=` makes the choice explicit.
#
# Next: **02 · Framing labels** finds every label each outlet uses for each actor, and whose word it is.
#
# ## Your turn
#
# 1. Set `CORPUS` in the parameters cell to a folder of your own articles (one sub-folder per outlet) and re-run the notebook. Which weeks are thin?
# 2. Add a row with a missing outlet to `messy.csv` and load it with `errors="skip"`: what reason does the report give?
# 3. Write a CSV whose text column is called `story_text` and another called `full_article`: which one needs `columns=`?
# 4. Load the sample and count the articles per outlet per *month* instead of per week.
