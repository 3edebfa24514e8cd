"""Vietnamese language support: syllables, tone marks, letters and legacy encodings."""
