"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22 14:10:01.590257
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('banks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('current_version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_banks'))
    )
    op.create_table('candidates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('email', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_candidates'))
    )
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidates_email'), ['email'], unique=False)

    op.create_table('papers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('spec_json', sa.Text(), nullable=False),
    sa.Column('time_limit_minutes', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_papers'))
    )
    op.create_table('tags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tags')),
    sa.UniqueConstraint('name', name=op.f('uq_tags_name'))
    )
    op.create_table('bank_tags',
    sa.Column('bank_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['bank_id'], ['banks.id'], name=op.f('fk_bank_tags_bank_id_banks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_bank_tags_tag_id_tags'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('bank_id', 'tag_id', name=op.f('pk_bank_tags'))
    )
    op.create_table('bank_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bank_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('bank_json', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['bank_id'], ['banks.id'], name=op.f('fk_bank_versions_bank_id_banks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_versions')),
    sa.UniqueConstraint('bank_id', 'version', name='uq_bank_versions_bank_version')
    )
    with op.batch_alter_table('bank_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bank_versions_bank_id'), ['bank_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bank_versions_content_hash'), ['content_hash'], unique=False)

    op.create_table('duplicate_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('a_bank_id', sa.Integer(), nullable=False),
    sa.Column('a_question_id', sa.String(length=64), nullable=False),
    sa.Column('b_bank_id', sa.Integer(), nullable=False),
    sa.Column('b_question_id', sa.String(length=64), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['a_bank_id'], ['banks.id'], name=op.f('fk_duplicate_decisions_a_bank_id_banks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['b_bank_id'], ['banks.id'], name=op.f('fk_duplicate_decisions_b_bank_id_banks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duplicate_decisions')),
    sa.UniqueConstraint('a_bank_id', 'a_question_id', 'b_bank_id', 'b_question_id', name='uq_duplicate_decisions_pair')
    )
    op.create_table('sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('paper_id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('order_json', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_sessions_candidate_id_candidates'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['paper_id'], ['papers.id'], name=op.f('fk_sessions_paper_id_papers'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sessions')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_sessions_token_hash'))
    )
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sessions_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sessions_paper_id'), ['paper_id'], unique=False)

    op.create_table('answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_answers_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answers')),
    sa.UniqueConstraint('session_id', 'position', name='uq_answers_session_position')
    )
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answers_session_id'), ['session_id'], unique=False)

    op.create_table('paper_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('paper_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('bank_version_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.String(length=64), nullable=False),
    sa.Column('points', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['bank_version_id'], ['bank_versions.id'], name=op.f('fk_paper_questions_bank_version_id_bank_versions'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['paper_id'], ['papers.id'], name=op.f('fk_paper_questions_paper_id_papers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paper_questions')),
    sa.UniqueConstraint('paper_id', 'position', name='uq_paper_questions_position')
    )
    with op.batch_alter_table('paper_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paper_questions_bank_version_id'), ['bank_version_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_paper_questions_paper_id'), ['paper_id'], unique=False)

    op.create_table('sections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bank_version_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=True),
    sa.Column('instructions', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['bank_version_id'], ['bank_versions.id'], name=op.f('fk_sections_bank_version_id_bank_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sections'))
    )
    with op.batch_alter_table('sections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sections_bank_version_id'), ['bank_version_id'], unique=False)

    op.create_table('auto_scores',
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('score_json', sa.Text(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('scored_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['answer_id'], ['answers.id'], name=op.f('fk_auto_scores_answer_id_answers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('answer_id', name=op.f('pk_auto_scores'))
    )
    with op.batch_alter_table('auto_scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auto_scores_status'), ['status'], unique=False)

    op.create_table('questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bank_version_id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.String(length=64), nullable=False),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('label', sa.Text(), nullable=True),
    sa.Column('prompt', sa.Text(), nullable=False),
    sa.Column('points', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['bank_version_id'], ['bank_versions.id'], name=op.f('fk_questions_bank_version_id_bank_versions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['section_id'], ['sections.id'], name=op.f('fk_questions_section_id_sections'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questions')),
    sa.UniqueConstraint('bank_version_id', 'question_id', name='uq_questions_version_qid')
    )
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_questions_bank_version_id'), ['bank_version_id'], unique=False)
        batch_op.create_index('ix_questions_kind', ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_questions_section_id'), ['section_id'], unique=False)

    op.create_table('ratings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('interviewer', sa.String(length=200), nullable=False),
    sa.Column('marks_json', sa.Text(), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['answer_id'], ['answers.id'], name=op.f('fk_ratings_answer_id_answers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ratings')),
    sa.UniqueConstraint('answer_id', 'interviewer', name='uq_ratings_answer_interviewer')
    )
    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ratings_answer_id'), ['answer_id'], unique=False)

    op.create_table('key_points',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_row_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('key_point_id', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['question_row_id'], ['questions.id'], name=op.f('fk_key_points_question_row_id_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_key_points'))
    )
    with op.batch_alter_table('key_points', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_key_points_question_row_id'), ['question_row_id'], unique=False)

    op.create_table('search_terms',
    sa.Column('question_row_id', sa.Integer(), nullable=False),
    sa.Column('term', sa.String(length=64), nullable=False),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['question_row_id'], ['questions.id'], name=op.f('fk_search_terms_question_row_id_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('question_row_id', 'term', name=op.f('pk_search_terms'))
    )
    with op.batch_alter_table('search_terms', schema=None) as batch_op:
        batch_op.create_index('ix_search_terms_term', ['term', 'question_row_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('search_terms', schema=None) as batch_op:
        batch_op.drop_index('ix_search_terms_term')

    op.drop_table('search_terms')
    with op.batch_alter_table('key_points', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_key_points_question_row_id'))

    op.drop_table('key_points')
    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ratings_answer_id'))

    op.drop_table('ratings')
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_questions_section_id'))
        batch_op.drop_index('ix_questions_kind')
        batch_op.drop_index(batch_op.f('ix_questions_bank_version_id'))

    op.drop_table('questions')
    with op.batch_alter_table('auto_scores', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auto_scores_status'))

    op.drop_table('auto_scores')
    with op.batch_alter_table('sections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sections_bank_version_id'))

    op.drop_table('sections')
    with op.batch_alter_table('paper_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_paper_questions_paper_id'))
        batch_op.drop_index(batch_op.f('ix_paper_questions_bank_version_id'))

    op.drop_table('paper_questions')
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answers_session_id'))

    op.drop_table('answers')
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sessions_paper_id'))
        batch_op.drop_index(batch_op.f('ix_sessions_candidate_id'))

    op.drop_table('sessions')
    op.drop_table('duplicate_decisions')
    with op.batch_alter_table('bank_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bank_versions_content_hash'))
        batch_op.drop_index(batch_op.f('ix_bank_versions_bank_id'))

    op.drop_table('bank_versions')
    op.drop_table('bank_tags')
    op.drop_table('tags')
    op.drop_table('papers')
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_candidates_email'))

    op.drop_table('candidates')
    op.drop_table('banks')
