"""Who is speaking at each character: narration, direct quotation, scare quote (issue 3).

Every character of an article is in the outlet's own voice (``narration``) unless it
lies in one of the spans :func:`voice_spans` returns. The rules are deliberately
simple and transparent, each pinned by a test; the module constants hold the knobs.

Paragraphs
    A paragraph is a line, except that a hard-wrapped line continues the one
    before by the same rule as :func:`mediakit.text.split_sentences` (the line
    before has no final ``. ! ? :`` and the next starts with a lowercase letter),
    so a quotation wrapped over lines is one span.

Quotation marks
    Double quotes: straight ``"`` and curly “ ” „ ‟ « ». Curly and guillemet marks say
    whether they open or close (English “…” and «…»; a text using „…“ or »…« is
    read in that convention, and one using ” at both ends reads ” by shape); a straight ``"`` opens when it sits before a word
    after a space (or at a line start) and closes when it sits after a word before
    a space or punctuation; otherwise it closes an open quote or opens a new one.
    Single quotes ‘ ’ (and straight ``'``) are quotation marks only in pairs inside
    one paragraph: an opener is ‘ (or ``'`` after a space) directly before a
    *letter*; a closer is ’ (or ``'``) after a non-space and before a non-letter.
    So apostrophes (``isn’t``, ``rebels’``, ``’90s``, ``the KLF’s``) never open a
    quote, and a lone ’ with no opener is an apostrophe.

Spans include their quotation marks
    A span runs from its opening mark to its closing mark inclusive, so
    ``text[start:end]`` shows the quotation as printed and every word inside it is
    inside the span. A quotation running over paragraphs (English reopens the
    quote at the start of each new paragraph without closing the previous one) is
    one span, from the first opening mark to the final closing mark. The same
    holds inside one paragraph (copy whose paragraph breaks were lost): an opening
    double mark met inside an open double quotation, right after a sentence's
    final ``. ! ? …`` and a space and before a capital letter, reopens that
    quotation (``"... an enormous explosion. "People had fallen ..."``) instead
    of opening a nested one.

Nesting
    Outermost wins: a quote inside a quote (“He said ‘rebels’ twice”) is part of
    the outer span and gets no span of its own; where two candidate spans overlap,
    the one that starts first is kept.

Unbalanced quotes (never an exception)
    A quotation still open at the end of its paragraph, and not reopened at the
    very start of the next paragraph, ends where a reader would end it (CODING.md
    2.2): before the first sentence of that paragraph that opens with a third
    person's attribution (``He said ...``, ``Sabbagh said ...``, ``The council
    said ...``; not ``We said`` or ``When they told us``), or before an inverted
    attribution right after its words whose comma and mark were lost (``"... across
    the bridge said Omar Haddad``), else at the end of that paragraph (trailing
    whitespace excluded); the marks after such an early end are read afresh, so the
    quotations after it are found (one-paragraph copy no longer runs to the end of
    the article). A mark that would reopen a quotation inside its paragraph opens a
    new one when such a sentence comes between (CODING.md Q2). A closing mark with
    no open quotation is ignored. An unpaired single opener is ignored. Scanning is
    linear in the text length.

Quote or scare quote
    A quoted span is a ``scare_quote`` when its content has at most
    :data:`SCARE_QUOTE_MAX_WORDS` (4) words (:func:`mediakit.text.count_words`),
    it lies in one paragraph, and it is not presented as an utterance: not
    attributed by rule 1 below (``“No,” he said``), not inside the clause of a
    verb of saying, calling or describing that rule 2 or the passive rule finds
    before it in its sentence (``the minister called them “terrorists”``, a
    partial quotation: the speaker's words), not introduced by a colon
    (``He said: “No.”``), not ending in ``!`` or ``?`` (``“Never!”``) and not a
    capitalised sentence ending in a full stop (``“Everyone knows.”``). Every
    other quoted span is a ``quote``. The words right after "so-called" are a
    ``scare_quote`` too: a quotation that follows it (``so-called "rebels"``),
    else up to :data:`SO_CALLED_MAX_WORDS` (3) following words, stopping at
    punctuation or a function word, before a later lowercase word ending in "-ed"
    (likely a verb), and after a lowercase plural ending in "-s" (likely the head
    noun): ``so-called moderate rebels attacked`` marks "moderate rebels".
    "so-called" spans get no speaker (the outlet may be the one distancing itself).

Speakers (``speaker``, and how it was found: ``rule``, ``cue``, ``speaker_text``, ``resolved_via``)
    Tried in order; ``rule`` names the rule that fired, ``cue`` the text it
    matched (rule ``after``, cue ``Rouhani said``) and ``speaker_text`` the
    subject it read.

    1. ``after``: right after the closing mark, ``SUBJECT VERB`` (``,” Rouhani
       said``, ``,” EU foreign policy chief Josep Borrell tweeted``, ``,” X told
       reporters``), ``VERB SUBJECT`` with a reporting verb (``,” said the
       minister``, ``,” added X``) or ``according to X``. Only when the quote ends
       with a comma, ``!``, ``?`` or a dash, or the clause is short (the verb is
       followed by the end of the sentence or a comma); never across a full stop
       after the closing mark, and never with a subject starting with a function
       word or auxiliary (``"armed groups", is said to be``). The speaker phrase
       ends with its sentence: at a line break or a final ``. ! ?`` that is not
       an abbreviation's (``Dr.``, ``Col.``, initials ``J.``, ``U.N.``), so
       ``,” said the minister. She left.`` gives ``the minister``; a ``SUBJECT
       VERB`` whose subject would cross such a break is no attribution.
    2. ``before``: in the same sentence before the opening mark, the last
       ``SUBJECT [, apposition,] [adverb/auxiliary] VERB`` (``Rouhani said in a
       statement: “...”``, ``Putin, for his part, said that ... “effective”``,
       ``Its spokesman, Amir Kessaly, has called such reports "..."``), or
       ``according to X``. VERB includes labelling verbs (calls, describes, refers
       to, speaks of, brands) because those attribute the quoted word.
       A quotation opening a paragraph right after one that ends with a colon
       (``The Observatory said in a statement:``) takes that sentence's
       attribution, with the rule ``colon``.
    3. ``dash`` (tried right after rule 1, before rule 2): right after the
       closing mark, a dash and a name with its titles
       up to a comma or the end of the sentence (``"..." \u2013 Commissioner Helena
       Strand, speaking in Geneva.``); an abbreviated title's or an initial's full
       stop is no sentence end (``\u2013 Col. Derek Haskins`` gives ``Derek Haskins``).
    4. ``sentence_end``: for a quote or a scare quote (CODING.md Q5: a quoted
       phrase inside reported speech is the speaker's), the first SUBJECT VERB
       with a verb of saying later in the sentence that ends the quotation, before
       any other quotation mark (``"..." in the village early on Tuesday the
       defence ministry said``); never after a quotation whose words end their
       sentence (``"... brutality." Camp residents told reporters``).
    5. ``continues``: a direct quote with no attribution of its own, in the same
       paragraph as the previous direct quote and at most one sentence break after
       it (that quote's attribution), continues that quote's speaker; never across
       a whole one-paragraph article.
    4b. ``opening_subject`` (after rule 4, for quotes and scare quotes): when the
       sentence ties the quotation to its opening subject by a verb of labelling
       or saying after "and" or by a participle (``The Syrian foreign ministry
       rejected the criticism and blamed "..."``, ``Maria Zakharova took a jab
       at the United States calling on ...``), or the quotation goes on from a
       short subject with its verb (``The Observatory "has documented ..."``):
       that subject.
    5. ``continues``: as below; a partial quotation with a speaker (a scare quote
       named by rules 1 to 3) counts as the previous quotation too.
    6. ``report`` (CODING.md Q3e): a quoted passage that holds its own
       attribution (``"Meanwhile a source on the ground said ..."``) is the
       report of the medium the article credits (``... Sana reported.``,
       ``according to SANA``), the nearest credit after it, else before; the
       article's later unattributed quotations go to the same medium.
    7. ``previous_sentence``: a direct quote that opens a sentence, right after a
       sentence of narration that reports speech, takes its source: a sentence
       ending ``according to X.`` or ``X reports.``, or one opened by its subject
       and a verb of saying (``Haddad said all the dead were from one street.``).

    ``X was quoted by Y as saying`` gives X, ``Y quoted X as saying`` gives X
    (after the quotation or before it), a bracketed acronym in an attribution is
    read past (``the Syrian Observatory for Human Rights (SOHR) said``), and an
    inverted attribution later in the sentence counts for rule 4 (``"..." a
    village south of Jarabulus said Rami Abdel Rahman``, ``said spokesman
    Colonel Chris Garver``).

    Attributions written without commas (copy stripped of its punctuation, as in
    FA-KES: ``"... in the attack" said Observatory director Rami Abdel Rahman
    adding that ...``): a closing mark right after a word counts as a comma when
    the verb is followed by what an attribution has (the end of the sentence, a
    preposition, a time word, a participle, or anything after ``told``) and not
    by a reported clause (``"..." officials said the army had left``). The
    subject may then be a name with its description and no comma, up to sixteen
    words (``"..." Jan Egeland the UN envoy for Syria on humanitarian issues
    said``), and the subject read after an inverted verb stops at a participle
    (``said Dana Ilves adding that``) but keeps ``for``/``of`` inside a body's
    name (``the Syrian Observatory for Human Rights``) and a place after a
    description (``one activist from Talbisseh``); a name in apposition after it
    wins (``said its chief executive, Sir Howard Newby`` gives ``Howard
    Newby``). A name followed by its description without a comma names the
    person (``Rami an Aleppo resident``, ``Sheikh Mohammed Hatem a religious
    leader``), unless a titled name ends the phrase (``Operation Inherent
    Resolve spokesperson Colonel Christopher Garver``). ``went on to`` is an
    auxiliary (``they went on to say`` gives ``they``, then resolved), and
    ``was quoted as saying`` a verb of saying. Where the full stops were lost,
    a capitalised sentence opener (``The``, ``It``, ``He`` ...) ends a subject
    read after the verb (``said Rami Abdel Rahman The displaced people``), a
    second determiner after a common noun starts the subject again (``the
    barrel bomb the AFP photographer said`` gives ``the AFP photographer``), and
    a name with a long description may hold brackets (``Jens Laerke spokesman
    for the UN Office for the Coordination of Humanitarian Affairs (OCHA) told
    Reuters``).

    Subjects: a name right after a preposition is its object, not a subject
    (``operations in the Middle East said``): the subject is then read back to a
    relative pronoun (``US Central Command which oversees ...`` gives ``US
    Central Command``), a participle (``Arab League foreign ministers meeting in
    Cairo``) or a determiner (``the defence ministry in Moscow``, ``A security
    source in Damascus``, with a name at the sentence start before it: ``Manal a
    teacher living in Midan`` gives ``Manal``). Weekdays and months are never
    subjects; a passive (``Casualties are also reported``) or a described
    subject holding a verb
    (``the Syrian Army refuted terrorists claims``) is none. A plural group noun
    after one or two capitalised words is a subject without a determiner
    (``Western diplomats spoke of``, ``State media``). The particle ``der`` (of
    ``van der``) is a word of its own, never the end of ``leader`` or
    ``founder``; an adjective in ``-based``, ``-backed``, ``-led``, ``-allied``,
    ``-aligned``, ``-funded`` or ``-supported`` is no part of a name (``the
    Britain-based Observatory`` gives ``Observatory``, ``the US-backed Syrian
    Democratic Forces`` gives ``Syrian Democratic Forces``).

    Bodies and descriptions: a short form becomes the fuller form written
    before it in the article (within 3,000 characters), ``resolved_via`` showing
    ``"short -> full"``: ``the Observatory`` or ``Observatory`` the fullest
    earlier speaker or speech-verb subject holding that word, else the last
    capitalised name holding it (``Syrian Observatory for Human Rights``); ``the
    source`` the fullest earlier description with that head (``a source in the
    Russian Defense Ministry``); an acronym the name whose initials it spells;
    a description with a role (``the head of the Syrian Observatory``, ``the
    UNICEF director``) the person the text introduced with it (``Rami Abdel
    Rahman head of ...``, ``UNICEF director Anthony Lake``); ``the statement``
    the body the text last said issued one (``X said in a statement``, ``in a
    statement X said``, ``X issued a statement``, ``a statement by X``), else
    the last body that spoke; ``a Syrian government statement`` its issuer
    (``Syrian government``), as ``a statement from X`` and ``a statement issued
    by X`` are X's, while ``the statement carried by state news agency SANA``
    is ``the statement`` (a medium that carries, broadcasts or quotes a statement
    is not its issuer); ``the group``, ``the monitor`` (and ``the
    organisation``, ``the watchdog``) the last body that spoke when no earlier
    form holds the word; ``the agency``, ``the TV network`` the body the text
    wrote with that word (``news agency SANA``, ``Cham TV network``); an acronym
    the name it follows in brackets (``Kurdish Peoples Protection Units
    (YPG)``); ``the devastated man`` (man, woman, father, ...) the person quoted
    just before (within 400 characters).

    SUBJECT is reduced to a name where it ends in one: the last run of capitalised
    words, minus leading titles and a leading possessive (``Interior Minister Dana
    Ilves`` and ``Tarvia’s Dana Ilves`` give ``Dana Ilves``; ``EU foreign policy
    chief Josep Borrell`` gives ``Josep Borrell``); a name in apposition wins over
    a description (``The Tarvian Foreign Minister, Lale Orhun,`` gives ``Lale
    Orhun``). Parliamentary titles count as titles (``Welsh nationalist MP Hywel
    Williams`` gives ``Hywel Williams``; MP, MEP, MSP, MLA), and a nationality
    adjective before a person's name of two words or more is a description
    (``UK based Syrian Rami Abdel Rahman`` gives ``Rami Abdel Rahman``), unless
    ``the`` stands before it (``the Syrian Civil Defence`` is a body's name). A
    run holding an institution noun (office, ministry, department,
    council, agency, army, ...) is an institution and keeps its title words
    (``the Home Office`` gives ``Home Office``, not ``Office``). Where the subject
    has a prepositional phrase after its head (of, from, at, in, for, with, on),
    the head decides: a person's name is the speaker (``Mira Hollis of the charity
    Open Hands`` gives ``Mira Hollis``), an institution keeps its complement
    (``the Ministry of Defence`` gives ``Ministry of Defence``) and a description is
    kept whole (``officials in Aldwick``); titles alone before it (``Secretary of
    State Antony Blinken``, ``U.S. Secretary of State Mike Pompeo``) leave the
    phrase to the name rule. Otherwise the phrase
    is kept as written (``the minister``). The ``before`` rule reads a name with
    its affiliation the same way: ``Mira Hollis of Open Hands said`` and ``Mira
    Hollis of the charity Open Hands, which ..., said`` give ``Mira Hollis``, while
    one capitalised word before it is no name (``Officials from the opposition
    Kessel Liberation Front said`` gives ``Kessel Liberation Front``) and a group
    noun keeps its place (``Officials in Aldwick said`` gives ``Officials in
    Aldwick``). Titles are the words of ``_TITLE_WORDS`` and ``_ROLE_NOUNS``:
    offices (President, Minister, Secretary, Governor, Mayor, Senator, Sen., Rep.,
    Gov., Judge, Justice, Commissioner, Supervisor, County Counsel, Councillor,
    Sheriff ...), ranks (Gen., Brig., Col., Colonel, Capt. ...), honorifics and
    nobility (Mr, Mrs, Ms, Dr, Prof, Sir, Dame, Lord, Lady, Baroness, Baron ...),
    religious titles (Imam, Sheikh, Father, Rabbi, Bishop, Rev. ...) and roles
    (Coach, Striker, Manager, spokesman, director ...): ``said Sir Hugh
    Pemberton``, ``Coach Munir Saadeh said`` and ``said County Counsel Raymond
    Teague`` give the bare names, and a later ``Sir Hugh`` becomes ``Hugh
    Pemberton`` (the one full name starting with that first name).

    Surnames: within one article, a speaker that is one capitalised word, or a
    title and one word (``Orhun``, ``Mr Orhun``, ``Col. Sandor``), becomes the
    full name written earlier in the same article (before the quotation, in
    narration or quotes) when exactly one such full name ends with that word: a
    run of two or more capitalised words, minus leading titles, a possessive, and
    a sentence-initial function word (``Yesterday Dana Ilves`` counts as ``Dana
    Ilves``). With none, or two different ones (``Dana Ilves`` and ``Mara
    Ilves``), the written form is kept. All-capital acronyms are never resolved.
    ``resolved_via`` records the steps: ``"Orhun -> Lale Orhun"``, and for a
    pronoun ``"she -> Orhun -> Lale Orhun"``.

    Pronouns ``he``, ``she``, ``they`` and ``it`` are resolved to the most recent *named*
    speaker before the quote: the speaker the text names for an earlier span (not
    one itself resolved from a pronoun, so resolutions do not chain) or the named
    subject of an earlier speech verb (``Rouhani also said ...``), whichever is
    closer, within the 3,000 characters before the quote. For he and she, a
    person introduced by a title as the subject of a clause in an earlier
    sentence (``the regime’s Interior Minister, Dana Ilves, repeated ...``,
    ``Col. Petr Sandor claimed ...``: a capitalised title, or any title and a
    comma, then a name of two words or more, then a lowercase word that is not
    a preposition or conjunction) wins when mentioned after that speaker, so
    ``The KLF, she said, are “...”`` goes to Dana Ilves, not to the previous
    quote's speaker; this is recency of mention, not gender. Also for he and
    she, a person named in narration in the sentence before the quote's, marked
    as a person by a title or role word (``UNICEF director Anthony Lake``), an
    inverted attribution (``said activist Mustafa Ebdi``) or ``named`` (``a
    witness named Ahmad``), wins when mentioned after the other candidates,
    except in a sentence whose subject is itself ``He`` or ``She``. ``it``
    takes only bodies: an all-capitals acronym, a name starting with ``The``
    or holding an institution or body noun (ministry, observatory, military,
    group, agency, ...), or a subject written with ``the`` (``the Pentagon
    said``) or a body opening the sentence before (``The Syrian government,
    which ..., dismissed the statement.``); ``they`` also takes a group subject
    (``Kessel Valley officials said``); ``he`` and ``she`` also take a person
    described as the subject of a verb of saying (``a source in the Syrian
    militia said``, ``A Tarvian defence analyst told ...``), as the coding guide
    writes descriptions when no one is named. Nearer still, for he
    and she: a person named as the subject that starts the quote's own sentence
    or one of the two sentences before it, in narration, when the text marks the
    name as a person: role words right before it (``Lorry driver Pavel``,
    ``Teacher Hana``, ``Mum-of-three Lena``, ``Interior Minister Dana Ilves``;
    the words before the role noun are capitalised, the first not a pronoun or
    function word) or an age or "who" right after it (``Irena, 45, found``); it
    wins when mentioned after every other candidate. For he and she,
    names that are clearly not persons (starting with "The", one all-capitals
    acronym, or holding an institution noun or a capitalised body noun:
    ``Islamic State``) are skipped; a relative, neighbour, friend, brother,
    colleague, eyewitness ... described as the subject of a verb of saying is a
    person (``a relative told AFP. "..." he said``). No gender or number agreement is attempted.
    The pronoun is kept as written, so a reader sees it was not resolved, exactly
    when none of these candidates exists: no directly named speaker or named
    speech-verb subject within 3,000 characters before, no titled clause subject
    in an earlier sentence, and no person subject in those three sentences (``A
    woman carried ... "...," she said``, ``a defence analyst told ... he said``),
    and no name of two words or more opening the quote's sentence or the one
    before with an active verb after it (the last resort, as such a name may be a
    place's: ``Maria Lopez has lived in the village for 40 years. "...," she
    said``; not after ``has been`` or a participle and ``by``).
    Scare quotes get a speaker only from rules 1 to 4 and ``opening_subject``.

    More constructions of news prose (issue 14, each pinned by a test):
    ``SANA reported citing local residents`` and ``said quoting an official``
    give the source cited (CODING.md Q3d), when it is a name or people (not
    ``citing security concerns``); a place before the subject when the comma is
    lost (``"..." throughout Raqa the statement said``) is read past; a time ends
    a relative clause (``The coalition which began its campaign last September
    said``: the coalition); a bracketed acronym after a subject is read past
    (``the Red Crescent Society (TRCS) has announced``); a name after a plain
    common noun starts the subject (``about the incident Syrian state media
    said``); a body's name before a describing noun is the speaker (``the Tahrir
    al-Sham jihadist alliance``, ``the Observatory for Human Rights monitoring
    group``: group, alliance, monitor, militia, faction, coalition,
    organisation, watchdog, charity; a bracketed acronym before the noun is read
    past: ``The Islamic State (IS) militant group`` gives ``Islamic State``), and
    so is a newspaper's or broadcaster's name of one word before newspaper,
    daily, paper, weekly, magazine, broadcaster, channel or website (``the
    Al-Watan newspaper`` gives ``Al-Watan``; not a nationality: ``the Syrian
    newspaper``); a role and its affiliation end in the
    person (``head of the Observatory for Human Rights Rami Abdel Rahman said``,
    ``The head of UOSSM France Dr Ziad Alissa``); ``another``, ``two``,
    ``three`` and a possessive name open a described subject (``Another source
    inside the camp told``, ``Turkey's president said``), a person's description
    may hold where they are (``in``, ``inside``, ``at``, ``from``, ``near``); a
    described phrase right after a preposition is no subject unless a person or
    body noun stands before the preposition (``one resident of the town told``,
    but not ``Pope Francis in an Easter message condemned``); a participle after
    a comma (``..., calling it``) belongs to the clause's subject; ``condemned``
    and ``denounced`` attribute the quoted word like ``called``. For bodies and
    descriptions: ``the charity`` is the last body that spoke; a body's name in
    quotation marks before its head (``the opposition "Cham" TV network``) is
    read; ``the UN official`` right after a named person's quotation is that
    person; ``his spokesman`` (his, her, its, their and a role) is the person the
    text names with that role, before the quotation or within 1,000 characters
    after it (CODING.md Q3c). ``it`` also takes a body opening the sentence
    before after ``And`` or ``But`` (``And the United Nations has raised``), or
    opening the quotation's own sentence (``The White House condemned what it
    said was "..."``). A participle phrase describing a speaker is part of the
    description (``A doctor receiving the casualties confirmed``, ``said a woman
    living in the camp``), up to a comma, a clause or time word or a second
    determiner, unless it only goes on with the attribution (``speaking on
    condition of anonymity``, ``adding``, ``citing``). Two subjects joined by
    ``and`` before a possessive say the words together: the first one named is
    the speaker (``The opposition in exile and its Western backers called``,
    ``Russia and its allies said``), when it is a short phrase with no verb. A
    person's name opening a sentence with a description in apposition (``Ayman
    Haddad a member of the southern front command claimed``, with or without
    commas) is a person subject for ``he`` and ``she``. A speaker that is one
    word matching no surname becomes the one full name starting with it that the
    text marks as a person's by a title or role word (``Zouhir told`` after
    ``journalist Zouhir al-Shimale``).

    Found on unseen articles (round 6 of the validation set), each pinned by a
    test in ``tests/test_speaker_constructions.py``: a word of saying right after
    a preposition or a determiner is a noun, not the clause's verb (``The Group
    added that the men were shot on charges of "..."``, ``rejected his calls
    for``): rule 2 reads back to the verb before it. ``state media``, ``state
    television``, ``state TV``, ``state radio`` and ``state news agency`` are
    subjects without a determiner (so ``it`` may stand for them). A statement
    named by an acronym the text defines in brackets is the defined body's (``a
    KRS statement said`` after ``the Kessel Relief Society (KRS)``, CODING.md:
    an organisation's fullest name). A described speaker's place keeps the
    common noun after its name (``a resident of the Kessel neighbourhood``:
    neighbourhood, district, quarter, area, camp, village, town, city, province,
    region, suburb, county, estate). Before a describing noun (group, militia,
    ..., ``news agency``) an acronym of three letters or more is the body's name
    and the capitalised or lowercase words before it describe it (``the
    extremist KLF group`` and ``the official KNA news agency`` give ``KLF`` and
    ``KNA``), unless the acronym spells them (``Kessel Liberation Front KLF``);
    a short form resolved to such a phrase (``the terrorist group``) gets the
    name too. ``passive_by`` (tried before rule 2, for quotes and scare quotes): a
    participle of labelling right before the quotation (called, described,
    branded, labelled, designated, dubbed, termed, blacklisted, listed,
    denounced, condemned, criticised, hailed, praised, dismissed, derided,
    decried, accused of; then ``as``, an article and up to two words) and
    ``by`` right after it name the labeller (``blacklisted as a "terrorist
    organization" by Washington``, ``was described as "a disgrace" by Tory
    leader Michael Howard``); the subject of the sentence is the one labelled,
    not the speaker. A ``by`` phrase with no name, role, group or body in it
    (``by the end of the week``) is none. A name opening the sentence, then its
    role without commas (at most four lowercase words ending in a role or title
    noun), then a preposition and the body or place the verb follows, is the
    speaker (``Lale Orhun deputy director at the group says ...``: the group is
    the object of ``at``).

    General constructions of news prose (issue 14, pinned in
    ``tests/test_speaker_constructions.py``): a plural group noun alone opens a
    clause as its subject (``Meanwhile, activists claimed it was a "gas
    attack"``, ``..., and residents said``, ``citing medical sources who
    described``), with up to two lowercase modifiers (``opposition activists``),
    never as an object (after a determiner, preposition, number or verb:
    ``killed two activists``); ``said to be`` is a participle, no attribution.
    Verbs of stance attribute the quoted word like verbs of saying (CODING.md Q5:
    denied, rejected, dismissed, hailed, welcomed, praised, slammed, criticised,
    decried, deplored, expressed, voiced, considers, regards, views, likened,
    threatened, assured; ``The ministry rejected the "baseless" claims``), and
    adverbs of manner stand between a subject and its verb (``strongly denied``).
    ``was quoted as telling`` is ``was quoted as saying``. ``told`` is never
    inverted: ``"...", told AFP a UN official`` names no speaker (the one told is
    none). ``shared``: quotations joined by ``and``, ``or`` or commas with no
    attribution of their own share the one after the last (``The attack was
    "cowardly" and "criminal," the ministry said``). A participle after a comma
    (``..., calling it``) whose subject-verb match has none takes the clause
    before it (``The convoy was hit twice, witnesses told AFP, calling it``), and
    so does a verb after ``and`` (``the Brigade accused ... and said:``) or one
    inside a phrase after a preposition (``said in a statement read on state
    television that``); ``read`` is a verb of saying only right after the closing
    mark, and an auxiliary inside a described subject makes it none (``No one has
    so far claimed``);
    ``opening_subject`` never takes a passive's subject (``The convoy was hit``).
    ``what it called`` (``what he described as``, ``what it said was``) is the
    subject of the clause holding ``what`` (``Washington condemned what it
    called``). Where commas or full stops were lost: an opening preposition with
    its time or place is no part of the subject (``On Monday Ankara said``, ``In
    Damascus Foreign Minister Walid Muallem said``), a capitalised ``The`` inside a
    run starts it (``US blames Damascus The White House condemned``), and a
    capitalised word ending in ``s`` before a role, a body or forces is a
    possessive whose apostrophe was lost (``Syrias foreign ministry``). A
    nationality adjective stays in a body's name (``Syrian Civil Defence``).
    ``previous_paragraph``: a quotation with no attribution of its own that opens
    a paragraph takes the subject of the last sentence of the paragraph before,
    when that sentence ends with a full stop and opens with its subject and a verb
    of saying or introducing (``described``, ``recalled``): ``Dr. Samir Haddad
    ... He described the night the building was hit.`` then ``"We heard the
    jets first ..."`` (a pronoun there is resolved as usual). ``read`` is a verb
    of saying after the closing mark (``"...," the statement read``), and
    ``answered``, ``joked``, ``quipped``, ``retorted``, ``countered`` and ``put
    it`` (``As Ahmad put it:``) are verbs of saying everywhere. More: an
    apposition after the closing mark may be long (``", Fatima Zway, a
    pharmacist who spent the night in her basement with her two sons, told``);
    the antecedent of ``, which`` speaks (``The regime, which refers to all
    rebels as``); ``X was quoted by Y as saying`` before the quotation gives X
    (``Its spokesman, Taras Melnyk, was quoted by local media as saying``); a
    name right after ``quoted by`` or ``cited by`` is the medium, and the one
    quoted is the subject (``A Syrian military source quoted by state news
    agency SANA denied``); a ``the`` after a capitalised word ends a
    prepositional phrase whose comma was lost (``In a post on Facebook the
    council said``); a participle opening a clause may describe a group noun
    (``and striking nurses chanted``); and a clause reported inside another
    (``X told Orontes Daily that the Russian side had demanded "..."``) is the
    reporter's words (CODING.md Q5), unless its verb labels (``X said that the
    regime called them "terrorists"``: the regime's word).

    Found on a written set of newswire-style articles (issue 14), each pinned by a
    test in ``tests/test_speaker_constructions.py``: a name in apposition wins over
    the role before it also with its affiliation after it (``Their lawyer, Janelle
    Ostrowski of the Pacific Property Rights Center, insisted`` gives ``Janelle
    Ostrowski``; a name of two words or more with no title or institution noun,
    then of, from, at, with or for) and in the ``opening_subject`` rule (``Its
    spokesman, Taras Melnyk, was quoted ...``, ``The health secretary, Martin
    Oakes, who announced ..., called the drug "..."``). A lowercase verb of saying
    at the end of a subject is no part of it (``the company said claims were
    "..."`` gives ``the company``), nor are ``now``, ``currently``, ``himself``,
    ``herself``, ``themselves`` and ``too`` (``Khaled Barakat now living in
    Coventry told`` gives ``Khaled Barakat``). A described speaker's participle
    phrase goes on past six words only through ``of``, a determiner or a
    capitalised name (``one man standing outside the ruins of the National
    Hospital``). A described speaker who gives a name in a relative clause is
    that name (``A patient ..., who asked to be identified only as Janet, said``
    gives ``Janet``; also ``... by her first name, X`` and ``who gave his name as
    X``), ``resolved_via`` showing ``"A patient ... -> Janet"``. For ``he`` and
    ``she``, the person named in narration in the sentence before is also marked
    as a person by an age after the name (``Among those aboard was Samira
    Elkhatib, 29, ...``), by standing between commas after a lowercase
    description (``One of the homeowners, Dale Mercado, a retired teacher``), by a
    possessive before a name of two words or more that a verb follows
    (``Ethiopia's Selam Gebremariam defended``) and by a role without an article
    (``Abdul Karim Sheikho head of the council's demining committee``). A ``he``
    or ``she`` resolved for the previous quotation goes on to the next quotation
    with the same pronoun when no candidate was mentioned after that quotation
    (``"...," she said by telephone. "...," she added.``), within 3,000
    characters of where the person was named. A name after "through", "towards",
    "behind", "beyond" or "beside" is that preposition's object, no subject
    (``who is steering the bill through the Lords, said``), and a person opening
    the sentence with ``, the`` and a role after the name (``Lord Anand Mehta, the
    former Labour solicitor general who ...``) is a person subject for ``he`` and
    ``she``. ``Local people`` (people, men, women, children, youths, families after
    a capitalised word) is a subject whole, not ``Local``. A name in brackets or a
    long apposition between commas (up to 90 characters) after a name is read past
    (``Mazen al-Shammari (a former adviser to the electoral commission) said``,
    ``Fatima Zway, a pharmacist who spent the night in her basement with her two
    sons, told``); ``joked``, ``quipped`` and ``boasted`` are verbs of saying;
    ``Fr.``, ``Cllr`` and ``Msgr`` are abbreviated titles. ``the 24-year-old``, a
    demonym (``the Kenyan``, ``the Briton``) and ``the veteran``, ``the star``,
    ``the champion``, ``the player`` are, like ``the devastated man``, the person
    quoted just before (within 400 characters).

    Found on unseen news (issue 14), each pinned by a test in
    ``tests/test_speaker_constructions.py``: a capitalised run joined by ``and``
    (or ``&``) to a run holding an institution noun is one body's name, with
    ``of``/``for`` and a head holding an institution noun before it (``Telford
    and Wrekin Council said``, ``said Telford and Wrekin Council``, ``the
    International Federation of Red Cross and Red Crescent Societies (IFRC)``),
    unless the first run is a body of its own (``the Home Office and Wrekin
    Council``) or a described group follows (``said Ilves and Foreign Ministry
    officials``). A subject of two words, a place and a medium (an acronym, or a
    wire's name: Reuters, Xinhua, ...), is a dateline whose comma or brackets were
    lost: the medium speaks (``Damascus SANA said`` gives ``SANA``, ``BEIRUT
    Reuters`` gives ``Reuters``); a nationality, title, institution or body-name
    word before the acronym is no place (``Kurdish YPG``, ``Observatory SOHR``).
    ``he`` and ``she`` never stand for a name holding a word of an armed group's
    name (``_ARMED_GROUP_WORDS``: ``Nusra``, ``Jabhat``, ``Jaish``, ``Ahrar``,
    ``Hezbollah``, ``Hamas``, ``Taliban`` ..., also inside ``al-Nusra``), and
    ``it`` may (``it`` still never stands for a person's name). ``the company``
    (``the group``, ``the insurer``, ``the ministry``: a body noun, up to three
    words) is the body the text last described with that noun in an apposition
    (``Albion & Mercer, the FTSE 100 insurer,``, ``Northwind, a Danish shipping
    company,``; for ``company`` and ``firm`` a kind of company counts: insurer,
    airline, bank, ...), before the other short-form rules; a name may hold
    ``&``, ``and``, ``of`` or ``for``.

    Constructions of news prose (issue 14, pinned in
    ``tests/test_speaker_constructions.py``): cries and chants are speech (CODING.md
    Q4): ``shouting``, ``chanting``, ``screaming``, ``yelling``, ``crying`` attribute
    like verbs of saying, and a recording's auxiliaries stand between a subject and
    its verb (``a man can be heard shouting "..."``, ``X was heard to say``), so a
    short cry is a quote of its subject, not a scare quote; a plural noun opening
    its clause may be described by where they are (``women at the camp gate could
    be heard chanting``). A number's thousands comma stays inside an apposition
    (``Ola Berg, whose shop lost \u00a312,500 in the flood, wrote:``), and a verb
    with no subject before it (``, wrote:``) is no opening subject. A relative
    clause whose commas were lost describes the name before it, and its object is
    no speaker (``Mr Tom Lee who chairs the board told`` gives ``Tom Lee``,
    ``Kessel Capital which owns a stake said`` gives ``Kessel Capital``; after a
    preposition the subject is the one before it: ``Ada Roy a banker at Kessel
    Capital which owns a stake said`` gives ``Ada Roy``); a description keeps its
    clause (``one witness a driver who escaped on foot``). A quotation opening a
    paragraph after one ending with a colon takes the subject of that clause also
    without a verb of saying (``Baroness Ada Hale, who chairs a committee, was
    blunter:``, rule ``colon``). A medium that relays the words is not their
    speaker: a participle after the agent of ``shared by``, ``carried by``,
    ``posted by`` ... belongs to the clause's subject (``The Kessel Front claimed
    the raid in a message shared by the Lantern Monitoring Group calling it "..."``
    gives ``Kessel Front``). An adjective of ownership or affiliation is no part of
    a body's name (``-run``, ``-owned``, ``-controlled``, ``-affiliated``,
    ``-linked``, ``-sponsored``, as ``-based`` and ``-backed``): ``the rebel-run
    Orbis news agency`` gives ``Orbis news agency``. ``opening_subject`` reads past
    an opening place or time before its comma and takes the last name in a chain of
    appositions (``In Tarn, the capital, the council's spokesman, Col. Ivo Marek,
    read a statement ... saying``). ``previous_sentence`` also reads a long subject
    that does not open the sentence, at its first verb of saying that has a
    subject (``Kessel Teachers Union Local 12 president Ada Roy said ...``), the
    name a described speaker gave (``A nurse ... who asked to be identified only as
    Mona said ...``, also for rule 2) and an inverted attribution ending the
    sentence after a comma (``..., said Omar Tall a farmer in the village.``). A
    verb of saying joined by ``and`` with no subject of its own shares the subject
    of the clause before it (``Ivo Marek, said the convoy was hit because its
    drivers had orders ..., and warned that attacks would go on "..."`` gives ``Ivo
    Marek``, not ``its drivers``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from ._docstrings import share_docs
from ._validation import check_table
from .text import (
    _LINE_BREAKS,
    _SOFT_BREAKS,
    _TOKEN_RE,
    _continues,
    _doc_text,
    count_words,
    normalize_typography,
)

__all__ = [
    "QUOTE_COLUMNS",
    "SCARE_QUOTE_MAX_WORDS",
    "SO_CALLED_MAX_WORDS",
    "VOICES",
    "VoiceSpan",
    "find_quotes",
    "voice_at",
    "voice_spans",
]

#: A quoted phrase of at most this many words, not presented as an utterance, is a
#: scare quote.
SCARE_QUOTE_MAX_WORDS = 4
#: At most this many words after "so-called" are marked as a scare quote.
SO_CALLED_MAX_WORDS = 3
VOICES: tuple[str, ...] = ("narration", "quote", "scare_quote")
QUOTE_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "quote_id",
    "start",
    "end",
    "voice",
    "speaker",
    "text",
    "rule",
    "cue",
    "speaker_text",
    "resolved_via",
)


@dataclass(frozen=True, slots=True)
class VoiceSpan:
    """A stretch ``text[start:end]`` not in the outlet's own voice.

    Attributes
    ----------
    start, end : int
        Offsets into the article text, quotation marks included.
    voice : str
        ``"quote"`` or ``"scare_quote"``.
    speaker : str or None
        Who is quoted, when the text says so, resolved to the fullest form the
        article gives (``"Lale Orhun"``).
    rule : str or None
        The rule that named the speaker (``after``, ``shared``, ``before``, ``colon``,
        ``dash``, ``passive_by``, ``sentence_end``, ``opening_subject``,
        ``continues``, ``report``, ``previous_sentence``, ``previous_paragraph``; see the module
        docstring), or
        ``"so-called"`` for a term marked by "so-called"; None when no rule fired.
    cue : str or None
        The words of the text the rule matched, as written (``"Orhun said"``,
        ``"said the minister"``); None for ``continues`` and ``so-called``.
    speaker_text : str or None
        The subject phrase the rule read as the speaker, as written (``"she"``,
        ``"Interior Minister Dana Ilves"``).
    resolved_via : str or None
        How the written speaker became ``speaker``: the chain of steps
        (``"she -> Orhun -> Lale Orhun"``, ``"the minister -> Dana Ilves"``), the
        quotation it continues (``"quote at 948"``) or ``"same report"``; None
        when the speaker is the name as written.
    """

    start: int
    end: int
    voice: str
    speaker: str | None = None
    rule: str | None = None
    cue: str | None = None
    speaker_text: str | None = None
    resolved_via: str | None = None


class _Attribution(NamedTuple):
    """What the speaker rules found for one quotation: the fields of
    :class:`VoiceSpan` after ``voice``, in its order."""

    speaker: str | None = None
    rule: str | None = None
    cue: str | None = None
    speaker_text: str | None = None
    resolved_via: str | None = None


_UNATTRIBUTED = _Attribution()


# --- quotation marks ---------------------------------------------------------------

_DOUBLE_OPENERS = frozenset("\u201c\u201e\u201f\u00ab")
_DOUBLE_CLOSERS = frozenset("\u201d\u00bb")
_DOUBLE_MARKS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb'
_SINGLE_OPENERS = frozenset("\u2018\u201a\u201b\u2039")
_SINGLE_CLOSERS = frozenset("\u2019\u203a")
_SINGLE_MARKS = "'\u2018\u2019\u201a\u201b\u2039\u203a"
# A paragraph is a line with some non-space text; matches start at its first
# non-space character, so "mark at the start of a paragraph" is a position test.
_PARAGRAPH_RE = re.compile(rf"\S[^{_LINE_BREAKS}]*")
# Characters after which a straight quote mark is in opening position.
_OPEN_CONTEXT = frozenset("([{\u2014\u2013-/\u2018\u201c\"'")
_CLOSING_PUNCT = frozenset(",.;:!?)]}\u2014\u2013-\u2026")


def _char_positions(text: str, chars: str) -> list[int]:
    """Every offset of any of ``chars`` in ``text``, ascending: the starts of
    ``re.finditer(f"[{chars}]", text)``, found with str.find, which skips through
    the text much faster than the regex engine tests a character class."""
    found: list[int] = []
    for ch in chars:
        i = text.find(ch)
        while i >= 0:
            found.append(i)
            i = text.find(ch, i + 1)
    found.sort()
    return found


class _Paragraphs:
    """Paragraph starts/ends of one text, for position -> paragraph lookups."""

    __slots__ = ("ends", "starts")

    def __init__(self, text: str) -> None:
        starts: list[int] = []
        ends: list[int] = []
        self.starts = starts
        self.ends = ends
        line_end = 0
        previous = ""
        # The lines of _PARAGRAPH_RE.finditer(text), found faster: str.splitlines
        # breaks at exactly the characters of _LINE_BREAKS (with "\r\n" one break),
        # and a match is a line from its first non-space character to its break.
        pos = 0
        for raw in text.splitlines(True):
            pos += len(raw)
            stripped = raw.lstrip()
            if not stripped:
                continue  # a blank line: no match
            line = stripped.rstrip(_LINE_BREAKS)  # the match
            start = pos - len(stripped)
            first = line[:1]
            if (
                ends
                and (first.islower() or first == "(")
                and text[line_end:start] in _SOFT_BREAKS
                and _continues(normalize_typography(previous), line)
            ):
                # A hard-wrapped line continues the paragraph (as in split_sentences).
                ends[-1] = start + len(line.rstrip())
            else:
                starts.append(start)
                ends.append(start + len(line.rstrip()))
            line_end = start + len(line)
            previous = line

    def index(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1


def _straight_shape(text: str, i: int) -> str:
    """'open', 'close' or 'either' for a straight quote mark at ``text[i]``."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    left_open = before.isspace() or before in _OPEN_CONTEXT
    right_word = not after.isspace() and after not in _CLOSING_PUNCT
    if left_open and right_word:
        return "open"
    if not left_open and not right_word:
        return "close"
    return "either"


def _double_conventions(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """Which double marks open and which close in this text.

    English “…” by default. „…“ (German and Central European) makes “ a closer;
    »…« (German) swaps the guillemets; a text using ” for both ends (no “ at all)
    has its ” read by shape, like a straight quote.
    """
    openers = set(_DOUBLE_OPENERS)
    closers = set(_DOUBLE_CLOSERS)
    if "\u201e" in text:
        openers.discard("\u201c")
        closers.add("\u201c")
    elif "\u201c" not in text and "\u201d" in text:
        closers.discard("\u201d")
    first_open = text.find("\u00ab")
    first_close = text.find("\u00bb")
    if first_close >= 0 and (first_open < 0 or first_close < first_open):
        openers.discard("\u00ab")
        closers.discard("\u00bb")
        openers.add("\u00bb")
        closers.add("\u00ab")
    return frozenset(openers), frozenset(closers)


def _reopens(text: str, i: int) -> bool:
    """Whether an opening double mark at ``text[i]``, met inside an open quotation,
    reopens it: it starts a sentence (a capital letter after it) right after the end
    of one (``. ! ? …`` and a space before it). A quotation nested in another one
    sits inside a sentence (``calling them "rebels" on television``)."""
    if i + 1 >= len(text) or not text[i + 1].isupper():
        return False
    k = i - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < i - 1 and k >= 0 and text[k] in ".!?\u2026"


def _double_quote_spans(text: str, paras: _Paragraphs) -> list[tuple[int, int, bool]]:
    """(start, end, multi_paragraph) of double-quoted stretches, outermost only.

    A quotation left open ends at its paragraph's end, or earlier where a reader
    would end it (:func:`_narration_cut`); the marks after that point are then read
    afresh. A mark that would reopen a quotation inside its paragraph opens a new
    one when an attribution or a narrating sentence comes between.
    """
    spans: list[tuple[int, int, bool]] = []
    open_start = -1  # start of the open quotation, -1 when none
    open_para = -1  # paragraph where the open quotation was last (re)opened
    first_para = -1
    seg_start = -1  # where the open quotation was last (re)opened
    depth = 0
    early_ends = _MAX_EARLY_ENDS
    openers, closers = _double_conventions(text)
    positions = _char_positions(text, _DOUBLE_MARKS)
    n = len(positions)
    k = 0
    while k < n or depth:
        if k < n:
            i = positions[k]
            ch = text[i]
            if ch in openers:
                kind = "open"
            elif ch in closers:
                kind = "close"
            else:
                kind = _straight_shape(text, i)
            p = paras.index(i)
        else:
            i, kind, p = len(text), "end", -2  # past the last mark: the open quotation ends
        if depth and p != open_para:
            if kind not in ("close", "end") and p == open_para + 1 and i == paras.starts[p]:
                # English convention: a quotation running on reopens at the start of
                # each paragraph without closing the previous one.
                open_para = p
                seg_start = i
                depth = 1
                k += 1
                continue
            # Unclosed: the quotation ends with its paragraph, or where a reader
            # would end it; the marks after that are read again.
            para_end = paras.ends[open_para]
            cut = _narration_cut(text, seg_start + 1, para_end) if early_ends else None
            depth = 0
            if cut is not None:
                early_ends -= 1
                spans.append((open_start, cut, open_para != first_para))
                k = bisect_right(positions, cut - 1)
                continue
            spans.append((open_start, para_end, open_para != first_para))
            if kind == "end":
                break
        if depth == 0:
            if kind == "close":
                k += 1
                continue  # stray closing mark: ignored
            open_start, open_para, first_para, seg_start, depth = i, p, p, i, 1
        elif kind == "open":
            if depth == 1 and _reopens(text, i):
                # '"... an enormous explosion. "People had fallen ..."': a quotation
                # reopened after a full stop inside one paragraph (its paragraph
                # break lost) goes on; it is no nested quote waiting to be closed.
                # With an attribution or a narrating sentence in between
                # ('"... one building. Sabbagh said ... "Our forces ..."'), the first
                # quotation ended there and the mark opens a new one (CODING.md Q2).
                cut = _narration_cut(text, seg_start + 1, i) if early_ends else None
                if cut is not None:
                    early_ends -= 1
                    spans.append((open_start, cut, open_para != first_para))
                    open_start, open_para, first_para = i, p, p
                seg_start = i
                k += 1
                continue
            depth += 1  # nested quote: part of the outer one
        else:
            depth -= 1
            if depth == 0:
                spans.append((open_start, i + 1, open_para != first_para))
        k += 1
    return spans


def _single_quote_spans(text: str, paras: _Paragraphs) -> list[tuple[int, int, bool]]:
    """(start, end, False) of single-quoted stretches paired within a paragraph."""
    spans: list[tuple[int, int, bool]] = []
    pending = -1
    pending_para = -1
    n = len(text)
    for i in _char_positions(text, _SINGLE_MARKS):
        ch = text[i]
        after = text[i + 1] if i + 1 < n else " "
        before = text[i - 1] if i > 0 else " "
        is_opener = after.isalpha() and (
            ch in _SINGLE_OPENERS
            or (ch == "'" and (before.isspace() or before in _OPEN_CONTEXT))
        )
        is_closer = (
            (ch in _SINGLE_CLOSERS or ch == "'")
            and not before.isspace()
            and not after.isalnum()
        )
        if is_opener:
            p = paras.index(i)
            if pending < 0 or pending_para != p:
                pending, pending_para = i, p
        elif is_closer and pending >= 0:
            if paras.index(i) == pending_para:
                spans.append((pending, i + 1, False))
            pending = -1
    return spans


# --- speakers ----------------------------------------------------------------------

_UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
# Abbreviated titles that keep their full stop inside a name ("Col. Petr Sandor").
_TITLE_ABBREVIATIONS = (
    "Dr|Mr|Mrs|Ms|Mx|Col|Gen|Lt|Sgt|Cpl|Capt|Maj|Adm|Cmdr|Brig|Prof|Sen|Rep|Gov|"
    "Pres|Amb|Rev|St|Jr|Sr|Hon|Supt|Insp|Det|Fr|Cllr|Msgr"
)
# One word of a name: a particle ("al-Assad", "von der Leyen"), then an abbreviated title, dotted
# initials ("J.", "U.N.") or a capitalised word. A word's own full stop otherwise
# ends the name, so "in Liss. Sandor said" does not make "Liss. Sandor".
#
# Possessive quantifiers (``*+``, ``++``) in this and the patterns below only skip
# backtracking that cannot succeed: wherever a word pattern is used, what may follow
# it starts with a space, a tab or a comma (or nothing: the end of the pattern),
# none of which the word's own character class takes, so giving back characters
# of the word never lets the rest match. The matches are exactly those of the plain
# quantifiers (tests/test_fast_paths.py compares them); only failing attempts are
# cheaper.
_NAME_WORD = (
    r"(?:(?<![\w\u2019'\-\u2010])(?:al|el|ad|as|bin|ibn|abu|de|del|der|van|von|da|di|du|le|la|bint)[-\u2010 ]"
    r"(?:(?:der|den|de|la|le)[ ])?)?"
    rf"(?:(?:{_TITLE_ABBREVIATIONS})\.|(?:[{_UPPER}]\.)+|[{_UPPER}][\w\u2019'\-\u2010]*+)"
)
_NAME_RUN = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*"
_NAME_RUN_RE = re.compile(_NAME_RUN)

def _word_trie(alternatives: str) -> str:
    """A regex for the words of the alternation ``alternatives`` ("said|says|say|
    ..."), factored by common prefixes ("s(?:a(?:id|y(?:s)?)...)"): the regex
    engine then tries a few first letters instead of every word in turn.

    It matches the same strings. Where it is used every word is followed by a word
    boundary or a space, so at one position at most one word can match with what
    follows, and the order of the alternatives never matters. A word may hold a
    character class (``quoted[ \t]+as[ \t]+saying``), kept as one unit.
    """
    trie: dict[str, dict] = {}
    for word in dict.fromkeys(alternatives.split("|")):
        node = trie
        for unit in re.findall(r"\[[^\]]*\]\+?|\\.|.", word):
            node = node.setdefault(unit if unit.startswith(("[", "\\")) else re.escape(unit), {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        parts = [unit + build(node[unit]) for unit in node if unit]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


_AFTER_VERBS = (
    "said|says|say|told|tells|added|adds|tweeted|tweets|wrote|writes|posted|posts|"
    "stated|states|noted|notes|declared|declares|announced|announces|warned|warns|"
    "insisted|insists|explained|explains|argued|argues|claimed|claims|asked|asks|"
    "replied|replies|continued|continues|stressed|stresses|urged|urges|"
    "acknowledged|acknowledges|conceded|concedes|confirmed|confirms|commented|"
    "remarked|recalled|emphasised|emphasized|emphasises|emphasizes|responded|"
    "responds|reported|reports|maintained|maintains|suggested|suggests|"
    "charged|charges|alleged|alleges|admitted|admits|vowed|vows|"
    "asserted|asserts|affirmed|affirms|revealed|reveals|indicated|indicates|"
    "underlined|underlines|highlighted|highlights|clarified|mentioned|pledged|pledges|"
    "reiterated|reiterates|concluded|disclosed|predicted|cautioned|lamented|"
    "complained|demanded|promised|chanted|shouted|cried|observed|answered|answers|"
    "joked|jokes|quipped|quips|boasted|boasts|retorted|countered|protested|pleaded|put[ \t]+it|"
    "quoted[ \t]+as[ \t]+saying|quoted[ \t]+as[ \t]+telling"
)
_AFTER_VERB_SET = frozenset(v for v in _AFTER_VERBS.split("|") if "[" not in v) | {
    "quoted as saying", "quoted as telling", "put it"}
#: Verbs of saying right after a closing mark: "read" only there ('"...," the
#: statement read'; "a statement read on state television" is a participle).
_AFTER_MARK_VERBS = _AFTER_VERBS + "|read|reads"
# Verbs that may come first in an inverted attribution: '," said the minister'.
# Never "told": '"...", told AFP a UN official' names the one told, not the speaker.
_INVERTED_VERBS = (
    "said|says|added|adds|asked|asks|continued|explained|wrote|replied|insisted|"
    "declared|noted|recalled|tweeted|stressed|warned|argued|recalls|notes|adds|"
    "reported|stated|confirmed|announced|asserted"
)
_BEFORE_VERBS = _AFTER_VERBS + (
    "|called|calls|calling|described|describes|termed|terms|dubbed|refers|referred|"
    "speaks|spoke|speaking|"
    "labels|labelled|labeled|brands|branded|blamed|blames|accused|accuses|"
    "condemned|condemns|denounced|denounces|"
    # verbs of stance whose object a quoted word qualifies ("rejected the "baseless"
    # claims", "regards the YPG as a "terrorist group"": CODING.md Q5)
    "denied|denies|rejected|rejects|dismissed|dismisses|hailed|hails|welcomed|welcomes|"
    "praised|praises|lauded|slammed|slams|criticised|criticized|criticises|criticizes|"
    "decried|decries|deplored|deplores|expressed|expresses|voiced|voices|"
    "considers|regards|views|characterised|characterized|"
    "likened|likens|threatened|threatens|assured|assures|vowing|pledging|promising|"
    # cries and chants (CODING.md Q4): "a man can be heard shouting "...""
    "shouting|chanting|screaming|yelling|crying|shouts|chants|screams|screamed|yelled|yells"
)
# Adverbs and auxiliaries allowed between a subject and its verb ("has called").
_ADVERB_WORDS = (
    "also|later|then|again|earlier|initially|previously|reportedly|once|still|repeatedly|"
    "strongly|firmly|flatly|categorically|vehemently|sharply|publicly|immediately|swiftly|"
    "has|have|had|was|were|is|are|will|would|went[ \t]+on[ \t]+to|"
    # a recording's speaker: "a man can be heard shouting", "she was heard to say"
    "can[ \t]+be[ \t]+heard|could[ \t]+be[ \t]+heard|is[ \t]+heard|are[ \t]+heard|"
    "was[ \t]+heard[ \t]+to|were[ \t]+heard[ \t]+to|was[ \t]+heard|were[ \t]+heard"
)
_ADVERBS = rf"(?:{_word_trie(_ADVERB_WORDS)}[ \t]+){{0,2}}"
_SUBJECT_WORD = r"\w[\w\u2019'.\-\u2010]*+"
# An apposition between commas ("Fatima Zway, a pharmacist who spent the night in
# her basement with her two sons, told") or brackets ("Mazen al-Shammari (a former
# adviser to the electoral commission) said").
_PARENTHETICAL = (
    # (a number's thousands comma, "whose mother lost \u00a338,000,", stays inside)
    r"(?:[ \t]*,(?P<paren>(?:[^,;:!?\"\u201c\u201d\n]|(?<=\d),(?=\d{3}(?!\d))){1,90}),"
    r"|[ \t]+\((?P<bracket>[^()\[\];:!?\"\u201c\u201d\n]{3,90})\))?"
)

# After the closing mark: SUBJECT VERB ... (", Rouhani said in ...")
_AFTER_SUBJECT_VERB_RE = re.compile(
    rf"[ \t]*[,;:\u2014\u2013-]?[ \t]*(?P<subj>{_SUBJECT_WORD}(?:[ \t]+{_SUBJECT_WORD}){{0,7}}?)"
    rf"{_PARENTHETICAL}[ \t]+{_ADVERBS}(?P<verb>{_word_trie(_AFTER_MARK_VERBS)})\b(?P<rest>[ \t]*[.,;:!?]|[ \t]*$)?"
)
# After the closing mark: a name, its description without commas, then the verb
# ('"..." Jan Egeland the UN envoy for Syria on humanitarian issues said').
_LONG_SUBJECT_WORD = r"[\w(\[][\w\u2019'.\-\u2010()\[\]]*+"
_AFTER_LONG_SUBJECT_RE = re.compile(
    rf"[ \t]*[,;:\u2014\u2013-]?[ \t]*(?P<subj>{_LONG_SUBJECT_WORD}(?:[ \t]+{_LONG_SUBJECT_WORD}){{4,17}}?)"
    rf"[ \t]+{_ADVERBS}(?P<verb>{_word_trie(_AFTER_VERBS)})\b"
)
# '"..." a village south of Jarabulus said Rami Abdel Rahman': an inverted
# attribution later in the sentence, with a capitalised subject.
_INVERTED_IN_SENTENCE_RE = re.compile(
    rf"\b(?P<verb>{_INVERTED_VERBS})[ \t]+"
    r"(?P<subj>(?:(?:spokesman|spokeswoman|spokesperson|activist|official|commander|"
    r"director|chief|envoy|minister)[ \t]+)?"
    rf"[{_UPPER}]\w*(?:[ \t]+{_SUBJECT_WORD}){{0,7}})"
)
_BRACKETED_ACRONYM_RE = re.compile(rf"[ \t]*[(\[][{_UPPER}][\w\-]{{1,10}}[)\]]")
# '"..." Lavrov was quoted by RIA Novosti as saying': the subject speaks.
_AFTER_QUOTED_BY_RE = re.compile(
    rf"[ \t]*,?[ \t]*(?P<subj>{_SUBJECT_WORD}(?:[ \t]+{_SUBJECT_WORD}){{0,5}}?)[ \t]+(?:was|were)"
    rf"[ \t]+quoted[ \t]+by[ \t]+(?:{_SUBJECT_WORD}[ \t]+){{1,5}}?as[ \t]+(?:saying|telling)\b"
)
# '"..." the paper quoted a security official as saying': the one quoted speaks.
_AFTER_QUOTED_AS_SAYING_RE = re.compile(
    rf"[ \t]*,?[ \t]*(?:{_SUBJECT_WORD}[ \t]+){{0,5}}?(?:quoted|cited)[ \t]+"
    rf"(?P<subj>{_SUBJECT_WORD}(?:[ \t]+{_SUBJECT_WORD}){{0,7}}?)[ \t]+as[ \t]+(?:saying|telling)\b"
)
# After the closing mark: VERB SUBJECT (", said the minister")
_AFTER_VERB_SUBJECT_RE = re.compile(
    rf"[ \t]*[,;:\u2014\u2013-]?[ \t]*(?P<verb>{_INVERTED_VERBS})[ \t]+"
    rf"(?P<subj>{_SUBJECT_WORD}(?:[ \t]+{_SUBJECT_WORD}){{0,11}})"
)
# '... source quoted by state news agency (SANA denied)': a medium after "quoted by".
_QUOTED_BY_BEFORE_RE = re.compile(r"[ \t](?:quoted|cited)[ \t]+by(?:[ \t]+[a-z][\w\-]*){0,4}[ \t]+$")
# 'Its spokesman, Taras Melnyk, was quoted by local media as saying': the subject.
_QUOTED_BY_AS_SAYING_RE = re.compile(
    rf"(?P<subj>{_SUBJECT_WORD}(?:[ \t]+{_SUBJECT_WORD}){{0,5}}?){_PARENTHETICAL}[ \t]+(?:was|were)"
    rf"[ \t]+quoted[ \t]+by[ \t]+(?:{_SUBJECT_WORD}[ \t]+){{1,6}}?as[ \t]+(?:saying|telling)\b"
)
_QUOTED_AS_SAYING_RE = re.compile(
    rf"\b(?:quoted|cited)[ \t]+(?P<subj>{_SUBJECT_WORD}(?:[ \t]+{_SUBJECT_WORD}){{0,7}}?)"
    r"[ \t]+as[ \t]+(?:saying|telling)\b"
)
_ACCORDING_TO_RE = re.compile(
    rf"\b[Aa]ccording[ \t]+to[ \t]+(?P<subj>{_SUBJECT_WORD}(?:[ \t]+{_SUBJECT_WORD}){{0,7}})"
)
_AFTER_ACCORDING_RE = re.compile(r"[ \t]*[,;:\u2014\u2013-]?[ \t]*(?=[Aa]ccording[ \t]+to\b)")
#: Verbs that introduce a quotation in the next paragraph without a colon ("He
#: described the night the building was hit."), with the verbs of saying.
_INTRODUCING_VERBS = frozenset("described describes recalled recalls".split())
_PERSONAL_VERBS = frozenset(
    [*_AFTER_VERB_SET, "calls", "called", "speaks", "spoke", "condemned", "condemns", "denounced", "denounces"]
)
# Words that may follow the verb of an attribution written without a comma ('"..."
# the Observatory said adding that', '"..." he said late Tuesday'): a preposition, a
# time word or a participle, not the start of a reported clause ("said the army").
_ATTRIBUTION_TAIL = frozenset(
    """in on at during late early earlier later last this today yesterday tonight after
    before while when as via by from to with without through for and but adding citing
    which who speaking referring according quoting noting pointing stressing saying warning
    explaining describing insisting calling urging monday tuesday wednesday thursday
    friday saturday sunday""".split()
)
# Words that start a reported clause or an object after a verb: '"..." Officials said
# the army was ready' is no attribution when the quotation has no comma of its own.
_CLAUSE_STARTERS = frozenset(
    "that the a an it he she they we there this these those his her its their i you".split()
)
_NEXT_WORD_RE = re.compile(r"[ \t]*([\w\u2019'\-]+)")
#: Plural nouns for groups of people that open a sentence as its subject, "Officials
#: in Aldwick said", "Western diplomats spoke of": see _GROUP_NOUNS.
_GROUP_NOUN_WORDS = (
    "officials|residents|witnesses|sources|diplomats|analysts|doctors|medics|activists|"
    "protesters|locals|villagers|refugees|survivors|soldiers|troops|police|authorities|"
    "mediators|negotiators|observers|monitors|workers|families|relatives|leaders|"
    "commanders|fighters|lawmakers|officers|ministers|delegates|volunteers|media|"
    "parties|groups|factions|rebels|experts|critics|campaigners|rescuers|paramedics|"
    "journalists|demonstrators|militants|jihadists|insurgents|people|nurses|teachers|"
    "students|supporters|mourners|fans|farmers|parents|investors|researchers|scientists"
)
#: Heads of a description of one person (see _person_description).
_PERSON_HEAD_WORDS = (
    "source|official|resident|witness|activist|commander|spokesman|spokeswoman|"
    "spokesperson|man|woman|doctor|officer|soldier|fighter|member|leader|envoy|diplomat|"
    "analyst|journalist|correspondent|father|mother|survivor|refugee|teacher|nurse|"
    "engineer|driver|farmer|minister|medic|rescuer|volunteer|relative|neighbour|neighbor|"
    "friend|brother|sister|son|daughter|husband|wife|cousin|uncle|aunt|colleague|"
    "eyewitness|bystander|paramedic|student|lawyer"
)
#: Common nouns that may follow a body's name as its description ("the Islamic
#: State group", "the Syrian Observatory for Human Rights monitoring group"): the
#: name is the speaker.
_NAMED_BODY_NOUNS = "group|alliance|monitor|militia|faction|coalition|organisation|organization|watchdog|charity"
_NAMED_BODY_NOUN_SET = frozenset(_NAMED_BODY_NOUNS.split("|"))
#: Nouns that describe a newspaper or broadcaster after its name ("the Al-Watan
#: newspaper", "the Hurriyet daily"): one capitalised word before them is a name.
_MEDIA_NOUN_SET = frozenset("newspaper daily paper weekly magazine broadcaster channel website".split())
#: Nationality adjectives: one of them before a person's name describes the person
#: ("Syrian Rami Abdel Rahman", "Iranian Ali Reza Tabrizi") and is no part of the name.
_NATIONALITIES = frozenset(
    """Afghan Albanian Algerian American Arab Armenian Australian Austrian Azerbaijani
    Bahraini Belgian Brazilian British Bulgarian Canadian Chechen Chinese Croatian Cypriot
    Czech Danish Dutch Egyptian Emirati English Eritrean Ethiopian European Filipino
    Finnish French Georgian German Greek Hungarian Indian Indonesian Iranian Iraqi Irish
    Israeli Italian Japanese Jordanian Kazakh Kenyan Korean Kurdish Kuwaiti Lebanese Libyan
    Malaysian Mexican Moroccan Nigerian Norwegian Omani Pakistani Palestinian Polish
    Portuguese Qatari Romanian Russian Saudi Scottish Serbian Somali Spanish Sudanese
    Swedish Swiss Syrian Tunisian Turkish Turkmen Ukrainian Uzbek Welsh Yazidi Yemeni""".split()
)
#: Heads after which a capitalised word ending in "s" is a possessive whose
#: apostrophe was lost ("Syrias foreign ministry", "Assads forces").
_LOST_POSSESSIVE_HEADS = (
    "minister|ministry|president|army|forces|military|government|regime|envoy|"
    "ambassador|spokesman|spokeswoman|spokesperson|leader|chief|official|"
    "officials|allies|troops|delegation|representative|embassy|mission|parliament|"
    "foreign|defence|defense|prime"
)
# SUBJECT [, apposition,] [adverbs] VERB, matched forwards over the whole text once.
_SUBJECT_VERB_RE = re.compile(
    rf"(?:\b(?P<name>{_NAME_RUN})(?:[ \t]+(?P<prep>of|from|at|in|for)[ \t]+"
    rf"(?P<described>the[ \t]+(?:[a-z][\w\-]*+[ \t]+){{0,2}})?(?P<affiliation>{_NAME_RUN}))?"
    # "the Qatar Red Crescent Society (QRCS) has announced": the acronym read past
    rf"(?:[ \t]*[(\[][{_UPPER}][\w\-]{{1,10}}[)\]])?"
    # "the Tahrir al-Sham jihadist alliance denounced": the body's name speaks
    rf"(?P<bodydesc>[ \t]+(?:(?!(?:a|an|the)[ \t])[a-z][\w\-]*+[ \t]+)?(?:{_NAMED_BODY_NOUNS}|news[ \t]+agency))?"
    r"|(?P<pron>\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\b)"
    r"|(?P<np>\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Aa]nother|[Oo]ne|[Tt]wo|[Tt]hree"
    # "Turkey's president": a possessive name as the determiner
    rf"|[{_UPPER}][\w\-]*+[\u2019']s"
    # "Syrias foreign ministry", "Frances foreign minister": the apostrophe lost
    # (FA-KES), before a role, a body or forces
    rf"|[{_UPPER}][a-z]{{2,}}s(?=[ \t]+(?:[a-z][\w\-]*+[ \t]+){{0,2}}(?:{_LOST_POSSESSIVE_HEADS})\b))[ \t]+"
    # "Another Syrian source inside the training camp": a person and where they are
    rf"(?:(?:[\w\-]++[ \t]++){{0,2}}(?:{_PERSON_HEAD_WORDS})[ \t]+(?:in|inside|at|from|near|close[ \t]+to)[ \t]+"
    r"(?:[\w\-]++[ \t]++){0,3}[a-z][\w\-]*+"
    r"|(?:[\w\-]++[ \t]++){0,4}(?:[a-z][\w\-]*+|\d{1,3}-year-old\b))"
    # "state television said": the state's media, a body written without a determiner
    r"|(?P<statemedia>\b[Ss]tate[ \t]+(?:media|television|TV|radio|news[ \t]+agency|broadcaster)))"
    rf"|(?P<group>\b[{_UPPER}][\w\-]*+(?:[ \t]+[{_UPPER}][\w\-]*+)?[ \t]+{_word_trie(_GROUP_NOUN_WORDS)}"
    # "Meanwhile, activists claimed": a plural group noun alone (its modifiers and
    # whether it is a subject at all are read in code: _lowercase_group)
    rf"|\b{_word_trie(_GROUP_NOUN_WORDS)}))"
    # "The regime, which refers to all rebels as": the relative's antecedent speaks
    rf"{_PARENTHETICAL}(?:[ \t]*,(?:[ \t]*(?:who|which)\b)?|[ \t]+who\b)?[ \t]+{_ADVERBS}"
    rf"(?P<verb>{_word_trie(_BEFORE_VERBS)})\b"
)
# Where a _SUBJECT_VERB_RE match can start: every branch starts at a word boundary
# with a capital letter or one of these lower-case words (a name's particle, a
# pronoun, a determiner, "state" of "state media"). Trying the pattern only there (_subject_verb_matches)
# finds its matches about twice as fast as its own scan, which tries all four
# branches at every character (re skips ahead only for a pattern starting with a
# plain character or class). tests/test_fast_paths.py checks that every word the
# pattern spells can start a candidate and that the matches are finditer's.
_SUBJECT_VERB_STARTS_RE = re.compile(
    rf"\b(?:[{_UPPER}]"
    r"|(?:al|el|ad|as|bin|ibn|abu|de|del|der|van|von|da|di|du|le|la|bint)[-\u2010 ]"
    r"|(?:he|she|they|it|the|an?|its|his|her|their|another|one|two|three|state)\b"
    # a plural group noun alone ("activists claimed")
    rf"|{_word_trie(_GROUP_NOUN_WORDS)}\b)"
)


def _subject_verb_matches(text: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
    """``_SUBJECT_VERB_RE.finditer(text, pos, endpos)``, faster: the pattern is tried
    only where a match can start (``_SUBJECT_VERB_STARTS_RE``), from the end of the
    previous match on, as finditer does (no match is empty)."""
    match = _SUBJECT_VERB_RE.match
    last = pos
    for candidate in _SUBJECT_VERB_STARTS_RE.finditer(text, pos, endpos):
        at = candidate.start()
        if at < last:
            continue
        m = match(text, at, endpos)
        if m is not None:
            last = m.end()
            yield m


# Characters no _SUBJECT_VERB_RE match can hold: the parenthetical excludes them
# and no other part of the pattern takes them. Matches never run over one, so the
# matches found scanning from just after one are exactly the matches of a scan of
# the whole paragraph that start after it, and a scan may end at one.
_SUBJECT_VERB_BARRIERS = ';:!?"\u201c\u201d\n'
# A likely sentence break inside a paragraph; a break right after an abbreviated
# title or an initial ("Dr. Ruth Adeyemi", "J. Smith") is skipped in code. Only used
# to bound the look-back of the "before" rule; sentences proper come from
# mediakit.text.split_sentences.
_SENTENCE_BREAK_RE = re.compile(
    "[.!?][\"\u201d\u2019']?[ \t]+(?=[\"\u201c\u2018'(]?[A-Z0-9])"
)
_WORD_BEFORE_STOP_RE = re.compile(r"(\w+)\.$")
_NO_BREAK_AFTER = frozenset(_TITLE_ABBREVIATIONS.split("|"))

# First words of a sentence that speaks, never narrates: a quotation left open is
# not ended by "We said ..." or "When they told us ...".
_SPEECH_OPENERS = frozenset(
    """I We You My Our Your Us Me They Nobody No None Everyone Everybody Someone Somebody
    Nothing Everything There This That These Those When If Then But And So Now After
    Before Because What Why How Who Where Here Let Please Today Yesterday""".split()
)
_NARRATION_WORD = r"[\w\u2019'\-.]+"
# A sentence that opens with a third person's attribution ("He said ...", "Sabbagh
# said ...", "County Administrative Officer Raul Mendes said ...", "The army told
# ..."): the writer's voice, where a quotation left open ends (CODING.md 2.2).
_NARRATION_START_RE = re.compile(
    rf"(?P<subj>He|She|It"
    rf"|(?:The|A|An|One|Another)(?:[ \t]+{_NARRATION_WORD}){{1,6}}?"
    rf"|[{_UPPER}]{_NARRATION_WORD}(?:(?:[ \t]+{_NARRATION_WORD}){{0,5}}?[ \t]+[{_UPPER}]{_NARRATION_WORD})?)"
    r"[ \t]+(?:also[ \t]+|later[ \t]+|then[ \t]+)?"
    r"(?:said|says|told|tells|added|adds|reported|reports|stated|announced|explained|"
    r"confirmed|insisted|claimed|warned|wrote|tweeted)\b(?![ \t]+(?:us|me|you)\b)"
)
# An inverted attribution right after the words of a quotation left open, its comma
# and closing mark lost ('"... because of the snipers said Awadia Osman, a nurse').
_INVERTED_AFTER_WORD_RE = re.compile(
    rf"(?<=[\w)])[ \t]+(?:said|says|added|explained|continued)[ \t]+(?=[{_UPPER}])"
)
_NOT_BEFORE_INVERTED = frozenset("i we you he she they it who which that".split())
# At most this many quotations left open are ended early in one text; later ones end
# with their paragraph (each early end re-reads the marks after it in the paragraph).
_MAX_EARLY_ENDS = 200


def _narration_cut(text: str, lo: int, hi: int) -> int | None:
    """Where a reader ends a quotation left open in ``text[lo:hi]`` (no closing mark
    in it): before the first sentence that opens with a third person's attribution
    (``He said ...``), or before an inverted attribution right after its words
    (``... the snipers said Awadia Osman``); None when neither comes (CODING.md 2.2:
    never closed)."""
    cut: int | None = None
    for brk in _SENTENCE_BREAK_RE.finditer(text, lo, hi):
        word = _WORD_BEFORE_STOP_RE.search(text, max(lo, brk.start() - 12), brk.start() + 1)
        if word is not None and (
            word.group(1) in _NO_BREAK_AFTER or (len(word.group(1)) == 1 and word.group(1).isupper())
        ):
            continue  # "Dr. Ruth", "J. Smith"
        m = _NARRATION_START_RE.match(text, brk.end(), hi)
        if m is not None and m.group("subj").split()[0] not in _SPEECH_OPENERS:
            cut = brk.start() + 1
            break
    for m in _INVERTED_AFTER_WORD_RE.finditer(text, lo, cut if cut is not None else hi):
        before = text[max(lo, m.start() - 12) : m.start()].split()
        after = text[m.end() : m.end() + 3].split()
        if before and before[-1].lower() not in _NOT_BEFORE_INVERTED and after and after[0] not in ("I",):
            return m.start()
    return cut


_PRONOUNS = frozenset({"he", "she", "they", "it"})
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
# Capitalised words that name a time, never a speaker ("on Wednesday calling ...").
_TIME_NAMES = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December""".split()
)
# Words after which a capitalised run is the object of a preposition, not the
# subject of the verb that follows it ("operations in the Middle East said").
_PREPOSITIONS_BEFORE = frozenset(
    """in of at from on to for with by into near across over under against about
    between outside inside around throughout within along amid through towards toward
    behind beyond beside""".split()
)
# Nouns that make a speaker an organisation or a body, for "it said": with the
# institution nouns below, any all-capitals acronym and any name starting "The".
_BODY_NOUNS = frozenset(
    """ministry military monitor group statement government regime agency channel
    television tv radio newspaper media outlet company firm bank corporation state
    organisation organization observatory""".split()
)
# The capitalised name of a body, which may hold "for", "of" or "and" between
# capitalised words ("Syrian Observatory for Human Rights").
_BODY_NAME_RE = re.compile(
    rf"{_NAME_RUN}(?:[ \t]+(?:for|of|and|on)[ \t]+{_NAME_RUN})*"
)
_RELATIVE_RE = re.compile(r"[ \t,]+(?:which|who|that)[ \t]")
# Words that cannot start the subject of an attribution ('"x" is said to be').
_NOT_SUBJECT = frozenset(
    "is are was were be been being has have had do does did will would can could "
    "should may might must not also".split()
)
#: How far back (characters) a pronoun looks for a named speech-verb subject.
_PRONOUN_LOOKBACK = 3000
# Words that end a subject phrase read after a verb ("said the minister in a
# statement" gives "the minister").
_SUBJECT_STOP = frozenset(
    """in on at during after before while when as from to via on in that who which
    whose whom because but and or if than with without about of for by last this
    earlier later today yesterday tonight on monday tuesday wednesday thursday
    friday saturday sunday""".split()
)
_TITLE_WORDS = frozenset(
    """president vice prime minister ministers secretary general chancellor king queen
    prince princess emir crown chief spokesman spokeswoman spokesperson ambassador
    envoy senator sen. rep. representative governor gov. mayor deputy foreign defence
    defense interior finance health justice home state mr. mrs. ms. dr. prof. professor
    judge pope cardinal bishop rev. director chairman chairwoman chair leader
    commissioner commander gen. lt. col. colonel major maj. captain capt. admiral adm.
    sergeant sgt. officer attorney speaker ayatollah sheikh affairs mr mrs ms dr
    coordinator adviser advisor correspondent mp mep msp mla
    sir dame lord lady baroness baron earl duke duchess imam rabbi father
    supervisor counsel coach brig. brigadier councillor councilman councilwoman
    alderman assemblyman assemblywoman congressman congresswoman superintendent
    inspector detective sheriff constable reverend archbishop patriarch mufti fr. fr cllr
    cllr. msgr. msgr"""
    .split()
)
_LEADING_FILLER = frozenset({"and", "but", "as", "while", "so", "then"})
# A discourse adverb opening the sentence is no part of its subject ("Meanwhile
# Amnesty International said", "However, the ministry said").
_DISCOURSE_ADVERBS = frozenset(
    "meanwhile however separately earlier later also moreover furthermore additionally".split()
)
# A person introduced by a title, as the subject of a clause: "the regime's
# Interior Minister, Dana Ilves, repeated ...", "Col. Petr Sandor claimed ...".
# The word after the name must be lowercase (a verb, checked in code not to be a
# preposition or conjunction), so "talks with Minister Dana Ilves." is no subject.
# In code too: the name has two words or more (first and family name), and a
# lowercase title needs the comma ("the KLF spokesman, Amir Kessaly, said"), so
# "a major Kessel Valley town" or "the Home Office" name nobody.
_TITLED_PERSON_RE = re.compile(
    r"\b(?P<title>(?i:"
    + "|".join(sorted({re.escape(w.rstrip(".")) for w in _TITLE_WORDS}, key=len, reverse=True))
    + rf")\.?)(?P<comma>,?)[ \t]+(?P<name>{_NAME_RUN}),?[ \t]+(?P<next>[a-z][\w\-]*)"
)
# Nouns naming a person's role or job, which may stand right before a name at the
# start of a sentence ("Lorry driver Pavel", "Teacher Hana", "Interior Minister
# Dana Ilves"): see _PERSON_SUBJECT_RE.
_ROLE_NOUNS = (
    "president|minister|secretary|chancellor|spokesman|spokeswoman|spokesperson|"
    "ambassador|envoy|senator|governor|mayor|commissioner|commander|colonel|captain|"
    "admiral|sergeant|officer|judge|director|chairman|chairwoman|leader|professor|"
    "mr|mrs|ms|dr|col|gen|lt|capt|maj|prof|sgt|teacher|driver|shopkeeper|farmer|"
    "nurse|doctor|surgeon|engineer|student|pensioner|widow|widower|mother|father|"
    "grandmother|grandfather|resident|trader|baker|butcher|fisherman|shepherd|"
    "soldier|volunteer|worker|mechanic|journalist|lawyer|priest|imam|activist|"
    "villager|refugee|survivor|neighbour|neighbor|vendor|merchant|owner|midwife|"
    "coach|manager|striker|goalkeeper|midfielder|defender|winger|skipper|runner|"
    "supervisor|councillor|counsel|solicitor|barrister|peer|"
    # professions written before a name ("Economist Walid Nassar", "analyst Jane Roe")
    "economist|analyst|researcher|scientist|expert|executive|founder|co-founder|historian|"
    "campaigner|lecturer|academic|prosecutor|paramedic|pilot|firefighter|medic|physician|"
    "pharmacist|diplomat|negotiator|organiser|organizer|coroner|curator|author|novelist|"
    "writer|poet|photographer|filmmaker|artist|singer|actor|actress|chef|entrepreneur|"
    "investor|banker|broker|accountant|consultant|strategist|pollster|commentator|"
    "columnist|editor|reporter|presenter|blogger|protester|lawmaker|legislator|politician|"
    "candidate|campaigner|surveyor|inspector|spokesperson|"
    "mum|dad|mum-of-\\w+|mother-of-\\w+|father-of-\\w+|dad-of-\\w+"
)
# The subject that starts a sentence, when the text marks it as a person: role
# words before the name ("Lorry driver Pavel"), or an age, "who" or a described
# person after it ("Irena, 45, found", "Hana, who ...", "Ayman Haddad a member of").
_ROLE_NOUN_SET = frozenset(_ROLE_NOUNS.split("|"))
_PERSON_SUBJECT_RE = re.compile(
    rf"(?:(?P<role>(?:[\w\-]+[ \t]+){{0,3}}?(?i:{_ROLE_NOUNS})\b\.?)[ \t]+)?"
    rf"(?P<name>{_NAME_RUN})(?P<tail>,[ \t]*(?:\d{{1,3}}|who)\b"
    # "Ayman al-Aasmi a member of the southern front command claimed": a person
    # described in apposition, the comma lost or not
    rf"|,?[ \t]+(?:a|an)[ \t]+(?:[\w\-]+[ \t]+){{0,2}}?(?i:{_PERSON_HEAD_WORDS}|{_ROLE_NOUNS})\b"
    # "Lord Anand Mehta, the former Labour solicitor general who ...": "the" and a
    # role after a comma
    rf"|,[ \t]+the[ \t]+(?:[\w\-]+[ \t]+){{0,3}}?(?i:{_ROLE_NOUNS})\b)?"
)
_NOT_A_NAME = frozenset({"He", "She", "They", "I", "We", "It", "You", "This", "That"})
#: How many sentences (the quote's own and those before it) are searched for a
#: person named as a sentence subject, to resolve "he" or "she".
_PERSON_SUBJECT_SENTENCES = 3
_TRAILING_NOT_SUBJECT = frozenset(
    """who which that also later then again earlier previously reportedly once still
    repeatedly has have had was were is are will would now currently himself herself
    themselves too strongly firmly flatly categorically vehemently sharply publicly
    immediately swiftly""".split()
)


_KEEP_FINAL_DOT = frozenset({"jr.", "sr.", "inc.", "co.", "ltd.", "corp.", "bros."})


def _strip_final_dot(words: list[str]) -> list[str]:
    """Drop a sentence-final full stop from the last word, not an abbreviation's."""
    if words and words[-1].endswith("."):
        last = words[-1]
        if last.lower() not in _KEEP_FINAL_DOT and "." not in last[:-1]:
            return [*words[:-1], last[:-1]]
    return words


_HYPHEN_RE = re.compile("[-\u2010]")
#: Endings of an adjective before a body's name, no part of it: "the Britain-based
#: Observatory", "the US-backed Syrian Democratic Forces", "Iran-aligned militias".
_NAME_ADJECTIVE_ENDS = (
    "-based", "-backed", "-led", "-allied", "-aligned", "-funded", "-supported", "-run",
    "-controlled", "-owned", "-linked", "-affiliated", "-sponsored", "-dominated", "-financed",
)
#: Nouns that make a capitalised run an institution, not a titled person: "the Home
#: Office", "the Foreign Ministry", "the State Department" are speakers whole,
#: although "Home", "Foreign" and "State" are title words ("Foreign Minister X").
_INSTITUTION_NOUNS = frozenset(
    """office ministry department council agency commission committee command
    government authority authorities service services directorate embassy mission
    secretariat parliament assembly court bureau administration presidency cabinet
    army police union organisation organization coalition alliance observatory
    network front units forces fund institute centre center foundation league
    nations brigade brigades movement party crescent watch federation association
    society societies""".split()
)
#: Plural nouns for groups of people that open a sentence as its subject, "Officials
#: in Aldwick said": with a place or organisation after them they are kept whole.
_GROUP_NOUNS = frozenset(_GROUP_NOUN_WORDS.split("|"))
#: Prepositions that attach a place or organisation to a subject's head: "Mira
#: Hollis of the charity Open Hands", "officials in Aldwick", "a spokesman for the
#: Foreign Ministry".
_SUBJECT_PREPOSITIONS = frozenset({"of", "from", "at", "in", "for", "with", "on"})


@lru_cache(maxsize=8192)
def _is_title_word(word: str) -> bool:
    parts = _HYPHEN_RE.split(word.lower())
    return (
        word.lower() in _TITLE_WORDS
        or word.lower() in _ROLE_NOUN_SET
        or any(part in _TITLE_WORDS or part in _ROLE_NOUN_SET for part in parts[:1])
        or any(part in _TITLE_WORDS for part in parts)
    )


def _is_role_word(word: str) -> bool:
    """A title or role word, or "head" ("head of the Observatory")."""
    return word.lower() == "head" or _is_title_word(word)


#: Words that make a capitalised run after a nationality adjective a body's name, not
#: a person's ("Syrian Civil Defence", "Syrian Arab News Agency"), with the
#: institution and body nouns.
_BODY_NAME_WORDS = frozenset(
    """defence defense guard guards helmets navy opposition news press red crescent
    civil national democratic revolutionary islamic human rights""".split()
)


# "Telford and Wrekin Council", "the International Federation of Red Cross and Red
# Crescent Societies": a capitalised run joined by "and" (or "&") to a run ending a
# body's name, with "of"/"for" and the body's head before it, is one name.
_JOINED_BODY_BEFORE_RE = re.compile(
    rf"(?:(?P<head>{_NAME_RUN})[ \t]+(?:of|for)[ \t]+)?(?P<left>{_NAME_RUN})[ \t]+(?:and|&)[ \t]+$"
)


def _joined_body_name(before: str, run: str) -> str | None:
    """The full name when ``run`` (holding an institution noun) is the second half of
    a body's name joined by "and" written right before it in ``before``: "Telford
    and" before "Wrekin Council"; None otherwise, or when the first half is a body
    of its own ("the Home Office and Wrekin Council": two bodies)."""
    if not before.endswith((" and ", " & ", "\tand ", " and\t")):
        return None
    m = _JOINED_BODY_BEFORE_RE.search(before[-160:])
    if m is None:
        return None
    if not any(w.lower() in _INSTITUTION_NOUNS for w in run.split()) and not (
        # "the Ministry of Internal Trade and Consumer Protection": the head before
        # "of" is the institution
        m.group("head") is not None and any(w.lower() in _INSTITUTION_NOUNS for w in m.group("head").split())
    ):
        return None
    left = m.group("left").split()
    if any(w.lower() in _INSTITUTION_NOUNS for w in left) or left[-1] in _TIME_NAMES:
        return None
    while left and (left[0] in ("The", "the") or left[0] in _SENTENCE_OPENERS):
        left = left[1:]
    if not left:
        return None
    joiner = "&" if m.group(0).rstrip().endswith("&") else "and"
    name = f"{' '.join(left)} {joiner} {run}"
    head = m.group("head")
    if head is not None and left == m.group("left").split():
        head_words = head.split()
        while head_words and head_words[0] in ("The", "the"):
            head_words = head_words[1:]
        if head_words and any(w.lower() in _INSTITUTION_NOUNS for w in head_words):
            prep = "for" if re.search(r"[ \t]for[ \t]+" + re.escape(m.group("left")), m.group(0)) else "of"
            name = f"{' '.join(head_words)} {prep} {name}"
    return name


def _final_name_run(phrase: str) -> tuple[list[str], bool] | None:
    """The capitalised run that ends ``phrase``, as (words, is_institution), or None.

    A leading possessive is dropped ("Tarvia's Lale Orhun"); leading titles are
    dropped from a person's name ("Interior Minister Dana Ilves"), but not from an
    institution's ("Home Office", "Foreign Ministry").
    """
    runs = list(_NAME_RUN_RE.finditer(phrase))
    if not runs or runs[-1].end() != len(phrase):
        return None
    run_words = runs[-1].group().split()
    if len(run_words) > 1 and run_words[0].endswith(("\u2019s", "'s")):
        run_words = run_words[1:]
    while len(run_words) > 1 and run_words[0].lower().endswith(_NAME_ADJECTIVE_ENDS):
        run_words = run_words[1:]  # "the Britain-based Observatory": an adjective
    if any(word.lower() in _INSTITUTION_NOUNS for word in run_words):
        if len(run_words) > 1 and run_words[0] in ("The", "the"):
            run_words = run_words[1:]  # "The Home Office said" at a sentence start
        while len(run_words) > 1 and run_words[0].lower().endswith(_NAME_ADJECTIVE_ENDS):
            run_words = run_words[1:]
        joined = _joined_body_name(phrase[: runs[-1].start()], " ".join(run_words))
        if joined is not None:
            return joined.split(), True  # "Telford and Wrekin Council"
        return run_words, True
    if (
        len(run_words) == 1
        and run_words[0] in _DEMONYMS
        and phrase[: runs[-1].start()].rstrip().lower().endswith("the")
    ):
        return None  # "the Kenyan said": a person described, not a name
    last_title = max((k for k, word in enumerate(run_words) if _is_title_word(word)), default=-1)
    if 0 <= last_title < len(run_words) - 1:
        run_words = run_words[last_title + 1 :]
    if (
        len(run_words) >= 3
        and run_words[0] in _NATIONALITIES
        and not phrase[: runs[-1].start()].rstrip().lower().endswith("the")
        and not any(w.lower() in _BODY_NAME_WORDS or w.lower() in _BODY_NOUNS for w in run_words[1:])
    ):
        # "Syrian Rami Abdel Rahman": a description (but "the Syrian Civil
        # Defence", "Syrian Civil Defence": a body's name)
        run_words = run_words[1:]
    return run_words, False


#: News agencies whose names are words, not acronyms, and may follow a dateline's
#: place with its brackets lost ("BEIRUT Reuters -").
_WIRE_NAMES = frozenset("Reuters Xinhua Interfax Yonhap Kyodo Bernama Anadolu".split())


def _is_dateline_place(place: str, medium: str) -> bool:
    """Whether ``place`` before a medium's name (an acronym or a wire's name) is a
    dateline's place with its comma or brackets lost ("Damascus SANA", "BEIRUT
    Reuters"): one capitalised word that is no title, nationality, institution or
    body-name word ("Kurdish YPG", "Observatory SOHR" are left alone); a place in
    capitals only before a wire's name ("UN OCHA" is left alone)."""
    low = place.lower()
    return (
        place[:1].isupper()
        and place.isalpha()
        and len(place) >= 3
        # "BEIRUT Reuters": a dateline in capitals, before a wire's name only
        and not (place.isupper() and medium.isupper())
        and not _is_title_word(place)
        and place not in _NATIONALITIES
        and place not in _TIME_NAMES
        and place not in _SENTENCE_OPENERS
        and low not in _INSTITUTION_NOUNS
        and low not in _BODY_NAME_WORDS
        and low not in _BODY_NOUNS
    )


def _before_relative_clause(words: list[str]) -> list[str]:
    """``words`` up to a relative pronoun right after a name, its commas lost ("Dr
    Amina Keita who heads the Nanoro unit" gives "Dr Amina Keita"): the clause
    describes the named subject, and its object is no speaker. A description keeps
    its clause ("One witness a driver who escaped on foot")."""
    relative = next(
        (k for k in range(1, len(words)) if words[k] in ("who", "which", "whose")
         and words[k - 1][:1].isupper()),
        None,
    )
    if relative is None or any(w.endswith(",") for w in words[:relative]):
        return words
    return words[:relative]


@lru_cache(maxsize=8192)
def _name_from_subject(phrase: str) -> tuple[str, bool]:
    """(speaker, is_pronoun) from a subject phrase as written."""
    phrase = phrase.strip(" \t,;:")
    words = _strip_final_dot(phrase.split())
    while len(words) > 1 and (
        words[0].lower() in _LEADING_FILLER or words[0].lower().rstrip(",") in _DISCOURSE_ADVERBS
    ):
        words = words[1:]
    the = next((k for k, w in enumerate(words) if k and w == "The" and words[k - 1][:1].isupper()), None)
    if the is not None and the < len(words) - 1:
        words = words[the:]  # "Damascus The White House": a full stop lost before "The"
    if len(words) > 2 and words[0][:1].isupper() and words[0].lower() in _PREPOSITIONS_BEFORE:
        # "On Monday Ankara", "In Damascus Assad": a sentence's opening place or
        # time with its comma lost is no part of the subject
        words = words[1:]
        while len(words) > 1 and (words[0] in _TIME_NAMES or words[0].isdigit()):
            words = words[1:]
        if len(words) > 1 and words[0] == words[0].capitalize() and not (
            _is_title_word(words[0]) or words[0].lower() in _INSTITUTION_NOUNS
            or words[0].lower() in _BODY_NAME_WORDS or words[0] in _NATIONALITIES
            or words[0] in ("The", "the")
        ) and words[1][:1].isupper():
            words = words[1:]  # the place
    if (
        len(words) == 2
        and (_is_acronym(words[1]) or words[1] in _WIRE_NAMES)
        and _is_dateline_place(words[0], words[1])
    ):
        words = words[1:]  # "Damascus SANA said", "BEIRUT Reuters": a dateline's place
    words = _before_relative_clause(words)
    if not words:
        return "", False
    if words[-1].lower() in _PRONOUNS:
        return words[-1].lower(), True
    if len(words) == 1 and words[0].lower() in _OBJECT_PRONOUNS:
        # "The agency quoted him as saying": the object pronoun's person speaks
        return _OBJECT_PRONOUNS[words[0].lower()], True
    while len(words) > 1 and (words[-1].lower() in _TRAILING_NOT_SUBJECT or words[-1] in _AFTER_VERB_SET):
        # "a negotiator who (speaks)", "the delegation again", "the company said
        # (claims were ...)": the verb of saying read as the subject's last word
        words = words[:-1]
    if len(words) > 1 and words[-1].isdigit() and len(words[-1]) <= 3:
        words = words[:-1]  # an age: "Ahmed 24 said"
    k = next((k for k in range(1, len(words) - 1) if words[k] == "and"
              and words[k + 1].lower() in ("its", "their")), None)
    if k is not None and _first_conjunct(words[: k + 1]) is not None:
        words = words[:k]  # "Russia and its allies": the first one named
    phrase = " ".join(words)
    stated = _statement_source(words)
    if stated is not None:
        return stated, False
    named_body = _body_before_description(words)
    if named_body is not None:
        return named_body, False
    leading = _leading_name(words)
    if leading is not None:
        return leading, False
    complemented = _name_with_complement(words, phrase)
    if complemented is not None:
        return complemented, False
    found = _final_name_run(phrase)
    if found is not None:
        run = found[0]
        if (
            len(run) == 1
            and run[0].isupper()
            and len(run[0]) <= 3
            and len(words) >= 2
            and words[-2].islower()
        ):
            # "the Syrian state TV", "state TV": a short acronym ends a description
            return " ".join(w for w in words if w not in ("the", "The")), False
        return " ".join(run), False
    return phrase, False


def _name_with_complement(words: list[str], phrase: str) -> str | None:
    """For :func:`_name_from_subject`: a head with a prepositional phrase after it,
    where the head decides. A person's name is the speaker ("Mira Hollis of the
    charity Open Hands"); an institution keeps its complement ("the Ministry of
    Defence"); a description is kept as written ("officials in Aldwick", "a
    spokesman for the ministry") unless a role ends in a person ("The head of
    UOSSM France Dr Ziad Alissa"). None without such a phrase, or with only titles
    before it ("Secretary of State Antony Blinken"), left to the name rule."""
    at = next((k for k, word in enumerate(words) if k and word in _SUBJECT_PREPOSITIONS), None)
    if at is None or at >= len(words) - 1:
        return None
    head_run = _final_name_run(" ".join(words[:at]))
    if head_run is None:
        # no name ends the head: "a spokesman for the ministry" is kept whole,
        # "The head of UOSSM France Dr Ziad Alissa" names the person
        if _is_role_word(words[at - 1]):
            person = _person_after_affiliation(words)
            if person is not None:
                return person
        return phrase
    run_words, institution = head_run
    if institution:
        # "the Syrian Observatory for Human Rights director Rami Abdel Rahman": a
        # role after the body's name, then a person's name, names the person.
        role = max((k for k in range(at + 1, len(words)) if _is_role_word(words[k])), default=None)
        if role is not None and words[role][:1].islower():
            named = words[role + 1 :]
            if len(named) >= 2 and all(w[:1].isupper() for w in named):
                return " ".join(_strip_final_dot(named))
        return " ".join(words[at - len(run_words) :])
    if len(run_words) == 1 and run_words[0].lower() in _GROUP_NOUNS:
        return phrase  # "Officials in Aldwick": a description
    if not _is_title_word(run_words[-1]):  # not "U.S. Secretary (of State X)"
        return " ".join(run_words)
    return None


#: Words that end a body's name ("... for Human Rights", "... Affairs"), besides the
#: institution nouns: where a person's name follows one, the name starts after it.
_BODY_NAME_ENDS = _INSTITUTION_NOUNS | frozenset(
    "rights affairs refugees relief development studies welfare cross".split()
)


def _person_after_affiliation(words: list[str]) -> str | None:
    """The person named at the end of a role and its affiliation: "head of the Syrian
    Observatory for Human Rights Rami Abdel Rahman" gives "Rami Abdel Rahman", "The
    head of UOSSM France Dr Ziad Alissa" gives "Ziad Alissa"; None when the phrase
    ends with the body ("a spokesman for the Foreign Ministry").

    The name is what follows a title inside the final capitalised run, else what
    follows the run's last body-name word; two words or more, none of them a title
    or a body-name word.
    """
    runs = list(_NAME_RUN_RE.finditer(" ".join(words)))
    if not runs or runs[-1].end() != len(" ".join(words)):
        return None
    run = runs[-1].group().split()
    cut = max(
        (k for k, w in enumerate(run) if _is_title_word(w) or w.lower() in _BODY_NAME_ENDS),
        default=-1,
    )
    name = run[cut + 1 :]
    if cut < 0 or len(name) < 2:
        return None
    return " ".join(_strip_final_dot(name))


def _body_before_description(words: list[str]) -> str | None:
    """The body's name in "[the] NAME [word] NOUN" where NOUN describes a body ("the
    Tahrir al-Sham jihadist alliance", "the Islamic State group", "The Syrian
    Observatory for Human Rights monitoring group"): a name of two words or more, or
    an acronym of three letters or more (alone when words describing it stand
    before it: "the extremist KLF group"); else None."""
    media = words[-1] in _MEDIA_NOUN_SET
    if len(words) < (2 if media or _is_acronym(words[0]) else 3) or not (
        media or words[-1] in _NAMED_BODY_NOUN_SET | {"agency"}
    ):
        return None
    # "The Islamic State (IS) militant group": the bracketed acronym is read past
    body = [w for w in words[:-1] if not (w[:1] in "([" and w[-1:] in ")]")]
    if body and body[-1].islower():
        body = body[:-1]
    if body and body[0] in ("the", "The"):
        body = body[1:]
    while len(body) > 1 and (
        (body[0].islower() and not body[1].islower()) or body[0].lower().endswith(_NAME_ADJECTIVE_ENDS)
    ):
        # "the extremist KLF group", "the Houthi-run Saba news agency": an
        # adjective before the name
        body = body[1:]
    joined = " ".join(body)
    if not body or _BODY_NAME_RE.fullmatch(joined) is None:
        return None
    if (
        len(body) == 1
        and words[-2:] == ["news", "agency"]
        and not _is_acronym(body[0])
        and body[0] not in _NATIONALITIES
        and body[0] not in _TIME_NAMES
        # (an adjective of a nation, "the Tarvian news agency", is no name)
        and not body[0].endswith(("ian", "ean", "ese", "ish", "an", "i"))
    ):
        return f"{joined} news agency"  # "the Saba news agency": a one-word name
    if len(body) >= 2 and _is_acronym(body[-1]) and not all(_is_acronym(w) for w in body):
        # "the extremist KLF group", "the official KNA news agency": capitalised
        # words before an acronym describe the body the acronym names, unless
        # the acronym spells them ("Islamic State IS group" stays whole)
        if _initials(body[:-1]) != body[-1]:
            return body[-1]
    if len(body) >= 2 or (len(body[0]) >= 3 and body[0].isupper()):
        return joined
    if media and body[0] not in _NATIONALITIES and body[0] not in _TIME_NAMES:
        return joined  # "the Al-Watan newspaper": a newspaper's one-word name
    if (
        words[-2:] == ["news", "agency"]
        and body[0] not in _NATIONALITIES
        and body[0] not in _TIME_NAMES
        and not body[0].endswith(("ian", "ean", "ese", "ish"))  # "the Tarvian news agency": a description
    ):
        return f"{joined} news agency"  # "the Houthi-run Saba news agency": its name as written
    return None


def _is_acronym(word: str) -> bool:
    """An all-capitals acronym of three letters or more ("KLF", "SANA")."""
    return len(word) >= 3 and word.isalpha() and word.isupper()


def _leading_name(words: list[str]) -> str | None:
    """A name followed by its description with no comma ("Rami an Aleppo resident",
    "Rami Abdel Rahman director of the Observatory"): the name, when the words after
    it start with "a", "an", "the" or, after a name of two words or more, a title or
    role word ("director", "head")."""
    m = _NAME_RUN_RE.match(" ".join(words))
    if m is None:
        return None
    run = m.group().split()
    if len(run) >= len(words):
        return None
    nxt = words[len(run)].lower()
    last_title = max((k for k, w in enumerate(run) if _is_title_word(w)), default=-1)
    if last_title >= len(run) - 1:
        return None
    name = run[last_title + 1 :]  # "Sheikh Mohammed Reda Hatem a religious leader"
    joined = " ".join(words)
    final = _final_name_run(joined)
    if final is not None and not final[1]:
        last_run = _NAME_RUN_RE.findall(joined)[-1].split()
        if len(final[0]) < len(last_run) or (
            len(words) > len(last_run) and _is_title_word(words[-len(last_run) - 1])
        ):
            # A titled name ends the phrase: "Operation Inherent Resolve
            # spokesperson Colonel Christopher Garver" names Christopher Garver.
            return None
    if (
        name[0] in ("The", "A", "An", "Its", "His", "Her", "Their")
        or name[0].lower() in _SUBJECT_STOP
        or any(_is_title_word(w) or w.lower() in _INSTITUTION_NOUNS for w in name)
        or name[-1].endswith(",")
    ):
        return None
    rest = words[len(run) :]
    if nxt in ("a", "an", "the") or (
        len(name) >= 2
        and (
            # "Dr Aminata Kiema who heads the Nanoro unit": a relative clause
            nxt in ("head", "of", "from", "who")
            or _is_title_word(nxt)
            # "Zakaria Malahifji senior official": lowercase words ending in a role
            or (
                all(w.islower() for w in rest)
                and len(rest) <= 4
                and (_is_title_word(rest[-1]) or rest[-1] in _PERSON_HEADS)
            )
        )
    ):
        return " ".join(name)
    return None


_AFFILIATION_RE = re.compile(rf"(?P<name>{_NAME_RUN})[ \t]+(?:of|from|at|with|for)[ \t]+\S")


def _apposed_name(parenthetical: str) -> str | None:
    """The name a comma-enclosed apposition holds, or None: a capitalised run
    ("Taras Melnyk"), or a person's name of two words or more with an affiliation
    after it ("Janelle Ostrowski of the Pacific Property Rights Center")."""
    inner = parenthetical.strip()
    if _NAME_RUN_RE.fullmatch(inner) is not None:
        return inner
    m = _AFFILIATION_RE.match(inner)
    if m is None:
        return None
    run = m.group("name").split()
    if len(run) < 2 or any(w.lower() in _INSTITUTION_NOUNS or _is_title_word(w) for w in run):
        return None
    return m.group("name")


def _prefer_apposition(subject: str, parenthetical: str | None) -> str:
    """A name in apposition wins over a description.

    "The Tarvian Foreign Minister, Lale Orhun, said" and "Its spokesman, Amir
    Kessaly, said" name the person; "Putin, for his part, said" keeps Putin.
    """
    if not parenthetical:
        return subject
    inner = _apposed_name(parenthetical)
    if inner is None:
        return subject
    words = subject.split()
    last = words[-1].lower()
    if (
        subject[:1].islower()
        or last in _TITLE_WORDS
        or last.rstrip(".") in _TITLE_WORDS
        or _is_role_word(last)
        or words[0] in ("The", "Its", "His", "Her", "Their", "A", "An")
        # "Harlow's chief executive, Priya Ramaswamy, said": a possessive's role
        or words[0].endswith(("\u2019s", "'s"))
    ):
        return inner
    if (
        # "A spokeswoman for the UN agency for refugees, UNRWA, Juliette Moreau,
        # said": a body (here its acronym) then a person's full name; the person speaks
        (_is_acronym(subject) or _could_be_body(subject))
        and len(inner.split()) >= 2
        and _full_name(inner) is not None
        and _could_be_person(inner)
    ):
        return inner
    return subject


def _ends_sentence(word: str) -> bool:
    """True when ``word`` ends a sentence: a final . ! ? that is not an abbreviation's.

    Abbreviated titles ("Dr.", "Col."), initials ("J."), dotted acronyms ("U.N.")
    and "Jr.", "Inc." ... keep their full stop inside a phrase.
    """
    word = word.rstrip("\"'\u201d\u2019)")
    if not word.endswith((".", "!", "?")):
        return False
    if word[-1] in "!?":
        return True
    stem = word.rstrip(".")
    return not (
        stem in _NO_BREAK_AFTER
        or word.lower() in _KEEP_FINAL_DOT
        or "." in stem
        or (len(stem) == 1 and stem.isupper())
    )


def _cut_subject(phrase: str) -> str:
    """Trim a subject read after a verb at the first function word ("in", "on"...),
    a participle ("adding") or at the end of its sentence ("said the minister. She
    left." gives "the minister"). "for" or "of" between capitalised words stays in
    an organisation's name ("the Syrian Observatory for Human Rights"), and a
    description keeps a place or body after "from", "in", "of" or "at" ("one
    activist from Talbisseh")."""
    kept: list[str] = []
    words = phrase.split()
    k = 0
    while k < len(words):
        word = words[k]
        low = word.lower().strip(".,")
        if kept and low in _SUBJECT_STOP:
            if low in ("by", "from") and _after_statement(kept):
                kept.append(word)  # "a statement issued by the brigade"
                k += 1
                continue
            if low == "with" and kept[-1].lower() in ("familiar", "close", "involved"):
                # "a person familiar with the negotiations": the description's own
                # object, up to its noun
                rest = words[k + 1 : k + 5]
                obj: list[str] = []
                for w in rest:
                    obj.append(w)
                    if w.endswith((",", ".")) or not (w.lower() in ("the", "a", "an", "its", "their") or w.islower()):
                        break
                    if w.islower() and w.lower() not in ("the", "a", "an", "its", "their"):
                        break
                kept += [word, *obj]
                if obj and (obj[-1].endswith(",") or _ends_sentence(obj[-1])):
                    break
                k += 1 + len(obj)
                continue
            if _joins_name(kept, words, k, low):
                kept.append(word)  # "Syrian Observatory for Human Rights"
                k += 1
                continue
            _keep_place(kept, words, k, low)
            break
        if not kept and low in _SUBJECT_STOP:
            return ""
        if kept and _breaks_subject(kept, word, low):
            if _describes_someone(kept) and _modifying_participle(low):
                kept += _participle_phrase(words[k:])  # "a doctor receiving the casualties"
            break
        kept.append(word)
        if word.endswith(",") or _ends_sentence(word):
            break
        k += 1
    return " ".join(_strip_final_dot(kept)).rstrip(",")


#: Participles that follow a speaker without describing them ("a resident speaking
#: on condition of anonymity", "the source adding that ...").
_TAIL_PARTICIPLES = frozenset(
    """speaking adding citing saying referring noting pointing stressing warning explaining
    describing insisting calling urging quoting according asking requesting declining
    using following including""".split()
)
#: Words that end a participle phrase in a description: "a man wearing a jacket who
#: ...", "a doctor treating the wounded on Monday".
_PARTICIPLE_STOP = frozenset(
    """that who which whose whom and but or because when while as after before during
    on to last this today yesterday tonight""".split()
)


def _describes_someone(kept: list[str]) -> bool:
    """For :func:`_cut_subject`: whether ``kept`` is a short description of someone
    (a determiner and lowercase words: "a doctor", "one masked militant")."""
    return (
        2 <= len(kept) <= 4
        and kept[0].lower() in _DETERMINERS
        and all(w.islower() for w in kept[1:])
        and not kept[-1].endswith(",")
    )


def _modifying_participle(low: str) -> bool:
    return low.endswith("ing") and len(low) > 4 and low not in _TAIL_PARTICIPLES


def _participle_phrase(words: list[str]) -> list[str]:
    """A participle and its object, kept in a description of someone ("receiving the
    casualties", "wearing a balaclava"): up to a comma, the sentence end, a clause or
    time word, a participle of :data:`_TAIL_PARTICIPLES`, or six words, then only
    "of", a determiner or a capitalised name (at most eleven words: "standing outside
    the ruins of the National Hospital")."""
    phrase = [words[0]]
    if words[0].endswith(","):
        return phrase
    for k, word in enumerate(words[1:12], start=1):
        low = word.lower().strip(".,")
        if k >= 6 and not (word[:1].isupper() or low in _DETERMINERS or low == "of"):
            break  # past six words, only a place's name goes on ("... the ruins of the National Hospital")
        if low in _PARTICIPLE_STOP or low in _TAIL_PARTICIPLES or word[:1] in _DOUBLE_MARKS:
            break
        if low in _DETERMINERS and len(phrase) > 1 and phrase[-1].lower() not in _PREPOSITIONS_BEFORE:
            break  # "wearing a balaclava the same outfit ...": a comma lost before "the"
        phrase.append(word)
        if word.endswith(",") or _ends_sentence(word):
            break
    while phrase and phrase[-1].lower().strip(".,") in _SUBJECT_STOP | _DETERMINERS:
        phrase.pop()
    return phrase


def _after_statement(kept: list[str]) -> bool:
    """For :func:`_cut_subject`: whether ``kept`` ends with a statement noun, or one
    and a participle ("a statement issued"), so "by" or "from" names its source."""
    last = [w.lower() for w in kept[-2:]]
    return last[-1] in _STATEMENT_NOUNS or (
        len(last) == 2
        and last[0] in _STATEMENT_NOUNS
        and (last[1] in _ISSUER_PARTICIPLES or last[1] in _CARRIER_PARTICIPLES)
    )


def _joins_name(kept: list[str], words: list[str], k: int, low: str) -> bool:
    """For :func:`_cut_subject`: whether "for" or "of" at ``words[k]`` joins two
    capitalised words of one name ("Syrian Observatory for Human Rights")."""
    following = words[k + 1] if k + 1 < len(words) else ""
    if low == "and" and not any(w in ("for", "of") for w in kept):
        # "and" joins inside a name already joined by "of" or "for", or before the
        # run that ends a body's name ("said Telford and Wrekin Council")
        right: list[str] = []
        for w in words[k + 1 :]:
            if not w[:1].isupper():
                break
            right.append(w)
            if w.endswith((",", ".")):
                break
        after = words[k + 1 + len(right)].lower().strip(",.") if k + 1 + len(right) < len(words) else ""
        return (
            not kept[-1].endswith(",")
            and kept[-1][:1].isupper()
            and any(w.lower().strip(",.") in _INSTITUTION_NOUNS for w in right)
            and not any(w.lower() in _INSTITUTION_NOUNS for w in kept)
            # "said Ilves and Foreign Ministry officials": a second speaker
            and after not in _GROUP_NOUNS
            and after not in _PERSON_HEADS
        )
    return (
        low in ("for", "of", "and")
        and not kept[-1].endswith(",")
        and following[:1].isupper()
        and kept[-1][:1].isupper()
    )


def _keep_place(kept: list[str], words: list[str], k: int, low: str) -> None:
    """For :func:`_cut_subject`: a description keeps a place or body after "from",
    "in", "of" or "at" ("one activist from Talbisseh", "a source in the Defence
    Ministry"), appended to ``kept``."""
    following = words[k + 1] if k + 1 < len(words) else ""
    joins = not kept[-1].endswith(",") and following[:1].isupper()
    after_the = (
        not kept[-1].endswith(",")
        and following == "the"
        and k + 2 < len(words)
        and words[k + 2][:1].isupper()
    )
    if not (
        (joins or after_the)
        and low in ("from", "in", "of", "at")
        and all(w[:1].islower() for w in kept[1 if kept[0] in ("A", "An", "The") else 0 :])
    ):
        return
    kept.append(words[k])
    if after_the:
        kept.append(following)
        k += 1
    for name_word in words[k + 1 :]:
        if not name_word[:1].isupper():
            if name_word.lower().strip(".,") in _PLACE_NOUNS and kept[-1][:1].isupper():
                kept.append(name_word)  # "a resident of the Kessel neighbourhood"
            break
        kept.append(name_word)
        if name_word.endswith(",") or _ends_sentence(name_word):
            break


#: Common nouns that may follow a place's name as part of it ("the Kessel
#: neighbourhood", "the Yarmouk camp"): kept in a described speaker's place.
_PLACE_NOUNS = frozenset(
    """neighbourhood neighborhood district quarter area camp village town city province
    region suburb county estate""".split()
)


def _breaks_subject(kept: list[str], word: str, low: str) -> bool:
    """For :func:`_cut_subject`: whether ``word`` ends a subject already begun."""
    return (
        word in _SENTENCE_OPENERS  # "said Rami Abdel Rahman The displaced people": a full stop lost
        # "according to the UN official the Syrian economy ..."
        or (low in ("the", "a", "an") and kept[-1].lower() not in _PREPOSITIONS_BEFORE)
        # "said Rouhani adding that ...", "the source said using ..."
        or (word.islower() and len(word) > 4 and word.endswith("ing"))
    )


_ALL_READ = float("inf")
#: How far before a sentence (characters) the ``before`` rule starts its scan.
_SCAN_BEFORE = 400
_SCAN_AFTER = 64
#: How far after a quotation (characters) "his spokesman" looks for the person the
#: text names with that role.
_ROLE_LOOKAHEAD = 1000
#: After this many quotations in one paragraph, the ``before`` rule reads the
#: paragraph's cached SUBJECT-VERB matches instead of scanning around each one.
_LOCAL_SCANS = 8
#: At most this many SUBJECT-VERB matches are read back from a quotation when
#: looking for an antecedent (a body, a fuller description): a bound on the work per
#: quotation in texts with very many of them.
_MAX_SUBJECTS_BACK = 24
#: How far (characters) the ``sentence_end`` rule reads after a closing mark.
_SENTENCE_END_WINDOW = 300
# '"..." \u2013 Commissioner Helena Strand, speaking in Geneva.': a dash, then a name
# (with its titles) up to a comma or the end of the sentence.
# An abbreviated title's or an initial's full stop ("\u2013 Col. Derek Haskins",
# "\u2013 Brig. Gen. J. Smith") is inside the name, not its end.
_DASH_ATTRIBUTION_RE = re.compile(
    "[ \t]*(?:\u2013|\u2014|--?)[ \t]*(?P<subj>(?:"
    rf"(?<!\w)(?:{_TITLE_ABBREVIATIONS}|[{_UPPER}])\.(?=[ \t])"
    "|[^,;:!?\n\"\u201c\u201d\u2013\u2014.]|\\.(?![ \t]|$)){2,80}?)"
    "[ \t]*(?:[,;!?]|\\.(?:[ \t]|$)|$)"
)


#: At most this many quotations after one are read for a ``shared`` attribution.
_MAX_SHARED = 3
# What joins two quotations that share one attribution ('"cowardly" and "criminal,"').
_JOINED_QUOTES_RE = re.compile(r"[ \t]*(?:,[ \t]*|(?:,[ \t]*)?(?:and|or)[ \t]+)")
# A quotation whose words end its sentence: '... its own people."' (the last
# three characters: a final . ! ? then the closing mark).
_ENDS_WITH_SENTENCE_RE = re.compile("[^.][.!?][\"\u201d\u2019']$")


# '"..." SANA reported, citing local residents': the one cited speaks (CODING.md Q3d).
_CITING_RE = re.compile(
    rf"[ \t]*,?[ \t]*(?P<cue>citing|quoting)[ \t]+(?P<subj>{_SUBJECT_WORD}(?:[ \t]+{_SUBJECT_WORD}){{0,7}})"
)


#: Verbs of a clause that reports another ("X told Y that ..."), and verbs of
#: labelling, whose quoted word stays the labeller's.
_REPORTING_VERBS = frozenset("said says told tells added adds stated".split())
_LABELLING_VERBS = frozenset(
    "called calls calling described describes termed terms dubbed labels labelled labeled "
    "brands branded refers referred".split()
)
# From the reporting verb to the reported clause's subject: its object (up to four
# words) and "that" ("told Orontes Daily that ").
_THAT_CLAUSE_RE = re.compile(r"(?:[ \t]+[\w\-\u2019']+){0,4}?[ \t]+that[ \t]+")
#: Verbs after which "citing X" names the source (rule 2, as rule 1 reads it).
_CITING_VERBS = frozenset("reported reports said says added".split())


def _cited(window: str, pos: int, subject: str, matched: str) -> tuple[str, str, str]:
    """The ``after`` attribution (subject, matched text, rule), or the source its
    speaker cites right after the verb ('SANA reported citing local residents'
    gives "local residents"), read like a subject after a verb."""
    m = _CITING_RE.match(window, pos)
    if m is not None:
        cited = _cut_subject(m.group("subj"))
        words = cited.split()
        if words and words[0].lower() not in _CLAUSE_STARTERS - {"the", "a", "an"} and (
            # a source: a name, or people ("local residents", "an official"), not a
            # reason ("citing security concerns")
            words[-1][:1].isupper() or words[-1].lower() in _PERSON_HEADS or words[-1].lower() in _GROUP_NOUNS
        ):
            return cited, f"{matched} {m.group('cue')} {cited}", "after"
    return subject, matched, "after"


def _after_place(subject: str) -> tuple[str, str]:
    """(subject, its first word) of a subject phrase that starts with a preposition
    ("throughout Raqa the statement"): the words from its last determiner ("the
    statement"); ("", "") without one."""
    words = subject.split()
    at = max((k for k, w in enumerate(words) if k > 1 and w.lower() in ("the", "a", "an")), default=-1)
    if at < 0 or words[at - 1].lower() in _PREPOSITIONS_BEFORE:
        return "", ""
    return " ".join(words[at:]), words[at].lower()


def _tail_ok(text: str, pos: int, verb: str) -> bool:
    """Whether what follows a verb at ``pos`` fits an attribution with no comma:
    the end, punctuation, a preposition, a time word or a participle ("said in a
    statement", "said late Tuesday", "said adding"), or anything after "told"
    ("told AFP"); not a reported clause ("said the army was ready")."""
    rest = text[pos : pos + 40]
    stripped = rest.lstrip(" \t")
    if not stripped or stripped[0] in ".,;:!?\n\r\u2014\u2013-\"\u201c\u201d":
        return True
    if verb in ("told", "tells"):
        return True
    m = _NEXT_WORD_RE.match(rest)
    if m is None:
        return True
    word = m.group(1)
    low = word.lower()
    if low in _ATTRIBUTION_TAIL or (word.islower() and len(word) > 4 and low.endswith("ing")):
        return True
    return False


def _after_subject_verb(window: str, soft_end: bool, bare_end: bool) -> tuple[str, str, str] | None:
    """Rule 1, ``SUBJECT VERB`` after the closing mark (", Rouhani said in ...")."""
    m = _AFTER_SUBJECT_VERB_RE.match(window)
    if not m or not (
        soft_end
        or m.group("rest") is not None
        or (bare_end and _tail_ok(window, m.end(), m.group("verb")))
    ):
        return None
    if m.group("subj").split()[-1].lower() in _NOUN_MARKERS and not m.group("paren"):
        # '", denied the claims.': a word of saying after a determiner or a
        # preposition is a noun, no verb of an attribution
        return None
    subj = " ".join(_from_last_determiner(_before_relative_clause(m.group("subj").split())))
    first_word = m.group("subj").split()[0].lower()
    subj = _prefer_apposition(subj, m.group("paren"))
    if first_word in _PREPOSITIONS_BEFORE:
        # '"..." throughout Raqa the statement said': a place, then the
        # subject (a comma lost): the subject starts at its determiner.
        subj, first_word = _after_place(m.group("subj"))
    if (
        subj
        and first_word not in _SUBJECT_STOP
        and first_word not in _NOT_SUBJECT
        and not any(w.lower() in _AFTER_VERB_SET for w in subj.split())
        # A subject never spans a sentence break: '," the crowd cheered.
        # Ilves said nothing' is no attribution.
        and not any(_ends_sentence(w) for w in m.group("subj").split())
    ):
        matched = " ".join(m.group(0).strip(" \t,;:.!?\u2014\u2013-").split())
        return _cited(window, m.end(), subj, matched)
    return None


def _after_quoted_by(window: str, soft_end: bool, bare_end: bool) -> tuple[str, str, str] | None:
    """'"..." Lavrov was quoted by RIA Novosti as saying': the subject speaks."""
    m = _AFTER_QUOTED_BY_RE.match(window)
    if m and m.group("subj").split()[0].lower() not in _SUBJECT_STOP:
        return m.group("subj"), " ".join(m.group(0).split()), "after"
    return None


def _after_quoted_as_saying(window: str, soft_end: bool, bare_end: bool) -> tuple[str, str, str] | None:
    """'"..." the paper quoted a security official as saying': the one quoted."""
    m = _AFTER_QUOTED_AS_SAYING_RE.match(window)
    if m:
        subj = _cut_subject(m.group("subj"))
        if subj:
            return subj, " ".join(m.group(0).split()), "after"
    return None


def _after_long_subject(window: str, soft_end: bool, bare_end: bool) -> tuple[str, str, str] | None:
    """'"..." Jan Egeland the UN envoy for Syria said': a name and its description
    with no comma, or a role, its affiliation and the person's name."""
    m = _AFTER_LONG_SUBJECT_RE.match(window)
    if not (m and (soft_end or bare_end) and _tail_ok(window, m.end(), m.group("verb"))):
        return None
    words = m.group("subj").split()
    name = _leading_name(words)
    if name is None and _is_role_word(words[0]) and words[0].islower():
        # '"..." head of the Syrian Observatory for Human Rights Rami Abdel
        # Rahman said': the person the role introduces
        name = _person_after_affiliation(words)
    if name is not None and not any(_ends_sentence(w) for w in words):
        return name, " ".join(m.group(0).split()), "after"
    return None


def _after_verb_subject(window: str, soft_end: bool, bare_end: bool) -> tuple[str, str, str] | None:
    """``VERB SUBJECT`` after the closing mark (", said the minister"); a name in
    apposition after a description wins."""
    m = _AFTER_VERB_SUBJECT_RE.match(window)
    if not (m and (soft_end or bare_end)):
        return None
    raw = m.group("subj")
    subj = _cut_subject(raw)
    tail = (raw + window[m.end("subj") :])[len(subj) :] if raw.startswith(subj) else ""
    if subj and subj[:1].islower() and tail.startswith(","):
        # '," said its chief executive, Sir Howard Newby.': the name in
        # apposition wins over the description.
        rest = tail[1:].lstrip()
        apposed = _NAME_RUN_RE.match(rest)
        if apposed is not None and (
            apposed.end() == len(rest) or rest[apposed.end()] in ".,;"
        ):
            subj = " ".join(_strip_final_dot(apposed.group().split()))
    if not subj:
        return None
    if raw.startswith(subj):
        return _cited(window, m.start("subj") + len(subj), subj, f"{m.group('verb')} {subj}")
    return subj, f"{m.group('verb')} {subj}", "after"


def _after_according(window: str, soft_end: bool, bare_end: bool) -> tuple[str, str, str] | None:
    """'"..." according to X'."""
    m = _AFTER_ACCORDING_RE.match(window)
    if m:
        m2 = _ACCORDING_TO_RE.match(window, m.end())
        if m2:
            subj = _cut_subject(m2.group("subj"))
            if subj:
                return subj, f"according to {subj}", "after"
    return None


def _after_dash(window: str, soft_end: bool, bare_end: bool) -> tuple[str, str, str] | None:
    """Rule 3: '"..." \u2013 Commissioner Helena Strand, speaking in Geneva.'"""
    m = _DASH_ATTRIBUTION_RE.match(window)
    if m:
        phrase = m.group("subj").strip()
        if (
            phrase
            and phrase[0].isupper()
            and len(phrase.split()) <= 8
            and _final_name_run(phrase) is not None
            and not any(w.lower() in _AFTER_VERB_SET for w in phrase.split())
        ):
            return phrase, f"\u2013 {phrase}", "dash"
    return None


#: The attributions read right after a closing mark, tried in this order.
_AFTER_RULES: tuple[Callable[[str, bool, bool], tuple[str, str, str] | None], ...] = (
    _after_subject_verb,
    _after_quoted_by,
    _after_quoted_as_saying,
    _after_long_subject,
    _after_verb_subject,
    _after_according,
    _after_dash,
)


def _goes_on(inner: list[str]) -> bool:
    """Whether a quotation's first words go on from a subject before it (``The
    Observatory "has documented ..."``): a common verb or a lowercase word in -ed
    or -s."""
    return bool(inner) and (
        inner[0] in _OPENING_VERBS or (inner[0].islower() and inner[0].endswith(("ed", "s")))
    )


# A sentence's opening subject, then a comma-enclosed apposition ("The health
# secretary, Martin Oakes, who ...", "Its ambassador to the UN, Nabil Khalil,").
_OPENING_APPOSITION_RE = re.compile(r"[^,]+,(?P<paren>[^,]+),")


def _opening_cue(words: list[str]) -> str | None:
    """The word that ties a quotation to its sentence's opening subject (see
    :meth:`_Speakers.opening_subject`): a verb of labelling or a participle of
    saying, or a verb of saying after "and"."""
    return next(
        (
            w for k, w in enumerate(words[1:], start=1)
            if w.lower().strip(",") in _OPENING_CUES
            or (words[k - 1] == "and" and w in _AFTER_VERB_SET)
        ),
        None,
    )


def _opening_person(sentence: str) -> str | None:
    """A person named with role words at the start of ``sentence`` ("Lorry driver
    Pavel"), or None."""
    m = _PERSON_SUBJECT_RE.match(sentence)
    if m is None or not m.group("role"):
        return None
    prefix = m.group("role").split()[:-1]
    if prefix and (prefix[0] in _NOT_A_NAME or prefix[0].lower() in _SUBJECT_STOP):
        return None
    name, _ = _name_from_subject(m.group("name"))
    return name if name and _could_be_person(name) else None


#: Words after which a word of saying is a noun ("on charges of", "the claims",
#: "his warnings"), never the verb of its clause.
_NOUN_MARKERS = _PREPOSITIONS_BEFORE | frozenset("the a an his her its their our my your".split())


#: Words after which a plural group noun opens a clause as its subject ("and
#: residents said", "that rebels claimed").
_CLAUSE_OPENERS = _LEADING_FILLER | _DISCOURSE_ADVERBS | frozenset(
    # "citing medical sources who described": the source cited (CODING.md Q3d)
    "although though when where after because since yet whereas that if citing quoting".split()
)


def _opens_clause(before: list[str], word: str) -> bool:
    """Whether the last occurrence of ``word`` in ``before`` opens a clause: it
    starts the words, or follows a comma or a word of :data:`_CLAUSE_OPENERS`."""
    k = len(before) - 1 - before[::-1].index(word)
    return k == 0 or before[k - 1].endswith(",") or before[k - 1].lower() in _CLAUSE_OPENERS


def _lowercase_group(before: list[str], noun: str) -> str | None:
    """The subject a plural group noun written alone opens ("Meanwhile, activists
    claimed", "..., residents said", "and security sources said"), with up to two
    lowercase modifiers before it ("opposition activists");
    None where the noun is an object ("killed two activists", "the bodies of
    officials", "rejected rebels claims")."""
    words = [noun]
    for word in reversed(before):
        if word.endswith((",", ";", ":")) or word.lower() in _CLAUSE_OPENERS:
            return " ".join(words)
        low = word.lower()
        if word[:1].isupper() and len(words) > 1:
            # "Syrian opposition activists", "of Khan Touman military sources": a
            # capitalised word may end a place's name; the description starts after it
            return " ".join(words)
        if (
            len(words) > 2
            or not word.isalpha()
            or low in _NOUN_MARKERS
            or low in _NOT_SUBJECT
            or low in _CLAUSE_STARTERS
            or low in _SUBJECT_STOP
            or (word.islower() and low.endswith("ed"))
            # "and striking nurses chanted", but not "began killing activists"
            or (word.islower() and low.endswith("ing") and not _opens_clause(before, word))
            or low in _AFTER_VERB_SET
        ):
            return None
        words.insert(0, word)
    return " ".join(words)


# A verb of saying joined by "and" with no subject of its own ("..., and warned that").
_CONJOINED_VERB_RE = re.compile(
    rf"\band[ \t]+(?:also[ \t]+|then[ \t]+|later[ \t]+)?(?P<verb>{_word_trie(_BEFORE_VERBS)})\b"
)
_RELAY_AGENT_RE = re.compile(
    r"\b(?:[a-z]+ed|shown|broadcast|read|written|sent|run)[ \t]+by[ \t]+(?:the[ \t]+)?$"
)


def _relay_agent(m: re.Match[str], sentence_start: int) -> bool:
    """Whether a SUBJECT-VERB match with a participle for its verb has for its
    subject the agent of a participle before it ("claimed the attack in a message
    shared by the SITE Intelligence Group calling it"): the medium that relays the
    words; the participle belongs to the clause's subject (CODING.md 2.3, media
    citing a source)."""
    if not m.group("verb").endswith("ing"):
        return False
    return _RELAY_AGENT_RE.search(m.string, max(sentence_start, m.start() - 40), m.start()) is not None


def _shares_earlier_subject(m: re.Match[str], sentence_start: int) -> bool:
    """Whether a SUBJECT-VERB match that has no subject of its own belongs to an
    earlier clause of its sentence: a participle after a comma ("..., calling"), a
    verb after "and" or "but" ("accused ... and said"), a described subject
    after a preposition ("in a statement read"), or a participle after a relaying
    medium ("in a message shared by the SITE Intelligence Group calling it")."""
    text = m.string
    if m.group("verb").endswith("ing") and text[m.start() : m.start("verb")].rstrip().endswith(","):
        return True
    if _relay_agent(m, sentence_start):
        return True
    np = (m.group("np") or "").split()
    if np and np[-1].lower() in ("and", "but"):
        return True
    lead = text[max(sentence_start, m.start() - 20) : m.start()].split()
    return bool(np) and bool(lead) and lead[-1].lower() in _PREPOSITIONS_BEFORE


def _what_pronoun(m: re.Match[str]) -> bool:
    """Whether a SUBJECT-VERB match's subject is a pronoun after "what" ("what it
    called", also read inside a described subject: "a meeting after what he")."""
    if m.group("pron"):
        return m.string[max(0, m.start() - 5) : m.start()].lower() == "what "
    words = (m.group("np") or "").lower().split()
    return len(words) >= 2 and words[-2] == "what" and words[-1] in _PRONOUNS


# The end of a described subject read with its auxiliary ("a man can be heard",
# "the defendant was heard"): see _ADVERB_WORDS.
_HEARD_TAIL_RE = re.compile(r"[ \t]+(?:(?:can|could)[ \t]+be|is|are|was|were)[ \t]+heard(?:[ \t]+to)?$")


def _verb_is_noun(m: re.Match[str]) -> bool:
    """Whether the verb of a SUBJECT-VERB match stands right after a preposition or
    a determiner, so is a noun ("the men on charges (of)", "rejected the claims")."""
    before = m.string[m.start() : m.start("verb")].split()
    if len(before) >= 2 and before[-1] == "to" and before[-2] in ("heard", "on"):
        return False  # "was heard to say", "went on to say": an auxiliary's "to"
    return bool(before) and before[-1].lower() in _NOUN_MARKERS


# 'branded a "terrorist organisation" by Ankara': a participle of labelling (and
# "as", an article, up to two words) right before the opening mark ...
_PASSIVE_LABEL_RE = re.compile(
    r"\b(?P<verb>called|described|branded|labelled|labeled|designated|dubbed|termed|"
    r"blacklisted|listed|denounced|condemned|criticised|criticized|hailed|praised|"
    r"dismissed|derided|decried|accused[ \t]+of)"
    r"(?:[ \t]+as)?(?:[ \t]+(?:a|an|the))?(?:[ \t]+[\w\-]+){0,2}[ \t]+$"
)
# ... and "by" and the labeller right after the closing mark.
_PASSIVE_BY_RE = re.compile(r"[ \t]*,?[ \t]*by[ \t]+")


# "said to be", "reported to have": a passive participle before an infinitive.
_SAID_TO_RE = re.compile(r"[ \t]+to[ \t]+(?:be|have)\b")
_BE_FORMS = frozenset("is are was were been being".split())
#: Irregular past participles that follow "was"/"were" in a passive.
_IRREGULAR_PARTICIPLES = frozenset(
    """hit struck shot hurt held cut put set built caught left lost sent spent taken
    seen given made known found brought thrown torn beaten driven stolen written
    overrun""".split()
)


def _is_participle(word: str) -> bool:
    """Whether a lowercase word reads as a past participle ("killed", "hit")."""
    low = word.strip(",.;:").lower()
    return word[:1].islower() and (low.endswith("ed") or low in _IRREGULAR_PARTICIPLES)


#: Plural nouns for people in general, no verb after a capitalised word ("Local people").
_PEOPLE_NOUNS = frozenset("people men women children youths families".split())


def _without_verb(subject: str) -> str:
    """An opening subject without the verb and object after its last capitalised
    word ("Ilves cast doubt", "State news agency SANA broadcast"), unless it is
    written with a determiner or the word after is a group noun ("Smaller parties")."""
    parts = subject.split()
    if not parts or parts[0].lower() in ("the", "a", "an", "its", "his", "her", "their", "one"):
        return subject
    last_cap = max((k for k, w in enumerate(parts) if w[:1].isupper()), default=-1)
    if (
        0 <= last_cap < len(parts) - 1
        and not parts[last_cap].endswith(("'s", "\u2019s"))
        # "Smaller parties complained": a group noun is no verb
        and parts[last_cap + 1].lower() not in _GROUP_NOUNS
        and parts[last_cap + 1].lower() not in _PEOPLE_NOUNS  # "Local people have taken to"
    ):
        return " ".join(parts[: last_cap + 1])
    return subject


class _Speakers:
    """Attribution rules for one text (see the module docstring)."""

    def __init__(self, text: str, paras: _Paragraphs) -> None:
        self.text = text
        self.paras = paras
        self._by_paragraph: dict[int, list[re.Match[str]]] = {}
        self._verb_starts: dict[int, list[int]] = {}
        self._before_calls: dict[int, int] = {}
        self._subjects: dict[int, str | None] = {}
        self._sentences_before: dict[int, str] = {}
        # match start -> where the antecedent of its relative clause starts (the cue's start)
        self._antecedent_at: dict[int, int] = {}
        self._credits: list[tuple[int, str, str]] | None = None
        self._body_matches: list[re.Match[str]] | None = None
        self._body_starts: list[int] = []
        self._barriers: str | None = None  # the barrier characters in the text
        # (span start, pronoun, speaker, where the speaker was named) of quotations
        # whose "he" or "she" was resolved
        self.pronoun_speakers: list[tuple[int, str, str, int]] = []
        # Surnames the text writes with a gendered title ("Mrs Finch", "Sir
        # Jeremy Hollis"): "he" or "she", read on first use (see pronoun_of).
        self._titled_gender: dict[str, str] | None = None
        # Full names by surname, read from the name runs of the text up to the
        # first run starting at or after the furthest position asked for.
        self._full_names: dict[str, list[tuple[int, str]]] = {}
        self._by_first_name: dict[str, list[tuple[int, str]]] = {}  # the same, by first name
        self._name_runs: Iterator[re.Match[str]] | None = None
        self._name_runs_at: float = -1  # start of the last run read; _ALL_READ when all are
        # Quotation spans (sorted, not overlapping), to tell narration from quotes.
        self.quoted_starts: list[int] = []
        self.quoted_ends: list[int] = []

    # rule 1 -----------------------------------------------------------------------
    def after(self, start: int, end: int) -> tuple[str, str, str] | None:
        """(subject, matched text, rule) of an attribution right after ``text[start:end]``."""
        text = self.text
        if text[end - 1] in ".!?\u2026":
            # A quotation left open that a reader ends with its sentence, before a
            # narrating one ('"Where will the kids go? Raul Mendes said the hours
            # ...'): what follows is no attribution of it.
            return None
        p = self.paras.index(end - 1)
        limit = min(self.paras.ends[p] if p >= 0 else len(text), end + 200)
        # A bracketed acronym in the attribution ("the Syrian Observatory for Human
        # Rights (SOHR) said") is read past: the window is matched without it.
        window = _BRACKETED_ACRONYM_RE.sub("", text[end:limit])
        content_end = text[max(start, end - 3) : end]
        soft_end = any(c in ",!?\u2014\u2013-" for c in content_end) or window[:1] in (
            ",",
            "\u2014",
            "\u2013",
        )
        # A closing mark right after a word, with no punctuation of its own ('"... in
        # the attack" said X'): the comma was left out, as in copy stripped of its
        # punctuation; the attribution is read as after a comma when the verb is
        # followed by what an attribution has (see _tail_ok).
        bare_end = (
            end - start >= 3
            and text[end - 1] in _DOUBLE_MARKS
            and (text[end - 2].isalnum() or text[end - 2] in ")]")
        )
        for rule in _AFTER_RULES:
            found = rule(window, soft_end, bare_end)
            if found is not None:
                return found
        return None

    def shared(
        self, start: int, end: int, following: Sequence[tuple[int, int, bool, bool]]
    ) -> tuple[str, str, str] | None:
        """(subject, matched text, "shared") for quotations joined by "and", "or" or
        commas that share the attribution after the last ('The attack was
        "cowardly" and "criminal," the ministry said'), unless the sentence before
        the first names its own speaker; else None. ``following`` are the next
        quotation spans (start, end, multi-paragraph, bare)."""
        last = end
        for next_start, next_end, _, bare in following:
            if bare or not _JOINED_QUOTES_RE.fullmatch(self.text, last, next_start):
                return None
            found = self.after(next_start, next_end)
            if found is not None:
                if self.passive_by(start, end) or self.before(start):
                    return None
                return found[0], found[1], "shared"
            last = next_end
        return None

    def sentence_end(self, end: int) -> tuple[str, str, str] | None:
        """(subject, matched text, rule) of the first SUBJECT VERB with a verb of
        saying later in the sentence that ends the quotation ('"..." in the village
        early on Tuesday the defence ministry said'), read up to the sentence's end,
        the next quotation mark or :data:`_SENTENCE_END_WINDOW` characters."""
        text = self.text
        if text[end - 1] in ".!?\u2026":
            return None  # a quotation left open, ended with its sentence (see after)
        if _ENDS_WITH_SENTENCE_RE.match(text, max(0, end - 3), end) and text[end : end + 2].lstrip(" \t")[:1].isupper():
            # '"... against its own people." Camp residents told Reuters': the
            # quotation ended its sentence; the next one is narration.
            return None
        p = self.paras.index(end - 1)
        limit = min(self.paras.ends[p] if p >= 0 else len(text), end + _SENTENCE_END_WINDOW)
        brk = _SENTENCE_BREAK_RE.search(text, end, limit)
        while brk is not None:
            word = _WORD_BEFORE_STOP_RE.search(text, max(end, brk.start() - 12), brk.start() + 1)
            if word is None or not (
                word.group(1) in _NO_BREAK_AFTER
                or (len(word.group(1)) == 1 and word.group(1).isupper())
            ):
                limit = brk.start() + 1
                break
            brk = _SENTENCE_BREAK_RE.search(text, brk.end(), limit)
        for ch in _SUBJECT_VERB_BARRIERS:
            k = text.find(ch, end, limit)
            if k >= 0:
                limit = k
        inverted = _INVERTED_IN_SENTENCE_RE.search(text, end, limit)
        for m in _subject_verb_matches(text, end, limit):
            if inverted is not None and inverted.start() < m.start():
                break
            if " ".join(m.group("verb").split()) not in _AFTER_VERB_SET:
                continue
            if not _tail_ok(text[: limit], m.end(), m.group("verb")):
                continue
            subject = self._subject_at(m, end)
            if subject is None or subject.split()[0].lower() in _SUBJECT_STOP:
                continue
            return subject, " ".join(m.group(0).split()), "sentence_end"
        if inverted is not None:
            subject = _cut_subject(inverted.group("subj"))
            if subject and any(w[:1].isupper() for w in subject.split()):
                return subject, f"{inverted.group('verb')} {subject}", "sentence_end"
        return None

    def passive_by(self, start: int, end: int) -> tuple[str, str, str] | None:
        """(subject, matched text, rule) of a passive labelling: a participle of
        labelling right before the quotation and ``by`` and the labeller right after
        it ('branded a "terrorist organisation" by Ankara'), or None."""
        text = self.text
        after = _PASSIVE_BY_RE.match(text, end)
        if after is None:
            return None
        label = _PASSIVE_LABEL_RE.search(text, max(0, start - 60), start)
        if label is None:
            return None
        p = self.paras.index(end - 1)
        limit = min(self.paras.ends[p] if p >= 0 else len(text), after.end() + 120)
        subject = _cut_subject(text[after.end() : limit])
        words = subject.split()
        if not words or not (
            any(w[:1].isupper() for w in words)
            or words[-1].lower() in _GROUP_NOUNS
            or words[-1].lower() in _ROLE_NOUN_SET
            or words[-1].lower() in _INSTITUTION_NOUNS
            or words[-1].lower() in _BODY_NOUNS
        ):
            return None  # "by the end of the week": no one labels
        return subject, f"{label.group('verb')} ... by {subject}", "passive_by"

    # rule 2 -----------------------------------------------------------------------
    def _sentence_before(self, start: int) -> str:
        """The part of the sentence before ``start`` (at most 400 characters);
        computed once per position (several rules ask for the same one)."""
        found = self._sentences_before.get(start)
        if found is None:
            found = self._sentences_before[start] = self._read_sentence_before(start)
        return found

    def _read_sentence_before(self, start: int) -> str:
        p = self.paras.index(start)
        para_start = self.paras.starts[p] if p >= 0 else 0
        lo = max(para_start, start - 400)
        window = self.text[lo:start]
        breaks = self._sentence_breaks(lo, start)
        return window[breaks[-1] - lo :] if breaks else window

    def _sentence_breaks(self, lo: int, start: int) -> list[int]:
        """Offsets where a sentence starts after a real break in ``text[lo:start]``:
        a full stop after an abbreviation or an initial is not one."""
        text = self.text
        found: list[int] = []
        # Two characters past ``start`` so the break's lookahead sees an opening mark.
        for brk in _SENTENCE_BREAK_RE.finditer(text, lo, min(start + 2, len(text))):
            if brk.end() > start:
                break
            word = _WORD_BEFORE_STOP_RE.search(text, max(lo, brk.start() - 12), brk.start() + 1)
            if word is not None and (
                word.group(1) in _NO_BREAK_AFTER
                or (len(word.group(1)) == 1 and word.group(1).isupper())
            ):
                continue  # "Dr. Ruth", "J. Smith", "U.N. envoy"
            found.append(brk.end())
        return found

    @staticmethod
    def _subject_of(m: re.Match[str]) -> str:
        """The subject of a SUBJECT-VERB match, as written."""
        name = m.group("name")
        if name is not None and m.group("bodydesc"):
            # "the Tahrir al-Sham jihadist alliance (denounced)": the body's name
            phrase = " ".join(m.string[m.start() : m.end("bodydesc")].split())
            body = _body_before_description(phrase.split())
            return _prefer_apposition(body if body is not None else phrase, m.group("paren"))
        if name is not None:
            affiliation = m.group("affiliation")
            last = name.split()[-1].lower()
            if m.group("described") and len(name.split()) == 1:
                # "Officials from the opposition Kessel Liberation Front said": one
                # capitalised word is no person's name; the organisation speaks.
                name = affiliation
            elif affiliation and name.lower() in _GROUP_NOUNS:
                # "Officials in Aldwick said": a group described by its place.
                name = f"{name} {m.group('prep')} {affiliation}"
            elif affiliation and (last in _TITLE_WORDS or last.rstrip(".") in _TITLE_WORDS):
                # "Secretary of State Antony Blinken": the name follows "of".
                name = f"{name} of {affiliation}"
            elif affiliation and any(w.lower() in _INSTITUTION_NOUNS for w in name.split()):
                # "the Syrian Observatory for Human Rights": one organisation's name.
                name = f"{name} {m.group('prep')} {affiliation}"
            # Otherwise a person "of the charity Open Hands" is the speaker.
            if not affiliation:
                joined = _joined_body_name(m.string[max(0, m.start() - 160) : m.start()], name)
                if joined is not None:
                    name = joined  # "Telford and Wrekin Council said"
            return _prefer_apposition(name, m.group("paren"))
        return _prefer_apposition(
            m.group("pron") or m.group("np") or m.group("group"), m.group("paren")
        )

    def _subject_at(self, m: re.Match[str], sentence_start: int) -> str | None:
        """The subject of a SUBJECT-VERB match read in its sentence, or None.

        A time ("Wednesday") is no subject, nor a described subject holding a verb
        after a capitalised word ("the Syrian Army refuted terrorists claims"). A
        name right after a preposition is its object ("operations in the Middle East
        said", "a security source in Damascus confirmed"): the subject is then read
        by :func:`_subject_through_preposition`.
        """
        verb = m.group("verb")
        if verb.endswith(("ed", "id")) and _SAID_TO_RE.match(m.string, m.end()):
            return None  # "two activists said to be spies": a participle, no one speaks
        if verb.endswith("ing") and m.string[m.start() : m.start("verb")].rstrip().endswith(","):
            # "... kept out of the debate, calling it": the participle's subject
            # is the clause's, not the phrase before the comma (see opening_subject)
            return None
        if _relay_agent(m, sentence_start):
            return None  # "a message shared by the SITE Intelligence Group calling it"
        identified = m.group("name") is not None and m.group("name").startswith("as ") and (
            _IDENTIFIED_AS_RE.search(self.text, max(sentence_start, m.start() - 90), m.end("name"))
        )
        if identified:
            # "A doctor ... who asked to be identified only as Abu Khaled said": the
            # name the described speaker gave, its commas lost ("as" read as a
            # name's particle, as in "as-Sadr")
            return identified.group("name")
        antecedent = self._relative_antecedent(m, sentence_start)
        if antecedent is not None:
            return antecedent
        subject = self._subject_of(m)
        if not verb.startswith("quoted") and _PASSIVE_RE.search(
            m.group(0), 0, m.start("verb") - m.start()
        ):
            return None  # "Casualties are also reported": a passive, no speaker
        name = m.group("name")
        if name is None:
            return self._described_subject_at(m, sentence_start, subject)
        lo = max(sentence_start, m.start() - 60)
        quoted_by = (
            _QUOTED_BY_BEFORE_RE.search(self.text, lo, m.start())
            if self.text.find(" by ", lo, m.start()) >= 0 else None
        )
        if quoted_by is not None:
            # "A Syrian military source quoted by state news agency SANA denied": the
            # medium quotes; the one it quotes is the subject
            words = _from_last_determiner(self.text[sentence_start : quoted_by.start()].split())
            return " ".join(words) if 0 < len(words) <= 8 else None
        if all(word in _TIME_NAMES for word in name.split()):
            # "The coalition which launched its air war last September said": a
            # time ends the relative clause; the subject is the one it describes.
            words = _sentence_words(self.text[sentence_start : m.start()].split())
            relative = _last_relative(words)
            return None if relative is None else _subject_before_relative(words, relative)
        lead = self.text[max(sentence_start, m.start() - 30) : m.start()].split()
        phrase_end = m.end("affiliation") if m.group("affiliation") else m.end("name")
        phrase = self.text[m.start() : phrase_end]
        taken = 0  # words moved from before the name into the phrase
        if lead and lead[-1].lower() == "the":
            lead = lead[:-1]
        elif (
            len(lead) >= 3
            and lead[-1].isalpha()
            and lead[-1].islower()
            and lead[-2].lower() == "the"
            and phrase.split()[-1].lower() in _INSTITUTION_NOUNS
        ):
            # "an activist with the opposition Idlib Media Centre (told)": one
            # lowercase word between "the" and the name
            phrase = f"{lead[-1]} {phrase}"
            lead = lead[:-2]
            taken = 1
        if not lead or lead[-1].lower() not in _PREPOSITIONS_BEFORE:
            return subject
        # the sentence's words before the name, split only when they are read
        before = self.text[sentence_start : m.start()].split()
        found = _subject_through_preposition(before[: len(before) - taken], phrase)
        # "the senior coroner for Cornwall, Dr Frances Quayle, said": the name in
        # apposition to the whole description speaks
        return found if found is None else _prefer_apposition(found, m.group("paren"))

    def _relative_antecedent(self, m: re.Match[str], sentence_start: int) -> str | None:
        """For :meth:`_subject_at`: when the match's subject is the object of a
        relative clause whose commas were lost ("Kinross Capital which owns a stake
        (said)", "Mr Lee who chairs the board (told)"), the name the clause
        describes, with a name opening the sentence before its description ("Fiona
        Lachlan a fund manager at Kinross Capital which ..."); else None."""
        text = self.text
        lo = max(sentence_start, m.start() - 120)
        if not (" who " in text[lo : m.start()] or " which " in text[lo : m.start()]):
            return None  # the common case, without splitting the sentence
        words = _sentence_words(text[sentence_start : m.start()].split())
        relative = _last_relative(words)
        if (
            relative is None
            or relative == 0
            or not words[relative - 1][:1].isupper()
            or relative == len(words) - 1
            or not words[relative + 1].islower()
            or any(w.endswith((",", ";", ":")) for w in words[relative - 1 :])
            # a long clause, or one joining nouns, has likely ended before the
            # subject ("the Levant which is spearheading an offensive in Iraq and
            # rebels the Syrian Observatory ... said")
            or len(words) - relative - 1 > 6
            or "and" in words[relative + 1 :]
        ):
            return None
        found = _subject_before_relative(words, relative)
        if found is None:
            return None
        j = relative - len(found.split())
        if j > 0 and words[j - 1].lower() in _SUBJECT_PREPOSITIONS:
            # "a fund manager at Kinross Capital which owns ...": the clause describes
            # the object of "at"; the subject is the one before the preposition
            found = _subject_through_preposition(words[:j], found)
        else:
            if words[j].lower() in _DETERMINERS:
                j = _determiner_start(words, j)
            found = " ".join(words[j:relative])
        if found:
            at = text.rfind(found.split()[0], sentence_start, m.start())
            if at >= 0:
                self._antecedent_at[m.start()] = at
        return found

    def _described_subject_at(self, m: re.Match[str], sentence_start: int, subject: str) -> str | None:
        """For :meth:`_subject_at`: the subject of a match with no name (a pronoun, a
        described subject or a group), read in its sentence, or None."""
        if m.group("statemedia"):
            return subject  # "state TV said": the medium as written
        np_text = m.group("np") or ""
        heard = _HEARD_TAIL_RE.search(np_text)
        if heard is not None:
            # "A man can be heard (shouting)": the auxiliary is no part of the subject
            if subject == np_text:
                subject = np_text[: heard.start()]
            np_text = np_text[: heard.start()]
        group = m.group("group")
        if group is not None and group[:1].islower():
            found = _lowercase_group(self.text[sentence_start : m.start()].split(), group)
            return None if found is None else _prefer_apposition(found, m.group("paren"))
        np = np_text.split()
        if len(np) > 1 and np[-1] == "who" and not any(w.lower() in _SUBJECT_STOP for w in np[:-1]):
            # "Reuters reported a military source who said": the one "who" is
            # ("a journalist embedded with the troops in the district who said":
            # which of them is unclear, left alone)
            return " ".join(_from_name_after_noun(_from_last_determiner(np[:-1])))
        if np and (np[-1].lower() in _SUBJECT_STOP or np[-1].lower() in _LEADING_FILLER):
            return None  # "the criticism and (blamed)"
        if any(w.lower() in _NOT_SUBJECT - {"also"} for w in np[1:-1]):
            return None  # "No one has so far (claimed)": an auxiliary is no noun
        if subject == np_text and np[0].lower() in ("the", "a", "an"):
            # "Dr Aminata Kiema who heads the Nanoro unit told": the object of a
            # relative clause's verb; the clause describes the subject
            # ("The man who shot the soldier said": the man)
            lead = _sentence_words(self.text[sentence_start : m.start("verb")].split()[-16:])
            r = next(
                (k for k in range(len(lead) - 3, 0, -1) if lead[k].lower() in ("who", "which", "that")),
                None,
            )
            if (
                r is not None
                and lead[r + 1].islower()
                and lead[r + 1] not in _NOT_SUBJECT
                and lead[r + 1] not in _NOUN_MARKERS
                and lead[r + 2].lower() in ("the", "a", "an", "its", "his", "her", "their")
                and not any(w.endswith(",") for w in lead[r:])
            ):
                described = _named_before_description(lead, r) or (
                    _subject_before_relative(lead, r) if lead[r] != "that" else None
                )
                if described is not None:
                    return described
        if subject == np_text:
            # "the barrel bomb the AFP photographer (said)": the last one;
            # "about the incident Syrian state media (said)": the named one
            whole = len(np)
            np = _from_name_after_noun(_from_last_determiner(np))
            subject = " ".join(np)
            lead = self.text[max(sentence_start, m.start() - 30) : m.start()].split()
            if (
                len(np) == whole
                and lead
                and lead[-1].lower() in _PREPOSITIONS_BEFORE
                and np[-1].lower() not in _PRONOUNS  # "on the outskirts of Tarn it (said)"
            ):
                # "one resident of the town told": the phrase is the object
                # of "of"; the subject is read back from a speaker's head or
                # name before it ("Pope Francis in an Easter message also
                # condemned" has none: no subject)
                return _subject_of_preposition(
                    self.text[sentence_start : m.start()].split(), np_text
                )
        if any(
            np[k - 1][:1].isupper() and w.islower() and w.endswith("ed") and "-" not in w
            for k, w in enumerate(np[1:-1], start=1)
        ):
            return None  # "the Syrian Army refuted terrorists (claims)"
        return subject

    def _paragraph_subjects(self, p: int) -> list[re.Match[str]]:
        """SUBJECT-VERB matches of paragraph ``p``, scanned on first use.

        No match can cross a line break, so scanning paragraph by paragraph finds
        exactly what one scan of the whole text would, and only the paragraphs
        next to quotations are ever scanned.
        """
        found = self._by_paragraph.get(p)
        if found is None:
            found = list(
                _subject_verb_matches(self.text, self.paras.starts[p], self.paras.ends[p])
            )
            self._by_paragraph[p] = found
            self._verb_starts[p] = [m.start("verb") for m in found]
        return found

    def _subject_in_sentence(self, m: re.Match[str]) -> str | None:
        """:meth:`_subject_at` of a match read in its own sentence, cached."""
        key = m.start()
        if key not in self._subjects:
            sentence_start = key - len(self._sentence_before(key))
            self._subjects[key] = self._first_subject_at(m, sentence_start)
        return self._subjects[key]

    def _first_subject_at(self, m: re.Match[str], sentence_start: int) -> str | None:
        """:meth:`_subject_at`, or the first of two subjects joined by "and" before a
        possessive (see :func:`_first_conjunct`)."""
        subject = self._subject_at(m, sentence_start)
        np = m.group("np")
        if subject is not None and np and np.split()[0].lower() in ("its", "their"):
            return _first_conjunct(self.text[sentence_start : m.start()].split()) or subject
        return subject

    def _body_names(self, lo: int, pos: int) -> list[re.Match[str]]:
        """The _BODY_NAME_RE matches of the text starting in [lo, pos), from one
        scan of the text made on first use."""
        if self._body_matches is None:
            self._body_matches = list(_BODY_NAME_RE.finditer(self.text))
            self._body_starts = [m.start() for m in self._body_matches]
        i = bisect_right(self._body_starts, lo - 1)
        j = bisect_right(self._body_starts, pos - 1)
        return [m for m in self._body_matches[i:j] if m.end() <= pos]

    def _verb_starts_of(self, p: int) -> list[int]:
        self._paragraph_subjects(p)
        return self._verb_starts[p]

    def _matches_before(self, p: int, pos: int) -> Iterator[re.Match[str]]:
        """The SUBJECT-VERB matches of paragraph ``p`` whose verb starts before
        ``pos``, latest first (found by bisection: no walk over later matches), at
        most :data:`_MAX_SUBJECTS_BACK` of them."""
        found = self._paragraph_subjects(p)
        k = bisect_right(self._verb_starts[p], pos - 1)
        return (found[i] for i in range(k - 1, max(-1, k - 1 - _MAX_SUBJECTS_BACK), -1))

    def _last_subject_before(
        self, p: int, sentence_start: int, start: int
    ) -> re.Match[str] | None:
        """The last SUBJECT-VERB match of paragraph ``p`` whose verb starts before
        ``start``, when that verb starts at or after ``sentence_start``; else None.

        The same as taking the last match with its verb before ``start`` from
        ``_paragraph_subjects(p)``, but scanning only from the last barrier
        character (see ``_SUBJECT_VERB_BARRIERS``) at or before
        ``sentence_start`` to the first one at or after ``start``: a match of the
        whole-paragraph scan that starts at or before that earlier barrier ends
        before it, so its verb is before the sentence; one that starts at or after
        the later barrier has its verb after ``start``; and the matches in between
        are those of the narrower scan.
        """
        text = self.text
        calls = self._before_calls[p] = self._before_calls.get(p, 0) + 1
        if calls > _LOCAL_SCANS:
            # Many quotations in one paragraph: one scan of the paragraph, cached,
            # and a bisection per quotation (the reference form of this method).
            k = bisect_right(self._verb_starts.get(p) or self._verb_starts_of(p), start - 1)
            last_match = self._by_paragraph[p][k - 1] if k else None
            if last_match is not None and last_match.start("verb") >= sentence_start:
                return last_match
            return None
        barriers = self._barriers
        if barriers is None:
            barriers = self._barriers = "".join(
                ch for ch in _SUBJECT_VERB_BARRIERS if ch in text
            )
        para_start = self.paras.starts[p]
        para_end = self.paras.ends[p]
        # A long paragraph with no barrier: start the scan at a space at most
        # _SCAN_BEFORE characters before the sentence (a SUBJECT-VERB match in
        # real text is far shorter), so many quotations in one such paragraph
        # do not each rescan it from its start.
        lo = max(para_start, text.rfind(" ", para_start, max(para_start, sentence_start - _SCAN_BEFORE)))
        # A match whose verb starts before ``start`` ends a verb's length after it.
        hi = min(para_end, start + _SCAN_AFTER)
        for ch in barriers:
            # The last barrier at or before sentence_start, the first at or after start.
            k = text.rfind(ch, para_start, sentence_start + 1)
            if k >= lo:
                lo = k + 1
            k = text.find(ch, start, hi)
            if k >= 0:
                hi = k
        last: re.Match[str] | None = None
        for m in _subject_verb_matches(text, lo, hi):
            if m.start("verb") >= start:
                break
            last = m
        if last is not None and last.start("verb") >= sentence_start:
            return last
        return None

    def before(self, start: int) -> tuple[str, str, str] | None:
        """(subject, matched text, rule) of the last attribution in the sentence
        before; for a quotation opening a paragraph after one that ends with a colon
        ("The Observatory said in a statement:"), that paragraph's last sentence."""
        sentence = self._sentence_before(start)
        p = self.paras.index(start)
        if not sentence.strip() and p > 0 and start == self.paras.starts[p]:
            previous_end = self.paras.ends[p - 1]
            if self.text[:previous_end].rstrip().endswith(":"):
                found = self.before(previous_end)
                if found is not None:
                    return found[0], found[1], "colon"
            return None
        sentence_start = start - len(sentence)
        best: tuple[int, str, str] | None = None
        if p >= 0:
            m = self._last_subject_before(p, sentence_start, start)
            for _ in range(3):
                if m is None or not _verb_is_noun(m):
                    break
                # "The monitor added that the men were shot on charges of "...": a
                # word of saying after a preposition or determiner is a noun; the
                # clause's verb is an earlier one.
                m = self._last_subject_before(p, sentence_start, m.start("verb"))
            subject = self._first_subject_at(m, sentence_start) if m is not None else None
            for _ in range(3):
                if m is None or subject is not None or not _shares_earlier_subject(m, sentence_start):
                    break
                # "..., witnesses told AFP, calling it": a participle after a comma
                # belongs to the clause before it; "X accused ... and said": the
                # verb shares X; "X said in a statement read on TV": a verb inside
                # a phrase after a preposition is no clause's. The earlier clause's
                # subject speaks.
                earlier = next(
                    # "The convoy was hit, witnesses told AFP, calling": the clause
                    # read as a parenthetical
                    _subject_verb_matches(self.text, m.start("paren"), m.end("paren")), None
                ) if m.group("paren") else self._last_subject_before(p, sentence_start, m.start())
                conjoined = (m.group("np") or "").split()[-1:] in (["and"], ["but"])
                if earlier is None or not (
                    conjoined or " ".join(earlier.group("verb").split()) in _PERSONAL_VERBS
                ):
                    break
                m = earlier
                subject = self._first_subject_at(m, sentence_start)
            conjoined_verb = None
            if "and" in self.text[m.end() if m is not None else sentence_start : start]:
                conjoined_verb = next(reversed(list(_CONJOINED_VERB_RE.finditer(
                    self.text, m.end() if m is not None else sentence_start, start))), None)
            if conjoined_verb is not None:
                # "X said the ship was targeted ..., and warned that operations would
                # continue "...": a verb of saying joined by "and" with no subject of
                # its own shares the subject of the clause before it
                k = conjoined_verb.start()
                for _ in range(4):
                    earlier = self._last_subject_before(p, sentence_start, k)
                    if earlier is None:
                        break
                    earlier_subject = self._first_subject_at(earlier, sentence_start)
                    if earlier_subject is not None and (
                        " ".join(earlier.group("verb").split()) in _PERSONAL_VERBS
                    ):
                        m, subject = earlier, earlier_subject
                        break
                    k = earlier.start()
            if m is not None and _what_pronoun(m):
                # "Washington condemned what it called a "barbaric attack"": the
                # pronoun is the subject of the clause that holds "what"
                clause = self._what_pronoun_subject(p, sentence_start, m)
                if clause is not None:
                    m, subject = clause
            if m is not None and subject is not None:
                cue = " ".join(self.text[self._antecedent_at.get(m.start(), m.start()) : m.end()].split())
                if m.end() < start and m.group("verb") in _CITING_VERBS:
                    # "Libya Now TV reported, citing residents, that "..."": the
                    # source cited speaks (CODING.md Q3d)
                    subject, cue, _ = _cited(self.text[: start], m.end(), subject, cue)
                outer = self._reporting_clause(p, sentence_start, m)
                if outer is not None:
                    m, subject = outer
                    cue = " ".join(m.group(0).split())
                best = (m.start("verb") - sentence_start, subject, cue)
        if "as saying" in sentence or "as telling" in sentence:
            for m in _QUOTED_AS_SAYING_RE.finditer(sentence):
                subj = _cut_subject(m.group("subj"))
                if subj and (best is None or m.start() > best[0]):
                    best = (m.start(), subj, " ".join(m.group(0).split()))
            for m in _QUOTED_BY_AS_SAYING_RE.finditer(sentence):
                # "Its spokesman, Taras Melnyk, was quoted by local media as saying"
                subj = _name_from_subject(_prefer_apposition(
                    " ".join(_from_last_determiner(m.group("subj").split())), m.group("paren")))[0]
                if subj and subj.split()[0].lower() not in _SUBJECT_STOP and (best is None or m.start() > best[0]):
                    best = (m.start(), subj, " ".join(m.group(0).split()))
        # (Every match holds "ccording": the regex engine need not try each position.)
        for m in _ACCORDING_TO_RE.finditer(sentence) if "ccording" in sentence else ():
            subj = _cut_subject(m.group("subj").rstrip(",")).rstrip(",")
            if subj and (best is None or m.start() > best[0]):
                best = (m.start(), subj, f"according to {subj}")
        if best is None:
            return None
        return best[1], best[2], "before"

    def _reporting_clause(
        self, p: int, sentence_start: int, m: re.Match[str]
    ) -> tuple[re.Match[str], str] | None:
        """For :meth:`before`: (match, subject) of the clause that reports the one of
        ``m`` ("Abu Shaima told Orontes Daily that the Russian side had demanded
        "...""): the words are the reporter's (CODING.md Q5), unless ``m``'s verb
        labels ("X said the regime called them "terrorists"")."""
        if self.text[max(0, m.start() - 5) : m.start()] != "that " or (
            " ".join(m.group("verb").split()) in _LABELLING_VERBS
        ):
            return None
        outer = self._last_subject_before(p, sentence_start, m.start())
        if (
            outer is None
            or outer.group("verb") not in _REPORTING_VERBS
            or not _THAT_CLAUSE_RE.fullmatch(self.text, outer.end(), m.start())
        ):
            return None
        subject = self._first_subject_at(outer, sentence_start)
        return None if subject is None else (outer, subject)

    def _what_pronoun_subject(
        self, p: int, sentence_start: int, m: re.Match[str]
    ) -> tuple[re.Match[str], str] | None:
        """For :meth:`before`: (match, subject) of the clause that holds "what it
        called" ("Washington condemned what it called"): the SUBJECT-VERB match
        before it in the sentence, or the name that opens the sentence followed by
        a lowercase word ("Ankara slammed what it called"); None without one."""
        earlier = self._last_subject_before(p, sentence_start, m.start())
        if earlier is not None and not earlier.group("pron"):
            subject = self._first_subject_at(earlier, sentence_start)
            if subject is not None:
                return earlier, subject
        opening = _NAME_RUN_RE.match(self.text, sentence_start, m.start())
        if opening is not None and self.text[opening.end() : opening.end() + 2][1:].islower():
            name, is_pronoun = _name_from_subject(opening.group())
            if name and not is_pronoun and name not in _NOT_A_NAME and name.split()[0] not in _TIME_NAMES:
                return m, opening.group()
        return None

    # pronouns ---------------------------------------------------------------------
    def latest_named_subject(
        self, pos: int, accept: Callable[[str], bool], *, bodies: bool = False,
        groups: bool = False, persons: bool = False,
    ) -> tuple[int, str] | None:
        """The last named subject of a speech verb before ``pos`` (bounded look-back);
        with ``bodies``, a described subject too ("the Russian defence ministry")."""
        lo = pos - _PRONOUN_LOOKBACK
        p = self.paras.index(pos - 1)
        while p >= 0 and self.paras.ends[p] > lo:
            for m in self._matches_before(p, pos):
                verb_at = m.start("verb")
                if verb_at < lo:
                    return None
                verb = " ".join(m.group("verb").split())
                if (
                    m.group("name")
                    or (bodies and m.group("np"))
                    or (groups and m.group("group"))
                    or (persons and m.group("np") and _person_description(m.group("np")))
                ) and verb in _PERSONAL_VERBS:
                    subject = self._subject_in_sentence(m)
                    if subject is None:
                        continue
                    name, is_pronoun = _name_from_subject(subject)
                    if bodies and self.text[max(0, m.start() - 4) : m.start()] in ("the ", "The "):
                        subject = "the " + subject  # "the Pentagon said": a body
                    if name and not is_pronoun and (accept(name) or (bodies and accept(subject))):
                        return verb_at, name
            p -= 1
        return None


    def latest_person_subject(self, start: int, *, plain: bool = False) -> tuple[int, str] | None:
        """The last person named as the subject starting one of the sentences up to
        and including the one holding ``start`` (three sentences in all), in
        narration (see the module docstring); with ``plain``, also a name of two
        words or more and an active verb, unmarked, opening the quote's sentence or
        the one before."""
        text = self.text
        lo = max(0, start - 1500)
        sentence_starts = [
            s for s in self.paras.starts[max(0, self.paras.index(lo)) :] if lo <= s <= start
        ]
        sentence_starts.extend(self._sentence_breaks(lo, start))
        found: tuple[int, str] | None = None
        starts = sorted(set(sentence_starts))[-_PERSON_SUBJECT_SENTENCES:]
        for k, at in enumerate(starts):
            if self._in_quote(at):
                continue
            m = _PERSON_SUBJECT_RE.match(text, at)
            if m is None:
                continue
            if not (m.group("role") or m.group("tail")):
                # "Maria Lopez has lived in the village for 40 years.": a name of two
                # words or more and a verb, opening the sentence before the quote's
                run = m.group("name").split()
                if not (
                    plain
                    and k >= len(starts) - 2
                    and len(run) >= 2
                    and not any(w.endswith(("\u2019s", "'s")) or w in _TIME_NAMES for w in run)
                    and _LOWER_WORD_AFTER_RE.match(text, m.end()) is not None
                    # "Eastern Ghouta has been besieged": a passive, likely a place
                    and _PASSIVE_AFTER_RE.match(text, m.end()) is None
                ):
                    continue
            prefix = (m.group("role") or "").split()[:-1]
            if prefix and (
                prefix[0] in _NOT_A_NAME
                or prefix[0].lower() in _SUBJECT_STOP
                or prefix[0].lower() in _LEADING_FILLER
                or not all(w[:1].isupper() for w in prefix[1:])
            ):
                # "After meeting Foreign Minister Lale Orhun, he said", "He met the
                # teacher Hana": the name is not the subject.
                continue
            name, _ = _name_from_subject(m.group("name"))
            if name and name not in _NOT_A_NAME and _could_be_person(name):
                found = (m.start("name"), name)
        return found

    def pronoun_of(self, person: str) -> str | None:
        """"he" or "she" when the text tells which stands for ``person``: a quotation
        whose "he" or "she" was already resolved to the person, else a gendered
        title before the surname ("Mrs Finch", "Sir Jeremy Hollis"); None when the
        text does not tell or tells both."""
        said = {
            pronoun for _, pronoun, who, _ in self.pronoun_speakers
            if who == person or who.endswith(" " + person) or person.endswith(" " + who)
        }
        if len(said) == 1:
            return said.pop()
        if said:
            return None
        if self._titled_gender is None:
            titled: dict[str, str] = {}
            if any(t in self.text for t in _GENDERED_TITLE_HINTS):
                for m in _GENDERED_TITLE_RE.finditer(self.text):
                    pronoun = _GENDERED_TITLES[m.group("title").rstrip(".")]
                    surname = m.group("name").split()[-1]
                    titled[surname] = pronoun if titled.get(surname, pronoun) == pronoun else ""
            self._titled_gender = titled
        words = person.split()
        return (self._titled_gender.get(words[-1]) or None) if len(words) >= 1 else None

    def _in_quote(self, pos: int) -> bool:
        k = bisect_right(self.quoted_starts, pos) - 1
        return k >= 0 and pos < self.quoted_ends[k]

    def latest_titled_person(self, start: int) -> tuple[int, str] | None:
        """The last person named after a title as a clause subject (see the
        module docstring), in the sentences before the one holding ``start``."""
        sentence_start = start - len(self._sentence_before(start))
        lo = max(0, start - _PRONOUN_LOOKBACK)
        found: tuple[int, str] | None = None
        for m in _TITLED_PERSON_RE.finditer(self.text, lo, sentence_start):
            if m.group("next") in _SUBJECT_STOP or not (
                m.group("title")[0].isupper() or m.group("comma")
            ):
                continue
            name, _ = _name_from_subject(m.group("name"))
            if len(name.split()) >= 2 and _could_be_person(name):
                found = (m.start("name"), name)
        return found


    def opening_subject(self, start: int, *, quote: bool) -> tuple[str, str, str] | None:
        """(subject, matched text, rule) for a quotation in a sentence whose own
        attribution has no subject next to its verb: a verb of saying or labelling
        joined to the sentence's subject by "and" or a participle ("The Syrian
        foreign ministry rejected the criticism and blamed", "Maria Zakharova took
        a jab at the United States calling on"), or a quotation that goes on from
        the subject (``The Observatory "has documented ..."``): the subject that
        opens the sentence."""
        sentence = self._sentence_before(start)
        lead = len(sentence) - len(sentence.lstrip())
        sentence_start = start - len(sentence) + lead
        sentence = sentence.strip()
        p = self.paras.index(start)
        if not sentence and p > 0 and start == self.paras.starts[p]:
            previous_end = self.paras.ends[p - 1]
            if self.text[previous_end - 1 : previous_end] == ":":
                # "Baroness X, who ..., was blunter:" ending the paragraph before
                found = self.opening_subject(previous_end, quote=quote)
                return None if found is None else (found[0], found[1], "colon")
            return None
        if not sentence or self._in_quote(sentence_start):
            return None
        colon = sentence.endswith(":")
        if colon:
            # "Asked what had changed, a senior European diplomat was blunter:
            # "...": the subject of the clause the colon ends.
            parts = sentence[:-1].split(",")
            sentence = parts[-1].strip()
            first = sentence.split()[:1]
            if first and first[0].islower() and (
                first[0] in _BE_FORMS or first[0] in ("has", "had", "have") or _is_participle(first[0])
                or first[0] in _AFTER_VERB_SET
            ):
                # "Baroness X, who chairs the group, was blunter:": the clause has no
                # subject of its own; it is the name before the apposition
                for part in reversed(parts[:-1]):
                    opening = part.split()[:1]
                    if opening and opening[0][:1].isupper() and opening[0].lower() not in _PREPOSITIONS_BEFORE:
                        sentence = f"{part.strip()} {sentence}"
                        break
            if not sentence:
                return None
        words = sentence.split()
        if words and words[0].lower() in _PREPOSITIONS_BEFORE:
            # "In Niamey, the junta's spokesman, Col. X, read a statement ...
            # saying": an opening place or time before its comma is no subject
            comma = next((k for k, w in enumerate(words[:6]) if w.endswith(",")), None)
            if comma is not None and comma + 1 < len(words):
                words = words[comma + 1 :]
                sentence = " ".join(words)
        goes_on = quote and len(words) <= 4 and _goes_on(self.text[start + 1 : start + 40].split())
        if not (goes_on or colon or _opening_cue(words)):
            return None
        person = _opening_person(sentence)
        if person is not None:
            return person, " ".join(sentence.split()[:8]), "opening_subject"
        kept: list[str] = []
        for k, word in enumerate(words[:12]):
            low = word.lower().strip(",")
            if kept and low in _BE_FORMS and k + 1 < len(words) and _is_participle(words[k + 1]):
                # "The convoy was hit twice, ... calling it": a passive's subject
                # is acted on; it does not speak
                return None
            if word.islower() and (
                low.endswith("ed") or low in _OPENING_VERBS or low in _AFTER_VERB_SET or low in ("read", "reads")
            ):
                if not kept:
                    return None  # ", wrote:" a verb with no subject of its own: none
                break
            kept.append(word)
        subject = _without_verb(_cut_subject(" ".join(kept)) if kept else "")
        if not subject or subject.split()[0].lower() in _SUBJECT_STOP or (
            goes_on and " ".join(kept) != subject
        ):
            return None
        # "Its spokesman, Taras Melnyk, was quoted ...": the name in apposition
        apposed = _OPENING_APPOSITION_RE.match(" ".join(kept))
        if apposed is not None:
            subject = _prefer_apposition(subject, apposed.group("paren"))
            segments = " ".join(kept).split(",")
            if subject == _cut_subject(" ".join(kept)) and len(segments) > 3:
                # "the capital, the ruling junta's spokesman, Col. X,": the last name
                # in apposition of a chain of appositions
                name = next((_apposed_name(seg) for seg in reversed(segments[1:-1])
                             if _apposed_name(seg) is not None), None)
                if name is not None:
                    subject = name
        return subject, " ".join(kept), "opening_subject"

    def report(self, start: int, end: int) -> tuple[str, str, str] | None:
        """(medium, matched text, rule) for a quoted passage that holds its own
        attribution ("Meanwhile a source on the ground said army units ..."): the
        words are the report of the medium the article credits for it (CODING.md
        Q3e), named as "X reported" or "X reports" at the end of a sentence or
        "according to X", the nearest after the passage, else before it."""
        inner = self.text[start:end]
        if not _OWN_ATTRIBUTION_RE.search(inner):
            return None
        return self.credited_medium(end, start)

    def credited_medium(self, after: int, before: int) -> tuple[str, str, str] | None:
        """The medium the article credits, the nearest after ``after``, else the
        nearest before ``before`` (see :meth:`report`)."""
        if self._credits is None:
            self._credits = [
                (m.start(), m.group("medium") or m.group("agency"), " ".join(m.group(0).split()))
                for m in _CREDIT_RE.finditer(self.text)
                if not self._in_quote(m.start())
            ]
        later = [c for c in self._credits if c[0] >= after]
        earlier = [c for c in self._credits if c[0] < before]
        found = later[0] if later else earlier[-1] if earlier else None
        if found is None:
            return None
        return found[1], found[2], "report"

    def previous_sentence(self, start: int) -> tuple[str, str, str] | None:
        """(subject, matched text, rule) for a quotation that opens a sentence of
        its paragraph right after a sentence of narration that reports speech: one
        ending "according to X." or "X reports.", or one whose subject opens it with
        a verb of saying ("Abdel Rahman said all the dead were from six families.")."""
        if self._sentence_before(start).strip():
            return None
        p = self.paras.index(start)
        if p < 0:
            return None
        verbs = _PERSONAL_VERBS
        if start <= self.paras.starts[p] + 1:
            # A quotation opening a paragraph: the last sentence of the paragraph
            # before, when it reports speech ("He described the night the
            # building was hit." then the quotation)
            if p == 0 or self.text[self.paras.starts[p] : start].strip():
                return None
            end_before = self.paras.ends[p - 1]
            if self._in_quote(end_before - 1) or self.text[end_before - 1 : end_before] != ".":
                return None
            previous = self._sentence_before(end_before)
            at = end_before - len(previous)
            verbs = _PERSONAL_VERBS | _INTRODUCING_VERBS
            found = self._previous_sentence_at(previous, at, end_before, verbs, pronouns=True)
            return None if found is None else (found[0], found[1], "previous_paragraph")
        previous = self._sentence_before(start - 1)
        at = start - 1 - len(previous)
        previous = previous.strip()
        if not previous or self._in_quote(at) or self._in_quote(start - 2):
            return None
        m = _ENDS_ACCORDING_TO_RE.search(previous)
        if m is not None:
            subj = _cut_subject(m.group("subj"))
            if subj:
                return subj, f"according to {subj}", "previous_sentence"
        m = _ENDS_REPORTS_RE.search(previous)
        if m is not None:
            return m.group("subj"), " ".join(m.group(0).split()), "previous_sentence"
        return self._previous_sentence_at(previous, at, start - 1, verbs)

    def _previous_sentence_at(
        self, previous: str, at: int, end: int, verbs: frozenset[str], *, pronouns: bool = False
    ) -> tuple[str, str, str] | None:
        """For :meth:`previous_sentence`: the subject of a verb in ``verbs`` that
        opens the sentence ``text[at:end]`` (``previous``); a pronoun ("He
        described ...") only with ``pronouns``."""
        lead = self.text[at:end]
        offset = len(lead) - len(lead.lstrip())
        m = _SUBJECT_VERB_RE.match(self.text, at + offset, end)
        candidates = [m] if m is not None and " ".join(m.group("verb").split()) in verbs else []
        # The subject may be long ("United Auto Workers Local 1840 president Denise
        # Rutledge said ...", "A doctor ... who asked to be identified only as Abu
        # Khaled said ..."): the sentence's first verb of saying with a subject
        # ("who asked to be identified" has none), at most its second one
        found = (c for c in _subject_verb_matches(self.text, at + offset, end)
                 if " ".join(c.group("verb").split()) in verbs)
        candidates += [c for c in (next(found, None), next(found, None)) if c is not None]
        inverted = _INVERTED_IN_SENTENCE_RE.search(self.text, at + offset, end)
        if inverted is not None and not self.text[: inverted.start()].rstrip().endswith(","):
            inverted = None
        for m in candidates:
            if inverted is not None and m.start("verb") == inverted.start("verb"):
                break  # "..., said Omar Tall": not "the market, said"
            subject = self._subject_at(m, at + offset)
            if subject is None:
                continue
            if subject.split()[0] not in _NOT_A_NAME or (pronouns and subject.lower() in _PRONOUNS):
                return subject, " ".join(m.group(0).split()), "previous_sentence"
            break
        if inverted is not None:
            # "The gunmen opened fire ..., said Amadou Guindo a local councillor."
            subject = _cut_subject(inverted.group("subj"))
            if subject and subject[:1].isupper() and subject.split()[0] not in _NOT_A_NAME:
                return subject, f"{inverted.group('verb')} {subject}", "previous_sentence"
        return None

    def body_opening_sentence_before(self, start: int, *, own: bool = False) -> tuple[int, str] | None:
        """(position, name) of a body (see _could_be_body) that opens the sentence
        before the one holding ``start`` (with ``own``, that sentence itself: "The
        White House condemned what it said was"), written with "The" (or "And
        the", "But the") and ended by a comma or a verb ("The Syrian government,
        which ...", "The ministry denied ...")."""
        sentence_start = start - len(self._sentence_before(start))
        if own:
            end = start
            at = sentence_start
        else:
            if sentence_start < 2:
                return None
            end = sentence_start
            previous = self._sentence_before(sentence_start - 1)
            at = sentence_start - 1 - len(previous)
        at += len(self.text[at:end]) - len(self.text[at:end].lstrip())
        if at >= end or self._in_quote(at):
            return None
        m = _OPENING_BODY_RE.match(self.text, at, end)
        if m is None:
            return None
        body = m.group("body")
        name, is_pronoun = _name_from_subject(body)
        if is_pronoun or not _could_be_body(body):
            return None  # "The group it added has": the pronoun speaks
        return at, name

    def latest_mentioned_person(self, start: int) -> tuple[int, str] | None:
        """The last person named in narration, in the sentence before the one
        holding ``start`` (in its own, the pronoun is the subject), where the text marks
        the name as a person: a title or role word before it ("UNICEF director
        Anthony Lake", "General Joseph Votel"), an inverted attribution ("said
        activist Mustafa Ebdi") or "named" ("a witness named Ahmad"). A name of
        two words or more, except after "named"; never in a sentence whose subject
        is "He" or "She" (that pronoun's person goes on)."""
        text = self.text
        sentence_start = start - len(self._sentence_before(start))
        lo = sentence_start
        if sentence_start > 1:
            lo = (sentence_start - 2) - len(self._sentence_before(sentence_start - 2))
        found: tuple[int, str] | None = None
        for m in _NAME_RUN_RE.finditer(text, lo, sentence_start):
            if self._in_quote(m.start()):
                continue
            own = self._sentence_before(m.start()).split()
            if own and own[0] in ("He", "She"):
                continue  # "He held talks with Minister Dana Ilves": "he" goes on
            lead = text[max(lo, m.start() - 20) : m.start()].split()
            cue = lead[-1].lower().strip(",") if lead else ""
            run = m.group().split()
            titled = (
                _is_title_word(cue)
                or (len(run) > 1 and _is_title_word(run[0]))
                # "Abu Mohammad al-Golani a commander of al-Nusra"
                or _ROLE_AFTER_RE.match(text, m.end(), sentence_start) is not None
                # "Samira Elkhatib, 29, a graduate student": an age
                or _AGE_AFTER_RE.match(text, m.end(), sentence_start) is not None
                # "One of the homeowners, Dale Mercado, was": a name in apposition
                # to a description
                or (
                    text[max(lo, m.start() - 2) : m.start()] == ", "
                    and lead[-1][:1].islower()
                    and text[m.end() : m.end() + 1] == ","
                )
                # "Ethiopia's Selam Gebremariam defended her title": a possessive
                # before a name of two words that a verb follows
                or (
                    len(run) >= 3
                    and run[0].endswith(("\u2019s", "'s"))
                    and _LOWER_WORD_AFTER_RE.match(text, m.end(), sentence_start) is not None
                )
            )
            if not (titled or cue in _MENTION_CUES):
                continue
            name, _ = _name_from_subject(m.group())
            if len(name.split()) == 1 and len(run) == 2 and _is_title_word(run[0]):
                # "said Mrs Finch had used the money": a second mention by title
                # and surname, the full name written earlier
                name = self.fuller_name(name, m.start()) or name
            if (len(name.split()) >= 2 or cue == "named") and _could_be_person(name) and (
                name not in _NOT_A_NAME and name.split()[0] not in _TIME_NAMES
            ):
                found = (m.start(), name)
        return found

    # bodies and descriptions ---------------------------------------------------------
    def fuller_body(
        self, speaker: str, pos: int, named: Sequence[tuple[int, str]]
    ) -> str | None:
        """The fuller name of a body or description written before ``pos``, or None.

        A short form ("the Observatory", "Observatory", "the ministry", "the
        source", an acronym "UNICEF") becomes the most recent earlier speaker or
        subject of a verb of saying (``named``, then the text's SUBJECT-VERB
        matches) that holds its last word and is longer ("Syrian Observatory for
        Human Rights", "the Russian defence ministry", "a source in Jaish
        al-Islam"), else the most recent capitalised name in the text holding it
        ("Syrian Observatory for Human Rights" in narration). An acronym becomes
        the name whose initials it spells ("United Nations Children Fund" is not
        UNICEF; "United Nations International Childrens Emergency Fund" is).
        """
        words = speaker.split()
        if not words or len(words) > 7:
            return None
        if len(words) == 2 and words[0] in ("the", "The") and words[1].isupper() and len(words[1]) > 1:
            words = words[1:]  # "The YPG"
            speaker = words[0]
        acronym = len(words) == 1 and len(speaker) > 1 and speaker.isupper()
        head = words[-1].lower()
        short = (words[0] in ("the", "The") and len(words) <= 4) or (
            len(words) == 1 and (head in _INSTITUTION_NOUNS or head in _BODY_NOUNS)
        )
        person = self._person_of_role(speaker, words, pos)
        if person is not None:
            return person
        lo = max(0, pos - _PRONOUN_LOOKBACK)
        if head in _STATEMENT_NOUNS:
            return self._statement_issuer(words, pos, named)
        if head in _REPORT_NOUNS and len(words) <= 4 and words[0].lower() in (
            "the", "its", "their", "this", "that"
        ):
            # "the report said": the report's author, as for a statement
            return self._statement_issuer(words, pos, named, document=_REPORT_DOCUMENT)
        if not (short or acronym):
            return None
        if acronym:
            return self._acronym_body(speaker, pos, lo)
        fullest = self._fullest_holding(speaker, head, pos, lo, named) or self._described_body(
            speaker, words, head, pos, lo, named
        )
        if fullest is not None and head in _GENERIC_BODY_HEADS and words[0] in ("the", "The"):
            # "the group said" after "a monitoring group" or "X, a monitoring group,"
            # was written, when another body (no state institution) spoke later:
            # the more recent speaker
            recent = self.latest_body(pos, named, other_than=speaker)
            if (
                recent is not None
                and recent[0] > self._last_position(fullest, pos, lo)
                and recent[1][:1].isupper()
                and not any(w.lower() in _STATE_BODY_WORDS for w in recent[1].split())
                # ("Al-Nusra said" after "group Al-Nusra Front": the same body)
                and not set(_content_words(recent[1])) <= set(_content_words(fullest))
            ):
                fullest = recent[1]
        if fullest is None:
            return None
        # "the extremist KLF group" once more: the body's name, as when read directly
        return _body_before_description(fullest.split()) or fullest

    def _last_position(self, name: str, pos: int, lo: int) -> int:
        """Where ``name`` was last written in ``text[lo:pos]`` (its words in any case),
        or ``lo``."""
        at = self.text.lower().rfind(name.lower(), lo, pos)
        return at if at >= 0 else lo

    def _person_of_role(self, speaker: str, words: list[str], pos: int) -> str | None:
        """For :meth:`fuller_body`: the person a description with a role stands for."""
        role = next((w for w in speaker.lower().split() if w == "head" or _is_title_word(w)), None)
        if role is None:
            return None
        if words[0] in ("the", "The"):
            # "the head of the Syrian Observatory", "the UNICEF director": the
            # person the text introduced with that role ("Rami Abdel Rahman head
            # of the Syrian Observatory", "UNICEF director Anthony Lake").
            person = self.person_with_role(role, pos, max(0, pos - _PRONOUN_LOOKBACK))
            if person is not None:
                return person
        if words[0].lower() in ("his", "her", "its", "their") and len(words) <= 3:
            # "Ban Ki-moon is "appalled" ... his spokesman said" with "U.N.
            # spokesman Stephane Dujarric" written later (CODING.md Q3c): the
            # person the text names with that role, before or soon after
            return self.person_with_role(
                role, pos, max(0, pos - _PRONOUN_LOOKBACK)
            ) or self.person_with_role(role, min(len(self.text), pos + _ROLE_LOOKAHEAD), pos, latest=False)
        return None

    def _statement_issuer(
        self, words: list[str], pos: int, named: Sequence[tuple[int, str]],
        *, document: str | None = None,
    ) -> str | None:
        """For :meth:`fuller_body`: "A Syrian government statement said" is the Syrian
        government's; "the statement said" (or "the report said", with ``document``
        naming reports) is the issuer the text named last, else the body that
        opens the sentence before, else the last body that spoke, whichever is
        latest (CODING.md Q3a). "The joint statement", "a new report" name no
        issuer: only a capitalised word or a body's noun does."""
        issuer = [w for w in words[:-1] if w.lower() not in ("the", "a", "an", "its", "their", "this", "that")]
        if issuer and not any(
            w[:1].isupper() or w.lower() in _BODY_NOUNS or w.lower() in _INSTITUTION_NOUNS
            for w in issuer
        ):
            issuer = []
        if issuer:
            name = " ".join(issuer)
            if len(issuer) == 1 and len(name) > 1 and name.isupper():
                # "a SAMS statement": the body the acronym stands for, as for "SAMS"
                lo = max(0, pos - _PRONOUN_LOOKBACK)
                return self._acronym_body(name, pos, lo) or name
            return name
        found = self.latest_statement_issuer(pos, document=document)
        if found is not None:
            return self.fuller_body(found, pos, named) or self.fuller_name(found, pos) or found
        body = self.latest_body(pos, named)
        opening = self.body_opening_sentence_before(pos)
        if opening is not None and (body is None or opening[0] > body[0]):
            # "The UN commission has concluded ..., in a report released on Thursday.
            # "...," the report said.": the body the sentence before opens with
            body = opening
        if body is None:
            return None
        return self.fuller_body(body[1], pos, named) or body[1]

    def latest_statement_issuer(self, pos: int, *, document: str | None = None) -> str | None:
        """The body or person the text last said issued a statement (or with
        ``document``, a report), before ``pos`` and within the look-back: the
        subject of "said in a statement" or "issued a statement", or the agent of
        "a statement by ..." (CODING.md Q3a); None when the text names no issuer."""
        text = self.text
        lo = max(0, pos - _PRONOUN_LOOKBACK)
        document = document or _STATEMENT_DOCUMENT
        if document == _STATEMENT_DOCUMENT and "tatement" not in text and "ommuniqu" not in text:
            return None
        for m in reversed(list(_issued_pattern(document).finditer(text, lo, pos))):
            if m.group("by") is not None:
                by = m.group("by").split()
                if text[m.end("by") : m.end("by") + 2][1:].isalpha():
                    by = by[:-1]  # "a group of U.N. experts": cut inside an abbreviation
                issuer = _statement_issuer_words(by)
                name = _name_from_subject(" ".join(issuer))[0] if issuer else ""
            elif m.group("verb") is not None:
                name = self._subject_of_verb_at(m.start("verb"))
            elif m.group("lead") is not None:
                name = self._subject_starting_at(m.end())
                if not name:
                    # "The commission has concluded that ..., in a report released
                    # on Thursday.": the body opening the sentence
                    opening = self.body_opening_sentence_before(m.start(), own=True)
                    name = "" if opening is None else opening[1]
            else:
                name = self._subject_before_verb(m.start("issue"))
            if name and name.lower() not in _PRONOUNS and not _is_statement(name):
                words = name.split()
                if len(words) > 1 and words[0] in ("the", "The") and words[1][:1].isupper():
                    return " ".join(words[1:])  # a name: "the Kessel brigade"
                return name
        return None

    def _subject_of_verb_at(self, verb: int) -> str:
        """The named subject of the verb of saying at ``verb``, or ""."""
        p = self.paras.index(verb)
        for m in self._matches_before(p, verb + 1):
            if m.start("verb") != verb:
                break
            subject = self._subject_in_sentence(m)
            if subject:
                name, is_pronoun = _name_from_subject(subject)
                return "" if is_pronoun else name
        return ""

    def _subject_starting_at(self, at: int) -> str:
        """The named subject of a verb of saying whose subject starts at ``at`` ("In
        a statement, the ministry said"), or ""."""
        p = self.paras.index(at)
        found = self._paragraph_subjects(p)
        k = bisect_right(self._verb_starts[p], at)
        if k < len(found) and self.text[at : found[k].start()].strip() in ("", "the", "The"):
            subject = self._subject_in_sentence(found[k])
            if subject:
                name, is_pronoun = _name_from_subject(subject)
                return "" if is_pronoun else name
        return ""

    def _subject_before_verb(self, verb: int) -> str:
        """The subject of a verb read from its sentence start (or a comma or
        quotation mark after it): "The division also issued ..." gives "The
        division"; "" when that is longer than eight words."""
        before = self._sentence_before(verb)
        cut = max(before.rfind(ch) for ch in ',"\u201c\u201d')
        words = before[cut + 1 :].split()
        if not words or len(words) > 8:
            return ""
        name, is_pronoun = _name_from_subject(" ".join(words))
        return "" if is_pronoun else name

    def _acronym_body(self, acronym: str, pos: int, lo: int) -> str | None:
        """For :meth:`fuller_body`: the name an acronym stands for, defined in
        brackets or spelled by its initials."""
        defined = self.defined_acronym(acronym, pos)
        if defined is not None:
            return defined
        for m in self._body_names(lo, pos):
            full = m.group().split()
            while full and full[0] in ("The", "the"):
                full = full[1:]
            if len(full) > 1 and _initials(full) == acronym:
                return " ".join(full)
        return None

    def _fullest_holding(
        self, speaker: str, head: str, pos: int, lo: int, named: Sequence[tuple[int, str]]
    ) -> str | None:
        """For :meth:`fuller_body`: the fullest of the earlier speakers, subjects and
        "according to" sources that hold the head word and are longer (CODING.md
        Q3f: "the source" is "a source in the Russian Defense Ministry"), or None."""
        own = [w for w in speaker.lower().split() if w not in ("the", "a", "an")]

        def holds(candidate: str) -> bool:
            cand = _content_words(candidate)
            return head in cand and len(cand) > len(own)

        candidates = [(at, earlier) for at, earlier in _recent(named, pos, lo) if holds(earlier)]
        for at, subject in self.subjects_before(pos, lo):
            name, is_pronoun = _name_from_subject(subject)
            if not is_pronoun and holds(name):
                candidates.append((at, name))
        text = self.text
        if "ccording" in text:
            for m in _ACCORDING_TO_RE.finditer(text, lo, pos):
                written = _cut_subject(m.group("subj"))
                if written and holds(written):
                    candidates.append((m.start(), _name_from_subject(written)[0]))
        if candidates:
            return max(candidates, key=lambda c: (len(c[1].split()), c[0]))[1]
        return None

    def _described_body(
        self, speaker: str, words: list[str], head: str, pos: int, lo: int,
        named: Sequence[tuple[int, str]],
    ) -> str | None:
        """For :meth:`fuller_body`: a short description with no fuller form holding
        its head: the person just quoted, the body named with that head, the last
        body that spoke, or the last capitalised name holding the head."""
        the = words[0] in ("the", "The")
        if the and len(words) <= 3 and head in _APPOSED_BODY_HEADS:
            # "Albion & Mercer, the FTSE 100 insurer, ..." then "the insurer said":
            # the body the text described with that noun in apposition
            apposed = self.body_in_apposition(head, pos, lo)
            if apposed is not None:
                return apposed
        if (head in _GENERIC_PERSONS or _YEAR_OLD_RE.fullmatch(head) or words[-1] in _DEMONYMS) and (
            the and len(words) <= 4
        ):
            # "the devastated man said" right after Abu Mohammad's quotation
            for _at, earlier in _recent(named, pos, max(0, pos - 400)):
                if earlier[:1].isupper() and _could_be_person(earlier) and not _could_be_body(earlier):
                    return earlier
                break
        if head in _BODY_HEADS and the and len(words) <= 4:
            # "the agency" after "news agency SANA", "the TV network" after "Cham TV
            # network": the body named with that head.
            named_body = self.body_with_head(head, pos, lo)
            if named_body is not None:
                return named_body
        if head in _BODY_DESCRIPTION_NOUNS and the:
            # "the Britain-based monitor", "the group": the last body that spoke.
            body = self.latest_body(pos, named, other_than=speaker)
            if body is not None:
                return body[1]
        if words[-1][:1].isupper() or the:
            return self._last_name_holding(head, pos, lo)
        return None

    def body_in_apposition(self, head: str, pos: int, lo: int) -> str | None:
        """The last name in ``text[lo:pos]`` followed by an apposition that ends in
        ``head`` ("Albion & Mercer, the FTSE 100 insurer,", "Northwind, a Danish
        shipping company,") or after ``head`` as a lowercase noun before it
        ("appliance maker Whirlton Corp", "rights group Amnesty International"), or
        None."""
        found: tuple[int, str] | None = None
        if self.text.find(", ", lo, pos) >= 0:
            for m in _apposed_body_pattern(head).finditer(self.text, lo, pos):
                # (a company's kinds, "insurer", "airline", are "the company" too)
                name = m.group("name").split()
                while len(name) > 1 and (name[0] in ("The", "the") or name[0] in _SENTENCE_OPENERS):
                    name = name[1:]
                if name and not any(w in _TIME_NAMES for w in name):
                    found = (m.start(), " ".join(name))
        text = self.text
        for m in _premodified_body_pattern(head).finditer(text, lo, pos):
            name = m.group("name").split()
            if text[m.start()].isupper() and text[max(0, m.start() - 3) : m.start()].strip()[-1:] not in (
                "", ".", "!", "?", '"', "\u201d"
            ):
                continue  # "Central Bank Governor ...": a name's word, not a noun
            if (
                _names_a_body(name)
                and not _is_title_word(name[0])
                and (found is None or m.start() > found[0])
            ):
                found = (m.start(), " ".join(name))
        return None if found is None else found[1]

    def _last_name_holding(self, head: str, pos: int, lo: int) -> str | None:
        """The last capitalised name of two words or more holding ``head`` in
        ``text[lo:pos]``, titles dropped."""
        found = None
        for m in self._body_names(lo, pos):
            full = m.group().split()
            while full and (full[0] in ("The", "the") or full[0].lower().endswith(_NAME_ADJECTIVE_ENDS)):
                full = full[1:]
            lows = [w.lower() for w in full]
            if (
                len(full) > 1
                and head in lows
                and not any(w in _TIME_NAMES for w in full)
                # "Central Bank Governor Sherif Mansour": the body's name is the
                # person's title, no name of the body
                and not any(_is_title_word(w) for w in full[lows.index(head) + 1 :])
            ):
                # titles dropped; a body's own "of" kept ("Central Bank of Egypt")
                joined = " ".join(full)
                found = _name_from_subject(joined)[0]
                if joined.startswith(found + " of "):
                    found = joined
        return found

    def subjects_before(self, pos: int, lo: int) -> Iterator[tuple[int, str]]:
        """(position, subject) of the SUBJECT-VERB matches before ``pos``, back to
        ``lo``, latest first."""
        p = self.paras.index(pos - 1)
        while p >= 0 and self.paras.ends[p] > lo:
            for m in self._matches_before(p, pos):
                if m.start("verb") < lo:
                    return
                subject = self._subject_in_sentence(m)
                if subject is not None:
                    name = m.group("name")
                    if (
                        name
                        and subject.startswith(name)
                        and self.text[max(0, m.start() - 4) : m.start()] in ("the ", "The ")
                    ):
                        subject = "the " + subject
                    yield m.start(), subject
            p -= 1

    def latest_body(
        self, pos: int, named: Sequence[tuple[int, str]], *, other_than: str = ""
    ) -> tuple[int, str] | None:
        """The last body (see _could_be_body) named as a speaker or as the subject
        of a verb of saying before ``pos``, within the look-back, other than
        ``other_than``."""
        lo = max(0, pos - _PRONOUN_LOOKBACK)
        best: tuple[int, str] | None = None
        skip = other_than.lower()
        for at, earlier in _recent(named, pos, lo):
            if earlier.lower() == skip:
                continue
            if _could_be_body(earlier) and not _is_statement(earlier):
                best = (at, earlier)
                break
        for at, subject in self.subjects_before(pos, lo):
            name, is_pronoun = _name_from_subject(subject)
            if (
                not is_pronoun
                and (_could_be_body(subject) or _could_be_body(name))
                and not _is_statement(name)
                and name.lower() != skip
                and subject.lower() != skip
            ):
                if best is None or at > best[0]:
                    best = (at, name)
                break
        return best

    def defined_acronym(self, acronym: str, pos: int) -> str | None:
        """The name an acronym stands for where the text defines it in brackets
        before ``pos``: "the Kurdish Peoples Protection Units (YPG)"."""
        k = self.text.rfind(f"({acronym})", 0, pos)
        if k < 0:
            return None
        m = _NAME_BEFORE_BRACKET_RE.search(self.text, max(0, k - 120), k)
        if m is None:
            return None
        words = [w for w in m.group("name").split() if w not in ("The", "the")]
        while words and words[0].lower().endswith(_NAME_ADJECTIVE_ENDS):
            words = words[1:]
        return " ".join(words) if len(words) > 1 else None

    def body_with_head(self, head: str, pos: int, lo: int) -> str | None:
        """The last body named with ``head`` before ``pos``: "agency SANA" gives
        "SANA", "Cham TV network" gives "Cham TV network"."""
        text = self.text
        _, after, _ = _role_patterns(head)
        word = _body_head_pattern(head)
        for w in list(word.finditer(text, lo, pos))[::-1][:_MAX_SUBJECTS_BACK]:
            m = after.match(text, w.end(), pos)
            if m is not None and _names_a_body(m.group("name").split()):
                return m.group("name")
            # 'the opposition "Cham" TV network': a name in quotation marks
            m = _BODY_BEFORE_HEAD_RE.search(
                text[max(lo, w.start() - 60) : w.start()].translate(_NO_DOUBLE_MARKS)
            )
            if m is not None:
                run = [
                    x for x in m.group("name").split()
                    if not x.lower().endswith(_NAME_ADJECTIVE_ENDS) and x not in ("The", "the")
                ]
                if _names_a_body(run):
                    return f"{' '.join(run)} {head}"
        return None

    def person_with_role(self, role: str, pos: int, lo: int, *, latest: bool = True) -> str | None:
        """The last person introduced with ``role`` in ``text[lo:pos]`` (with
        ``latest`` False, the first): "director Anthony Lake" or "Rami Abdel Rahman
        head of ..." (two words or more)."""
        text = self.text
        word, after, before = _role_patterns(role)
        # The role word's occurrences are found first, then read locally, the
        # latest (or first) first, at most _MAX_SUBJECTS_BACK of them.
        found = list(word.finditer(text, lo, pos))
        for w in (found[::-1] if latest else found)[:_MAX_SUBJECTS_BACK]:
            names = []
            m = after.match(text, w.end(), pos)
            if m is not None:
                names.append(m.group("name"))
            m = before.search(text, max(lo, w.start() - 80), w.start())
            if m is not None:
                names.append(m.group("name"))
            for written in names:
                name, _ = _name_from_subject(written)
                if (
                    len(name.split()) >= 2
                    and _could_be_person(name)
                    # "A Western (diplomat)": a determiner and an adjective, no name
                    and name.split()[0] not in ("A", "An", "One", "Another", "Some")
                ):
                    return name
        return None

    # surnames ----------------------------------------------------------------------
    def fuller_name(self, speaker: str, pos: int) -> str | None:
        """The one full name written before ``pos`` that ends with the surname
        ``speaker`` ("Orhun", "Mr Orhun"), or None (see the module docstring)."""
        words = speaker.split()
        surname = words[-1] if words else ""
        if (
            not surname[:1].isupper()
            or (len(surname) > 1 and surname.isupper())
            or any(w.lower() not in _TITLE_WORDS for w in words[:-1])
        ):
            return None
        self._read_name_runs(pos)
        found = {full for at, full in self._full_names.get(surname, ()) if at < pos}
        # "Yesterday Dana Ilves" read as a name run next to "Dana Ilves": the shorter wins.
        found = {f for f in found if not any(o != f and f.endswith(" " + o) for o in found)}
        if not found and len(words) == 1:
            found = self._fuller_first_name(surname, pos)
        return found.pop() if len(found) == 1 else None

    def _fuller_first_name(self, first: str, pos: int) -> set[str]:
        """For :meth:`fuller_name`: the full names written before ``pos`` that start
        with the one word ``first`` ("Zouhir told" after "journalist Zouhir
        al-Shimale"), where the text marks them as persons (a title or role word
        before them or opening their run)."""
        text = self.text
        found = set()
        for at, full in self._by_first_name.get(first, ()):
            if at >= pos:
                continue
            lead = text[max(0, at - 20) : at].split()
            opening = text[at : at + 40].split()[:1]
            if any(_is_title_word(w.strip(",")) for w in lead[-1:] + opening):
                found.add(full)
        return found

    def _read_name_runs(self, pos: int) -> None:
        """Index the full names of every name run starting before ``pos``.

        One scan of the text, read only as far as needed: the runs are those of
        ``_NAME_RUN_RE.finditer(text)``, in order, so the ones starting before
        ``pos`` are all read once a run starting at or after it has been.
        """
        if self._name_runs_at >= pos:
            return
        if self._name_runs is None:
            self._name_runs = _NAME_RUN_RE.finditer(self.text)
        full_names = self._full_names
        for m in self._name_runs:
            at = m.start()
            full = _full_name(m.group())
            if full is not None:
                full_names.setdefault(full.split()[-1], []).append((at, full))
                self._by_first_name.setdefault(full.split()[0], []).append((at, full))
            if at >= pos:
                self._name_runs_at = at
                return
        self._name_runs_at = _ALL_READ


@lru_cache(maxsize=8192)
def _full_name(run: str) -> str | None:
    """A full personal name (two words or more) from a run of capitalised words.

    Leading titles and possessives are dropped (``Interior Minister Dana Ilves``
    gives ``Dana Ilves``), as are leading function words that start a sentence
    (``In``, ``Yesterday``, ``The``), and a final possessive ’s.
    """
    words = _name_from_subject(run)[0].split()
    while words and (
        words[0].lower() in _SUBJECT_STOP
        or words[0].lower() in _LEADING_FILLER
        or words[0].lower() in ("the", "a", "an")
    ):
        words = words[1:]
    if words:
        words[-1] = re.sub("[\u2019']s$", "", words[-1])
    if len(words) < 2 or any(
        w.lower() in _TITLE_WORDS or w.lower() in _ROLE_NOUN_SET for w in words
    ):
        return None
    return " ".join(words)


_DETERMINERS = frozenset({"a", "an", "the", "one"})
# A quoted passage holding its own attribution (see _Speakers.report).
_OWN_ATTRIBUTION_RE = re.compile(
    r"\b(?:said|says|reported|reports|added|according[ \t]+to|told)\b"
)
# A medium credited for the article's report: "... al-Baghouz area Sana reported.",
# "SANA reports.", "according to SANA".
_CREDIT_RE = re.compile(
    rf"(?P<medium>(?:[{_UPPER}][\w\-]*+|[{_UPPER}]{{2,}})(?:[ \t]+[{_UPPER}][\w\-]*+){{0,3}})"
    r"[ \t]+(?:reported|reports)[ \t]*[.\n]"
    rf"|\b[Aa]ccording[ \t]+to[ \t]+(?P<agency>[{_UPPER}]{{2,}})\b"
)
# Words in a sentence that tie a quotation to the sentence's opening subject (see
# opening_subject): verbs of labelling and participles of saying.
_OPENING_CUES = frozenset(
    """called calls calling described describes describing saying blamed blames
    blaming urging urged accusing accused branded branding termed dubbed""".split()
)
# Common verbs that end an opening subject ("Maria Zakharova took a jab").
_OPENING_VERBS = frozenset(
    "took takes made makes gave gives is was are were has have had will would".split()
)


def _from_last_determiner(words: list[str]) -> list[str]:
    """The words from the last "the", "a" or "an" after a lowercase word that is no
    preposition: "the barrel bomb the AFP photographer" gives "the AFP
    photographer" (a full stop lost between two phrases); "the army of the Assad
    regime" and "Karim Haddad a teacher" (a name and its description) stay whole."""
    again = [
        k for k, w in enumerate(words)
        if k
        and w.lower() in ("the", "a", "an")
        and (
            words[k - 1].islower()
            # "a post on Facebook the council (said)": a prepositional phrase, its
            # full stop or comma lost, then the subject
            or (w == "the" and words[k - 1][:1].isupper() and k > 2
                and any(x in _PREPOSITIONS_BEFORE for x in words[1 : k - 1]))
        )
        and words[k - 1] not in _PREPOSITIONS_BEFORE
        # "A doctor receiving the casualties": the object of a participle
        # describing a person
        and not (words[k - 1].endswith("ing") and k > 1 and words[k - 2].lower() in _PERSON_HEADS)
    ]
    words = words[again[-1] :] if again else words
    # "their weapons but opposition groups (have dismissed)": a clause joined by a
    # conjunction has its own subject
    joined = [k for k, w in enumerate(words[:-1]) if k and w in ("but", "while", "whereas", "although")]
    return words[joined[-1] + 1 :] if joined else words

def _from_name_after_noun(words: list[str]) -> list[str]:
    """The words from a capitalised one that follows a plain lowercase noun after
    the determiner: "the incident Syrian state media" gives "Syrian state media" (a
    comma lost after "the incident"); "the state-run SANA news agency" and "the
    head of UOSSM" stay whole."""
    for k in range(2, len(words)):
        before = words[k - 1]
        if (
            words[k][:1].isupper()
            and before.isalpha()
            and before.islower()
            and before not in _PREPOSITIONS_BEFORE
            and before not in _DETERMINERS
            and before not in ("and", "or")
            and not before.endswith("ed")
        ):
            return words[k:]
    return words


# Capitalised words that open a sentence, never inside a speaker's name.
_SENTENCE_OPENERS = frozenset(
    "The A An In It He She They This That These Those We But And Meanwhile".split()
)
_OPENING_BODY_RE = re.compile(
    # "And the United Nations has raised concern": after "And" or "But" too
    r"(?:(?:And|But)[ \t]+(?=the[ \t])|(?=The[ \t]))(?P<body>[Tt]he[ \t]+(?:[\w\-]+[ \t]+){0,6}?[\w\-]+)"
    # "The official Syrian Arab News Agency (SANA) made no mention": its acronym read past
    r"(?:[ \t]+[(\[][A-Z]{2,10}[)\]])?"
    r"(?=,|[ \t]+(?:which|who|has|have|had|is|was|also|[a-z]+ed"
    r"|made|gave|took|held|kept|sent|lost|won|ran|began|brought|found|saw|put|spoke|wrote|told|said)\b)"
)
_PASSIVE_RE = re.compile(r"[ \t](?:is|are|was|were)[ \t]+(?:\w+[ \t]+)?$")
_ENDS_ACCORDING_TO_RE = re.compile(
    rf"\b[Aa]ccording[ \t]+to[ \t]+(?P<subj>{_SUBJECT_WORD}(?:[ \t]+{_SUBJECT_WORD}){{0,5}})$"
)
_ENDS_REPORTS_RE = re.compile(rf"(?P<subj>{_NAME_RUN})[ \t]+(?:reports|reported)\.?$")
# A role in apposition right after a name: "Abu Mohammad al-Golani, a commander".
_ROLE_AFTER_RE = re.compile(
    r"[ \t]*,?[ \t]+(?:(?:a|an|the)[ \t]+(?:[\w\-]+[ \t]+){0,2}?"
    rf"(?i:{_ROLE_NOUNS}|spokesperson|official|commander)\b"
    # "Abdul Karim Sheikho head of the council's demining committee": no article
    rf"|(?:head|chief|(?i:{_ROLE_NOUNS}))[ \t]+(?:of|for|at)[ \t])"
)
# An age right after a name: "Samira Elkhatib, 29, a graduate student".
_AGE_AFTER_RE = re.compile(r",[ \t]*\d{1,3}(?:[,.;]|[ \t]*$)")
# A lowercase word (a verb) right after a name: "Selam Gebremariam defended".
_LOWER_WORD_AFTER_RE = re.compile(
    r"[ \t]+(?!(?:and|or|of|in|on|at|for|to|from|with|by|as|is|was)\b)[a-z][\w\-]*\b"
)
_PASSIVE_AFTER_RE = re.compile(r"[ \t]+(?:has|have|had)[ \t]+been\b|[ \t]+\w+ed[ \t]+by\b")
# Words right before a name that mark it as a person's (see latest_mentioned_person).
# ("told X" names the one told, not a speaker.)
_MENTION_CUES = frozenset({"said", "says", "added", "named", "activist"})


def _sentence_words(before: list[str]) -> list[str]:
    """The words of ``before`` without quotation marks around them (empty ones dropped)."""
    words = [w.strip("\"\u201c\u201d") for w in before]
    return [w for w in words if w]


def _last_relative(words: list[str]) -> int | None:
    """The index of the last "which" or "who" among the last eleven ``words``, or None."""
    return next(
        (r for r in range(len(words) - 1, max(-1, len(words) - 12), -1)
         if words[r].lower() in ("which", "who")),
        None,
    )


def _subject_before_relative(words: list[str], relative: int) -> str | None:
    """The subject a relative clause at ``words[relative]`` describes, read back to a
    determiner, a comma or a function word ("Northern Command which runs the air war
    over the Kessel Valley (said)" gives "Northern Command"); None without a
    capitalised word."""
    j = relative
    while j > 0 and relative - j < 9:
        previous = words[j - 1]
        if (
            previous.lower() in ("for", "of", "and")
            and j >= 2
            and words[j - 2][:1].isupper()
            and words[j][:1].isupper()
        ):
            j -= 1  # "Syrian Observatory for Human Rights which ..."
            continue
        if previous.endswith((",", ".")) or previous.lower() in _SUBJECT_STOP or (
            previous.lower() in _LEADING_FILLER
        ):
            break
        j -= 1
        if previous.lower() in _DETERMINERS:
            break
    found = " ".join(words[j:relative])
    return found if found and any(w[:1].isupper() for w in words[j:relative]) else None


def _named_before_description(words: list[str], relative: int) -> str | None:
    """For a relative clause at ``words[relative]``: the name opening ``words`` when a
    description with "a" or "an" follows it with no comma ("The Union of Medical Care
    and Relief Organizations a charity that (supported the hospital said)"), or None."""
    j = relative
    while j > 0 and relative - j < 5 and words[j - 1].islower() and words[j - 1] not in _SUBJECT_STOP:
        j -= 1
        if words[j] in ("a", "an"):
            break
    if words[j] not in ("a", "an") or j == 0:
        return None
    name = words[:j]
    while name and name[0] in ("The", "the"):
        name = name[1:]
    joined = " ".join(name)
    if not name or _BODY_NAME_RE.fullmatch(joined) is None or not _names_a_body(name):
        return None
    return joined


def _subject_of_preposition(before: list[str], phrase: str) -> str | None:
    """:func:`_subject_through_preposition` for a described phrase after a
    preposition, when the word before the preposition is a speaker's head noun
    ("one resident of the town", "the Alwiyat al-Furqan militant group in the
    area"); None otherwise."""
    words = _sentence_words(before)
    if len(words) < 2:
        return None
    at = len(words) - 2 if words[-1].lower() != "the" or len(words) < 3 else len(words) - 3
    head = words[at]
    low = head.lower()
    named = _name_before_role(words[:at], low)
    if named is not None:
        return named
    if low in (_PEOPLE_NOUNS | _GROUP_NOUNS) and (
        at == 0 or words[at - 1].endswith(",") or words[at - 1].lower() in _CLAUSE_OPENERS
    ):
        # "..., women at the camp gate (could be heard)": a plural noun opening its
        # clause, described by where they are
        return " ".join([*words[at:], phrase])
    if not (
        low in _PERSON_HEADS or low in _GROUP_NOUNS or low in _BODY_NOUNS or low in _INSTITUTION_NOUNS
    ):
        return None
    return _subject_through_preposition(before, phrase)


def _name_before_role(words: list[str], role: str) -> str | None:
    """For :func:`_subject_of_preposition`: the name opening the sentence when a
    lowercase description ending in a role noun follows it with no comma ("Lale
    Orhun deputy director (at the group says)"): ``words`` are the sentence's words
    before the role noun ``role``; None unless they are a name of two capitalised
    words or more and at most four lowercase words."""
    if role not in _ROLE_NOUN_SET and not _is_title_word(role):
        return None
    while words and (words[0].lower() in _SUBJECT_STOP or words[0].lower() in _LEADING_FILLER):
        words = words[1:]  # "Yesterday Lale Orhun ..."
    k = 0
    while k < len(words) and words[k][:1].isupper() and not words[k].endswith(","):
        k += 1
    rest = words[k:]
    if k < 2 or len(rest) > 4 or not all(w.islower() and w.isalpha() for w in rest):
        return None
    name = " ".join(words[:k])
    return name if _NAME_RUN_RE.fullmatch(name) else None


def _subject_before_clause(words: list[str], k: int) -> str | None:
    """The subject before a relative pronoun or a participle at ``words[k]``
    ("Arab League foreign ministers (meeting)"), read back to a determiner, a comma
    or a function word; None without a capitalised word."""
    j = k
    while j > 0 and k - j < 7:
        previous = words[j - 1]
        if previous.endswith((",", ".")) or previous.lower() in _SUBJECT_STOP or (
            previous.lower() in _LEADING_FILLER
        ):
            break
        j -= 1
        if previous.lower() in _DETERMINERS:
            if 0 < j <= 3 and all(w[:1].isupper() for w in words[:j]):
                j = 0  # "Manal a 28-year-old teacher living in Midan"
            break
    found = " ".join(words[j:k])
    return found if found and any(w[:1].isupper() for w in words[j:k]) else None


def _determiner_start(words: list[str], k: int) -> int:
    """Where a subject starting with the determiner at ``words[k]`` starts: at the
    determiner, or at the sentence start when only capitalised words come before it
    ("Manal a 28-year-old teacher living in Midan")."""
    j = k
    while (
        j > 0
        and words[j - 1][:1].isupper()
        and words[j - 1].lower() not in _SUBJECT_STOP
        and not words[j - 1].endswith(('"', "\u201d", ","))
    ):
        j -= 1
    # (or after a quotation's closing mark or a comma: '"...," Ahmet Kaya the head of')
    return j if j < k and (j == 0 or words[j - 1].endswith(('"', "\u201d", ","))) else k


def _subject_through_preposition(before: list[str], name: str) -> str | None:
    """The subject of a verb whose nearest name follows a preposition.

    ``before`` holds the words of the sentence before the phrase ``name``, the last
    of them the preposition (or "the" after it). Read backwards from the
    preposition: a relative pronoun or a participle ends the subject before it
    ("US Central Command which oversees ... in the Middle East said" gives "US
    Central Command"; "Arab League foreign ministers meeting in Cairo said" gives
    "Arab League foreign ministers"); otherwise the subject runs back to a
    determiner ("the defence ministry in Moscow", "A security source in
    Damascus"), with a name just before it at the start of the sentence ("Manal a
    teacher living in Midan") or after a quotation ('"..." Ahmet Kaya the head of
    the ...'). Without one within eight words, None.
    """
    closed = [k for k, w in enumerate(before[:-1]) if w.endswith(("\u201d", '"')) and len(w) > 1]
    if closed:
        before = before[closed[-1] + 1 :]  # a quotation before the subject ends the sentence's lead
    words = _sentence_words(before)
    relative = _last_relative(words)
    if relative is not None:
        return _subject_before_relative(words, relative)
    k = len(words) - 1
    if k >= 0 and words[k].lower() == "the":
        k -= 1
    k -= 1  # the preposition
    start = -1
    steps = 0
    while k >= 0 and steps < 8:
        word = words[k]
        low = word.lower().strip(",")
        if low in ("which", "who", "that") or (
            steps == 0 and word.islower() and len(word) > 4 and low.endswith("ing")
        ):
            return _subject_before_clause(words, k)
        if low in ("of", "for") and not word.endswith(",") and k > 0 and words[k - 1].islower():
            # "the chief inspector of prisons for (Wales)": a title's own
            # prepositions, read past to its determiner
            k -= 1
            steps += 1
            continue
        if word.endswith(",") or low in _SUBJECT_STOP or low in _LEADING_FILLER:
            break
        if low in _DETERMINERS:
            if k >= 2 and words[k - 1] == "of" and _is_role_word(words[k - 2]):
                # "Ahmet Kaya the head of the Organisation for ...": the role's
                # holder, read further back
                k -= 2
                steps += 2
                continue
            start = _determiner_start(words, k)
            break
        k -= 1
        steps += 1
    if start < 0:
        return None
    if (
        start >= 2
        and words[start - 1].lower() in _SUBJECT_PREPOSITIONS
        and words[start - 2].lower() in (_PEOPLE_NOUNS | _GROUP_NOUNS)
        and (start == 2 or words[start - 3].endswith(",") or words[start - 3].lower() in _CLAUSE_OPENERS)
    ):
        # "..., men at the shoreline in Gaza City can be heard": a plural noun
        # opening its clause, described by where they are
        start -= 2
    return " ".join([*words[start:], name])


@lru_cache(maxsize=8192)
def _person_description(phrase: str) -> bool:
    """Whether a described subject is one person: "a source in the Syrian militia",
    "the witness" (its head, the word before any preposition, names a person)."""
    words = phrase.lower().split()
    cut = next((k for k, w in enumerate(words) if k and w in _SUBJECT_PREPOSITIONS), len(words))
    return cut > 1 and words[0] in ("a", "an", "the", "one") and words[cut - 1] in _PERSON_HEADS


_PERSON_HEADS = frozenset(_PERSON_HEAD_WORDS.split("|"))


def _first_conjunct(before: list[str]) -> str | None:
    """The first of two subjects joined by "and" before a possessive ("The opposition
    in exile and (its Western backers called)", "Russia and (its allies said)"): the
    words ``before`` "and" from the sentence start, a comma or a quotation mark, when
    they are a short phrase with no verb; else None. Several speakers saying the
    words together are the first one named (CODING.md)."""
    if not before or before[-1] != "and":
        return None
    words: list[str] = []
    for word in reversed(before[:-1]):
        if word[-1:] in ',;:"\u201c\u201d' or word[:1] in '"\u201c\u201d':
            break
        words.insert(0, word)
    if not words or len(words) > 6 or not (words[0][:1].isupper() or words[0].lower() in _DETERMINERS):
        return None
    if any(
        w.lower() in _PRONOUNS
        or w.lower() in _NOT_SUBJECT
        or w.lower() in _PERSONAL_VERBS
        or (w.islower() and w.endswith("ed"))
        for w in words
    ):
        return None
    return " ".join(words)


#: Words of armed groups' and movements' names (Arabic institution nouns and the
#: names themselves): a name holding one is a body, never "he" or "she" ("Al-Nusra",
#: "Jabhat Fatah al-Sham", "Ahrar al-Sham", "Hezbollah", "Jaish al-Islam").
_ARMED_GROUP_WORDS = frozenset(
    """nusra jabhat jaish jaysh liwa kataib katibat harakat faylaq ahrar ansar
    hizb hezb hezbollah hizbollah hamas fatah taliban qaeda qaida daesh isis isil houthi
    houthis shabab boko haram tahrir""".split()
)


def _names_armed_group(name: str) -> bool:
    """Whether a name holds a word of an armed group's name (see _ARMED_GROUP_WORDS),
    read also inside hyphenated words ("al-Nusra", "Al-Qaeda")."""
    return any(
        part in _ARMED_GROUP_WORDS
        for w in name.lower().split()
        for part in _HYPHEN_RE.split(w.strip(",.\u2019'"))
    )


def _could_be_person(name: str) -> bool:
    """False for names that are clearly organisations: "The KLF", "EU", "NATO", or
    that hold an institution noun ("Syrian Observatory for Human Rights"), a
    capitalised body noun ("Islamic State", "Tarva Media") or a word of an armed
    group's name ("Al-Nusra")."""
    return not (
        name.startswith(("The ", "the "))
        or (" " not in name and name.isupper())
        or any(
            w.lower() in _INSTITUTION_NOUNS or (w[:1].isupper() and w.lower() in _BODY_NOUNS)
            for w in name.split()
        )
        or _names_armed_group(name)
    )


def _could_be_anyone(name: str) -> bool:
    return True


@lru_cache(maxsize=8192)
def _could_be_body(name: str) -> bool:
    """True for names that may be an organisation or body, for "it said": an
    all-capitals acronym ("SANA"), a name starting with "The", or one holding an
    institution or body noun ("Syrian Observatory for Human Rights", "the Russian
    defence ministry")."""
    words = name.split()
    return bool(words) and (
        (len(words) == 1 and len(name) > 1 and name.isupper())
        or (words[0] in ("The", "the") and any(w[:1].isupper() for w in words[1:]))
        or any(w.lower() in _INSTITUTION_NOUNS or w.lower() in _BODY_NOUNS for w in words)
        or _names_armed_group(name)
    )


_STATEMENT_NOUNS = frozenset({"statement", "communique", "communiqu\u00e9"})
# Participles after a statement noun: a medium that carries a statement ("the
# statement carried by state news agency SANA") is not its issuer; a body that
# issues one is ("a statement issued by the brigade").
_CARRIER_PARTICIPLES = frozenset(
    "carried broadcast aired quoted cited relayed reported published run flashed distributed circulated".split()
)
_ISSUER_PARTICIPLES = frozenset("issued released signed sent posted".split())
# Where a text says who issued a statement: "the army said in a statement", "the
# division issued a statement", "a statement by the ministry" (see
# _Speakers.latest_statement_issuer).
_STATEMENT_DOCUMENT = r"(?:statement|communiqu[e\u00e9])"
#: Documents a body or person publishes, whose words "the report said" quotes: the
#: report is its author's (CODING.md Q3a, as for a statement).
_REPORT_NOUNS = frozenset("report study survey review audit assessment".split())
_REPORT_DOCUMENT = r"(?:report|study|survey|review|audit|assessment)"


@lru_cache(maxsize=4)
def _issued_pattern(document: str) -> re.Pattern[str]:
    """Where a text says who issued a document (a statement, or a report: see
    _REPORT_DOCUMENT): "the army said in a statement", "the division issued a
    statement", "a report by the commission", "In a statement, the ministry said"."""
    return re.compile(
        r"\b(?P<verb>said|says|announced|stated|declared|added|warned|claimed|confirmed|wrote|posted"
        r"|concluded|found|finds|concludes)"
        r"[ \t]+in[ \t]+(?:a|an|its|their|his|her)[ \t]+(?:[\w\-]+[ \t]+){0,3}?"
        rf"{document}\b"
        r"|\b(?P<issue>issued|released|published|posted|sent)[ \t]+(?:a|an|its|their|his|her)[ \t]+"
        rf"(?:[\w\-]+[ \t]+){{0,3}}?{document}\b"
        rf"|\b{document}[ \t]+(?:(?:issued|released|signed|sent|posted|published|written)[ \t]+)?"
        r"(?:by|from)[ \t]+(?P<by>[^.;:!?\"\u201c\u201d\n]{1,80})"
        r"|\b[Ii]n[ \t]+(?:a|an|its|their|his|her)[ \t]+(?:[\w\-]+[ \t]+){0,3}?"
        rf"{document}(?P<lead>[ \t]*,?[ \t]*)"
    )


_STATEMENT_ISSUED_RE = _issued_pattern(_STATEMENT_DOCUMENT)
# Heads of a description of one person that may stand for the person who was
# just quoted ("the devastated man said").
_GENERIC_PERSONS = frozenset(
    """man woman boy girl father mother husband wife son daughter youth teenager official
    veteran star champion player""".split()
)
# "the 24-year-old", "the Kenyan", "the Briton": the person just quoted (see _described_body).
_YEAR_OLD_RE = re.compile(r"\d{1,3}-year-old")
_DEMONYMS = _NATIONALITIES | frozenset(
    """Briton Frenchman Frenchwoman Englishman Englishwoman Scotsman Scotswoman Welshman
    Welshwoman Irishman Irishwoman Dutchman Dutchwoman Spaniard Swede Dane Finn Pole Turk
    Kenyan Ethiopian Ugandan Tanzanian Ghanaian Brazilian Argentine Argentinian Chilean
    Colombian Peruvian Venezuelan New-Zealander Australian""".split()
)
# Heads of a description of a body that the text may also write with the body's
# name ("news agency SANA", "Cham TV network").
_BODY_HEADS = frozenset(
    """agency channel network television broadcaster newspaper daily monitor group
    observatory ministry""".split()
)
#: Nouns of a body that "the NOUN said" may take from an apposition naming the body
#: earlier ("Albion & Mercer, the FTSE 100 insurer," then "the company said").
_APPOSED_BODY_HEADS = _BODY_NOUNS | _INSTITUTION_NOUNS | frozenset(
    """insurer firm company carrier airline retailer bank lender club university hospital
    union charity publisher broadcaster manufacturer operator supplier developer
    producer utility brigade group monitor watchdog body ngo""".split()
)


@lru_cache(maxsize=64)
def _apposed_body_pattern(head: str) -> re.Pattern[str]:
    """NAME, a/an/the ... HEAD, (a name joined by "&", "and", "of" or "for" allowed);
    for "company" and "firm", HEAD may be a kind of company ("insurer", "airline")."""
    heads = re.escape(head)
    if head in ("company", "firm"):
        heads = "|".join(sorted(_COMPANY_KINDS))
    return re.compile(
        rf"(?P<name>{_NAME_RUN}(?:[ \t]+(?:&|and|of|for)[ \t]+{_NAME_RUN})*),[ \t]+"
        rf"(?:a|an|the)[ \t]+(?:[\w\-&]+[ \t]+){{0,5}}?(?:{heads})\b"
        r"(?=[ \t]*[,.;]|[ \t]+(?:based|which|that|whose)\b)"
    )


@lru_cache(maxsize=64)
def _premodified_body_pattern(head: str) -> re.Pattern[str]:
    """HEAD NAME with HEAD a lowercase noun before a body's name ("appliance maker
    Whirlton Corp", "rights group Amnesty International"); for "company" and "firm"
    a kind of company, or a word ending in "maker" ("carmaker", "drugmaker")."""
    kinds = sorted(_COMPANY_KINDS) if head in ("company", "firm") else [head]
    # (capitalised too, opening a sentence: "Carmaker Voltra Motors")
    heads = "|".join(f"[{k[0].upper()}{k[0]}]{re.escape(k[1:])}" for k in kinds)
    if head in ("company", "firm"):
        heads += r"|[A-Za-z][a-z]+maker"
    return re.compile(
        rf"(?<![\w\-])(?:{heads})[ \t]+(?P<name>{_NAME_RUN}(?:[ \t]+(?:&|and|of|for)[ \t]+{_NAME_RUN})*)"
    )


_COMPANY_KINDS = frozenset(
    """company firm insurer carrier airline retailer bank lender publisher broadcaster
    manufacturer operator supplier developer producer utility group conglomerate
    maker chain giant""".split()
)


def _names_a_body(run: list[str]) -> bool:
    """Whether a capitalised run can name a body: not a sentence opener, a time or a
    bare two-letter acronym ("TV"), with a word of four letters or an acronym of
    three or more."""
    return (
        bool(run)
        and run[0] not in _SENTENCE_OPENERS
        and not any(w in _TIME_NAMES for w in run)
        and any(len(w) >= 4 or (len(w) >= 3 and w.isupper()) for w in run)
    )


@lru_cache(maxsize=64)
def _body_head_pattern(head: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(head)}\b")  # lower case, as a common noun


_NAME_BEFORE_BRACKET_RE = re.compile(
    rf"(?P<name>{_NAME_RUN}(?:[ \t]+(?:for|of|and|on)[ \t]+{_NAME_RUN})*)[ \t]*$"
)
_BODY_BEFORE_HEAD_RE = re.compile(rf"(?P<name>{_NAME_RUN})[ \t]+$")
_NO_DOUBLE_MARKS = str.maketrans("", "", _DOUBLE_MARKS)
# Heads of a description that may stand for a body already named: "the
# Britain-based monitor said" after the Syrian Observatory spoke.
#: Heads of a description that any body may take ("the group said"), for which a
#: more recent body that spoke wins over an older description holding the head.
_GENERIC_BODY_HEADS = frozenset({"group", "organisation", "organization", "body", "ngo"})
#: Words of a state institution's name: no "group" (see _GENERIC_BODY_HEADS).
_STATE_BODY_WORDS = frozenset(
    """government ministry army police military regime department presidency cabinet
    parliament court office embassy""".split()
)
_BODY_DESCRIPTION_NOUNS = frozenset(
    {"group", "monitor", "organisation", "organization", "watchdog", "body", "ngo", "charity"}
)


def _statement_issuer_words(words: list[str]) -> list[str]:
    """The issuer's words after "by" or "from" in "a statement by the army broadcast
    on state TV": up to a function word, a participle, or a comma."""
    issuer: list[str] = []
    for k, word in enumerate(words):
        low = word.lower().strip(",.")
        if low in ("of", "for") and issuer and k + 1 < len(words) and (
            words[k + 1][:1].isupper() or words[k + 1] == "the"
        ):
            issuer.append(word)  # "a statement by the Ministry of Defence"
            continue
        if issuer and (
            low in _SUBJECT_STOP or low in _CARRIER_PARTICIPLES or low in _ISSUER_PARTICIPLES
            or low in _NOT_SUBJECT  # "a statement by the ministry was read out"
            or (word.islower() and low.endswith("ing") and len(low) > 5)
        ):
            break
        issuer.append(word)
        if word.endswith(","):
            break
    return _strip_final_dot(issuer) if issuer and issuer[-1].lower() not in _SUBJECT_STOP else []


def _statement_source(words: list[str]) -> str | None:
    """For :func:`_name_from_subject`: who speaks in a statement phrase that says
    more than "the statement", or None for any other phrase.

    "a statement from Yacoub El Hillo" and "a statement issued by the brigade" name
    the issuer; "the statement carried by state news agency SANA" names only the
    medium that carried it, so the speaker is "the statement" (its issuer is then
    looked for before, CODING.md Q3a), as is "a statement issued" with no issuer.
    """
    k = next((i for i, w in enumerate(words[:-1]) if w.lower() in _STATEMENT_NOUNS), None)
    if k is None or words[0].lower() not in ("a", "an", "the", "its", "their", "his", "her"):
        return None
    statement = " ".join(words[: k + 1])
    rest = words[k + 1 :]
    participle = rest[0].lower().strip(",")
    if participle in _CARRIER_PARTICIPLES or participle in _ISSUER_PARTICIPLES:
        rest = rest[1:]
        if not rest:
            return statement  # "a statement issued" (cut before its agent)
    if rest[0].lower() not in ("by", "from"):
        return None
    if participle in _CARRIER_PARTICIPLES:
        return statement
    issuer = _statement_issuer_words(rest[1:])
    if not issuer:
        return statement
    return _name_from_subject(" ".join(issuer))[0]


@lru_cache(maxsize=8192)
def _is_statement(name: str) -> bool:
    words = name.lower().split()
    return bool(words) and words[-1] in _STATEMENT_NOUNS


@lru_cache(maxsize=256)
def _role_patterns(role: str) -> tuple[re.Pattern[str], ...]:
    """Patterns naming a person with ``role``: "director Anthony Lake" and "Rami
    Abdel Rahman head of", "Jan Egeland the UN special envoy"."""
    word = re.escape(role)
    return (
        re.compile(rf"(?i:\b{word}\b)"),
        re.compile(rf"[ \t]+(?P<name>{_NAME_RUN})"),
        re.compile(
            rf"(?P<name>{_NAME_RUN})[ \t,]+(?:(?:the|a|an)[ \t]+)?(?:[\w\-]+[ \t]+){{0,3}}$"
        ),
    )


@lru_cache(maxsize=8192)
def _content_words(name: str) -> tuple[str, ...]:
    """The lower-case words of a name without articles."""
    return tuple(w for w in name.lower().split() if w not in ("the", "a", "an"))


def _recent(
    named: Sequence[tuple[int, str]], pos: int, lo: int
) -> Iterator[tuple[int, str]]:
    """The entries of ``named`` (sorted by position) before ``pos`` and at or after
    ``lo``, latest first, at most :data:`_MAX_SUBJECTS_BACK` of them."""
    k = bisect_right(named, (pos, "")) if named and named[-1][0] >= pos else len(named)
    for i in range(k - 1, max(-1, k - 1 - _MAX_SUBJECTS_BACK), -1):
        at, earlier = named[i]
        if at < lo:
            return
        if at < pos:
            yield at, earlier


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


# A described speaker who gives a name in a relative clause: "a patient, who asked
# to be identified only as Janet,", "a man who gave his name as Abu Ahmad".
_IDENTIFIED_AS_RE = re.compile(
    r"\bwho[ \t]+(?:(?:asked|wished|wanted|agreed|preferred)[ \t]+to[ \t]+be[ \t]+"
    r"(?:identified|named|called|known)[ \t]+(?:only[ \t]+)?"
    r"(?:by[ \t]+(?:his|her|their)[ \t]+(?:first[ \t]+)?name[ \t]*,?[ \t]+|as[ \t]+)"
    r"|gave[ \t]+(?:only[ \t]+)?(?:his|her|their)[ \t]+(?:first[ \t]+)?name[ \t]+as[ \t]+)"
    rf"(?P<name>{_NAME_RUN})"
)


#: Titles that tell a person's gender, for "he" and "she" (see _Speakers.pronoun_of).
_GENDERED_TITLES = {
    **dict.fromkeys("Mr Sir Lord Baron Earl Duke Prince King Father Fr".split(), "he"),
    **dict.fromkeys("Mrs Ms Miss Dame Lady Baroness Duchess Princess Queen Sister".split(), "she"),
}
_GENDERED_TITLE_HINTS = ("Mr", "Ms", "Mi", "Si", "Lo", "Ba", "Da", "La", "Ea", "Du", "Pr", "Ki", "Qu", "Fa", "Fr")
_GENDERED_TITLE_RE = re.compile(
    r"\b(?P<title>" + "|".join(sorted(_GENDERED_TITLES, key=len, reverse=True)) + r")\.?[ \t]+"
    rf"(?P<name>{_NAME_RUN})"
)


def _resolve(
    phrase: str,
    rule: str,
    matched: str,
    start: int,
    speakers: _Speakers,
    named: list[tuple[int, str]],
) -> _Attribution:
    """The speaker of a subject ``phrase`` a rule read, with how it was found
    (``matched`` is the text the rule matched); records directly named speakers in
    ``named``."""
    written = phrase.strip(" \t,;:")
    name, is_pronoun = _name_from_subject(phrase)
    identified = _IDENTIFIED_AS_RE.search(matched) if not is_pronoun and "who" in matched else None
    if identified is not None and (name[:1].islower() or name.split()[0] in ("A", "An", "One")):
        # "A patient ..., who asked to be identified only as Janet, said": the name given
        name = identified.group("name")
        named.append((start, name))
        return _Attribution(name, rule, matched, written, f"{written} -> {name}")
    if not is_pronoun:
        fuller = speakers.fuller_body(name, start, named) or speakers.fuller_name(name, start)
        if fuller is not None and fuller != name:
            named.append((start, fuller))
            return _Attribution(fuller, rule, matched, written, f"{name} -> {fuller}")
        named.append((start, name))
        return _Attribution(name, rule, matched, written)
    # The most recent named speaker before this quote: an earlier span's directly
    # named speaker (not one itself resolved from a pronoun) or the named subject
    # of an earlier speech verb, whichever is closer. "he" and "she" skip
    # organisations ("The KLF", "EU").
    other = "she" if name == "he" else "he"

    def _person_of_gender(candidate: str) -> bool:
        # "she" is never a person the text already called "he" ("Mr X"), nor the reverse
        return _could_be_person(candidate) and speakers.pronoun_of(candidate) != other

    accept: Callable[[str], bool] = (
        _person_of_gender if name in ("he", "she") else _could_be_body if name == "it" else _could_be_anyone
    )
    best_pos, best_name = -1, None
    for span_start, speaker in _recent(named, start, start - _PRONOUN_LOOKBACK):
        if accept(speaker):
            best_pos, best_name = span_start, speaker
            break
    subject = speakers.latest_named_subject(
        start, accept, bodies=name == "it", groups=name == "they",
        persons=name in ("he", "she"),
    )
    if subject is not None and subject[0] > best_pos:
        best_pos, best_name = subject
    if name == "it":
        # A body that opens the sentence before ("The Syrian government, which
        # ..., dismissed the statement."), when mentioned after the other candidates.
        opening = speakers.body_opening_sentence_before(start)
        if opening is not None and opening[0] > best_pos:
            best_pos, best_name = opening
        # Nearer still, the body that opens the quotation's own sentence ("The
        # White House condemned what it said was a "reprehensible" attack").
        opening = speakers.body_opening_sentence_before(start, own=True)
        if opening is not None and opening[0] > best_pos:
            best_pos, best_name = opening
    if name in ("he", "she"):
        # A person introduced later by title ("Interior Minister, Dana Ilves,
        # repeated ...") is the likelier "she" than an earlier quote's speaker.
        titled = speakers.latest_titled_person(start)
        if titled is not None and titled[0] > best_pos and accept(titled[1]):
            best_pos, best_name = titled
        # A person named as a sentence subject just before the quotation ("Lorry
        # driver Pavel, 52, has been ...") is likelier still, when mentioned last.
        subject = speakers.latest_person_subject(start)
        if subject is not None and subject[0] > best_pos and accept(subject[1]):
            best_pos, best_name = subject
        # A person named in narration in the sentence before, marked as a person
        # ("UNICEF director Anthony Lake", "said activist Mustafa Ebdi").
        mentioned = speakers.latest_mentioned_person(start)
        if mentioned is not None and mentioned[0] > best_pos and accept(mentioned[1]):
            best_pos, best_name = mentioned
        # The same pronoun resolved for a later quotation than every candidate
        # ('"...," she said by telephone. "...," she added.') goes on, while the
        # person was named within the look-back.
        source = best_pos
        previous = speakers.pronoun_speakers[-1] if speakers.pronoun_speakers else None
        if (
            previous is not None
            and previous[1] == name
            and best_pos < previous[0] < start
            and start - previous[3] <= _PRONOUN_LOOKBACK
        ):
            best_pos, best_name, source = previous[0], previous[2], previous[3]
    if best_name is None and name in ("he", "she"):
        # No other candidate: a name and an active verb opening the sentence before
        # ("Maria Lopez has lived in the village for 40 years.").
        subject = speakers.latest_person_subject(start, plain=True)
        if subject is not None and accept(subject[1]):
            best_pos, best_name = subject
            source = best_pos
    if best_name is None:
        return _Attribution(name, rule, matched, written)
    fuller = speakers.fuller_body(best_name, start, named) or speakers.fuller_name(best_name, start)
    if name in ("he", "she"):
        speakers.pronoun_speakers.append((start, name, fuller or best_name, source))
    if fuller is not None:
        return _Attribution(fuller, rule, matched, written, f"{name} -> {best_name} -> {fuller}")
    return _Attribution(best_name, rule, matched, written, f"{name} -> {best_name}")


# --- so-called -----------------------------------------------------------------------

_SO_CALLED_RE = re.compile(r"\b[Ss]o[-\u2010\u2011 ]called[ \t]+")
# The same matches' ends, found faster: the literal "called" first lets the regex
# engine skip to its occurrences, and the look-behind checks "so-" before it. Two
# matches can never overlap, so finditer yields every match of either pattern.
_SO_CALLED_END_RE = re.compile(r"called(?<=\b[Ss]o[-\u2010\u2011 ]called)[ \t]+")
_SO_CALLED_STOP = frozenset(
    """a an the who which that whose whom and or but of in on at to from by for with
    as is are was were be been being has have had will would can could should may
    might must do does did said says say""".split()
)
_BLANK_RE = re.compile(r"[ \t]*")


def _so_called_spans(text: str) -> tuple[set[int], list[tuple[int, int]]]:
    """Positions right after "so-called", and bare-term spans that follow it."""
    quote_starts: set[int] = set()
    spans: list[tuple[int, int]] = []
    if "called" not in text:
        return quote_starts, spans  # the common case, without a regex scan
    for m in _SO_CALLED_END_RE.finditer(text):
        pos = m.end()
        if pos < len(text) and text[pos] in "\"'\u201c\u2018\u201e\u00ab\u2039\u201a":
            quote_starts.add(pos)
            continue
        first = last = -1
        count = 0
        while count < SO_CALLED_MAX_WORDS:
            t = _TOKEN_RE.match(text, pos)
            if t is None:
                break
            word = t.group()
            lower = word.lower()
            if lower in _SO_CALLED_STOP:
                break
            if count and word.islower() and lower.endswith("ed") and "-" not in word:
                break  # most likely the verb: "so-called rebels attacked"
            if first < 0:
                first = t.start()
            last = t.end()
            count += 1
            if word.islower() and lower.endswith("s") and not lower.endswith("ss"):
                break  # a plural head noun ends the phrase: "so-called moderate rebels"
            blank = _BLANK_RE.match(text, t.end())  # [ \t]* always matches
            pos = blank.end() if blank else t.end()
            if pos == t.end():
                break  # punctuation or line end follows the word
        if first >= 0:
            spans.append((first, last))
    return quote_starts, spans


def _looks_like_utterance(inner: str) -> bool:
    """A complete short utterance: "Never!", "Why?", "Everyone in Liss knows."."""
    inner = inner.strip()
    if not inner:
        return False
    if inner[-1] in "!?":
        return True
    return inner[-1] == "." and inner[0].isupper()


# --- voice spans -----------------------------------------------------------------------


def voice_spans(text: str) -> list[VoiceSpan]:
    """The non-narration spans of ``text``: quotes and scare quotes, with speakers.

    Computed on the whole article, so a quotation running over sentences or
    paragraphs stays one span. Every rule (marks, apostrophes, nesting, unbalanced
    quotes, scare-quote length, so-called, speaker attribution, pronouns) is
    described in the module docstring.

    Parameters
    ----------
    text : str
        One article's text.

    Returns
    -------
    list of VoiceSpan
        Sorted by start and never overlapping (the outermost quotation wins); each
        span includes its quotation marks and carries its voice, speaker and how
        the speaker was found (``rule``, ``cue``, ``speaker_text``,
        ``resolved_via``; see :class:`VoiceSpan`). Every character in no span is
        narration.

    Raises
    ------
    TypeError
        ``text`` is not a str. Unbalanced or odd text never raises.

    See Also
    --------
    find_quotes : The spans of a whole corpus as a table.
    """
    if not isinstance(text, str):
        raise TypeError(f"voice_spans expects a str, got {type(text).__name__}")
    return _voice_spans(text)


def _voice_spans(
    text: str, ranges: tuple[Sequence[int], Sequence[int]] | None = None
) -> list[VoiceSpan]:
    """:func:`voice_spans`; given ``ranges`` (starts, ends), only as many of its
    first spans as :func:`voice_at` needs to place those ranges.

    A span's voice and speaker depend on the spans before it only, so the spans up
    to the last one holding a range are exactly the first spans of the full list;
    quotations after it (and, when no range is inside a quotation, all of them)
    are left unattributed. A range inside no span is narration either way.
    """
    if not text:
        return []
    return _VoiceState(text).spans(ranges)


class _VoiceState:
    """The quotations of one text, attributed in order as far as asked so far.

    :meth:`spans` gives the first spans of :func:`voice_spans` that place some
    ranges (all of them without ranges), resuming where the last call stopped: a
    span's voice and speaker depend on the spans before it only, and the rules'
    state (the speakers named so far, the last quotation, the speaker caches) is
    the one a single pass would have at that point, so the spans equal those of one
    call. A :class:`mediakit.document.Document` keeps one, so that the mentions and
    the events of an article attribute each quotation once between them.
    """

    __slots__ = ("_attribution", "_so_called_quotes", "kept", "result", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.result: list[VoiceSpan] = []
        self._attribution: _SpanAttribution | None = None
        if not text:
            self.kept: list[tuple[int, int, bool, bool]] = []
            self._so_called_quotes: set[int] = set()
            return
        paras = _Paragraphs(text)
        self._so_called_quotes, so_called_terms = _so_called_spans(text)
        self.kept = _outermost_marks(text, paras, so_called_terms)
        if self.kept:
            speakers = _Speakers(text, paras)
            speakers.quoted_starts = [s for s, _, _, bare in self.kept if not bare]
            speakers.quoted_ends = [e for _, e, _, bare in self.kept if not bare]
            self._attribution = _SpanAttribution(speakers)

    def spans(self, ranges: tuple[Sequence[int], Sequence[int]] | None = None) -> list[VoiceSpan]:
        """The first spans, at least as many as place ``ranges`` (every span without
        ranges); the list is the state's own, extended by later calls."""
        kept, result = self.kept, self.result
        needed = len(kept) if ranges is None else _needed_spans(kept, ranges)
        if needed > len(result):
            text, so_called_quotes = self.text, self._so_called_quotes
            attribution = self._attribution
            assert attribution is not None  # there are spans
            speakers = attribution.speakers
            for k in range(len(result), needed):
                start, end, multi, bare = kept[k]
                if bare:
                    result.append(VoiceSpan(start, end, "scare_quote", rule="so-called"))
                    continue
                after = speakers.after(start, end)
                if after is None:
                    after = speakers.shared(start, end, kept[k + 1 : k + 1 + _MAX_SHARED])
                voice = ("scare_quote" if _is_scare_quote(text, start, end, multi, after, so_called_quotes)
                         else "quote")
                earlier = None
                if voice == "scare_quote" and start not in so_called_quotes:
                    earlier = speakers.passive_by(start, end) or speakers.before(start)
                    if earlier is not None:
                        # A short quotation inside the clause of a verb of saying,
                        # calling or describing is that speaker's words, a partial
                        # quotation (the coding guide's Q5: 'the minister called them
                        # "terrorists"'); the attribution found is reused below.
                        voice = "quote"
                result.append(attribution.span(start, end, voice, after, so_called=start in so_called_quotes,
                                               earlier=earlier))
        return result


def _outermost_marks(
    text: str, paras: _Paragraphs, so_called_terms: list[tuple[int, int]]
) -> list[tuple[int, int, bool, bool]]:
    """The quotation spans (start, end, multi-paragraph, bare so-called term) kept:
    sorted by start, longest first, the outermost of overlapping ones."""
    candidates = _double_quote_spans(text, paras) + _single_quote_spans(text, paras)
    marks: list[tuple[int, int, bool, bool]] = [
        (s, e, multi, False) for s, e, multi in candidates if e > s
    ]
    marks += [(s, e, False, True) for s, e in so_called_terms]
    # Outermost wins: sort by start, longest first, keep what does not overlap.
    marks.sort(key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int, bool, bool]] = []
    last_end = -1
    for span in marks:
        if span[0] >= last_end:
            kept.append(span)
            last_end = span[1]
    return kept


def _needed_spans(
    kept: list[tuple[int, int, bool, bool]], ranges: tuple[Sequence[int], Sequence[int]]
) -> int:
    """How many of the first ``kept`` spans place ``ranges`` (see :func:`_voice_spans`)."""
    kept_starts = [span[0] for span in kept]
    last = -1
    for s, e in zip(*ranges, strict=True):
        i = bisect_right(kept_starts, s) - 1
        if i > last and e <= kept[i][1]:
            last = i
    return last + 1


def _is_scare_quote(
    text: str, start: int, end: int, multi: bool, after: tuple[str, str, str] | None,
    so_called_quotes: set[int],
) -> bool:
    """Whether the quotation ``text[start:end]`` is a scare quote (module docstring)."""
    if start in so_called_quotes:
        return True
    if multi or after is not None:
        return False
    inner = text[start + 1 : end - 1] if end - start >= 2 else ""
    colon_intro = text[max(0, start - 3) : start].rstrip().endswith(":")
    # The word count last: every test is a pure function of the text, so the
    # order does not change the result, and most quotations fail a cheaper one.
    return (
        not colon_intro
        and not _looks_like_utterance(inner)
        and count_words(inner) <= SCARE_QUOTE_MAX_WORDS
    )


class _SpanAttribution:
    """The speakers of one text's quotations, in order: what each rule finds, and
    what the rules carry from one quotation to the next (the speakers named so far,
    the last quotation, the medium of a quoted report)."""

    def __init__(self, speakers: _Speakers) -> None:
        self.speakers = speakers
        self.named: list[tuple[int, str]] = []  # (span start, speaker) named by the text itself
        self.last_quote: VoiceSpan | None = None
        self.reported: str | None = None  # the medium of a report quoted in the article (Q3e)

    def span(
        self, start: int, end: int, voice: str, after: tuple[str, str, str] | None, *, so_called: bool,
        earlier: tuple[str, str, str] | None = None,
    ) -> VoiceSpan:
        """The quotation's span with its speaker and how it was found (``earlier``: the
        passive or rule-2 attribution already found before it, if any)."""
        if so_called:
            attribution = _Attribution(rule="so-called")
        elif after is not None:
            attribution = _resolve(after[0], after[2], after[1], start, self.speakers, self.named)
        else:
            attribution = self._without_after(start, end, voice, earlier)
        found = VoiceSpan(start, end, voice, *attribution)
        if voice == "quote" or found.speaker:
            self.last_quote = found
        return found

    def _without_after(
        self, start: int, end: int, voice: str, earlier: tuple[str, str, str] | None = None
    ) -> _Attribution:
        """Speaker of a quotation with no attribution right after it:
        rules 2, 4 and ``opening_subject``, then ``continues``, ``report`` and
        ``previous_sentence``."""
        speakers = self.speakers
        before = earlier or speakers.passive_by(start, end) or speakers.before(start)
        if before is None:
            before = speakers.sentence_end(end)
        if before is None:
            before = speakers.opening_subject(start, quote=voice == "quote")
        if before is not None:
            return _resolve(before[0], before[2], before[1], start, speakers, self.named)
        last_quote = self.last_quote
        paras = speakers.paras
        if (
            voice == "quote"
            and last_quote is not None
            and last_quote.speaker
            and paras.index(last_quote.end - 1) == paras.index(start)
            and len(speakers._sentence_breaks(last_quote.end, start)) <= 1
        ):
            # The next quotation in the same paragraph, with at most one
            # sentence break in between (the previous quotation's attribution):
            # never across a one-paragraph article.
            return _Attribution(
                last_quote.speaker, "continues", resolved_via=f"quote at {last_quote.start}"
            )
        if voice != "quote":
            return _UNATTRIBUTED
        previous = speakers.report(start, end) or speakers.previous_sentence(start)
        if previous is None and self.reported is not None:
            # the article's other quoted passages of that report (Q3e): no words
            # of this quotation's own name the speaker
            found = _resolve(self.reported, "report", "", start, speakers, self.named)
            self.reported = found.speaker
            via = "same report" if found.resolved_via is None else f"same report, {found.resolved_via}"
            return found._replace(cue=None, speaker_text=None, resolved_via=via)
        if previous is None:
            return _UNATTRIBUTED
        found = _resolve(previous[0], previous[2], previous[1], start, speakers, self.named)
        if previous[2] == "report":
            self.reported = found.speaker
        return found


def voice_at(
    spans: Sequence[VoiceSpan],
    starts: Sequence[int] | np.ndarray,
    ends: Sequence[int] | np.ndarray,
) -> tuple[list[str], list[str | None]]:
    """Voice and speaker of many ranges ``[start, end)`` at once.

    A range lying wholly inside a span gets that span's voice and speaker; any other
    range is ``"narration"`` with speaker None. Binary search: O((m + n) log n).

    Parameters
    ----------
    spans : sequence of VoiceSpan
        The output of :func:`voice_spans` (sorted, non-overlapping).
    starts, ends : sequence of int or numpy.ndarray
        The ranges' offsets into the same text, of equal length.

    Returns
    -------
    voices : list of str
        ``"narration"``, ``"quote"`` or ``"scare_quote"``, one per range.
    speakers : list of str or None
        The speaker of the span holding each range, else None.

    Raises
    ------
    ValueError
        ``starts`` and ``ends`` differ in length.
    """
    # Plain lists and bisect: an article has a handful of spans and ranges, where
    # numpy's per-call overhead costs more than the search itself.
    starts_list = [int(v) for v in np.asarray(starts, dtype=np.int64).tolist()]
    ends_list = [int(v) for v in np.asarray(ends, dtype=np.int64).tolist()]
    if len(starts_list) != len(ends_list):
        raise ValueError(
            f"starts and ends differ in length ({len(starts_list)} != {len(ends_list)})"
        )
    return _voice_at_lists(spans, starts_list, ends_list)


def _voice_at_lists(
    spans: Sequence[VoiceSpan], starts: list[int], ends: list[int]
) -> tuple[list[str], list[str | None]]:
    """:func:`voice_at` for ``starts`` and ``ends`` given as lists of Python ints of
    the same length (as the mentions table has them), without converting them."""
    n = len(starts)
    voices: list[str] = ["narration"] * n
    speakers: list[str | None] = [None] * n
    if not spans or n == 0:
        return voices, speakers
    span_starts = [s.start for s in spans]
    for k, (start, end) in enumerate(zip(starts, ends)):
        i = bisect_right(span_starts, start) - 1
        if i >= 0:
            span = spans[i]
            if end <= span.end and start >= span.start:
                voices[k] = span.voice
                speakers[k] = span.speaker
    return voices, speakers


@share_docs
def find_quotes(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per non-narration span of every article, in corpus order.

    Parameters
    ----------
    {corpus}

    Returns
    -------
    pandas.DataFrame
        One row per quotation or scare quote (:func:`voice_spans` of each article's
        text), in corpus order then text order. Columns:

        ``doc_id`` (str); ``quote_id`` (int64, 0-based within the article);
        ``start``, ``end`` (int64, offsets into the article ``text``, quotation
        marks included); ``voice`` (str, ``"quote"`` or ``"scare_quote"``);
        ``speaker`` (string, the speaker resolved to the fullest form the article
        gives, ``"Lale Orhun"``, else <NA>; the dtype of the mentions'
        ``speaker``); ``text`` (str, ``text[start:end]``).

        Then how the speaker was found, in the manner of textacy's (speaker, cue,
        content) triples (all str, missing where they do not apply; see
        :class:`VoiceSpan`): ``rule`` (the rule that named the speaker: ``after``,
        ``shared``, ``before``, ``colon``, ``dash``, ``passive_by``, ``sentence_end``, ``opening_subject``,
        ``continues``, ``report``, ``previous_sentence``, ``previous_paragraph``, or ``so-called``);
        ``cue`` (the words the rule matched, as written: ``"Orhun said"``);
        ``speaker_text`` (the subject the rule read as the speaker, as written:
        ``"she"``); ``resolved_via`` (how ``speaker_text`` became ``speaker``:
        ``"she -> Orhun -> Lale Orhun"``, ``"quote at 948"`` for ``continues``,
        ``"same report"``; missing when the speaker is the name as written).

    Raises
    ------
    MissingColumnsError
        The corpus lacks ``doc_id`` or ``text``.

    See Also
    --------
    voice_spans : The same spans for one text.
    mediakit.find_mentions : Each label mention with its voice and speaker.
    """
    check_table(corpus, ("doc_id", "text"), caller="find_quotes", table_name="corpus")
    rows: dict[str, list] = {column: [] for column in QUOTE_COLUMNS}
    for doc_id, raw in zip(corpus["doc_id"].tolist(), corpus["text"].tolist(), strict=True):
        text = _doc_text(raw)
        for k, span in enumerate(voice_spans(text)):
            rows["doc_id"].append(doc_id)
            rows["quote_id"].append(k)
            rows["start"].append(span.start)
            rows["end"].append(span.end)
            rows["voice"].append(span.voice)
            rows["speaker"].append(span.speaker)
            rows["text"].append(text[span.start : span.end])
            for column in _HOW_FOUND:
                rows[column].append(getattr(span, column))
    return pd.DataFrame(
        {
            "doc_id": pd.Series(rows["doc_id"], dtype="str"),
            "quote_id": pd.Series(rows["quote_id"], dtype="int64"),
            "start": pd.Series(rows["start"], dtype="int64"),
            "end": pd.Series(rows["end"], dtype="int64"),
            "voice": pd.Series(rows["voice"], dtype="str"),
            "speaker": pd.Series(rows["speaker"], dtype="string"),
            "text": pd.Series(rows["text"], dtype="str"),
            **{column: pd.Series(rows[column], dtype="str") for column in _HOW_FOUND},
        }
    )


#: The columns of :func:`find_quotes` that say how the speaker was found.
_HOW_FOUND: tuple[str, ...] = ("rule", "cue", "speaker_text", "resolved_via")
