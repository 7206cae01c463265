"""Quality measurements on the annotated data in ``../shared/data`` (``quellenlage eval``)."""
