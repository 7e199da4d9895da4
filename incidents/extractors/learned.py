"""Role fillers from a trained tagger: perpetrators, victims, targets and weapons.

The tagger (``incidents/data/models/roles-muc4-v1``, trained by ``scripts/train_roles.py``
on the MUC-4 training split, see its README) is a spaCy ``tagger`` over BIO role labels
(``B-VICTIM``, ``I-VICTIM``, ... ``O``; roles PERPIND, PERPORG, TARGET, VICTIM, WEAPON).  It
does not tokenise or encode the text itself: its model reads the Doc the main spaCy model
has already analysed (the ``tok2vec`` output ``doc.tensor``, the parse, the entities) and
adds its own small hashed embeddings and convolutions, so it costs little, and its spans'
token indices are the main Doc's.  Nothing is written to the Doc.

Spans come from the most probable well-formed BIO sequence (:func:`decode`), trimmed of
trailing function words and grown to the whole of a person's name (:func:`tidy`).  The
tagger reads only articles like those it was trained on (:func:`applies`: wire copy in
capitals); there its mentions replace the rules' (:func:`merge`).

The model is loaded once per process; without it, :func:`find_learned_roles` returns [].
``INCIDENTS_ROLES_MODEL`` names another model folder (or ``off``) for experiments.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
from importlib import resources
from pathlib import Path
from typing import Any

import numpy
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, with_array

from incidents.extractors.context import source, source_text
from incidents.extractors.lexicon import TARGET_NOUNS, VICTIM_CATEGORIES, WEAPONS
from incidents.extractors.mentions import ArgMention
from incidents.extractors.status import clause_status
from incidents.model import Status

log = logging.getLogger(__name__)

MODEL_NAME = "roles-muc4-v1"
#: label -> (role, perpetrator kind)
LABELS = {
    "PERPIND": ("perpetrator", "individual"),
    "PERPORG": ("perpetrator", "organization"),
    "TARGET": ("target", "unknown"),
    "VICTIM": ("victim", "unknown"),
    "WEAPON": ("weapon", "unknown"),
}


# --- the model's architecture (referenced by roles.cfg) -------------------------------------

@registry.architectures("incidents.DocTensor.v1")
def doc_tensor(width: int) -> Model[list[Doc], list[Any]]:
    """The main model's ``tok2vec`` output, ``doc.tensor``, as fixed input features (no
    gradient flows back into it).  A Doc without a tensor of that width reads zeros."""

    def forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[list[Any], Any]:
        out = []
        for doc in docs:
            tensor = doc.tensor
            if tensor is None or tensor.shape != (len(doc), width):
                tensor = numpy.zeros((len(doc), width), dtype="float32")
            out.append(model.ops.asarray2f(tensor))
        return out, lambda d_out: []

    return Model("doc_tensor", forward, dims={"nO": width})


#: Relations that attach a word to its noun phrase's head: a token's syntax features are
#: those of the head it hangs from ("Farabundo" -> "Front").
_NP_INNER = ("compound", "amod", "det", "nummod", "poss", "nmod", "case", "punct", "quantmod",
             "predet", "flat")
_NP_LIMIT = 6
N_SYNTAX = 5


def syntax_ids(doc: Doc) -> Any:
    """Hashed syntactic context of each token (uint64, one column per feature): its entity
    tag; the relation of its phrase head to that head's head; the same one level up
    ("pobj|by|agent|kill"); the clause verb the phrase hangs from and how; the sentence's
    position in the document (first, second, ... later)."""
    out = numpy.zeros((len(doc), N_SYNTAX), dtype="uint64")
    if not len(doc):
        return out
    sent_rank: dict[int, int] = {}
    for rank, sent in enumerate(doc.sents):
        sent_rank[sent.start] = rank
    for token in doc:
        head = token
        for _ in range(_NP_LIMIT):
            if head.dep_ not in _NP_INNER or head.head is head:
                break
            head = head.head
        up = head.head
        verb, via = head, head
        for _ in range(_NP_LIMIT):
            if verb.pos_ in ("VERB", "AUX") and verb is not head or verb.head is verb:
                break
            via, verb = verb, verb.head
        rank = sent_rank.get(token.sent.start, 9)
        prep = via.lower_ if via.dep_ in ("prep", "agent") else ""
        features = (
            f"e|{token.ent_iob_}{token.ent_type_}",
            f"h|{head.dep_}|{up.lemma_.lower()}",
            f"u|{head.dep_}|{up.lower_}|{up.dep_}|{up.head.lemma_.lower()}",
            f"v|{via.dep_}|{verb.lemma_.lower()}|{prep}",
            f"s|{min(rank, 6)}|{head is token}",
        )
        for j, feature in enumerate(features):
            out[token.i, j] = hash_string(feature)
    return out


@registry.architectures("incidents.SyntaxEmbed.v1")
def syntax_embed(width: int, rows: int) -> Model[list[Doc], list[Any]]:
    """Embeddings of :func:`syntax_ids`, one table per feature, concatenated."""

    def forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[list[Any], Any]:
        return [model.ops.asarray(syntax_ids(doc), dtype="uint64") for doc in docs], lambda d: []

    tables = [HashEmbed(width, rows, column=j, seed=101 + j) for j in range(N_SYNTAX)]
    return chain(Model("syntax_ids", forward), with_array(concatenate(*tables)))


@registry.architectures("incidents.RolesTok2Vec.v1")
def roles_tok2vec(
    embed: Model[list[Doc], list[Any]],
    syntax: Model[list[Doc], list[Any]],
    tensor_width: int,
    width: int,
    encode: Model[list[Any], list[Any]],
) -> Model[list[Doc], list[Any]]:
    """The tagger's token vectors: its own hashed embeddings (``embed``), the main model's
    tensor and the syntax embeddings side by side, mixed to ``width`` and encoded by
    ``encode`` (a window encoder)."""
    features = concatenate(embed, doc_tensor(tensor_width), syntax)
    model = chain(features, with_array(Maxout(width, nP=3, normalize=True, dropout=0.0)), encode)
    model.set_dim("nO", width)
    return model


# --- loading ----------------------------------------------------------------------------------

def model_path() -> Path | None:
    """The model folder to use, or None (not installed, or switched off)."""
    override = os.environ.get("INCIDENTS_ROLES_MODEL")
    if override:
        return None if override.lower() in ("off", "none", "0") else Path(override)
    path = Path(str(resources.files("incidents") / "data" / "models" / MODEL_NAME))
    return path if (path / "config.cfg").is_file() else None


@functools.cache
def load_model(path: Path | None = None) -> Language | None:
    """The tagger's pipeline, loaded once per process; None when there is none."""
    import spacy

    path = path or model_path()
    if path is None or not (path / "config.cfg").is_file():
        return None
    try:
        return spacy.load(path)
    except (OSError, ValueError) as err:  # a broken or incompatible model folder
        log.warning("role tagger %s not loaded: %s", path, err)
        return None


# --- tagging ----------------------------------------------------------------------------------

def ensure_tensor(doc: Doc) -> None:
    """Recompute ``doc.tensor`` with the main model's ``tok2vec`` if it is missing."""
    if doc.tensor is not None and doc.tensor.shape[0] == len(doc) and doc.tensor.size:
        return
    from incidents.nlp.pipeline import get_nlp

    nlp = get_nlp()
    if "tok2vec" in nlp.pipe_names:
        nlp.get_pipe("tok2vec")(doc)


#: Default weight on P(O) in decoding (below 1: more and longer spans); a model's
#: ``meta.json`` (``incidents.outside_weight``, chosen on the held-out part of the
#: training split) overrides it.
OUTSIDE_WEIGHT = 1.0
#: Words a role filler does not end with ("the residence of", "individuals in").
_TRAILING = frozenset({"of", "in", "and", "or", "the", "a", "an", "at", "on", "by", "for", "from",
                       "to", "with", "'s", ",", "-", "--", "(", '"', "that", "who", "which"})


def outside_weight_of(nlp: Language) -> float:
    return float((nlp.meta.get("incidents") or {}).get("outside_weight", OUTSIDE_WEIGHT))


def token_probs(doc: Doc, nlp: Language) -> Any:
    """Per-token label probabilities (rows: tokens of ``doc``; columns: the tagger's labels).

    The tagger's model reads ``doc`` (tokens, parse, entities, tensor) and changes nothing."""
    ensure_tensor(doc)
    return numpy.asarray(nlp.pipeline[-1][1].model.predict([doc])[0])


def tag(doc: Doc, nlp: Language, outside_weight: float | None = None) -> list[tuple[int, int, str]]:
    """(start token, end token, label) of the spans the tagger finds in ``doc``."""
    if not len(doc):
        return []
    labels = tuple(nlp.pipeline[-1][1].labels)
    weight = outside_weight_of(nlp) if outside_weight is None else outside_weight
    return tidy(doc, decode(token_probs(doc, nlp), labels, weight))


def decode(
    probs: Any, labels: tuple[str, ...], outside_weight: float = 1.0
) -> list[tuple[int, int, str]]:
    """The most probable well-formed BIO sequence (``I-X`` only after ``B-X`` or ``I-X``)
    from per-token label probabilities, with P(O) scaled by ``outside_weight``; its spans."""
    n, width = probs.shape
    if not n:
        return []
    outside = labels.index("O")
    logp = numpy.log(numpy.asarray(probs, dtype="float64") + 1e-9)
    logp[:, outside] += numpy.log(outside_weight)
    kind = [label[2:] for label in labels]
    is_inside = numpy.array([label.startswith("I-") for label in labels])
    allowed = numpy.ones((width, width), dtype=bool)  # [previous, current]
    for cur in range(width):
        if is_inside[cur]:
            allowed[:, cur] = [
                labels[prev] != "O" and kind[prev] == kind[cur] for prev in range(width)
            ]
    trans = numpy.where(allowed, 0.0, -numpy.inf)
    score = numpy.where(is_inside, -numpy.inf, logp[0])
    back = numpy.zeros((n, width), dtype=numpy.int64)
    for i in range(1, n):
        cand = score[:, None] + trans
        back[i] = cand.argmax(axis=0)
        score = cand[back[i], numpy.arange(width)] + logp[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    path.reverse()
    spans: list[tuple[int, int, str]] = []
    start = -1
    for i, label in enumerate([labels[j] for j in path] + ["O"]):
        if start >= 0 and not label.startswith("I-"):
            spans.append((start, i, kind[path[start]]))
            start = -1
        if label.startswith("B-"):
            start = i
    return spans


#: Named entities a filler that covers part of one grows to ("Isabel Casanova" -> "Ana
#: Isabel Casanova").
_WHOLE_ENTITIES = frozenset({"PERSON"})


def tidy(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans without the function words and punctuation they end with, grown to the whole
    of a name they cover part of."""
    ents = [e for e in doc.ents if e.label_ in _WHOLE_ENTITIES]
    out = []
    for start, end, label in spans:
        while end > start and (doc[end - 1].lower_ in _TRAILING or doc[end - 1].is_space):
            end -= 1  # "GROUP OF\n": a line break is no part of a name
        while end > start and (doc[start].is_punct or doc[start].is_space):
            start += 1
        if end <= start:
            continue
        for ent in ents:
            if ent.start <= start and end <= ent.end and (ent.start, ent.end) != (start, end):
                start, end = ent.start, ent.end
                break
        out.append((start, end, label))
    return out


#: Which articles the tagger reads: "all", "caps" (wire copy that needed truecasing, like
#: the MUC-4 text it was trained on) or "none".  Measured on ordinary news (GTD 2016, RAND
#: every 12th), its mentions added beside the rules' move the figures by less than a point
#: (RAND perpetrator +0.6) and cost 0.14x of bare spaCy's speed: so only wire copy.
APPLY_TO = "caps"
#: In which of those its mentions replace the rules' for ``REPLACED_ROLES`` (see
#: :func:`merge`); elsewhere they are added beside the rules'.  Measured: replacing helps
#: MUC-4 wire copy and ruins ordinary news (GTD group 0.93 -> 0.31: no categories, no
#: claims).
REPLACE_IN = "caps"
REPLACED_ROLES = frozenset({"perpetrator", "victim", "target", "weapon"})


def _selects(which: str, doc: Doc) -> bool:
    if which == "all":
        return True
    if which == "caps":
        from incidents.nlp.truecase import needs_truecasing

        return needs_truecasing(source_text(doc))
    return False


def applies(doc: Doc) -> bool:
    """Whether the tagger reads this article (see ``APPLY_TO``)."""
    return _selects(APPLY_TO, doc)


def find_learned_roles(doc: Doc) -> list[ArgMention]:
    """Role mentions from the trained tagger; [] when its model is not installed or the
    article is not one it reads (:func:`applies`)."""
    if not applies(doc):
        return []
    nlp = load_model()
    if nlp is None:
        return []
    out = []
    for start, end, label in tag(doc, nlp):
        if label not in LABELS:
            continue
        role, kind = LABELS[label]
        span = doc[start:end]
        root = span.root
        out.append(
            ArgMention(
                role=role,
                text=source(doc, span.start_char, span.end_char),
                start=span.start_char,
                end=span.end_char,
                sent=root.sent.start,
                trigger=root.i,
                category=_category(role, span),
                kind=kind,
                status=clause_status(root),
                extra={"learned": True},
            )
        )
    return out


def replaced(arg: ArgMention) -> bool:
    """Whether a rule-based mention gives way to the tagger's in an article the tagger
    reads.  Kept: weapons implied by an event word (they decide attack types),
    perpetrators whose claim is denied or negated (no MUC-4 filler, but a fact), groups
    claiming responsibility and groups accused of it."""
    if arg.extra.get("learned") or arg.role not in REPLACED_ROLES:
        return False
    if arg.role == "weapon" and arg.extra.get("implied"):
        return False
    denied = arg.status == Status.NEGATED or bool(arg.extra.get("claim_denied"))
    # a claim of responsibility ("THE EXTRADITABLES CLAIMED RESPONSIBILITY") and an accusation
    # ("THE ARMED FORCES SAID THAT THE FMLN IS RESPONSIBLE") are the rules' job
    return not (arg.role == "perpetrator" and (denied or arg.status in (Status.CLAIMED, Status.HEDGED)))


def merge(doc: Doc, rule_args: list[ArgMention]) -> list[ArgMention]:
    """The rule-based role mentions of ``doc`` with the tagger's.  In wire copy like the
    tagger's training text (``REPLACE_IN``) its mentions replace the rules' for
    ``REPLACED_ROLES`` (see :func:`replaced`); elsewhere they are added beside them."""
    learned = find_learned_roles(doc)
    if applies(doc) and _selects(REPLACE_IN, doc) and load_model() is not None:
        learned = [_with_rule_status(arg, rule_args) for arg in learned]
        rule_args = [a for a in rule_args if not replaced(a)]
    return rule_args + learned


def _with_rule_status(arg: ArgMention, rule_args: list[ArgMention]) -> ArgMention:
    """The tagger finds who; the rules know how the text knows it ("THE FMLN CLAIMED",
    "blamed on the FMLN"): a tagged perpetrator takes the status of the rule mention it
    overlaps, when that is more than a bare report."""
    if arg.role != "perpetrator":
        return arg
    for rule in rule_args:
        if rule.role == "perpetrator" and rule.start < arg.end and arg.start < rule.end and rule.status != Status.REPORTED:
            return dataclasses.replace(arg, status=rule.status)
    return arg


def _category(role: str, span: Any) -> str | None:
    root = span.root
    words = (root.lemma_.lower(), root.lower_)
    if role == "target":
        return next((TARGET_NOUNS[w] for w in words if w in TARGET_NOUNS), None)
    if role == "victim":
        return next((VICTIM_CATEGORIES[w] for w in words if w in VICTIM_CATEGORIES), None)
    if role == "weapon":
        text = " ".join(t.lower_ for t in span)
        for key in (text, *words):
            if key in WEAPONS:
                return WEAPONS[key][0]
    return None
