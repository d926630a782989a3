"""Plain text readers that need no spaCy model: quantities ("at least 116" -> [116, inf)),
dates ("on Saturday" -> a day interval), place names and the gazetteer, and the lexicon of
the words that say what a figure counts.

Rules, tests and the evaluation use them without loading a model; the spaCy components in
`claimdiff.extract` call them on the spans the model finds.
"""
