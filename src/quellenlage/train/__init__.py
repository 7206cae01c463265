"""Training Quellenlage's own models from the annotated data in ``../shared/data`` (``quellenlage train``)."""
