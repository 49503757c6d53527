//! Layer 2a: the fixed-point number system (formats, rounding, saturation, LFSR, tables).
