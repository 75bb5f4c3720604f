// A write refused by a unique or primary key: the sign that a concurrent command got there first.
// The desk's commands on SQLite run one at a time (never reached there); on PostgreSQL the second
// insert of a key fails so, and the command is run again to find what the first one wrote.

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
