from datetime import date

from pydantic import BaseModel, Field

from app.chains.schemas import ThirdPartyInfluence


class MapPerson(BaseModel):
    contact_id: str
    name: str | None = None
    title: str | None = None
    department: str | None = None
    key_person: bool
    influence_score: float = Field(description="PageRank on who moves whom, weighted by strength")
    influence_rank: int = Field(description="1 = most influential at the account")
    depth: int | None = Field(description="Levels below the top of the reporting line; null: unknown")
    influences: list[str] = Field(description="Colleagues this person influences")
    hidden: bool = Field(description="High influence, low rank in the reporting line")
    veto: bool | None = Field(None, description="Holds a veto, as we last assessed them in general "
                                                "(null: not known)")
    approver: bool | None = Field(None, description="Approves, as we last assessed them in general "
                                                    "(null: not known)")


class MapEdge(BaseModel):
    from_: str = Field(alias="from")
    to: str
    type: str
    strength: float | None
    since: date | None = Field(None, description=(
        "The first day the line holds (null: always): it can end the day after at the earliest"))


class PoliticalMap(BaseModel):
    account_id: str
    as_of: date
    people: list[MapPerson]
    hidden: list[str]
    edges: list[MapEdge]
    third_party_influence: list[ThirdPartyInfluence] = Field(
        [], description="Third parties (partners, design institutes, consultants) influencing "
                        "the people on the map; not ranked with them")
