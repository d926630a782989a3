"""Running the check on a Dask cluster (`cluster`): extraction and grouping on the workers,
identical findings to one process. (`--jobs N` on one machine lives in
`claimdiff.extract.parallel`.)"""
