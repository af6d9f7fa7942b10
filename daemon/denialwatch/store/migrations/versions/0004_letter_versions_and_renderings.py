"""letter versions and renderings

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 03:43:02.477581
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:

    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source", sa.String(length=32), nullable=False, server_default="drafted")
        )
        batch_op.add_column(sa.Column("message_pk", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("docx_path", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("pdf_path", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("packet_path", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_letters_message_pk_messages"), "messages", ["message_pk"], ["id"]
        )


def downgrade() -> None:

    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_letters_message_pk_messages"), type_="foreignkey")
        batch_op.drop_column("approved_at")
        batch_op.drop_column("packet_path")
        batch_op.drop_column("pdf_path")
        batch_op.drop_column("docx_path")
        batch_op.drop_column("message_pk")
        batch_op.drop_column("source")
