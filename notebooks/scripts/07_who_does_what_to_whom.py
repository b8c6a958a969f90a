# %% [markdown]
# # 07 · Who does what to whom: events, their grammar, and agency across outlets
#
# **The question:** when an outlet reports that people were killed, does it say who killed them, hide the doer in a passive, let them simply "die", or turn the event into a number? And does that depend on whose dead they are?
#
# **Goals.** By the end you can
# - say what an **event trigger** is, and recognise the six **constructions** mediakit tells apart (active, passive with an agent, agentless passive, intransitive, nominal, adjectival) in the sample's own sentences;
# - read the table of `mk.find_events`: trigger, construction and the `rule` that decided it, agent and patient with the **actors** they name, and the voice;
# - see why **headlines** need rules of their own ("Dozens killed", "TROOPS STORM DORVAST");
# - compare outlets with `mk.agency_by_outlet` (the mix of constructions and the **"agent named" share**, with article-bootstrap intervals), and two groups of victims side by side with `mk.agency_gap` ("whose dead are killed by someone, whose simply die"), with their plots;
# - check the rules against **hand-annotated data** and quote the scores honestly, with their limits.
#
# **Audience.** Researchers, journalists and students of media framing who have met label shares and voice (notebooks 02 and 04); no linguistics needed beyond "subject" and "object".
#
# **Time.** About 30 minutes.
#
# **Prerequisites.** Notebooks 02 (lexicons, voice) and 04 (comparisons with intervals); 06 helps for the validation section.

# %% [markdown]
# ## Parameters
#
# `LEXICON` is the label lexicon whose actors name agents and patients (`"marenna"` for the sample). `EVENTS` is the event lexicon (`None`: the bundled `violence`). `PATIENT_ACTOR` is the group whose events section 5 follows, and `PATIENT_ACTORS` the two groups section 6 puts side by side. The sample's lexicon has no actor for civilians, so section 6 adds one, `NEW_ACTOR`, with the words in `NEW_ACTOR_PATTERNS`; set `NEW_ACTOR = None` when your lexicon already lists civilians (the bundled `israel_gaza` lexicon does). `VALIDATION` is the folder of the hand-annotated development set (`None`: the copy in `data/validation/`, which ships with mediakit).

# %% tags=["parameters"]
CORPUS = None                  # None = the bundled sample; else a path for mk.load_corpus
COLUMNS = None                 # someone else's table: {"article_content": "text", "source": "outlet"}
ENCODING = None                # e.g. "latin-1"; None = detected, with a warning
DATE_FORMAT = None             # "dayfirst", "monthfirst" or e.g. "%d %b %Y"; None = inferred per column
LEXICON = "marenna"            # written for the sample; for your own corpus "conflict" (the default) or a .yaml path
EVENTS = None                  # the event lexicon: None = the bundled "violence", or a .yaml path
PATIENT_ACTOR = "armed_opposition"                  # whose events section 5 follows
NEW_ACTOR = "civilians"        # an actor section 6 adds to the lexicon; None to add nothing
NEW_ACTOR_PATTERNS = ["civilian*", "people", "shoppers", "residents", "families", "children"]
PATIENT_ACTORS = ("armed_opposition", "civilians")  # the two groups of section 6
DEATHS = ("kill", "die")       # the event types that count as deaths
VALIDATION = None              # the development set: None = the copy that ships with mediakit, or a folder
N_BOOT = 1000                  # bootstrap replicates behind every interval
SEED = 0                       # the same seed always gives the same intervals
SHOW_ROWS = 6

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import mediakit as mk
from mediakit.agency import plot_agency, plot_agency_gap
from mediakit.events import CONSTRUCTIONS, EVENT_TYPES

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 70)

corpus = mk.load_sample() if CORPUS is None else mk.load_corpus(
    CORPUS, columns=COLUMNS, encoding=ENCODING, date_format=DATE_FORMAT)
display(mk.load_log(corpus))  # what loading skipped, decoded, recognised or inferred (nothing, for the sample)
lexicon = mk.load_lexicon(LEXICON)
events = mk.find_events(corpus, lexicon, events=EVENTS)
print(f"{len(events)} event triggers in {events['doc_id'].nunique()} of {len(corpus)} articles")

# %% [markdown]
# ## 1. Labels are half of framing; agency is the other half
#
# Notebooks 02 to 04 counted the **words** each outlet uses for an actor. This one looks at the **grammar** of what happens to people. Four headlines can report the same car bomb:
#
# - "Dawn Brigades bombers kill 37 in Liss market": someone did it;
# - "37 killed in Liss market blast": it was done, by no one named;
# - "37 shoppers die in Liss market": it happened, with no cause;
# - "Liss market death toll rises to 37": it became a number.
#
# Media scholars count exactly this (who is the grammatical agent of violence, whose dead get a killer and whose simply die), usually by hand. `mk.find_events` does the first pass by rule, and the comparisons below turn it into numbers per outlet with intervals.
#
# An **event trigger** is the word or phrase that names a violent or coercive event: a verb ("killed", "shelled", "detained"), a noun ("massacre", "death toll", "airstrike") or an adjective ("dead", "wounded"). The **event lexicon** lists them by type, with every form of each verb, in a YAML file you can read and extend like a label lexicon:

# %%
event_lexicon = mk.load_event_lexicon(EVENTS)
forms = event_lexicon.to_frame()      # one row per form: event_type, kind, lemma, slot, form
for event_type, description in event_lexicon.descriptions.items():
    print(f"{event_type:<9} {description}")
print()
print(forms.groupby(["event_type", "kind"]).size().unstack(fill_value=0).reindex(list(EVENT_TYPES)))

# %% [markdown]
# ## 2. The six constructions, in the sample's own sentences
#
# Each trigger gets one **construction**, the way the sentence builds the event:
#
# | construction | what the sentence does | example |
# |---|---|---|
# | `active` | names a doer as subject | "Troops **killed** 20 civilians" |
# | `passive_agent` | passive, doer in a "by"-phrase | "were **killed** by regime forces" |
# | `passive_agentless` | passive, no doer (also the headline's "20 **killed**") | "14 terrorists were **killed**" |
# | `intransitive` | a verb that takes no doer at all, or an event noun that just happens | "Three soldiers **lost their lives**", "**die**", "**flee**", "the **shelling** resumed" |
# | `nominal` | the event as a noun | "the **massacre**", "the **death toll**", "an **attack** on" |
# | `adjectival` | the event as a property of people or places | "**wounded** civilians", "among the **dead**" |
#
# How often each occurs in the sample, and in its narration only (the outlet's own voice):

# %%
counts = pd.DataFrame({
    "all voices": events["construction"].value_counts(),
    "narration": events.loc[events["voice"] == "narration", "construction"].value_counts(),
}).reindex(list(CONSTRUCTIONS)).fillna(0).astype(int)
counts

# %% [markdown]
# Two examples of each, as the articles wrote them. The helper below prints the sentence around a row with its trigger marked `[[like this]]`; headline rows (`part == "title"`) index the title, body rows the article text.

# %%
sources = corpus.set_index("doc_id")


def marked(row, width=150):
    """The sentence of an events row, its trigger marked, at most `width` characters around it."""
    source = sources.at[row.doc_id, "title" if row.part == "title" else "text"]
    sentence = (source[row.sentence_start:row.start] + "[[" + source[row.start:row.end] + "]]"
                + source[row.end:row.sentence_end])
    sentence = " ".join(sentence.split())   # line breaks and runs of spaces as one space
    if len(sentence) <= width:
        return sentence
    cut = max(0, min(sentence.index("[[") - width // 3, len(sentence) - width + 6))
    text = sentence[cut:cut + width - 6]
    return ("..." if cut else "") + text + ("..." if cut + width - 6 < len(sentence) else "")


examples = events.groupby("construction", sort=False).head(2)
examples = examples.sort_values("construction", key=lambda c: c.map(list(CONSTRUCTIONS).index), kind="stable")
for row in examples.itertuples():
    print(f"{row.construction:<18} {row.rule:<22} {marked(row)}")

# %% [markdown]
# The sample has **no `passive_agent` at all**: none of its 60 articles writes "killed by ..." or "attacked by ...". That is a fact about these fictional articles, not something to paper over, and it is itself the kind of finding this notebook is about: when the sample's outlets use a passive, they leave the doer out. To see all six side by side, here is one event (the Liss market bombing of the sample's story) told six ways, in sentences **written for this notebook** (they are not in the sample and are not data):

# %%
six_ways = pd.DataFrame({
    "doc_id": [f"example-{k}" for k in range(1, 7)],
    "outlet": "written for this notebook",
    "text": [
        "Dawn Brigades bombers kill 37 in Liss market",
        "37 killed by Dawn Brigades bombers in Liss market",
        "37 killed in Liss market blast",
        "37 shoppers die in Liss market",
        "Liss market death toll rises to 37",
        "Wounded shoppers were taken to the Liss hospital.",
    ],
})
told = mk.find_events(six_ways, lexicon, events=EVENTS)
told.merge(six_ways[["doc_id", "text"]], on="doc_id")[["text", "trigger", "construction", "rule", "agent", "patient"]]

# %% [markdown]
# ## 3. The events table
#
# `mk.find_events(corpus, lexicon)` returns one row per trigger, headline first, then in text order. One row in full:

# %%
kills = events[(events["event_type"] == "kill") & events["agent"].notna()]
one = kills.iloc[0]
print(marked(one))
one.to_frame("value")

# %% [markdown]
# What the columns say:
#
# - `trigger`, `start`, `end`: the words and their offsets (into the title when `part == "title"`, else into the text; `sentence_id` is `-1` for the headline); `lemma` and `form` (`verb`, `intransitive`, `noun`, `adjective`); `event_type`, one of the ten types above.
# - `construction` and **`rule`**: the rule that decided it. Every decision is a named, documented rule (`help(mk.events)` lists them with examples), so a surprising row can be traced rather than guessed at.
# - **`agent`** and **`patient`**: the text of the doer and of what it was done to, with offsets; NA when the sentence gives none. `agent` is filled for actives and passives with a "by"-phrase (and for nominals with a doer: "Israel's bombardment", "attacks by Hamas"); intransitive, adjectival and agentless passive events never have one.
# - **`agent_actor`** and **`patient_actor`**: the actor of the label lexicon named inside that span ("Dawn Brigades terrorists" is `armed_opposition`), NA when none. "Four civilians" has no actor here because the sample's lexicon lists none for civilians (section 7 adds one).
# - `voice` and `speaker`: as for label mentions. An event inside a quotation is the speaker's wording, and the comparisons below count **narration only** by default.
#
# Which rules decided the sample's constructions:

# %%
pd.crosstab(events["rule"], events["construction"]).reindex(columns=list(CONSTRUCTIONS), fill_value=0)

# %% [markdown]
# And the quoted ones: whose words are they?

# %%
quoted = events[events["voice"] != "narration"]
for row in quoted.head(SHOW_ROWS).itertuples():
    print(f"{row.outlet:<22} {str(row.speaker):<16} {row.construction:<18} {marked(row, 100)}")

# %% [markdown]
# ## 4. Headlines: telegraphic grammar
#
# Headlines drop auxiliaries and articles and use the present tense for the past: "Dozens **killed**" is a passive without "were", "Rebels **blow up** key bridge" happened yesterday, and a tabloid's capitals ("TROOPS **STORM** DORVAST") say nothing about which words are names. mediakit reads the `title` column as a sentence of its own, with rules for these forms (`reduced_passive`, `present`, and lower-case rules in an all-capitals headline). The sample's headlines with an event:

# %%
titles = events[events["part"] == "title"]
for row in titles.itertuples():
    agent = "" if pd.isna(row.agent) else f"agent: {row.agent}"
    print(f"{row.construction:<18} {row.rule:<22} {marked(row, 70):<72} {agent}")

# %% [markdown]
# Headlines are short, and lean on nouns ("massacre", "offensive", "bombing"). Compare the shares of each construction in headlines and in bodies (28 headline events: read the direction, not the decimals):

# %%
pd.crosstab(events["part"], events["construction"], normalize="index").reindex(
    columns=list(CONSTRUCTIONS), fill_value=0).round(2)

# %% [markdown]
# In the sample the headlines use the agentless passive *less* than the bodies (one "Dozens killed" against the bodies' many "were killed"), and nouns and intransitives ("flee") more. Studies of real headlines often report the opposite for deaths; the sample's headlines were not written to test it, and 28 events cannot. The point here is the method: `part` lets every comparison below be run on headlines alone (`events[events["part"] == "title"]`), which is where many readers stop.

# %% [markdown]
# ## 5. Agency by outlet: the "agent named" share
#
# `mk.agency_by_outlet(events, patient_actor=...)` gives, for each outlet, the share of events told in each construction, and the share with an **agent named** (an explicit agent phrase, whatever it names; `agent_named="actor"` asks for one that names a lexicon actor). Intervals are percentile bootstraps that resample whole **articles** within each outlet, as for label shares (notebook 04): the events of one article are not independent. Narration only by default.
#
# First every event, whoever it happened to (`patient_actor=None`):

# %%
agency = mk.agency_by_outlet(events, n_boot=N_BOOT, seed=SEED)
named = agency[(agency["measure"] == "agent") & (agency["category"] == "named")]
named[["outlet", "n", "group_events", "share", "lo", "hi", "group_docs"]].round(2)

# %% [markdown]
# `n` events with an agent named out of `group_events`, in `group_docs` articles. The construction mix behind it, one row per outlet:

# %%
mix = agency[agency["measure"] == "construction"].pivot(index="outlet", columns="category", values="share")
mix.reindex(columns=list(CONSTRUCTIONS)).round(2)

# %%
ax = plot_agency(agency)
plt.show()

# %% [markdown]
# Each bar is one outlet's events split by construction, whiskers are the bootstrap intervals, and the share with an agent named is written at the right. On the sample the outlets name a doer for anything from about a tenth (Kessel Voice) to over a third (the Tarvian Dispatch) of their events, and the intervals overlap: with 20 to 40 events per outlet, spread over six to nine articles, the sample cannot rank the outlets. The **nominal** is the largest construction in five outlets of seven (the "offensive", the "attack", the "bombing"), a reminder that a noun hides the doer as well as a passive does; the Aldwick Herald's largest is the agentless passive, the Daily Clarion's the active.
#
# ### One group's events
#
# With `patient_actor=PATIENT_ACTOR` only the events whose patient names that actor are kept, and `event_types=DEATHS` keeps deaths (`kill`, `die`):

# %%
group = mk.agency_by_outlet(events, patient_actor=PATIENT_ACTOR, event_types=DEATHS, n_boot=N_BOOT, seed=SEED)
group_named = group[(group["measure"] == "agent") & (group["category"] == "named")]
group_named[["outlet", "patient_actor", "event_types", "n", "group_events", "share", "lo", "hi"]].round(2)

# %% [markdown]
# This is where the sample runs out. Its narration reports deaths whose patient names the armed opposition **once to three times per outlet**, and the Tarvian Dispatch not at all (its row says `group_events` 0 and has no share: look at `group_events` before any share). A share of 1.00 or 0.00 out of one event, with an "interval" from 0 to 1 or none at all, is not a finding. On a real corpus of a few hundred articles per outlet, the same call gives intervals worth reading.
#
# ## 6. Two groups side by side: whose dead are killed by someone, whose simply die
#
# `mk.agency_gap(events, patient_actors=(a, b))` puts the "agent named" share of two groups' deaths side by side in each outlet, with the difference between them and a bootstrap interval for it (articles resampled once for both groups, since one article may report both).
#
# The sample's lexicon knows two actors, the armed opposition and the state forces. No death in the sample's narration has a patient that names the state's side (the army's losses are "Three soldiers", "Two guards", words that are no label of the lexicon), so we compare the armed opposition's dead with **civilians'**. The lexicon has no actor for civilians; one edit adds it, with the words the sample uses for them (`NEW_ACTOR_PATTERNS`). This changes which actor a patient names, not which events are found:

# %%
if NEW_ACTOR is not None:
    data = lexicon.to_dict()
    data["actors"][NEW_ACTOR] = {
        "description": "People not taking part in the fighting (added by notebook 07).",
        "labels": {NEW_ACTOR: {"description": "Descriptive; people named by status or by who they are.",
                               "patterns": NEW_ACTOR_PATTERNS}},
    }
    lexicon = mk.Lexicon.from_dict(data)
events = mk.find_events(corpus, lexicon, events=EVENTS)
deaths = events[events["event_type"].isin(DEATHS) & (events["voice"] == "narration")]
pd.crosstab(deaths["patient_actor"].fillna("(none)"), deaths["construction"]).reindex(
    columns=list(CONSTRUCTIONS), fill_value=0)

# %% [markdown]
# Per outlet:

# %%
gap = mk.agency_gap(events, patient_actors=PATIENT_ACTORS, event_types=DEATHS, n_boot=N_BOOT, seed=SEED)
gap[["outlet", "patient_actor", "n", "n_agent", "share", "lo", "hi", "difference"]].round(2)

# %%
ax = plot_agency_gap(gap)
plt.show()

# %% [markdown]
# One to three deaths per group and outlet: the dots are there to show what the figure looks like, not to be read. Pooling the outlets (`by=[]`) gives the one comparison the sample can just about carry:

# %%
pooled = mk.agency_gap(events, patient_actors=PATIENT_ACTORS, event_types=DEATHS, by=[], n_boot=N_BOOT, seed=SEED)
pooled[["patient_actor", "n", "n_agent", "share", "lo", "hi", "n_docs", "difference", "difference_lo", "difference_hi"]].round(2)

# %% [markdown]
# Read it as a journalist would have to: in the sample's narration, the armed opposition's dead are told with a killer named more often (3 of 9) than civilians' dead (1 of 15, mostly agentless passives: "Four civilians were killed"), but the interval of the difference **includes zero**, so this corpus cannot tell that pattern from chance. Pooling also mixes seven outlets with different lines into one number, which answers a different question ("in this corpus") from the per-outlet one. Say both things when you report it.
#
# The sentences behind the numbers, which you should always read before reporting a share:

# %%
for actor in PATIENT_ACTORS:
    print(f"--- {actor}")
    for row in deaths[deaths["patient_actor"] == actor].head(SHOW_ROWS).itertuples():
        agent = "(no agent)" if pd.isna(row.agent) else row.agent
        print(f"{row.construction:<18} {agent:<26} {marked(row, 90)}")

# %% [markdown]
# ## 7. How far to trust it: the development set
#
# Rules make mistakes, and a share is only as good as the decisions under it. mediakit's event rules were checked against a **hand-annotated development set** in `data/validation/` (`events.csv`: 597 events coded by two annotators blind to each other and to mediakit, disagreements adjudicated; see `data/validation/README.md` and `CODING.md`). Part of it is **headline-style sentences written by the mediakit team** (`headlines.csv`), which we can run here. Only the `dev` half: the `test` half is kept for the scores a release reports, and its errors are not read.

# %%
if VALIDATION is None:   # data/ beside the package in a checkout, mediakit/data in an installed wheel
    package = Path(mk.__file__).resolve().parent
    validation = next(folder / "validation" for folder in (package / "data", package.parent / "data")
                      if (folder / "validation").is_dir())
else:
    validation = Path(VALIDATION)
items = pd.read_csv(validation / "items.csv")
dev = items.loc[(items["source"] == "headline") & (items["split"] == "dev"), "doc_id"]
headlines = mk.load_corpus(validation / "headlines.csv")
headlines = headlines[headlines["doc_id"].isin(dev)].reset_index(drop=True)
found = mk.find_events(headlines)   # the default lexicon, as benchmarks/accuracy.py runs it
gold = pd.read_csv(validation / "events.csv")
gold = gold[gold["doc_id"].isin(dev)]
print(f"{len(headlines)} dev headlines: {len(gold)} events in the gold, {len(found)} found by mediakit")

# %% [markdown]
# A found event matches a gold event when their spans overlap in the same headline. Then the construction should be the gold's, and the agent should be present exactly when the annotators said the sentence names one (`has_explicit_agent`):

# %%
pairs = gold.merge(found, on="doc_id", suffixes=("_gold", ""))
pairs = pairs[(pairs["start"] < pairs["end_gold"]) & (pairs["start_gold"] < pairs["end"])]
pairs = pairs.drop_duplicates(["doc_id", "start_gold"]).drop_duplicates(["doc_id", "start"])
pairs["construction_ok"] = pairs["construction"] == pairs["construction_gold"]
pairs["agent_ok"] = pairs["agent"].notna() == (pairs["has_explicit_agent"] == "yes")
print(f"triggers: {len(pairs)} of {len(gold)} gold events found; {len(found) - len(pairs)} found events not in the gold")
print(f"construction right: {pairs['construction_ok'].sum()} of {len(pairs)} ({pairs['construction_ok'].mean():.2f})")
print(f"explicit agent right: {pairs['agent_ok'].sum()} of {len(pairs)} ({pairs['agent_ok'].mean():.2f})")
pd.crosstab(pairs["construction_gold"], pairs["construction"], rownames=["gold"], colnames=["mediakit"])

# %% [markdown]
# The misses, in full (these sentences are the team's own, so they can be shown):

# %%
wrong = pairs[~pairs["construction_ok"] | ~pairs["agent_ok"]]
text_of = headlines.set_index("doc_id")["text"]
for row in wrong.itertuples():
    print(f"{text_of[row.doc_id]}\n    [{row.trigger}] gold {row.construction_gold}, agent {row.has_explicit_agent}; "
          f"mediakit {row.construction} ({row.rule}), agent {row.agent if pd.notna(row.agent) else 'none'}")

# %% [markdown]
# This quick match is simpler than the project's scorer. The numbers to quote are those of `python benchmarks/accuracy.py`, which scores every document of the set (FA-KES news articles as well as the team's headlines) with one-to-one matching and Wilson 95% intervals. Run on 2026-12-03 at commit 8ed5a1a (the light-verb, occurrence-verb, clash-side and headline-list rules, then the impact verbs "hit" and "rock", "retake", "repel", "evacuate" and the plural noun before a bare verb, "barrel bombs kill", all read on `dev` errors):
#
# | measure | dev | test | floor (issue 21) |
# |---|---|---|---|
# | event triggers found, F1 (spans overlap) | 0.917 (precision 0.964, recall 0.875) | 0.868 (0.981, 0.778) | 0.80 |
# | construction accuracy on found events | 0.966 (284/294; 0.94-0.98) | 0.941 (191/203; 0.90-0.97) | 0.80 |
# | "is there an explicit agent" accuracy | 0.952 (280/294; 0.92-0.97) | 0.887 (180/203; 0.84-0.92) | 0.85 |
#
# Read them with their limits: the rules were tuned on `dev` errors only, so `test` is the fairer figure, and it is lower for triggers (recall 0.78: more than a fifth of the events the annotators marked are missed) and for agents. Neither half is the held-out set of real headlines and articles the floors refer to. And the set is about the Syrian war and Gaza in English wire style; on your corpus, code a sample of its events yourself (the workflow of notebook 06) before you publish a share.
#
# ## 8. What the rules miss
#
# mediakit finds events with **transparent rules** over words, the event lexicon and the label lexicon's actors; no parser model is downloaded or used. That makes every decision explainable (`rule`), and it sets the limits:
#
# - **English only**, and news English: word lists, verb forms and function words are English.
# - **Negation and modality are not marked**: "were not killed", "could kill" and "vowed to kill" are events like any other (`rule` shows `modal` and `infinitive`: filter them if your question is about what happened).
# - **Part of speech is guessed** from a word's form and neighbours. A verb that looks like a noun after a plural runs into the phrase before it ("Wounded shoppers crowd Liss hospital" makes "shoppers crowd Liss hospital" the patient), "shell" may be the projectile or the verb, a transitive verb without an object reads as a reduced passive ("rebels attacked at dawn"), and a figurative impact verb is an attack ("sanctions hit the economy").
# - **No coreference**: "it", "they" and "the group" are agents as written, with no actor. Actors come from the lexicon's words inside the span only: a victim the lexicon has no word for (the sample's "Two guards") has no `patient_actor`, which is why a group comparison depends on the lexicon as much as on the outlets.
# - **"by"-phrases of time and manner** are set aside from a closed list ("by Monday", "by dawn", "by car"; but "by Dawn Brigades" and "by car bomb" are agents); others are taken as agents. Long subjects with a clause inside give the phrase nearest the verb.
# - **A share is not an intent.** An agentless passive may hide a doer, or the doer may be unknown, or named in the next sentence. The numbers say where to read, and the sentences say what happened.
# - **The data here are fictional.** The sample was written to exercise mediakit's label analyses; it is small and has few deaths per outlet. Nothing in this notebook is a finding about real outlets.
#
# Run the one that fails on your own sentences:

# %%
tricky = pd.DataFrame({"doc_id": ["t1", "t2", "t3"], "outlet": "written for this notebook", "text": [
    "Wounded shoppers crowd Liss hospital",
    "Troops did not kill anyone, the army said.",
    "Rebels attacked at dawn.",
]})
mk.find_events(tricky, lexicon, events=EVENTS)[["doc_id", "trigger", "construction", "rule", "agent", "patient"]]

# %% [markdown]
# ## Recap
#
# - An **event trigger** is a word of the event lexicon ("killed", "massacre", "dead"); `mk.find_events` returns one row per trigger with its **construction** (`active`, `passive_agent`, `passive_agentless`, `intransitive`, `nominal`, `adjectival`) and the **rule** that decided it.
# - `agent` / `patient` are the spans, `agent_actor` / `patient_actor` the lexicon actors they name; a group that the lexicon cannot name cannot be compared, so add it (as section 6 did for civilians).
# - **Headlines** are read as sentences of their own, with rules for reduced passives, the headline present and all-capitals text.
# - `mk.agency_by_outlet` gives each outlet's construction mix and **"agent named" share** with article-bootstrap intervals; `mk.agency_gap` puts two groups' deaths side by side; `plot_agency` and `plot_agency_gap` draw them. Look at `group_events` and `n` before any share.
# - On the sample, the contrast between the armed opposition's dead and civilians' points one way but its interval includes zero: too few events to conclude. Say so when it happens to you.
# - Quote accuracy from `benchmarks/accuracy.py` with its date and commit (dev **and** test), and code your own sample before publishing.
#
# ## Your turn
#
# 1. Set `PATIENT_ACTORS = ("armed_opposition", "state_forces")` and re-run section 6: how many state-forces deaths does the lexicon find as patients, and which words for soldiers would you add to the lexicon to find more?
# 2. In section 5, pass `voice="split"` to `mk.agency_by_outlet`: do quoted speakers name the doer more often than the outlets' narration does?
# 3. Write five headlines of your own about one event, each in a different construction, and run `mk.find_events` on them as section 2 does: which does mediakit get wrong, and which `rule` decided it?
# 4. Run section 7 with `agent_named="actor"` in mind: among the dev headlines' agents, how many name an actor of the default lexicon (`found["agent_actor"].notna()`)?
