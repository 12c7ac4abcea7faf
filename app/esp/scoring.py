"""ESP+ arithmetic (docs/domain.md section 13), pure: composites, ranks, the key-account cut
per pool, and the 3x3 grid folded to resource classes."""

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.esp.schemas import GridCell, GridCuts, Level, Placement, ResourceClass, Weights

FACTORS = ("sales", "potential", "demonstration", "winnable")
Scores = Mapping[str, float | None]
# (high contribution, high potential) to the resource class: the 3x3 grid folded to four.
FOLDED: dict[tuple[bool, bool], ResourceClass] = {
    (True, True): "A", (True, False): "B", (False, True): "C", (False, False): "D"}


def composite(scores: Scores | None, weights: Weights) -> float | None:
    """Sum of weight x score; a factor weighted 0 may be missing, any other one missing leaves
    no composite."""
    if scores is None:
        return None
    weighted = [(float(getattr(weights, f)), scores.get(f)) for f in FACTORS
                if getattr(weights, f) > 0]
    if any(score is None for _, score in weighted):
        return None
    return round(sum(w * float(score) for w, score in weighted if score is not None), 6)


def ranks(composites: Mapping[str, float | None]) -> dict[str, int]:
    """1 for the highest composite, ties broken by id; accounts without one have no rank."""
    order = sorted(((value, account_id) for account_id, value in composites.items()
                    if value is not None), key=lambda pair: (-pair[0], pair[1]))
    return {account_id: place for place, (_, account_id) in enumerate(order, start=1)}


@dataclass(frozen=True)
class Cut:
    """Where an account stands in its key-account pool."""

    top_percent: float
    peer_rank: int | None
    key_account: bool


def key_account_cuts(accounts: Iterable[tuple[str, str | None, float | None]],
                     thresholds: Mapping[str, float], default_percent: float) -> dict[str, Cut]:
    """(account id, industry, composite) to each account's cut: the accounts of an industry with
    a threshold of its own form a pool with that share, all others one pool with the default;
    the top ceil(N x share / 100) of the N ranked accounts of a pool are key accounts."""
    pools: dict[str | None, dict[str, float | None]] = defaultdict(dict)
    for account_id, industry, value in accounts:
        pools[industry if industry in thresholds else None][account_id] = value
    cuts: dict[str, Cut] = {}
    for industry, members in pools.items():
        share = default_percent if industry is None else thresholds[industry]
        peer = ranks(members)
        top = math.ceil(len(peer) * share / 100)
        for account_id in members:
            place = peer.get(account_id)
            cuts[account_id] = Cut(share, place, place is not None and place <= top)
    return cuts


def level(value: float | None, cut: tuple[float, float] | None) -> Level | None:
    """Low below the low cut, high above the high cut, medium from one to the other."""
    if value is None or cut is None:
        return None
    low, high = cut
    return "low" if value < low else "high" if value > high else "medium"


def place(scores: Scores | None, cuts: GridCuts) -> Placement:
    """The grid cell of contribution (sales) x potential, folded to A/B/C/D."""
    contribution = level(scores.get("sales") if scores else None, cuts.contribution)
    potential = level(scores.get("potential") if scores else None, cuts.potential)
    if contribution is None or potential is None:
        return Placement(resource_class="unknown")
    return Placement(resource_class=FOLDED[(contribution == "high", potential == "high")],
                     grid=GridCell(contribution=contribution, potential=potential))
