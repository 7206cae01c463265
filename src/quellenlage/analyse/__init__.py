"""Analysis stages: each reads the record and writes onto it (see :mod:`.pipeline`; contracts: :mod:`.stages`)."""
