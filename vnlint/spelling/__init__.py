"""Find and rank corrections for Vietnamese typing slips: the speller, Telex and VNI decoding,
and the one-pass analysis of an article that the typo rules (VN1xx) share."""
