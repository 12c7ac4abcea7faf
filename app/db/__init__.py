"""Database access: driver lifecycle, named Cypher files, transactions, migrations."""
