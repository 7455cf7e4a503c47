# env.py of the Alembic harness that bench/alembic/generate.py builds under target/alembic/ (copied there).
# Online mode only. The database: -x url=postgresql://USER@HOST:PORT/DB, else $ALEMBIC_BENCH_URL.
# The version table lives in the schema the SQL was generated for (alembic.ini: version_table_schema,
# default crmp), and the whole command runs in one transaction (Alembic's default, which PyCDS keeps: a failure
# rolls back every revision of the command). The revisions' elevated steps end with a RESET ROLE of their own.
import os
import sys
from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)
schema = config.get_main_option("version_table_schema") or "crmp"

if context.is_offline_mode():
    sys.exit("alembic harness: online mode only (offline SQL: ./crmp upgrade A:B --sql)")

url = context.get_x_argument(as_dictionary=True).get("url") or os.environ.get("ALEMBIC_BENCH_URL")
if not url:
    sys.exit("alembic harness: give the database: -x url=postgresql://USER@HOST:PORT/DB or ALEMBIC_BENCH_URL")

engine = create_engine(url, poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(
        connection=connection,
        version_table_schema=schema,
    )
    with context.begin_transaction():
        context.run_migrations()
