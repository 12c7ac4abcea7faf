from datetime import date

from pydantic import BaseModel, Field

from app.domain import Attitude, Behavior, ContactLevel, Importance
from app.features.service import Portrait
from app.ingestion.provenance import Entered


class SevenFeatures(BaseModel):
    closeness: Attitude
    solution: Attitude
    price: Attitude
    veto: bool | None = Field(description="Veto holder (一票否决人): true, false or null (unknown)")
    approver: bool | None
    reporting_known: bool
    influence_known: bool
    known: int = Field(ge=0, le=7)
    completeness: float = Field(ge=0, le=1, description="Known features / 7")
    insighted: bool = Field(description="Three degrees and both votes known (已洞察)")


def features_of(portrait: Portrait) -> SevenFeatures:
    a = portrait.attitudes
    return SevenFeatures(closeness=a.closeness, solution=a.solution, price=a.price, veto=a.veto,
                         approver=a.approver, reporting_known=portrait.reporting_known,
                         influence_known=portrait.influence_known,
                         known=portrait.known_features,
                         completeness=round(portrait.completeness, 4), insighted=portrait.insighted)


class AssessmentOut(Entered):
    at: date
    toward: str = Field(description='"us" or a competitor id')
    toward_name: str | None = Field(None, description="The competitor's name when toward is one")
    opportunity_id: str | None = None
    opportunity_name: str | None = None
    opportunity_hidden: bool = Field(False, description="Made on a deal of an account outside "
                                                        "the reader's perspective (the person "
                                                        "worked there): the deal is not named")
    closeness: Attitude | None = None
    solution: Attitude | None = None
    price: Attitude | None = None
    veto: bool | None = None
    approver: bool | None = None


class ContactPortrait(BaseModel):
    contact_id: str
    name: str | None = None
    title: str | None = None
    department: str | None = None
    account_id: str | None = Field(None, description="The account the contact worked at on "
                                                     "as_of; null when none, or outside the "
                                                     "reader's perspective (and unnamed)")
    account_name: str | None = None
    key_person: bool
    behavior: Behavior | None = Field(None, description="Behaviour orientation (行为取向), as stored")
    importance: Importance | None = Field(None, description="Importance (重要性), as stored")
    importance_at: date | None = Field(None, description="The day the importance was judged: "
                                                         "its review falls due from it")
    as_of: date
    contact_level: ContactLevel
    features: SevenFeatures
    history: list[AssessmentOut] = Field(description="Assessments up to as_of, newest first")
    history_truncated: bool
