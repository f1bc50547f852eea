"""Tables of the careerkit database and the schema version they belong to."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from .records import SCHEMA_VERSION  # the tables below are this version

__all__ = [
    "ADDED_IN_5",
    "SCHEMA_VERSION",
    "answers",
    "documents",
    "drafts",
    "editions",
    "meta",
    "metadata",
    "receipts",
    "releases",
    "responses",
    "workshops",
]

metadata = MetaData()

meta = Table(
    "careerkit_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(200), nullable=False),
)

responses = Table(
    "responses",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("survey_id", String(64), nullable=False),
    Column("workshop", String(64), nullable=True),
    Column("participant", String(200), nullable=True),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("advancement", Float, nullable=True),
    Column("development", Float, nullable=True),
    Column("orientation", String(16), nullable=True),
    Column("answers", Text, nullable=False),
    # The digest of the survey edition answered (editions.digest); added in schema version 5.
    # NULL: stored before editions were recorded, and matching no edition yet.
    Column("edition", String(64), nullable=True),
    Index("ix_responses_workshop_survey", "workshop", "survey_id"),
)

# One row per answered question (one per picked option for multi-choice questions), so the
# dashboard can aggregate in SQL-friendly long form without parsing JSON.
answers = Table(
    "answers",
    metadata,
    Column(
        "response_id", String(64), ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("question_id", String(64), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("value_num", Float, nullable=True),
    Column("value_text", Text, nullable=True),
    Index("ix_answers_question", "question_id"),
)

# Documents people edit over time (development plans, crossing brainstorms), stored whole as
# JSON with a version per save, so two tabs editing one document cannot overwrite each other
# unnoticed. Added in schema version 2.
documents = Table(
    "documents",
    metadata,
    Column("kind", String(32), primary_key=True),
    Column("code", String(64), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("workshop", String(64), nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("data", Text, nullable=False),
    Index("ix_documents_kind_workshop", "kind", "workshop"),
)

# Workshops: a short join code, a name, and whether late submissions are still taken.
# Added in schema version 3.
workshops = Table(
    "workshops",
    metadata,
    Column("code", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    # Added in schema version 5: the survey its links open (NULL: career_interests), the
    # expected room size, and the default language of its links.
    Column("survey", String(64), nullable=True),
    Column("expect", Integer, nullable=True),
    Column("lang", String(16), nullable=True),
)

# Survey forms' answers in progress, one row per browser tab, under the SHA-256 of the tab's
# secret key (the key itself is never stored). `submission_id` is the id the response will get.
# Added in schema version 4.
drafts = Table(
    "drafts",
    metadata,
    Column("key_hash", String(64), primary_key=True),
    Column("survey_id", String(64), nullable=False),
    Column("workshop", String(64), nullable=True),
    Column("submission_id", String(64), nullable=False, index=True),
    Column("page", Integer, nullable=False),
    Column("participant", String(200), nullable=True),
    Column("answers", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("edition", String(64), nullable=True),  # added in schema version 5
    Index("ix_drafts_workshop_updated", "workshop", "updated_at"),
)

# What a tab submitted from its draft: the key's SHA-256 and the response it became, so a
# reload after Submit shows the result again. Added in schema version 4.
receipts = Table(
    "receipts",
    metadata,
    Column("key_hash", String(64), primary_key=True),
    Column(
        "response_id",
        String(64),
        ForeignKey("responses.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Each distinct validated definition of a survey id, stored once when first used: its digest
# (SHA-256 of the canonical JSON), its `version`, the definition as JSON and when it was first
# seen. Added in schema version 5.
editions = Table(
    "editions",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("survey_id", String(64), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("definition", Text, nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False),
)

# How many people each workshop's figures need before any is shown (the reporting threshold),
# as its facilitator last set it on the dashboard or `careerkit workshop create --threshold`:
# a participant's picture of the room reads it, so both show the same numbers. Any code used
# in links may have one, created or not. Added in schema version 6.
releases = Table(
    "releases",
    metadata,
    Column("workshop", String(64), primary_key=True),
    Column("threshold", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

#: Columns schema version 5 added to tables that existed before it: (table, column, SQL type).
ADDED_IN_5 = (
    ("responses", "edition", "VARCHAR(64)"),
    ("drafts", "edition", "VARCHAR(64)"),
    ("workshops", "survey", "VARCHAR(64)"),
    ("workshops", "expect", "INTEGER"),
    ("workshops", "lang", "VARCHAR(16)"),
)
