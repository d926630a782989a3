"""What a reviewer or CI has already decided about findings: the baseline of accepted findings
(`baseline`) and the fact-checker's review decisions (`review`)."""
