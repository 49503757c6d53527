//! Layer 2b: the bit-accurate integer model of exactly what the hardware computes.
