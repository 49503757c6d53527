//! Layer 3: the rust-hdl hardware blocks, each equal to the golden model bit for bit.
//!
//! One unit = one file: its math, Q-formats, latency and picture in the `//!` doc, the `fixed`/`golden`
//! function it must equal, the `#[derive(LogicBlock)]` struct with an asserting `new()`, and its tests.
//! Every unit is proven in three simulators (rust-hdl, Icarus, Verilator) by [`harness`]; the list of
//! units that `mlp-rtl verify --units` runs is [`units`] — a new unit plugs in with one entry there;
//! whole designs (the engine) are in [`designs`].

pub mod act_unit;
pub mod axi_lite;
pub mod drain;
pub mod drain_ctl;
pub mod driver;
pub mod engine;
pub mod engine_tb;
pub mod fabric_dff;
pub mod harness;
pub mod host;
pub mod lfsr;
pub mod loss_unit;
pub mod mac_array;
pub mod narrow;
pub mod pe;
pub mod program;
pub mod regfile;
pub mod sequencer;
pub mod skew_mem;
pub mod update_unit;

use crate::config::Config;
use harness::HwUnit;
use rust_hdl::prelude::*;

/// Every unit proven by the harness, built for `cfg` (one entry per unit; add new units here).
pub fn units(cfg: &Config) -> Vec<Box<dyn HwUnit>> {
    vec![
        Box::new(pe::PeUnit::new(cfg)),
        Box::new(mac_array::MacArrayUnit::new(cfg)),
        Box::new(narrow::NarrowUnit::new(cfg)),
        Box::new(narrow::NarrowUnit::update(cfg)),
        Box::new(narrow::NarrowUnit::piped(cfg)),
        Box::new(lfsr::LfsrUnit::new(cfg)),
        Box::new(skew_mem::SkewMemUnit::act0(cfg)),
        Box::new(skew_mem::SkewMemUnit::w0(cfg)),
        Box::new(sequencer::SequencerUnit::new(cfg)),
        Box::new(regfile::RegFileUnit::new(cfg)),
        Box::new(act_unit::ActUnitHw::new(cfg)),
        Box::new(update_unit::UpdateUnitHw::new(cfg)),
        Box::new(loss_unit::LossUnitHw::new(cfg)),
        Box::new(drain::DrainTilesUnit::new(cfg)),
        Box::new(drain_ctl::DrainCtlUnit::new(cfg)),
        Box::new(drain_ctl::DrainCtlUnit::small(cfg)),
        Box::new(axi_lite::AxiLiteUnit::new(cfg)),
    ]
}

/// Whole designs proven by the harness like the units, but not part of [`units`] (whose Verilog
/// `mlp-rtl generate` writes under `units/`): today the engine top with its host-program testbench
/// ([`engine_tb::EngineUnit`], `mlp-rtl verify`'s `engine` row). Its Verilog reaches `generate`
/// through `flow::sources` (`engine.v`), once, not through this list.
pub fn designs(cfg: &Config) -> Vec<Box<dyn HwUnit>> {
    vec![Box::new(engine_tb::EngineUnit::new(cfg))]
}

/// `v` (two's complement, any `i64` whose low `N` bits are meant) as a rust-hdl `Signed<N>`.
/// Goes through `Bits` (never `signed_bit_cast`, which recurses forever on the most negative value).
#[inline]
pub fn to_signed<const N: usize>(v: i64) -> Signed<N> {
    signed_cast(to_bits::<N>(v as u64))
}

/// The value of a `Signed<N>` (N ≤ 64), sign-extended, without BigInt.
#[inline]
pub fn from_signed<const N: usize>(s: Signed<N>) -> i64 {
    let u = s.inner().to_u64();
    ((u << (64 - N)) as i64) >> (64 - N)
}

/// The low `N` bits of `v` as `Bits<N>`.
#[inline]
pub fn to_bits<const N: usize>(v: u64) -> Bits<N> {
    let m = if N >= 64 { u64::MAX } else { (1u64 << N) - 1 };
    Bits::<N>::from(v & m)
}

/// Mask of the low `bits` bits.
#[inline]
pub fn mask(bits: u32) -> u64 {
    if bits >= 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    }
}

/// One clock cycle of a hand-driven simulation: falling edge together with the new inputs (`set`),
/// settle, sample (`get`), rising edge. Changing inputs on the falling edge is what makes data
/// through sub-blocks arrive in the right cycle (see the rust-hdl notes).
#[inline]
pub fn cycle<B: Block, R>(
    uut: &mut B,
    clock: fn(&mut B) -> &mut Signal<In, Clock>,
    set: impl FnOnce(&mut B),
    get: impl FnOnce(&B) -> R,
) -> R {
    clock(uut).next = Clock::from(false);
    set(uut);
    assert!(simulate(uut, 200), "simulation did not settle");
    let r = get(uut);
    clock(uut).next = Clock::from(true);
    assert!(simulate(uut, 200), "simulation did not settle");
    r
}
