"""Language knowledge as data. Each language is a folder of tables."""
