//! The stochastic-rounding source: a 32-bit Galois LFSR.
//!
//! - Polynomial `x^32 + x^22 + x^2 + x + 1` (maximal length, period 2^32 − 1), right-shifting Galois
//!   form with tap mask `0x8020_0003`: `lsb = s & 1; s >>= 1; if lsb { s ^= 0x8020_0003 }`.
//! - Seed: `fixed.lfsr_seed` (non-zero; `validate()` rejects 0).
//! - One step per stochastically rounded value, *before* use: the value is rounded with the new state
//!   ([`Lfsr::next_word`]); `round_shift` uses its low `min(s, 16)` bits.
//!
//! In hardware this is one 32-bit register and four XOR gates, advanced by an enable.

/// Tap mask of the Galois form.
pub const TAPS: u32 = 0x8020_0003;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lfsr {
    pub state: u32,
}

impl Lfsr {
    /// A new LFSR; a zero seed (which would stay zero) is replaced by 1.
    pub fn new(seed: u32) -> Lfsr {
        Lfsr {
            state: if seed == 0 { 1 } else { seed },
        }
    }

    /// The state after one step from `s` (the combinational next-state function).
    #[inline]
    pub fn step(s: u32) -> u32 {
        let lsb = s & 1;
        (s >> 1) ^ (TAPS & 0u32.wrapping_sub(lsb))
    }

    /// Advance one step and return the new state (the random word of one rounded value).
    #[inline]
    pub fn next_word(&mut self) -> u32 {
        self.state = Lfsr::step(self.state);
        self.state
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_by_hand() {
        assert_eq!(Lfsr::step(1), TAPS); // lsb 1: 0 ^ taps
        assert_eq!(Lfsr::step(2), 1);
        assert_eq!(Lfsr::step(3), 1 ^ TAPS);
        let mut l = Lfsr::new(0);
        assert_eq!(l.next_word(), TAPS);
    }

    #[test]
    fn no_short_cycle_and_balanced_low_bits() {
        let mut l = Lfsr::new(0xACE1);
        let start = l.state;
        let n = 1 << 20;
        let mut ones = [0u32; 16];
        for i in 0..n {
            let w = l.next_word();
            assert_ne!(w, start, "cycle of length {}", i + 1);
            assert_ne!(w, 0);
            for (b, o) in ones.iter_mut().enumerate() {
                *o += (w >> b) & 1;
            }
        }
        // Each bit is 1 with p = 1/2: std of the count is 512; allow 6σ.
        for (b, &o) in ones.iter().enumerate() {
            assert!((o as i64 - (n / 2) as i64).abs() < 6 * 512, "bit {b}: {o}");
        }
    }
}
