"""Use cases: one function per thing a user does. They take a workspace and plain
arguments, validate, write (the audit trail follows from the write) and return
frozen domain objects — ORM objects never leave `storage/`."""
