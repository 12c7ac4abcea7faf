from enum import StrEnum
from typing import Annotated

from pydantic import AnyHttpUrl, BaseModel, Field, UrlConstraints

from app.bodies import Body
from app.changes.schemas import ChangeEvent, EventType

WebhookUrl = Annotated[AnyHttpUrl, UrlConstraints(max_length=2000)]


class SubscriptionIn(Body):
    url: WebhookUrl = Field(description="Where events are POSTed; its host must be allowed "
                                        "(BRM_WEBHOOK_ALLOWED_HOSTS)",
                            examples=["https://crm.example.com/hooks/brm"])
    events: list[EventType] = Field(min_length=1, max_length=len(EventType),
                                    description="The change event types to deliver")
    secret: str = Field(min_length=16, max_length=200,
                        description="Signs each delivery (X-BRM-Signature); never shown again")


class Subscription(BaseModel):
    id: str = Field(examples=["whk-3f2a9c0d1e4b5a6f"])
    url: str
    events: list[EventType]
    principal_id: str = Field(description="The principal that subscribed")
    created_at: str


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"  # no 2xx within the retry period, or its host no longer allowed
    CANCELLED = "cancelled"  # its subscription deleted, or its principal revoked


class DeliveryTry(BaseModel):
    at: str
    status_code: int | None = Field(description="The receiver's HTTP status; null when it did "
                                                "not answer")
    error: str | None = Field(description="Why the try failed", examples=["ReadTimeout"])
    duration_ms: int


class Delivery(BaseModel):
    id: str = Field(description="Sent as X-BRM-Delivery, the same on every try",
                    examples=["dlv-6c1f0e2a-7b0d-4a43-9d55-0f3c2b1a9e87"])
    event_id: str
    type: EventType
    status: DeliveryStatus
    attempts: int
    created_at: str
    next_at: str | None = Field(description="When it is tried next (pending only)")
    delivered_at: str | None
    tries: list[DeliveryTry] = Field(description="Oldest first")


class DeliveryLog(BaseModel):
    subscription_id: str
    deliveries: list[Delivery] = Field(description="Newest first")


class WebhookPayload(BaseModel):
    """The body of every delivery (the same bytes on every try and to every subscriber)."""

    id: str = Field(description="The event's id: the same news is never sent under another id",
                    examples=["evt-9b8e1f3c0a2d4e5f6a7b8c9d0e1f2a3b"])
    type: EventType
    created_at: str
    event: ChangeEvent
