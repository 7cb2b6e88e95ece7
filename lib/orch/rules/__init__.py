"""Rules: aspects (join point + advice) loaded from rule packs."""
