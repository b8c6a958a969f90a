"""The annotation record format (JSON Lines) and its allowed values.

One JSON object per line; ``CODING.md`` says what each field means and the
annotators' ``INSTRUCTIONS.md`` (``annotator_instructions.md`` here) how to write them.
Standard library only: annotators run the checks with any Python 3.11.
"""

from __future__ import annotations

REFERENTS = ("armed_opposition", "islamic_state", "kurdish_forces", "state_forces",
             "other", "none", "mixed", "unclear")
EVENT_ACTORS = ("armed_opposition", "islamic_state", "kurdish_forces", "state_forces",
                "civilians", "other", "none", "mixed", "unclear")
YES_NO = ("yes", "no")
SPEAKER_KINDS = ("person", "organisation", "description", "none")
FORMS = ("noun", "modifier")
VOICES = ("narration", "quote", "scare_quote")
NOT_MENTION_REASONS = ("name", "no_actor")
EVENT_TYPES = ("kill", "die", "attack", "injure", "detain", "abduct", "displace",
               "destroy", "clash", "other")
CONSTRUCTIONS = ("active", "passive_agent", "passive_agentless", "intransitive",
                 "nominal", "adjectival")

UNITS = ("quote", "mention", "event", "doc_done")
#: Units each round may contain.
ROUND_UNITS = {1: ("quote", "mention", "doc_done"), 2: ("event", "doc_done")}
LOCATION_KEYS = ("text", "start_text", "end_text", "before", "occurrence")

#: unit -> {field: allowed values or None for free text}; required unless optional.
FIELDS: dict[str, dict[str, tuple[str, ...] | None]] = {
    "quote": {"id": None, "speaker": None, "speaker_kind": SPEAKER_KINDS,
              "is_scare_quote": YES_NO},
    "mention": {"cand": None, "is_mention": YES_NO},
    "mention_yes": {"form": FORMS, "voice": VOICES, "speaker": None,
                    "referent": REFERENTS, "in_scope": YES_NO},
    "mention_no": {"reason": NOT_MENTION_REASONS},
    "event": {"id": None, "event_type": EVENT_TYPES, "construction": CONSTRUCTIONS,
              "has_explicit_agent": YES_NO, "agent": None, "agent_actor": EVENT_ACTORS,
              "patient": None, "patient_actor": EVENT_ACTORS},
    "doc_done": {},
}
OPTIONAL = {"note", "doc", "unit"} | set(LOCATION_KEYS)
#: The quotation marks a quotation span may open or close with.
QUOTE_MARKS = "\"\u201c\u201d\u201e\u201f\u00ab\u00bb'\u2018\u2019\u201a\u201b"
#: Longest span a quotation record may locate (a longer one is a wrong end_text).
MAX_QUOTE_CHARS = 3000
