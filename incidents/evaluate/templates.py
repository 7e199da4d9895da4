"""MUC-4 template scoring: role-filler precision/recall/F1 after template alignment.

Follows GTT (Du et al. 2021, ``xinyadu/gtt`` ``eval.py``) and IterX (Chen et al. 2023,
``wanmok/iterx`` ``metrics/muc``):

* A template is an incident type plus five roles (PerpInd, PerpOrg, Target, Victim,
  Weapon); a gold role holds entities, each a list of coreferent mentions.
* Predicted and gold templates of one document are aligned one-to-one.  A pair can only
  align when the predicted type is one of the gold type's alternatives (``"attack /
  bombing"``).  The alignment maximises the number of matched fillers, the incident
  type counting as one (Hungarian assignment; GTT brute-forces the same search).
* Inside an aligned pair, a predicted filler is correct when its normalised string
  equals a normalised mention of a gold entity of the same role; each gold entity is
  matched at most once (maximum bipartite matching).  GTT's scorer lets several
  predicted fillers hit the same gold entity; ours is one-to-one, like CEAF-RME.
* Unaligned predicted templates count against precision, unaligned gold templates
  against recall.  Counts are summed over all documents (micro average), per role and
  over all roles including the incident type.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from incidents.evaluate.mappings import MUC_PERP_STATUSES
from incidents.evaluate.metrics import PRF, max_bipartite_matching, max_weight_assignment, sum_prf
from incidents.evaluate.names import normalize_filler, unique

ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
TYPE = "incident_type"
ALL_ROLES = (TYPE, *ROLES)

#: Which MUC-4 role a perpetrator of each ``kind`` fills.  MUC-4's PerpInd holds every
#: perpetrator description that is not an organisation name ("guerrillas", "gunmen"),
#: so ``unknown`` goes there too.
PERP_ROLE_BY_KIND = {"individual": "PerpInd", "unknown": "PerpInd", "organization": "PerpOrg"}


@dataclass(frozen=True, slots=True)
class Template:
    """A template with normalised fillers.

    Gold roles hold entities (tuples of mention strings); predicted roles hold one
    string per filler, wrapped in a 1-tuple so both sides share a shape.
    ``statuses`` (predicted) gives each PerpOrg filler's epistemic status;
    ``confidence`` (gold) gives, per PerpOrg entity, the statuses that agree with its
    MUC-4 ORGANIZATION CONFIDENCE (empty when the raw key has none).
    """

    incident_type: str
    roles: Mapping[str, tuple[tuple[str, ...], ...]]
    stage: tuple[str, ...] = ()
    statuses: tuple[str | None, ...] = ()
    confidence: tuple[tuple[str, ...], ...] = ()
    predicted: bool = False

    def types(self) -> set[str]:
        return {t.strip() for t in self.incident_type.split("/") if t.strip()}

    def to_dict(self) -> dict[str, Any]:
        """JSON form: predicted fillers as strings, gold entities as lists of mentions."""
        out: dict[str, Any] = {TYPE: self.incident_type}
        for role in ROLES:
            entities = self.roles.get(role, ())
            if self.predicted:
                out[role] = [entity[0] for entity in entities]
            else:
                out[role] = [list(entity) for entity in entities]
        out["stage"] = list(self.stage)
        if self.predicted:
            out["perp_org_status"] = list(self.statuses)
        else:
            out["perp_org_confidence"] = [list(c) for c in self.confidence]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Template:
        """Inverse of :meth:`to_dict` (fillers are already normalised)."""
        roles = {
            role: tuple(
                (e,) if isinstance(e, str) else tuple(e) for e in data.get(role) or []
            )
            for role in ROLES
        }
        return cls(
            incident_type=str(data.get(TYPE) or ""),
            roles=roles,
            stage=tuple(data.get("stage") or ()),
            statuses=tuple(data.get("perp_org_status") or ()),
            confidence=tuple(tuple(c) for c in data.get("perp_org_confidence") or ()),
            predicted="perp_org_status" in data,
        )


def gold_template(raw: Mapping[str, Any], stage: Sequence[str] = (),
                  confidence: Mapping[str, Sequence[str]] | None = None) -> Template:
    """A gold template from the GTT format: ``{"incident_type": ..., role: [[[mention,
    offset], ...], ...]}`` (mentions may also be bare strings).

    ``confidence`` maps a normalised PerpOrg mention to the statuses that agree with
    its MUC-4 ORGANIZATION CONFIDENCE.
    """
    roles: dict[str, tuple[tuple[str, ...], ...]] = {}
    for role in ROLES:
        entities = []
        for entity in raw.get(role) or []:
            mentions = [m[0] if isinstance(m, (list, tuple)) else m for m in entity]
            normalised = tuple(unique(n for n in (normalize_filler(str(m)) for m in mentions) if n))
            if normalised:
                entities.append(normalised)
        roles[role] = tuple(entities)
    conf: list[tuple[str, ...]] = []
    if confidence:
        for entity in roles["PerpOrg"]:
            found: list[str] = []
            for mention in entity:
                found.extend(confidence.get(mention, ()))
            conf.append(tuple(unique(found)))
    return Template(str(raw.get(TYPE) or "").lower(), roles, tuple(stage), (), tuple(conf))


#: An incident with no role filler becomes a template only when the extractor is this sure
#: of it (``confidence``: date, place, casualties, firm status).
EMPTY_TEMPLATE_CONFIDENCE = 0.6


def predicted_templates(doc: Mapping[str, Any] | None) -> list[Template]:
    """The MUC-4 templates of one incidents/v1 article: one per incident that has a MUC
    type.  Perpetrators count unless speculative or negated; fillers repeated within a
    role (after normalisation) count once."""
    templates = []
    for incident in (doc or {}).get("incidents") or []:
        muc = ((incident.get("types") or {}).get("muc") or "").strip().lower()
        if not muc or incident.get("status") in ("speculative", "negated"):
            continue
        fillers: dict[str, list[tuple[str, str | None]]] = {role: [] for role in ROLES}
        for perp in incident.get("perpetrators") or []:
            if perp.get("status") not in MUC_PERP_STATUSES:
                continue
            role = PERP_ROLE_BY_KIND.get(perp.get("kind") or "unknown", "PerpInd")
            fillers[role].append((perp.get("text") or "", perp.get("status")))
        for role, key in (("Target", "targets"), ("Victim", "victims"), ("Weapon", "weapons")):
            fillers[role].extend(
                (e.get("text") or "", None)
                for e in incident.get(key) or []
                # a weapon implied by the event word ("shot") names no instrument
                if not e.get("implied") and e.get("status") not in ("speculative", "negated")
            )
        roles: dict[str, tuple[tuple[str, ...], ...]] = {}
        statuses: list[str | None] = []
        for role in ROLES:
            seen: dict[str, str | None] = {}
            for text, status in fillers[role]:
                norm = normalize_filler(text)
                if norm and norm not in seen:
                    seen[norm] = status
            roles[role] = tuple((text,) for text in seen)
            if role == "PerpOrg":
                statuses = list(seen.values())
        if not any(roles.values()) and (incident.get("confidence") or 0) < EMPTY_TEMPLATE_CONFIDENCE:
            continue  # an incident we can say little about is no MUC-4 template
        stage = (incident.get("stage"),) if incident.get("stage") else ()
        templates.append(Template(muc, roles, stage, tuple(statuses), predicted=True))
    return templates


def role_matching(gold: Template, pred: Template, role: str) -> list[tuple[int, int]]:
    """One-to-one (predicted filler, gold entity) matches of one role."""
    gold_entities = gold.roles.get(role, ())
    edges = [
        [j for j, entity in enumerate(gold_entities) if filler[0] in entity]
        for filler in pred.roles.get(role, ())
    ]
    return max_bipartite_matching(edges, len(gold_entities))


def pair_score(gold: Template, pred: Template) -> int:
    """Matched fillers of an aligned pair, the type counting as one; 0 if types differ."""
    if pred.incident_type not in gold.types():
        return 0
    return 1 + sum(len(role_matching(gold, pred, role)) for role in ROLES)


@dataclass
class DocumentScore:
    """The counts of one document (or, summed, of a corpus)."""

    roles: dict[str, PRF] = field(default_factory=lambda: {r: PRF() for r in ALL_ROLES})
    alignment: list[tuple[int, int]] = field(default_factory=list)
    stage: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    status: list[tuple[tuple[str, ...], str | None]] = field(default_factory=list)

    @property
    def micro(self) -> PRF:
        return sum_prf(self.roles.values())

    def add(self, other: DocumentScore) -> None:
        for role in ALL_ROLES:
            self.roles[role] = self.roles[role] + other.roles[role]
        self.stage.extend(other.stage)
        self.status.extend(other.status)


def score_document(gold: Sequence[Template], pred: Sequence[Template]) -> DocumentScore:
    """Align one document's templates and count matched fillers per role."""
    result = DocumentScore()
    scores = [[pair_score(g, p) for g in gold] for p in pred]
    result.alignment = max_weight_assignment(scores)
    counts = {r: [0, 0, 0, 0] for r in ALL_ROLES}  # p_num, p_den, r_num, r_den
    for template in pred:
        counts[TYPE][1] += 1
        for role in ROLES:
            counts[role][1] += len(template.roles.get(role, ()))
    for template in gold:
        counts[TYPE][3] += 1
        for role in ROLES:
            counts[role][3] += len(template.roles.get(role, ()))
    for p_index, g_index in result.alignment:
        p, g = pred[p_index], gold[g_index]
        counts[TYPE][0] += 1
        counts[TYPE][2] += 1
        for role in ROLES:
            matches = role_matching(g, p, role)
            counts[role][0] += len(matches)
            counts[role][2] += len(matches)
            if role == "PerpOrg" and g.confidence and p.statuses:
                for filler, entity in matches:
                    if g.confidence[entity]:
                        result.status.append((g.confidence[entity], p.statuses[filler]))
        if g.stage and p.stage:
            result.stage.append((g.stage, p.stage[0]))
    result.roles = {r: PRF(*c) for r, c in counts.items()}
    return result


def score_corpus(
    gold: Sequence[Sequence[Template]], pred: Sequence[Sequence[Template]]
) -> tuple[DocumentScore, list[DocumentScore]]:
    """Score aligned documents; returns the corpus total and each document's score."""
    total = DocumentScore()
    per_doc = []
    for g, p in zip(gold, pred, strict=True):
        doc = score_document(g, p)
        per_doc.append(doc)
        total.add(doc)
    return total, per_doc
