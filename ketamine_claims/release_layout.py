"""Where each file sits in a release: the names that publishing writes and presenting and evaluating read."""

CHECKSUMS = "checksums.tsv"


def data_file(config: str) -> str:
    """Path of a config's single Parquet file inside a release, as the card's data_files name it."""
    return f"{config}/train-00000-of-00001.parquet"
