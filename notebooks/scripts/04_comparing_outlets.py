# %% [markdown]
# # 04 · Comparing outlets: "terrorists" versus "opposition forces"
#
# **The question:** does one outlet call the armed groups "terrorists" while another calls them "opposition forces", and is the difference larger than the noise from which articles happened to be published?
#
# **Goals.** By the end you can
# - compare **label shares** per outlet with **intervals** from resampling whole articles;
# - say which **voice** a comparison counts (the outlet's narration, the default, or quoted speakers) and what changes when quotes are pooled in;
# - choose the **unit** (every mention, or every article once) and read **rates per 1,000 words**;
# - compare the **tone** around two labels, label-masked, with its caveats;
# - find an outlet whose labelling **changes over time**, and the period where it does;
# - list the **words** that distinguish two outlets and the **contexts** that distinguish two labels;
# - find **syndicated copies** and check whether they move a result;
# - state **what can and cannot be concluded**.
#
# **Audience.** Researchers, journalists, fact-checkers and students who have met the mentions table.
#
# **Time.** About 40 minutes.
#
# **Prerequisites.** Notebooks 01 (the corpus), 02 (labels, voice, the mentions table) and 03 (tone and label masking).

# %% [markdown]
# ## Parameters
#
# Change these to run the notebook on your own corpus or lexicon (`CORPUS` is anything `mk.load_corpus` reads; `LEXICON` names the lexicon: `"marenna"` for the sample; `None` is the generic `"conflict"` whatever the corpus). The two labels and outlets are the pair compared closely; `SHIFT_OUTLET` is the outlet whose labelling we follow over time and `CONTRAST_OUTLET` one that should not change. `N_BOOT` and `SEED` fix the bootstrap, so every number below is reproducible.

# %% tags=["parameters"]
CORPUS = None                              # None = the bundled sample; else a path for mk.load_corpus
COLUMNS = None                 # someone else's table: {"article_content": "text", "source": "outlet"}
ENCODING = None                # e.g. "latin-1"; None = detected, with a warning
DATE_FORMAT = None             # "dayfirst", "monthfirst" or e.g. "%d %b %Y"; None = inferred per column
LEXICON = "marenna"                        # written for the sample; for your own corpus "conflict" (the default) or a .yaml path
ACTOR = "armed_opposition"                 # the actor whose labels we compare
LABEL_A, LABEL_B = "terrorist", "opposition"   # the two labels compared closely
OUTLET_A, OUTLET_B = "The Aldwick Herald", "Kessel Voice"   # two outlets compared closely
SHIFT_OUTLET = "The Meridian Chronicle"    # an outlet whose labels may change over time ...
CONTRAST_OUTLET = "The Defence Review"     # ... and one to contrast it with
FREQ, BASELINE, MIN_MENTIONS = "W", 3, 5   # weekly periods; compare each with the 3 before; need 5 mentions
N_BOOT = 2000                              # bootstrap replicates (resampled articles)
SEED = 0
SHOW_ROWS = 6

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
lexicon = LEXICON
result = mk.analyze(corpus, lexicon)
mentions, documents = result.mentions, result.documents
print(result)
result.summary()


# %%
def with_interval(table, value="share", digits=2):
    """'0.88 [0.71, 1.00]': each row's estimate with its bootstrap interval, as text."""
    fmt = f"{{:.{digits}f}}".format
    return table[value].map(fmt) + " [" + table["lo"].map(fmt) + ", " + table["hi"].map(fmt) + "]"


# %% [markdown]
# ## 1. Label shares per outlet, with intervals
#
# `mk.label_shares` counts, for each outlet, how the mentions of one actor split between its labels. Two choices are built in and printed in the result:
#
# - **voice = "narration"** (the default): only the outlet's own words count, not labels inside quotations of politicians or inside scare quotes;
# - **intervals resample articles**, not words: mentions in one article are not independent (one long piece can repeat a label twenty times), so each bootstrap replicate draws the outlet's articles with replacement and recounts. `lo`–`hi` is the central 95% of the replicates.
#
# `n_docs` is how many articles use the label, `group_docs` how many articles of the outlet mention the actor at all in this voice: a share resting on two articles deserves less weight than one resting on nine.

# %%
shares = mk.label_shares(mentions, actor=ACTOR, n_boot=N_BOOT, seed=SEED)   # voice="narration"
two = shares[shares["label"].isin([LABEL_A, LABEL_B])]
print("voice:", shares["voice"].iloc[0], "| unit:", shares["unit"].iloc[0], "| replicates:", N_BOOT)   # the result says what it counted
two = two.assign(share_95=with_interval(two), articles=two["n_docs"].astype(str) + " of " + two["group_docs"].astype(str))
two.pivot(index="outlet", columns="label", values=["share_95", "articles"])

# %%
palette = mk.plot.label_colors(result.lexicon, actor=ACTOR)   # one colour per label, fixed by the lexicon
ax = mk.plot.label_shares(shares, palette=palette)
plt.show()

# %% [markdown]
# Read the figure bar by bar: each outlet's narration splits into its labels, and the whisker at the right edge of a segment spans that label's interval (each label's whiskers sit at their own height, so they stay apart). `n=` beside the bar is how many mentions it rests on: a full bar built on 3 mentions says much less than one built on 300. The colours come from the lexicon (`mk.plot.label_colors`), not from the labels this corpus happens to use, so a label keeps its colour in every figure of every corpus analysed with the same lexicon. On the sample, one outlet's own voice is almost entirely "terrorist" vocabulary and two others' almost entirely "opposition", while the rest use neither much: the split is between outlets, not within them. Where a whisker is wide, the outlet's articles disagree with each other.

# %% [markdown]
# ## 2. Narration only, or quotes too?
#
# The same counts split by voice show whose word each label is. An outlet can print "terrorists" many times while only ever quoting a minister, or to rebut the word.

# %%
split = mk.label_shares(mentions, actor=ACTOR, voice="split", n_boot=N_BOOT, seed=SEED)
by_voice = split[split["label"].isin([LABEL_A, LABEL_B])]
by_voice.pivot_table(index=["outlet", "label"], columns="voice", values="n", aggfunc="sum", fill_value=0)

# %%
pooled = mk.label_shares(mentions, actor=ACTOR, voice="all", n_boot=N_BOOT, seed=SEED)
change = pd.DataFrame({
    "narration": shares.set_index(["outlet", "label"])["share"],
    "all voices": pooled.set_index(["outlet", "label"])["share"],
})
change["difference"] = change["all voices"] - change["narration"]
change.xs(LABEL_A, level="label").round(2)

# %% [markdown]
# Pooling the voices raises `LABEL_A`'s share most for outlets that quote it without adopting it. Here are those mentions for `OUTLET_B`, with the speaker where the sentence names one: reading them is the only way to tell a quoted accusation from a rebuttal.

# %%
quoted = mentions[(mentions["outlet"] == OUTLET_B) & (mentions["label"] == LABEL_A)
                  & (mentions["voice"] != "narration")]
mk.mention_sentences(quoted, result.sentences)[["voice", "speaker", "match", "sentence"]].head(SHOW_ROWS)

# %% [markdown]
# Narration is not endorsement either. The outlet's own uses of the label can deny it ("they are not terrorists"): a count cannot see negation, a reader can.

# %%
own = mentions[(mentions["outlet"] == OUTLET_B) & (mentions["label"] == LABEL_A)
               & (mentions["voice"] == "narration")]
mk.mention_sentences(own, result.sentences)[["match", "sentence"]].head(SHOW_ROWS)

# %% [markdown]
# ## 3. The unit: mentions or articles?
#
# With `unit="mention"` an article that repeats a label ten times weighs ten times as much as one that uses it once. With `unit="article"` each article counts at most once per label; `n / group_docs` is then the share of the outlet's articles that use the label at all. When the two views disagree, a few articles are driving the mention count.

# %%
per_article = mk.label_shares(mentions, actor=ACTOR, unit="article", n_boot=N_BOOT, seed=SEED)
units = per_article[per_article["label"].isin([LABEL_A, LABEL_B])].merge(
    two[["outlet", "label", "share"]].rename(columns={"share": "share_of_mentions"}), on=["outlet", "label"])
units = units.assign(
    articles_using=units["n"].astype(str) + " of " + units["group_docs"].astype(str),
    share_of_articles=units["n"] / units["group_docs"],
)
units[["outlet", "label", "share_of_mentions", "articles_using", "share_of_articles"]].round(2)

# %% [markdown]
# ## 4. Rates per 1,000 words
#
# Shares answer "of the times this outlet names the armed groups, how often does it say X?". Rates answer "how often does X appear at all?": mentions per 1,000 words of **all** the outlet's articles, including those that never name the actor. An outlet that rarely writes about the groups can have a high share and a low rate.

# %%
rates = mk.label_rates(mentions, documents, actor=ACTOR, n_boot=N_BOOT, seed=SEED)
rates_two = rates[rates["label"].isin([LABEL_A, LABEL_B])]
rates_two.assign(per_1000_95=with_interval(rates_two, "per_1000", digits=1)).pivot(
    index="outlet", columns="label", values="per_1000_95")

# %%
ax = mk.plot.label_rates(rates)
plt.show()

# %% [markdown]
# ## 5. Tone around each label
#
# `mk.tone_by_label` averages, per outlet and label, the VADER score of the sentences the label sits in. It uses **`compound_masked`** by default: the sentence scored with every lexicon term replaced by a neutral word, because "terrorists" alone carries a strong negative valence in VADER's lexicon while "opposition" carries none; unmasked, "tone around terrorists" would mostly measure the word itself.
#
# **Caveat.** VADER agrees with human ratings of news sentences only moderately (about r = 0.5 in Hutto & Gilbert's 2014 evaluation), misses irony and reads reports of deaths as negative tone. Treat differences of a few hundredths as noise, look at the intervals, and read the sentences behind every average (below).

# %%
tone = mk.tone_by_label(mentions, actor=ACTOR, n_boot=N_BOOT, seed=SEED)   # score="compound_masked", narration
tone_two = tone[tone["label"].isin([LABEL_A, LABEL_B])]
tone_two[tone_two["n"] > 0][["outlet", "label", "n", "n_docs", "mean", "lo", "hi"]].round(2)

# %%
ax = mk.plot.tone(tone_two, palette=palette)
plt.show()

# %%
# The label's own valence, the unmasked and the masked score, averaged over the narration mentions.
narrated = mentions[(mentions["voice"] == "narration") & mentions["label"].isin([LABEL_A, LABEL_B])]
narrated.groupby("label")[["label_valence", "compound", "compound_masked"]].mean().round(3)

# %% [markdown]
# The sentences behind one average: `OUTLET_A`'s narrated `LABEL_A` mentions with the lowest and the highest masked scores. In `sentence_masked` every lexicon term (of any actor) is replaced by one neutral word, so what is left is the wording around the labels: a sentence reporting deaths stays negative whoever it names.

# %%
behind = mentions[(mentions["outlet"] == OUTLET_A) & (mentions["label"] == LABEL_A)
                  & (mentions["voice"] == "narration")]
behind = behind.sort_values(["compound_masked", "doc_id", "start"], kind="stable")
ends = mk.mention_sentences(pd.concat([behind.head(3), behind.tail(3)]), result.sentences,
                            masked=True, lexicon=result.lexicon)   # the masked text, made on request
ends[["compound", "compound_masked", "sentence_masked"]].round(3)

# %% [markdown]
# ## 6. Change over time
#
# `mk.label_shares_over_time` computes the label mix per outlet and period, and flags a period when its mix differs from the pooled mix of the `BASELINE` periods before it by a total variation distance of at least 0.2 (`min_distance=`), with at least `MIN_MENTIONS` mentions on both sides and a permutation p-value (articles reshuffled between the period and its baseline) below 0.05. The flag is a screen telling you where to read, not proof of a change of editorial line.

# %%
over = mk.label_shares_over_time(mentions, actor=ACTOR, freq=FREQ, baseline=BASELINE, min_mentions=MIN_MENTIONS,
                                 n_boot=N_BOOT, seed=SEED)
flagged = over[over["change_flag"]].drop_duplicates(["outlet", "period"])
flagged[["outlet", "period", "n_period", "tvd"]].round({"tvd": 2})

# %%
shift = over[over["outlet"] == SHIFT_OUTLET].pivot(index="period", columns="label", values="n")
shift.loc[:, shift.sum() > 0]

# %%
fig, axes = plt.subplots(2, 1, figsize=(9, 7), sharex=True, layout="constrained")
mk.plot.shares_over_time(over, outlet=SHIFT_OUTLET, ax=axes[0], palette=palette)
mk.plot.shares_over_time(over, outlet=CONTRAST_OUTLET, ax=axes[1], palette=palette)
plt.show()

# %% [markdown]
# On the sample, `SHIFT_OUTLET` says "rebels" until the week of the market bombing and "militants" and "extremists" from then on, while `CONTRAST_OUTLET` keeps "insurgents" throughout. Yet no week is flagged: each outlet publishes one or two articles a week, and a permutation test that reshuffles so few articles cannot tell a switch from chance, so a week with a handful of mentions is never enough on its own. `mk.label_change_points`, which tests each outlet's whole series for one switch, does find this one. Each marker is a week with mentions; a dotted line bridges weeks without any (a gap in the data, not a share of 0), and only the labels the outlet used are drawn.

# %% [markdown]
# ## 7. Words that distinguish two outlets
#
# `mk.distinguishing_words` compares the vocabulary two outlets use in their own voice (words inside quotations are left out by default; `voice="all"` counts them too) with the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008). Positive `z` leans to `OUTLET_A`, negative to `OUTLET_B`; the prior shrinks rare words toward zero, so a word used twice by one outlet does not top the list. `|z| ≥ 1.96` is the usual threshold, and with a few thousand words per outlet only strong differences pass it. By default three kinds of words are left out: common function words (`stopwords=True`), the words of the outlets' own names (`exclude_group_names=True`: an outlet naming itself, as Kessel Voice's "voice" does, says nothing about its wording), and page furniture repeated across an outlet's articles, such as a footer or a "Source: ... and agencies" line (`boilerplate=True`; `mk.compare.boilerplate_passages` lists what it removes).

# %%
words = mk.distinguishing_words(corpus, a=OUTLET_A, b=OUTLET_B)
print((words["z"].abs() >= 1.96).sum(), "of", len(words), "words pass |z| >= 1.96")
columns = ["word", "n_a", "n_b", "log_odds", "z"]
pd.concat([words.head(SHOW_ROWS), words.tail(SHOW_ROWS)])[columns].round(2)

# %%
ax = mk.plot.distinguishing_words(words, n=10)
plt.show()

# %% [markdown]
# The prior has a weight, `prior_weight`, counted in words. The default (`prior_weight=1000`) is about half of one outlet's words here: it tames rare words without drowning the comparison, and matters less as outlets grow. `prior_weight=None` gives it the whole corpus's weight (all seven outlets), which is cautious to the point of letting almost nothing through on a corpus this small. A heavier prior lets fewer words through; the words that pass under every setting are the robust ones. Decide the prior before looking at the lists, not after.

# %%
for prior_weight in (500, 1000, 2000, None):   # 1000 is the default; None = the whole corpus
    table = mk.distinguishing_words(corpus, a=OUTLET_A, b=OUTLET_B, prior_weight=prior_weight)
    passing = table.loc[table["z"].abs() >= 1.96, "word"].tolist()
    print(f"prior_weight={prior_weight!s:>5}: {len(passing):2d} word(s) pass:", ", ".join(passing))

# %% [markdown]
# ## 8. Contexts that distinguish two labels
#
# Which words sit near `LABEL_A` but not near `LABEL_B`, whatever the outlet? `mk.distinguishing_contexts` runs the same statistic on the sentences around each label (all voices by default), leaving the labels' own words out so they do not trivially win. Names of officials and verbs of saying on one side are a hint that the label is mostly someone's quoted word.

# %%
contexts = mk.distinguishing_contexts(result.mentions_with_sentences(), label_a=LABEL_A, label_b=LABEL_B, actor=ACTOR)
forms = mentions.loc[(mentions["actor"] == ACTOR) & mentions["label"].isin([LABEL_A, LABEL_B]), "match"]
print("left out: the words of", ", ".join(sorted(forms.str.lower().unique())))
pd.concat([contexts.head(SHOW_ROWS), contexts.tail(SHOW_ROWS)])[columns].round(2)

# %% [markdown]
# ## 9. Syndicated copies
#
# A wire story printed by two outlets is one piece of writing counted twice, and an outlet's "own" labels in it are partly the agency's. `mk.find_duplicates` groups near-identical articles (word 5-gram Jaccard similarity ≥ 0.8) and marks the earliest copy as representative; `mk.duplicate_docs_to_drop` lists the others, ready for `exclude_docs=`.

# %%
duplicates = mk.find_duplicates(corpus)
drop = mk.duplicate_docs_to_drop(duplicates)
print("copies to drop:", drop)
duplicates[duplicates["group_size"] > 1][["doc_id", "outlet", "duplicate_group", "similarity", "is_representative"]].round(2)

# %%
deduplicated = mk.label_shares(mentions, actor=ACTOR, exclude_docs=drop, n_boot=N_BOOT, seed=SEED)
affected = duplicates.loc[duplicates["group_size"] > 1, "outlet"].unique()
side = shares.merge(deduplicated, on=["outlet", "label"], suffixes=("_all", "_dedup"))
side = side[side["outlet"].isin(affected) & ((side["n_all"] > 0) | (side["n_dedup"] > 0))]
side[["outlet", "label", "n_all", "share_all", "n_dedup", "share_dedup", "lo_dedup", "hi_dedup"]].round(2)

# %% [markdown]
# On the sample only the republishing outlet's counts move, by the few mentions the copy holds (and one of its "militants" is the republisher's edit of the agency's "fighters"): the conclusions above survive without it. On a real corpus with heavy wire use, run every comparison both ways and report both.

# %% [markdown]
# ## What can and cannot be concluded
#
# **Can**, with the numbers above:
# - *which words each outlet uses in its own voice* for the same actor, with intervals that allow for which articles happened to be published, and traceable to the sentences behind them;
# - *whether a label is the outlet's or a quoted speaker's*, and how much quoted speech changes a share;
# - *when an outlet's labelling changed*, as a period worth reading closely.
#
# **Cannot**, or not from these numbers alone:
# - **Intent.** A label share is an association between an outlet and a word. It does not say why the outlet chose it (editorial line, house style, wire copy, the sources it can reach).
# - **Sample size.** A handful of articles per outlet gives wide intervals; intervals from resampling articles assume the articles are a fair sample of what the outlet publishes, which a scraped or keyword-searched corpus rarely is.
# - **Lexicon coverage.** Only labels the lexicon lists are counted: a missed spelling or a new euphemism is invisible. Run the lexicon audit (notebook 02) before trusting shares.
# - **Voice rules.** Quotes and speakers come from transparent rules; indirect speech ("the minister said the terrorists...") counts as narration, unusual quoting styles can be misread, and a negated label ("not terrorists") still counts as a use. Read the rows.
# - **Tone.** VADER correlates about r = 0.5 with people on news sentences, misses irony and negation of labels, and scores reported deaths as negative tone. Masked tone differences are hints, not findings.
# - **The data here are fictional.** The bundled sample was written to exercise these analyses; nothing in this notebook is a finding about real outlets.

# %% [markdown]
# ## Recap
#
# - `label_shares` compares label mixes per outlet with article-bootstrap intervals; **narration only** is the default, and `voice="split"` / `"all"` show what quotes add.
# - `unit="article"` and `label_rates` (per 1,000 words) answer different questions from the share of mentions; report the one that matches your question.
# - `tone_by_label` averages **masked** VADER scores; read its caveat and the sentences behind it.
# - `label_shares_over_time` flags periods where an outlet's mix changes (a screen, not a test).
# - `distinguishing_words` (two outlets) and `distinguishing_contexts` (two labels) use Monroe et al.'s log-odds with a prior.
# - `find_duplicates` + `duplicate_docs_to_drop` + `exclude_docs=` keep syndicated copy from counting twice.
#
# Next: **05 · Explore and bring your own** puts these tables behind a widget and runs them on your corpus and lexicon.
#
# ## Your turn
#
# 1. Set `LABEL_B = "rebel"` and `OUTLET_B = SHIFT_OUTLET`: how much of the difference comes from the weeks after the shift? (Hint: filter `mentions` by date before calling `label_shares`.)
# 2. Re-run section 1 with `voice="quote"`: whose words are "terrorists" in outlets that never use it in narration?
# 3. In section 7, pass `stopwords=False, exclude_group_names=False` to see what the default filters take out, or compare `OUTLET_A` with every other outlet (`b=None`): which words remain?
# 4. Set `FREQ = "MS"` (months) and `BASELINE = 1`: which flags survive coarser periods, and which were noise?
