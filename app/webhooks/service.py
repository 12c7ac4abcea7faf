"""Webhook subscriptions and their delivery logs (docs/api.md, Webhooks). Subscribing is for
admins and company-wide integrations: a delivery carries every event of the company."""

import secrets
from urllib.parse import urlsplit

from app.auth.policy import Principal
from app.auth.schemas import Role
from app.config import Settings
from app.db.cypher import q
from app.db.graph import Graph, Row
from app.errors import Forbidden, NotFound, ValidationFailed, field_problem
from app.webhooks.schemas import Delivery, DeliveryLog, DeliveryTry, Subscription, SubscriptionIn

MAX_SUBSCRIPTIONS = 1000


def host_allowed(url: str, allowed: list[str]) -> bool:
    """Whether the URL's host is one of `allowed`: a name or address as it is, or `*.domain`
    for any name below the domain. A URL with credentials in it is never allowed."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if not host or parts.username is not None or parts.scheme not in ("http", "https"):
        return False
    return any(host == entry or (entry.startswith("*.") and host.endswith(entry[1:]))
               for entry in allowed)


def _owner(principal: Principal) -> str | None:
    """Whose subscriptions the principal manages: an admin all (None), an integration its own."""
    if principal.role == Role.ADMIN:
        return None
    if principal.role == Role.INTEGRATION and principal.company_wide:
        return principal.id
    raise Forbidden("webhooks are for admins and integrations that read the whole company")


async def subscribe(graph: Graph, settings: Settings, principal: Principal,
                    body: SubscriptionIn) -> Subscription:
    _owner(principal)
    url = str(body.url)
    if not host_allowed(url, settings.webhook_allowed_hosts):
        raise ValidationFailed([field_problem(
            "url", "host_not_allowed", f"the host of {url!r} is not in the allowed webhook hosts "
            "(BRM_WEBHOOK_ALLOWED_HOSTS)", url=url)])
    row = await graph.write(q("webhooks/subscribe"), id="whk-" + secrets.token_hex(8), url=url,
                            events=[t.value for t in dict.fromkeys(body.events)],
                            secret=body.secret, principal_id=principal.id)
    return Subscription.model_validate(row[0]["subscription"])


async def subscriptions(graph: Graph, principal: Principal) -> list[Subscription]:
    found = await graph.read(q("webhooks/subscriptions"), principal_id=_owner(principal),
                             limit=MAX_SUBSCRIPTIONS)
    return [Subscription.model_validate(r["subscription"]) for r in found]


async def unsubscribe(graph: Graph, principal: Principal, subscription_id: str) -> None:
    if not await graph.write(q("webhooks/unsubscribe"), id=subscription_id,
                             principal_id=_owner(principal)):
        raise NotFound(f"no webhook subscription {subscription_id!r}")


async def deliveries(graph: Graph, principal: Principal, subscription_id: str, *, limit: int,
                     offset: int) -> DeliveryLog:
    """Its deliveries, newest first, each with its tries; the log of a deleted subscription is
    not shown."""
    if not await graph.read(q("webhooks/subscription"), id=subscription_id,
                            principal_id=_owner(principal)):
        raise NotFound(f"no webhook subscription {subscription_id!r}")
    found = await graph.read(q("webhooks/deliveries"), subscription_id=subscription_id,
                             limit=limit, offset=offset)
    return DeliveryLog(subscription_id=subscription_id, deliveries=[_delivery(r["delivery"])
                                                                    for r in found])


def _delivery(d: Row) -> Delivery:
    # Neo4j lists hold no nulls: a try without an answer is kept as status 0 and error "".
    # A log read while a try is recorded may see some of its lists one longer than the others
    # (Neo4j's readers see a commit's properties as they are applied): the tries all four
    # lists hold are shown, the one being recorded with the next read.
    tries = [DeliveryTry(at=at, status_code=code or None, error=error or None, duration_ms=ms)
             for at, code, error, ms in zip(d["try_at"], d["try_status"], d["try_error"],
                                            d["try_ms"], strict=False)]
    return Delivery.model_validate({k: v for k, v in d.items() if not k.startswith("try_")}
                                   | {"tries": tries})
