"""embedding cache

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 14:28:34.609194
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('embeddings',
    sa.Column('text_hash', sa.String(length=64), nullable=False),
    sa.Column('model', sa.String(length=64), nullable=False),
    sa.Column('vector', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('text_hash', 'model', name=op.f('pk_embeddings'))
    )


def downgrade() -> None:
    op.drop_table('embeddings')
