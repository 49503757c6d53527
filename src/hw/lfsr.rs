//! The stochastic-rounding source in hardware: the 32-bit Galois LFSR of [`crate::fixed::lfsr`].
//!
//! # Math (equal to `fixed::lfsr::Lfsr`, bit for bit)
//! Right-shifting Galois form, taps `0x8020_0003` (x^32 + x^22 + x^2 + x + 1):
//! `step(s) = (s >> 1) ^ (s[0] ? 0x8020_0003 : 0)`. One step per rounded value, *before* use:
//! `word` is the combinational `step(state_q)` — exactly what `Lfsr::next_word` returns — and a
//! consumer that uses `word` in a cycle raises `advance` in that cycle, which commits
//! `state_q ← word` at the rising edge.
//!
//! # Ports, latency
//! - `load` (priority over `advance`): `state_q ← seed`, or 1 if `seed` is 0 (as `Lfsr::new`).
//!   The zero test is not made here: `seed_zero` must be `seed == 0` whenever `load` is high (the
//!   engine's register file keeps it as a flip-flop, updated when the host writes the seed), and
//!   the load is `seed | seed_zero` (bit 0 only): one LUT level from the seed registers instead of
//!   a 32-bit zero test (three levels) in front of the state register and of the update unit's
//!   `nw_q`.
//! - `advance`: `state_q ← step(state_q)`.
//! - `word`: `step(state_q)`, combinational (0 latency); the state changes one edge later.
//! - The register starts at 0 (rust-hdl's `initial q = 0`), the LFSR's lock-up state, whose word is
//!   0: it must be loaded before use (the engine loads `fixed.lfsr_seed` at start).
//!
//! ```text
//!   seed ──►┐  (| seed_zero)       ┌──────────┐
//!   load ──►│ mux ──► state_q ──►──┤ step()   ├──┬──► word
//!           │  ▲        [32]       │ >>1, xor │  │
//!  advance ►│  └───────────────────└──────────┘◄─┘
//! ```
//! In iCE40 terms: 32 flip-flops with enable and a handful of LUTs.

use super::harness::{self, HwUnit, Port, Vectors};
use super::to_bits;
use crate::config::Config;
use crate::fixed::lfsr::{Lfsr, TAPS};
use proptest::prelude::*;
use rust_hdl::prelude::*;

#[derive(LogicBlock)]
pub struct LfsrBlock {
    pub clock: Signal<In, Clock>,
    /// Load `seed` (0 becomes 1).
    pub load: Signal<In, Bit>,
    pub seed: Signal<In, Bits<32>>,
    /// `seed == 0` (required whenever `load` is high; the seed then loads as 1).
    pub seed_zero: Signal<In, Bit>,
    /// Commit one step (the consumer used `word` this cycle).
    pub advance: Signal<In, Bit>,
    /// `step(state_q)`: the random word of the value rounded this cycle.
    pub word: Signal<Out, Bits<32>>,
    /// The state register (read by the engine's LFSR_LO/HI registers).
    pub state: Signal<Out, Bits<32>>,
    pub state_q: DFF<Bits<32>>,
    /// `step(state_q)` (32 bits).
    next_word: Signal<Local, Bits<32>>,
    /// `seed_zero` as bit 0 of a word (ORed into the seed).
    zb: Signal<Local, Bits<32>>,
    taps_c: Constant<Bits<32>>,
    zero_c: Constant<Bits<32>>,
    one_c: Constant<Bits<32>>,
}

impl LfsrBlock {
    pub fn new() -> LfsrBlock {
        LfsrBlock {
            clock: Default::default(),
            load: Default::default(),
            seed: Default::default(),
            seed_zero: Default::default(),
            advance: Default::default(),
            word: Default::default(),
            state: Default::default(),
            state_q: Default::default(),
            next_word: Default::default(),
            zb: Default::default(),
            taps_c: Constant::new(to_bits(TAPS as u64)),
            zero_c: Constant::new(to_bits(0)),
            one_c: Constant::new(to_bits(1)),
        }
    }
}

impl Default for LfsrBlock {
    fn default() -> Self {
        Self::new()
    }
}

impl Logic for LfsrBlock {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, state_q);
        if self.state_q.q.val().get_bit(0) {
            self.next_word.next = (self.state_q.q.val() >> 1) ^ self.taps_c.val();
        } else {
            self.next_word.next = self.state_q.q.val() >> 1;
        }
        self.word.next = self.next_word.val();
        self.state.next = self.state_q.q.val();
        self.zb.next = self.zero_c.val();
        if self.seed_zero.val() {
            self.zb.next = self.one_c.val();
        }
        if self.load.val() {
            self.state_q.d.next = self.seed.val() | self.zb.val();
        } else if self.advance.val() {
            self.state_q.d.next = self.next_word.val();
        }
    }
}

/// The LFSR as a harness unit.
pub struct LfsrUnit {
    pub seed: u32,
}

impl LfsrUnit {
    pub fn new(cfg: &Config) -> LfsrUnit {
        LfsrUnit {
            seed: cfg.fixed.lfsr_seed,
        }
    }
    fn build(&self) -> LfsrBlock {
        let mut b = LfsrBlock::new();
        b.connect_all();
        b
    }
}

impl HwUnit for LfsrUnit {
    fn name(&self) -> &'static str {
        "lfsr"
    }
    fn verilog(&self) -> String {
        generate_verilog(&self.build())
    }
    fn vectors(&self, seed: u64) -> Vectors {
        let mut r = harness::runner(seed);
        let mut v = Vectors::new(
            vec![
                Port::new("load", 1),
                Port::new("seed", 32),
                Port::new("seed_zero", 1),
                Port::new("advance", 1),
            ],
            vec![Port::new("word", 32), Port::new("state", 32)],
        );
        let load_s = proptest::bool::weighted(0.01);
        let adv_s = proptest::bool::weighted(0.7);
        let seed_s = prop_oneof![
            4 => any::<u32>(),
            1 => prop::sample::select(vec![0u32, 1, 0x8000_0000, u32::MAX, TAPS]),
        ];
        // The register's reset value 0 (the lock-up state), then the configured seed.
        let mut m = Lfsr { state: 0 };
        for n in 0..4000 {
            let (load, s) = if n == 1 {
                (true, self.seed)
            } else {
                (
                    harness::draw(&mut r, &load_s),
                    harness::draw(&mut r, &seed_s),
                )
            };
            let adv = harness::draw(&mut r, &adv_s);
            v.push(
                vec![load as u64, s as u64, (s == 0) as u64, adv as u64],
                vec![Lfsr::step(m.state) as u64, m.state as u64],
                vec![true, true],
                format!("cycle {n}"),
            );
            if load {
                m = Lfsr::new(s);
            } else if adv {
                m.next_word();
            }
        }
        v
    }
    fn run_rusthdl(&self, inputs: &[Vec<u64>]) -> Vec<Vec<u64>> {
        let mut b = self.build();
        fn clk(b: &mut LfsrBlock) -> &mut Signal<In, Clock> {
            &mut b.clock
        }
        super::cycle(&mut b, clk, |_| {}, |_| ());
        inputs
            .iter()
            .map(|x| {
                super::cycle(
                    &mut b,
                    clk,
                    |b| {
                        b.load.next = x[0] != 0;
                        b.seed.next = to_bits(x[1]);
                        b.seed_zero.next = x[2] != 0;
                        b.advance.next = x[3] != 0;
                    },
                    |b| vec![b.word.val().to_u64(), b.state.val().to_u64()],
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(16))]
        #[test]
        fn rusthdl_equals_golden(seed in any::<u64>()) {
            let u = LfsrUnit { seed: 0xACE1 };
            let mut v = u.vectors(seed);
            v.vectors.truncate(500);
            let r = harness::check_rusthdl(&u, &v);
            prop_assert_eq!(r.mismatches, 0, "{}", r.report.join("\n"));
        }
    }

    #[test]
    fn lfsr_three_simulators() {
        let mut cfg = Config::default();
        cfg.fixed.lfsr_seed = Config::default().fixed.lfsr_seed;
        harness::prove_unit(&LfsrUnit::new(&cfg));
    }
}
