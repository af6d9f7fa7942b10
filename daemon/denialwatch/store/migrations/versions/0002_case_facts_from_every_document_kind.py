"""case facts from every document kind

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 01:34:08.150675
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_type", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("group_number", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("service_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("dmhc_case_number", sa.String(length=100), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_cases_dmhc_case_number"), ["dmhc_case_number"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_dmhc_case_number"))
        batch_op.drop_column("dmhc_case_number")
        batch_op.drop_column("service_date")
        batch_op.drop_column("group_number")
        batch_op.drop_column("plan_type")
