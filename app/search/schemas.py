from pydantic import BaseModel, Field


class Hit(BaseModel):
    id: str = Field(examples=["c-00042"])
    kind: str = Field(examples=["Contact"], description="Contact, Account, Opportunity or Employee")
    name: str | None = None
    title: str | None = None
    account_id: str | None = None
    account_name: str | None = Field(None, description="The name of the account")
    key_person: bool = False


class SearchResult(BaseModel):
    query: str
    hits: list[Hit]
