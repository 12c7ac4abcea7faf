from typing import Annotated

from fastapi import APIRouter, FastAPI, Query

from app.auth.deps import CurrentPrincipal
from app.bodies import JsonRoute
from app.deps import GraphDep, SettingsDep
from app.errors import documented
from app.ids import ID
from app.webhooks import service
from app.webhooks.schemas import DeliveryLog, Subscription, SubscriptionIn, WebhookPayload

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"], route_class=JsonRoute)

ONLY_COMPANY_WIDE = documented(403, "Not an admin or an integration reading the whole company")


@router.post("", response_model=Subscription, status_code=201,
             responses={**ONLY_COMPANY_WIDE,
                        **documented(422, "A host outside the allowed webhook hosts, or another "
                                          "problem of the body; nothing written")})
async def subscribe(body: SubscriptionIn, graph: GraphDep, settings: SettingsDep,
                    principal: CurrentPrincipal) -> Subscription:
    """Have every change event of these types POSTed to the URL from now on, as JSON (the
    `WebhookPayload` schema), with `X-BRM-Event` (its type), `X-BRM-Delivery` (an id the same
    on every try: a receiver that has seen it may ignore it) and `X-BRM-Signature`
    (`sha256=` and the hex HMAC-SHA256 of the raw body with the secret). An answer other than
    2xx, or none within the time-out, is tried again with exponential backoff for 24 hours."""
    return await service.subscribe(graph, settings, principal, body)


@router.get("", response_model=list[Subscription], responses=ONLY_COMPANY_WIDE)
async def subscriptions(graph: GraphDep, principal: CurrentPrincipal) -> list[Subscription]:
    """The subscriptions (an admin sees all, an integration its own); secrets are not shown."""
    return await service.subscriptions(graph, principal)


@router.delete(f"/{ID}", status_code=204,
               responses={**ONLY_COMPANY_WIDE, **documented(404, "No such subscription")})
async def unsubscribe(id: str, graph: GraphDep, principal: CurrentPrincipal) -> None:
    """Stop delivering: deliveries not yet made are cancelled."""
    await service.unsubscribe(graph, principal, id)


@router.get(f"/{ID}/deliveries", response_model=DeliveryLog,
            responses={**ONLY_COMPANY_WIDE, **documented(404, "No such subscription")})
async def deliveries(id: str, graph: GraphDep, principal: CurrentPrincipal,
                     limit: Annotated[int, Query(ge=1, le=100)] = 100,
                     offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> DeliveryLog:
    """The delivery log: each delivery, newest first, with every try (when, the receiver's
    status or the error, how long it took)."""
    return await service.deliveries(graph, principal, id, limit=limit, offset=offset)


def describe_deliveries(app: FastAPI) -> None:
    """The deliveries in the OpenAPI document's `webhooks`, for receivers to build against."""

    @app.webhooks.post("change-event")
    def change_event(body: WebhookPayload) -> None:
        """A change event, POSTed to each subscription of its type, with the headers
        `X-BRM-Event`, `X-BRM-Delivery` and `X-BRM-Signature` (POST /v1/webhooks). Answer 2xx
        within the time-out (5 s by default); anything else is tried again."""
