"""The OIT items a plan's measures may serve, as the ITA app describes them.

measures knows nothing of ITA catalogues (imports run downwards): the ITA app registers a provider
(ItaConfig.ready) that, given a plan and the topics a measure already holds, says which items to
offer and how to name the others. The measure form and the measure's history both ask it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from prongsai.core.digits import num

if TYPE_CHECKING:
    from prongsai.measures.models import Plan

Options = list[tuple[str, str]]


@dataclass
class OitTopicOffer:
    """What a measure of a plan may link to.

    groups: (heading, [(topic, label), ...]) per ITA year whose items assess the plan's fiscal
    year, in catalogue order; kept: the chosen topics outside those groups, (topic, label) with a
    label from another year's catalogue where one lists the topic (else the topic itself);
    kept_mark: the words that mark them ("ไม่อยู่ในเกณฑ์ปี ๒๕๖๘ ที่ประเมินปีงบประมาณนี้");
    notes: anything the officer should know about what is (not) offered.
    """

    groups: list[tuple[str, Options]] = field(default_factory=list)
    kept: Options = field(default_factory=list)
    kept_mark: str = ""
    notes: list[str] = field(default_factory=list)

    def labels(self) -> dict[str, str]:
        """Every topic named here, offered or kept, with its label."""
        named = {topic: label for _heading, options in self.groups for topic, label in options}
        return named | {topic: label for topic, label in self.kept if topic not in named}


OitTopicProvider = Callable[["Plan", Sequence[str]], OitTopicOffer]


def _no_catalogues(plan: Plan, chosen: Sequence[str]) -> OitTopicOffer:
    year = num(plan.fiscal_year)
    mark = _("ไม่อยู่ในเกณฑ์ที่ประเมินปีงบประมาณ %(year)s") % {"year": year}
    return OitTopicOffer(kept=[(t, t) for t in dict.fromkeys(chosen)], kept_mark=mark)


_provider: list[OitTopicProvider] = [_no_catalogues]


def set_oit_topic_choices(provider: OitTopicProvider) -> None:
    _provider[0] = provider


def oit_topic_offer(plan: Plan, chosen: Sequence[str] = ()) -> OitTopicOffer:
    return _provider[0](plan, chosen)
