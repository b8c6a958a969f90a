# %% [markdown]
# # 03 · Tone: what VADER can and cannot say about news
#
# **The question:** is the language around each label positive or negative, and how far can a lexicon-based sentiment score be trusted on news?
#
# **Goals.** By the end you can
# - score sentences with VADER (`score_texts`) and read `neg`, `neu`, `pos` and `compound`;
# - explain why mediakit scores **sentences**, never whole articles, and why typography (`isn’t` versus `isn't`) matters;
# - recognise where VADER fails on news: sarcasm, flat casualty reports, negated labels;
# - use **label masking** (`compound_masked`) to separate the tone of a sentence from the valence of the label it happens to use;
# - find the sentences behind any average.
#
# **Audience.** Researchers, journalists and students who want to use sentiment scores responsibly; no prior knowledge of sentiment analysis needed.
#
# **Time.** About 25 minutes.
#
# **Prerequisites.** Notebook 02 (lexicons, the mentions table, voice).

# %% [markdown]
# ## Parameters

# %% tags=["parameters"]
CORPUS = None                 # None = the bundled sample; else a path for mk.load_corpus
COLUMNS = None                 # someone else's table: {"article_content": "text", "source": "outlet"}
ENCODING = None                # e.g. "latin-1"; None = detected, with a warning
DATE_FORMAT = None             # "dayfirst", "monthfirst" or e.g. "%d %b %Y"; None = inferred per column
LEXICON = "marenna"           # written for the sample; for your own corpus "conflict" (the default) or a .yaml path
ACTOR = "armed_opposition"    # the actor whose labels we look at
LABEL = "terrorist"           # one label to follow closely
OUTLET = "The Aldwick Herald" # an outlet to look at closely
SWAP_TEMPLATE = "Army officers said the {} shelled a school in Liss, killing four children."
SWAP_LABELS = ["terrorists", "rebels", "opposition forces"]
SHOW_ROWS = 5

# %%
import matplotlib.pyplot as plt
import pandas as pd

import mediakit as mk

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 90)

corpus = mk.load_sample() if CORPUS is None else mk.load_corpus(
    CORPUS, columns=COLUMNS, encoding=ENCODING, date_format=DATE_FORMAT)
display(mk.load_log(corpus))  # what loading skipped, decoded, recognised or inferred (nothing, for the sample)
lexicon = mk.load_lexicon(LEXICON)

# %% [markdown]
# ## 1. VADER, one sentence at a time
#
# VADER (Hutto & Gilbert 2014) is a rule-based scorer: a dictionary of about 7,500 words with human-rated valences ("killed" −3.5, "peace" +2.5), plus rules for negation ("not good"), intensifiers ("very"), capitals and exclamation marks. It is transparent and needs no training, which is why it is so widely used. mediakit scores with the reference implementation (`vaderSentiment` 3.3.2).
#
# `score_texts` returns, per text, the shares of negative, neutral and positive weight (`neg`, `neu`, `pos`) and the **compound** score in [−1, 1]; by VADER's convention ≥ 0.05 is positive and ≤ −0.05 negative.

# %%
examples = [
    "The ceasefire held overnight and aid trucks reached the city.",
    "The ceasefire collapsed and shells killed eleven people.",
    "The delegations met in Lausen on Tuesday.",
    "The talks were not a success.",
    "The talks were a GREAT success!!!",
]
scores = mk.score_texts(examples)
scores.insert(0, "sentence", examples)
scores

# %% [markdown]
# *VADER agrees with human ratings of news sentences only moderately (about r = 0.5 in its authors' evaluation): read these scores as a rough signal, compare averages over many sentences, and read the sentences behind them.*

# %% [markdown]
# On a whole corpus, `analyze` does it all at once: it splits every article into sentences, scores each one, finds the mentions (as in notebook 02) and scores each mention's sentence twice, as written and label-masked (section 4). It returns an `Analysis` with four tables.

# %%
result = mk.analyze(corpus, lexicon)
print(result)
result.sentences[["doc_id", "sentence_id", "text", "compound"]].head(SHOW_ROWS)

# %% [markdown]
# Document tone is an **aggregate of sentence scores**: the mean and median compound, and the shares of positive, negative and neutral sentences.

# %%
result.documents[["outlet", "title", "n_sentences", "compound_mean", "neg_share", "pos_share"]].head(SHOW_ROWS)

# %% [markdown]
# ## 2. Why never a whole article
#
# VADER's compound is a sum of word valences squashed into [−1, 1]. A long text has many valenced words, so the sum grows and the compound **saturates** towards −1 or +1, whatever the balance of the article. Compare the longest articles scored in one piece with the mean of their sentence scores:

# %%
longest = result.documents.nlargest(3, "n_words")[["doc_id", "n_words", "n_sentences", "compound_mean"]]
texts = corpus.set_index("doc_id").loc[longest["doc_id"], "text"]
longest["whole_text_compound"] = mk.score_texts(texts)["compound"].to_numpy()
longest

# %% [markdown]
# Scored in one piece, each article lands far from the mean of its own sentences, which is close to zero for all three; the more valenced words a text has, the harder its compound is pushed towards −1 or +1. This is why mediakit never hands VADER a whole article.
#
# ## 3. Typography: `isn’t` is not `isn't`
#
# VADER splits on spaces and strips ASCII punctuation. A curly apostrophe is not ASCII, so in the reference implementation `isn’t` is not recognised as a negation, and a word in curly quotes (`“great”`) is not recognised at all. News sites use curly typography everywhere. mediakit maps quotes and apostrophes to ASCII **for the scorer only** (the text you see keeps its characters):

# %%
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

reference = SentimentIntensityAnalyzer()
pairs = [
    "The ceasefire isn't good news for anyone.",
    "The ceasefire isn\u2019t good news for anyone.",
    'The minister called the plan "great".',
    "The minister called the plan \u201cgreat\u201d.",
]
pd.DataFrame({
    "sentence": pairs,
    "reference_vader": [reference.polarity_scores(s)["compound"] for s in pairs],
    "mediakit": mk.score_texts(pairs)["compound"].to_numpy(),
})

# %% [markdown]
# ## 4. Where VADER fails on news
#
# A dictionary of word valences cannot see irony, cannot tell reporting a death from deploring it, and reads a negated label as a negation of sentiment. The sample was written with such sentences in it. Here is how VADER scores some of them (the sentences come from `result.sentences`, so each can be traced to its article):

# %%
hard_cases = [  # (what goes wrong, a piece of the sentence to look up)
    ("sarcasm", "What a triumph of diplomacy!"),
    ("sarcasm", "Brilliant idea, minister."),
    ("grim approval", "Good."),
    ("flat casualty report", "Four people were killed and 21 injured"),
    ("negated label", "They are not terrorists;"),
]
rows = []
for problem, snippet in hard_cases:
    found = result.sentences[result.sentences["text"].str.contains(snippet, regex=False)].head(1)
    for doc_id, text, compound in found[["doc_id", "text", "compound"]].itertuples(index=False):
        rows.append({"problem": problem, "compound": compound, "sentence": text, "doc_id": doc_id})
pd.DataFrame(rows)

# %% [markdown]
# - **Sarcasm**: the tabloid's mock praise of diplomats scores clearly *positive*.
# - **Grim approval**: "Good." after a killing is positive to VADER; only the context says what it approves of.
# - **Flat reporting**: a neutral, factual casualty report scores strongly *negative*, because "killed" and "injured" are negative words. An outlet that reports deaths carefully and often will look "negative".
# - **Negated labels**: "They are not terrorists; they are teachers..." scores positive: the negation flips the valence of "terrorists", although the sentence is a defence of the group, not a cheerful one.
#
# VADER correlates only about **r = 0.5** with human ratings on news sentences (Hutto & Gilbert 2014, New York Times op-ed snippets), against 0.88 on tweets. Treat single scores as hints, never as findings; compare averages over many sentences; and always read examples.
#
# ## 5. Label masking: separating tone from the label
#
# "Terrorists" has a valence of −3.1 in VADER's lexicon, "rebels" −0.8, "opposition forces" nothing. So the same sentence gets a different score depending only on which label the outlet chose, and "the tone around the label" mostly measures the label itself. mediakit therefore scores every mention's sentence twice: as written (`compound`) and with every lexicon term replaced by a neutral word (`compound_masked`).
#
# The same sentence, three labels:

# %%
swapped = pd.DataFrame({
    "doc_id": [f"swap-{i}" for i in range(len(SWAP_LABELS))],
    "outlet": "example",
    "text": [SWAP_TEMPLATE.format(label) for label in SWAP_LABELS],
})
swap_mentions = mk.analyze(swapped, lexicon).mentions_with_sentences(masked=True)  # with the (masked) sentence text
swap_mentions = swap_mentions[swap_mentions["actor"] == ACTOR]
swap_mentions[["match", "label_valence", "compound", "compound_masked", "sentence_masked"]]

# %% [markdown]
# `compound` changes with the label; `compound_masked` is the same for all three, because it scores the rest of the sentence. `label_valence` keeps the label's own valence as a separate, visible number.
#
# Across the whole sample, per label: the mean as written, the mean masked, and the label's valence.

# %%
actor_mentions = result.mentions[result.mentions["actor"] == ACTOR]
by_label = (
    actor_mentions.groupby("label")
    .agg(
        mentions=("compound", "size"),
        label_valence=("label_valence", "mean"),
        compound=("compound", "mean"),
        compound_masked=("compound_masked", "mean"),
    )
    .sort_values("label_valence")
    .round(3)
)
by_label

# %%
ax = by_label[["compound", "compound_masked"]].plot.barh(figsize=(7, 4.5), color=["#b2182b", "#67a9cf"])
ax.invert_yaxis()  # the most negative label valence on top
ax.axvline(0, color="grey", linewidth=0.8)
ax.legend(loc="lower left")
ax.set_xlabel("mean VADER compound of the mention's sentence (-1 to 1)")
ax.set_title("Tone around each label, as written and label-masked")
plt.show()

# %% [markdown]
# For labels that carry valence of their own the two bars differ, for "terrorist" by far: most of the "negativity around terrorists" was the word itself. For labels VADER does not know ("militant", "insurgent", "opposition"), masking changes little. It works in both directions: a label containing a positive word (the lexicon's "freedom fighters" pattern for the `revolutionary` label) makes sentences look *friendlier* than their wording, and masking removes that too. Comparisons of tone between outlets (notebook 04) use `compound_masked` by default.
#
# ## 6. The sentences behind an average
#
# An average of sentence scores is only as good as the sentences it averages. Here are all the mentions of one label in one outlet's own voice, from most negative to most positive masked tone (as written, masked, sentence). Read them: does the ranking make sense to a human reader? Where is VADER reacting to words such as "killed" in a factual report?

# %%
behind = actor_mentions[
    (actor_mentions["outlet"] == OUTLET)
    & (actor_mentions["label"] == LABEL)
    & (actor_mentions["voice"] == "narration")
].sort_values(["compound_masked", "doc_id", "start"])
behind = mk.mention_sentences(behind, result.sentences)  # a mention points at its sentence; join the text
print(f"{OUTLET}, {LABEL!r} in narration: {len(behind)} mentions, "
      f"mean compound {behind['compound'].mean():.3f}, masked {behind['compound_masked'].mean():.3f}")
print("compound  masked  sentence")
for compound, masked, sentence in behind[["compound", "compound_masked", "sentence"]].itertuples(index=False):
    print(f"{compound:+.3f}  {masked:+.3f}  {sentence}")

# %% [markdown]
# ## Recap
#
# - VADER scores **sentences**: `neg`, `neu`, `pos` and `compound` in [−1, 1]. Document tone is an aggregate of sentence scores; a whole article in one piece saturates.
# - Curly apostrophes and quotes defeat VADER's negation and word matching; mediakit normalises typography for the scorer only.
# - VADER fails predictably on news: sarcasm scores positive, flat casualty reports negative, negated labels flip. It agrees with people only at about **r = 0.5** on news sentences.
# - **Label masking**: `compound` includes the label's own valence; `compound_masked` does not, so the same sentence scores the same whichever label it uses. `label_valence` shows the label's valence separately.
# - Always read the sentences behind an average.
#
# Next: **04 · Comparing outlets** puts intervals on label shares and tone, and says what can and cannot be concluded.
#
# ## Your turn
#
# 1. Write five sentences of your own about a ceasefire, in the style of a wire service, a tabloid and a partisan site, and score them with `mk.score_texts`. Which score would a human reader disagree with?
# 2. Set `LABEL = "rebel"` and `OUTLET = "The Meridian Chronicle"`: how much of the tone around "rebels" is the word itself?
# 3. Add `"militants"` and `"armed groups"` to `SWAP_LABELS` and re-run section 5. Which labels does VADER know?
# 4. Find the Daily Clarion's most positive sentences in `result.sentences`. How many are sarcasm?
